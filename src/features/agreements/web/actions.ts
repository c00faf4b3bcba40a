import type { FastifyInstance } from "fastify";
import type { Actor } from "../../../platform/auth/actor";
import { dateFromParts, datePartsOf, today, ukDate } from "../../../platform/dates/calendar";
import type { Db } from "../../../platform/db/client";
import type { FieldError } from "../../../platform/errors";
import { ConflictError, NotFoundError, NotPermittedError, ValidationError } from "../../../platform/errors";
import { actorOf } from "../../../platform/http/auth/plugin";
import {
  bodyOf,
  type ErrorSummary,
  errorSummary,
  formHelpers,
  list,
  optionsOf,
  queryOf,
  str,
  withFormErrors,
} from "../../../platform/web-kit/forms";
import { listOrganisations } from "../../organisations-and-users/services/organisations";
import { readinessErrors } from "../domain/consistency";
import { CONTROLLER_RELATIONSHIP_LABELS, CONTROLLER_RELATIONSHIPS } from "../domain/content";
import { ARTICLE_6, ARTICLE_6_LABELS, ARTICLE_9_10, ARTICLE_9_10_LABELS, GATEWAY_LABELS, GATEWAYS } from "../domain/lawful-basis";
import {
  ACTIONS_NEEDING_REASON,
  type AgreementAction,
  defaultReviewDate,
  isOperating,
  latestReviewDate,
  nextStatus,
} from "../domain/lifecycle";
import { changeAgreementStatus } from "../services/change-status";
import { buildDocument } from "../services/load-document";
import { REVIEW_OUTCOMES, recordReview } from "../services/review-agreement";
import { signAgreement } from "../services/sign-agreement";
import { signatoryCandidates } from "../services/signatory-candidates";
import { discardPendingVersion, proposeAccession, returnToDraft, sendForSignature } from "../services/versions";
import { agreementId, sectionHref } from "./agreement-pages";
import { type AgreementState, canSignNow, loadAgreementState, partyStatuses, WEB_ACTIONS, type WebAction, webActionLabel } from "./load";

const ACTION_DESCRIPTIONS: Record<WebAction, string> = {
  send_for_signature:
    "Each party's named signatory will be asked to sign this version in Safeshare. Nobody can change it while it is out for signature; you can return it to draft if something needs to change.",
  return_to_draft:
    "The version goes back to draft so its terms can change. Any signatures already given on it lapse, and every party will need to sign again.",
  start_review: "The agreement stays in force while you review it. Record the review when you have finished, with the next review date.",
  suspend: "Information may not be shared under a suspended agreement until it is reinstated. Every party will see that it is suspended.",
  reinstate:
    "The agreement becomes active again. If it is more than 3 months past its review date it stays out of force until you record a review.",
  expire: "An expired agreement has ended: information may no longer be shared under it, and its terms can no longer change.",
  terminate:
    "A terminated agreement has ended: information may no longer be shared under it, and its terms can no longer change. Any pending version is discarded.",
  discard: "The pending version is discarded and never comes into force. The version in force is not affected.",
};

const REVIEW_OUTCOME_LABELS: Record<(typeof REVIEW_OUTCOMES)[number], string> = {
  NO_CHANGE: "No change needed: the terms stay as they are",
  VARIATION_NEEDED: "The terms need to change: a variation will follow",
};

function actionParam(params: unknown): WebAction {
  const action = WEB_ACTIONS.find((a) => a === (params as { action?: string }).action);
  if (!action) throw new NotFoundError("The action");
  return action;
}

function assertManager(state: AgreementState): void {
  if (!state.canManage)
    throw new NotPermittedError("Only an IG lead of the owning organisation or a partnership administrator can change this agreement");
}

/** Lifecycle actions, signing, reviews and accessions: each a confirmation page that works without JavaScript. */
export async function actionPages(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  // ---- Lifecycle actions ----

  const actionContext = (state: AgreementState, action: WebAction) => {
    const { agreement, pending } = state;
    const needsChangeSummary = action === "send_for_signature" && pending?.kind === "VARIATION";
    const readiness =
      action === "send_for_signature" && pending?.state === "DRAFT" ? readinessErrors(pending.content, agreement.ownerOrganisationId) : [];
    return {
      agreement,
      reference: state.reference,
      title: state.latest.content.documentControl.title,
      action,
      label: webActionLabel(action),
      description: ACTION_DESCRIPTIONS[action],
      pendingVersion: pending?.version,
      needsReason: (ACTIONS_NEEDING_REASON as readonly string[]).includes(action),
      needsChangeSummary,
      readiness: readiness.map((e) => ({ text: e.message, href: sectionHref(agreement.id, e.path) })),
      warning: action === "terminate" || action === "expire" || action === "suspend" || action === "discard",
      values: { changeSummary: pending?.changeSummary ?? "" },
      errors: {},
    };
  };

  app.get("/agreements/:id/actions/:action", async (request, reply) => {
    const actor = actorOf(request);
    const action = actionParam(request.params);
    const state = await loadAgreementState(db, actor, agreementId(request));
    assertManager(state);
    return reply.view("agreements/action", actionContext(state, action));
  });

  app.post("/agreements/:id/actions/:action", async (request, reply) => {
    const actor = actorOf(request);
    const id = agreementId(request);
    const action = actionParam(request.params);
    const state = await loadAgreementState(db, actor, id);
    assertManager(state);
    const body = bodyOf(request);
    const values = { reason: str(body, "reason"), changeSummary: str(body, "changeSummary") };
    return withFormErrors(
      reply,
      (summary) => reply.view("agreements/action", { ...actionContext(state, action), values, ...summary }),
      async () => {
        await perform(actor, state, action, values);
        return reply.redirect(`/agreements/${id}?outcome=${action === "discard" ? "discarded" : action}`);
      },
      {
        leadWithMessage: true,
        hrefFor: (path, fieldId) => (path === "/reason" || path === "/changeSummary" ? `#${fieldId}` : sectionHref(id, path)),
      },
    );
  });

  async function perform(actor: Actor, state: AgreementState, action: WebAction, values: { reason: string; changeSummary: string }) {
    const { agreement } = state;
    const reason = values.reason.trim();
    if ((ACTIONS_NEEDING_REASON as readonly string[]).includes(action) && !reason) {
      throw new ValidationError([{ path: "/reason", message: "Give the reason, so the decision can be explained later" }]);
    }
    if (action === "discard") return discardPendingVersion(db, actor, agreement.id);
    // A variation or accession of an agreement in force moves through its own states while the
    // agreement stays active: those go straight to the version services.
    if (action === "send_for_signature" && agreement.status !== "DRAFT") {
      return sendForSignature(db, actor, agreement.id, { changeSummary: values.changeSummary });
    }
    if (action === "return_to_draft" && agreement.status !== "AWAITING_SIGNATURES") return returnToDraft(db, actor, agreement.id, reason);
    const check = nextStatus(agreement.status, action as AgreementAction);
    if (!check.ok) throw new ConflictError(check.reason);
    return changeAgreementStatus(db, actor, agreement.id, action as AgreementAction, {
      reason: reason || undefined,
      changeSummary: values.changeSummary || undefined,
    });
  }

  // ---- Signing ----

  async function signContext(actor: Actor, state: AgreementState) {
    const version = state.pending;
    if (version?.state !== "AWAITING_SIGNATURES") throw new ConflictError("There is no version of this agreement waiting for signatures");
    const doc = await buildDocument(db, state.agreement, version);
    if (!canSignNow(actor, doc, version)) {
      const party = version.content.parties.find((p) => p.organisationId === actor.organisationId);
      if (doc.signatures.some((s) => s.organisationId === actor.organisationId && s.version === version.version)) {
        throw new ConflictError(`${actor.organisationName} has already signed version ${version.version}`);
      }
      throw new NotPermittedError(
        party && version.requiredSignatories.includes(actor.organisationId)
          ? `Only the named signatory for ${actor.organisationName} can sign`
          : `Your organisation is not asked to sign version ${version.version}`,
      );
    }
    return {
      agreement: state.agreement,
      reference: state.reference,
      title: doc.title,
      version: version.version,
      kind: version.kind,
      changeSummary: version.changeSummary,
      parties: partyStatuses(doc, version),
      organisationName: actor.organisationName,
      errors: {},
    };
  }

  app.get("/agreements/:id/sign", async (request, reply) => {
    const actor = actorOf(request);
    const state = await loadAgreementState(db, actor, agreementId(request));
    return reply.view("agreements/sign", await signContext(actor, state));
  });

  app.post("/agreements/:id/sign", async (request, reply) => {
    const actor = actorOf(request);
    const id = agreementId(request);
    const state = await loadAgreementState(db, actor, id);
    const body = bodyOf(request);
    const version = Number(str(body, "version"));
    const context = await signContext(actor, state);
    return withFormErrors(
      reply,
      // Nothing typed is shown again: the password field is always empty.
      (summary) => reply.view("agreements/sign", { ...context, ...summary }),
      async () => {
        const password = str(body, "password");
        if (!password) throw new ValidationError([{ path: "/password", message: "Enter your password" }]);
        if (!Number.isInteger(version) || version < 1 || version > 2_147_483_647)
          throw new ValidationError([{ path: "/password", message: "Reload the page and try again" }]);
        await signAgreement(db, actor, id, { version, password });
        return reply.redirect(`/agreements/${id}?signed=${version}`);
      },
      { leadWithMessage: true },
    );
  });

  // ---- Review ----

  const reviewContext = (state: AgreementState) => {
    const day = today();
    return {
      agreement: state.agreement,
      reference: state.reference,
      title: state.latest.content.documentControl.title,
      nextReviewDate: state.agreement.nextReviewDate ? ukDate(state.agreement.nextReviewDate) : null,
      latest: ukDate(latestReviewDate(day)),
      outcomeItems: (selected: string) => formHelpers.radioItems(optionsOf(REVIEW_OUTCOMES, REVIEW_OUTCOME_LABELS), selected),
      errors: {},
    };
  };

  app.get("/agreements/:id/review", async (request, reply) => {
    const actor = actorOf(request);
    const state = await loadAgreementState(db, actor, agreementId(request));
    assertManager(state);
    const interval = (state.inForce ?? state.latest).content.review.intervalMonths;
    return reply.view("agreements/review", {
      ...reviewContext(state),
      values: { nextReviewDate: datePartsOf(defaultReviewDate(today(), interval)), outcome: "" },
    });
  });

  app.post("/agreements/:id/review", async (request, reply) => {
    const actor = actorOf(request);
    const id = agreementId(request);
    const state = await loadAgreementState(db, actor, id);
    assertManager(state);
    const body = bodyOf(request);
    const values = {
      nextReviewDate: {
        day: str(body, "nextReviewDate-day"),
        month: str(body, "nextReviewDate-month"),
        year: str(body, "nextReviewDate-year"),
      },
      outcome: str(body, "outcome"),
    };
    return withFormErrors(
      reply,
      (summary) => reply.view("agreements/review", { ...reviewContext(state), values, ...summary }),
      async () => {
        const errors: FieldError[] = [];
        const date = dateFromParts(values.nextReviewDate, "/nextReviewDate", errors, "The next review date");
        if (!date && !errors.length) errors.push({ path: "/nextReviewDate", message: "Enter the next review date" });
        if (!(REVIEW_OUTCOMES as readonly string[]).includes(values.outcome))
          errors.push({ path: "/outcome", message: "Select the outcome of the review" });
        if (errors.length) throw new ValidationError(errors);
        await recordReview(db, actor, id, { nextReviewDate: date!, outcome: values.outcome as (typeof REVIEW_OUTCOMES)[number] });
        return reply.redirect(`/agreements/${id}?outcome=reviewed`);
      },
      { leadWithMessage: true, dateFields: ["nextReviewDate"] },
    );
  });

  // ---- Accession: step 1 chooses the organisation (a GET form), step 2 the rest ----

  async function accessionContext(state: AgreementState, organisationId: string) {
    assertManager(state);
    const terms = state.inForce;
    if (!terms || !isOperating(state.agreement)) {
      throw new ConflictError("An organisation can only join an agreement that is in force");
    }
    if (state.pending) throw new ConflictError(`Version ${state.pending.version} is still pending: send it, or discard it, first`);
    const organisations = await listOrganisations(db);
    const parties = new Set(terms.content.parties.map((p) => p.organisationId));
    const candidates = organisations.filter((o) => !parties.has(o.id));
    const chosen = candidates.find((o) => o.id === organisationId);
    const signatories = chosen ? ((await signatoryCandidates(db, [chosen.id]))[chosen.id] ?? []) : [];
    return {
      ...formHelpers,
      agreement: state.agreement,
      reference: state.reference,
      title: terms.content.documentControl.title,
      organisationOptions: candidates.map((o) => ({ value: o.id, text: o.name })),
      chosen: chosen ? { id: chosen.id, name: chosen.name } : null,
      signatoryOptions: signatories.map((u) => ({ value: u.id, text: u.name })),
      controllerOptions: optionsOf(CONTROLLER_RELATIONSHIPS, CONTROLLER_RELATIONSHIP_LABELS),
      gatewayOptions: GATEWAYS.map((g) => ({ value: g, text: `${GATEWAY_LABELS[g]} (${g})` })),
      article6Options: ARTICLE_6.map((a) => ({ value: a, text: `${ARTICLE_6_LABELS[a]} (${a})` })),
      article9Options: ARTICLE_9_10.map((a) => ({ value: a, text: `${ARTICLE_9_10_LABELS[a]} (${a})` })),
      errors: {} as Record<string, { text: string }>,
    };
  }

  app.get("/agreements/:id/accession", async (request, reply) => {
    const actor = actorOf(request);
    const state = await loadAgreementState(db, actor, agreementId(request));
    const organisationId = queryOf(request).organisationId ?? "";
    const context = await accessionContext(state, organisationId);
    const show = (summary: ErrorSummary) =>
      reply.view("agreements/accession", {
        ...context,
        values: { organisationId, controllerRelationship: "SEPARATE", gateways: [], article6: [], article9: [] },
        ...summary,
      });
    return withFormErrors(reply, show, async () => {
      if (organisationId && !context.chosen) {
        throw new ValidationError([{ path: "/organisationId", message: "Select an organisation that is not already a party" }]);
      }
      return show(errorSummary([]));
    });
  });

  app.post("/agreements/:id/accession", async (request, reply) => {
    const actor = actorOf(request);
    const id = agreementId(request);
    const state = await loadAgreementState(db, actor, id);
    const body = bodyOf(request);
    const values = {
      organisationId: str(body, "organisationId"),
      controllerRelationship: str(body, "controllerRelationship"),
      signatoryUserId: str(body, "signatoryUserId"),
      signatoryJobTitle: str(body, "signatoryJobTitle"),
      gateways: list(body, "gateways"),
      article6: list(body, "article6"),
      article9: list(body, "article9"),
    };
    const context = await accessionContext(state, values.organisationId);
    return withFormErrors(
      reply,
      (summary) => reply.view("agreements/accession", { ...context, values, ...summary }),
      async () => {
        const created = await proposeAccession(db, actor, id, {
          organisationId: values.organisationId,
          controllerRelationship: (values.controllerRelationship || undefined) as never,
          signatoryUserId: values.signatoryUserId,
          signatoryJobTitle: values.signatoryJobTitle,
          gateways: values.gateways as never,
          article6: values.article6 as never,
          article9: values.article9 as never,
        });
        return reply.redirect(`/agreements/${id}?accession=${created.version}`);
      },
      // The service checks the new party as part of the whole agreement: "/parties/3/signatoryUserId" is this form's signatory.
      { leadWithMessage: true, mapPath: (path) => path.replace(/^\/(parties|legalBasis)\/\d+(?=\/|$)/, "") || "/organisationId" },
    );
  });
}

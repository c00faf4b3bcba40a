import type { FastifyInstance } from "fastify";
import type { Actor } from "../../../platform/auth/actor";
import type { Db } from "../../../platform/db/client";
import { ConflictError, NotFoundError, ValidationError } from "../../../platform/errors";
import { actorOf } from "../../../platform/http/auth/plugin";
import { bodyOf, str, withFormErrors } from "../../../platform/web-kit/forms";
import { readinessErrors } from "../domain/consistency";
import { ACTIONS_NEEDING_REASON, type AgreementAction, nextStatus } from "../domain/lifecycle";
import { changeAgreementStatus } from "../services/change-status";
import { discardPendingVersion, returnToDraft, sendForSignature } from "../services/versions";
import { agreementId, sectionHref } from "./agreement-pages";
import { type AgreementState, assertManager, loadAgreementState, WEB_ACTIONS, type WebAction, webActionLabel } from "./load";

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

function actionParam(params: unknown): WebAction {
  const action = WEB_ACTIONS.find((a) => a === (params as { action?: string }).action);
  if (!action) throw new NotFoundError("The action");
  return action;
}

/**
 * The lifecycle actions (send for signature, return to draft, review, suspend, reinstate, expire,
 * terminate, discard a pending version): each a confirmation page that works without JavaScript.
 * Signing, recording a review and accession have their own pages (signing.ts, review.ts, accession.ts).
 */
export async function actionPages(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
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
}

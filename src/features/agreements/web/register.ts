import type { FastifyInstance } from "fastify";
import type { Actor } from "../../../platform/auth/actor";
import { hasAnyRole } from "../../../platform/auth/roles";
import { today, ukDate } from "../../../platform/dates/calendar";
import type { Db } from "../../../platform/db/client";
import { actorOf } from "../../../platform/http/auth/plugin";
import { message } from "../../../platform/messages";
import { bodyOf, formHelpers, list, optionsOf, queryOf, str, withFormErrors } from "../../../platform/web-kit/forms";
import { loadOrganisations } from "../../organisations-and-users";
import { SECTION_TITLES, SECTIONS, TIER_LABELS, TIERS, type Tier } from "../domain/content";
import { agreementReference } from "../domain/document";
import {
  AGREEMENT_STATUS_LABELS,
  AGREEMENT_STATUSES,
  canDraftAgreements,
  notInForceReason,
  REVIEW_STATE_LABELS,
  reviewState,
  VERSION_KIND_LABELS,
  VERSION_STATE_LABELS,
} from "../domain/lifecycle";
import { AGREEMENTS_MESSAGES } from "../domain/messages";
import { QUALITY_RULES } from "../domain/quality";
import { createFromTemplate } from "../services/create-agreement";
import { buildDocument } from "../services/load-document";
import { agreementQuality } from "../services/quality";
import { loadAgreements } from "../services/queries";
import { agreementId, OUTCOME_MESSAGES, REVIEW_TAG_CLASSES, sectionHref, statusTag, VERSION_STATE_TAG_CLASSES } from "./agreement-pages";
import { actionLinks, canSignNow, loadAgreementState, partyStatuses } from "./load";

const TIER_SHORT: Record<Tier, string> = { STRATEGIC: "Tier 1", OPERATIONAL: "Tier 2" };

/** The register, a new agreement from the model template, and one agreement's overview. */
export async function registerPages(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  app.get("/agreements", async (request, reply) => {
    const actor = actorOf(request);
    const q = queryOf(request);
    const status = AGREEMENT_STATUSES.find((s) => s === q.status);
    const tier = TIERS.find((t) => t === q.tier);
    const [rows, organisations] = await Promise.all([
      loadAgreements(db, actor, { status: status ? [status] : undefined, tier }),
      loadOrganisations(db),
    ]);
    const names = new Map(organisations.map((o) => [o.id, o.name]));
    const day = today();
    const agreements = rows.map((a) => {
      const reason = notInForceReason(a, a.parent, day);
      const review = reviewState(a.nextReviewDate, day);
      return {
        id: a.id,
        reference: agreementReference(a.number),
        title: a.title,
        tier: TIER_SHORT[a.tier],
        owner: names.get(a.ownerOrganisationId) ?? "Unknown organisation",
        status: statusTag(a, day),
        inForce: reason === null,
        review: a.inForceVersion === null ? null : REVIEW_STATE_LABELS[review],
        reviewClass: REVIEW_TAG_CLASSES[review],
        nextReviewDate: a.nextReviewDate ? ukDate(a.nextReviewDate) : null,
      };
    });
    return reply.view("agreements/list", {
      agreements,
      filters: { status: status ?? "", tier: tier ?? "" },
      filtered: !!(status || tier),
      statusItems: formHelpers.selectItems(optionsOf(AGREEMENT_STATUSES, AGREEMENT_STATUS_LABELS), status, "Any status"),
      tierItems: formHelpers.selectItems(
        TIERS.map((t) => ({ value: t, text: TIER_SHORT[t] })),
        tier,
        "Any tier",
      ),
      canDraft: canDraftAgreements(actor),
    });
  });

  const newContext = async (actor: Actor) => {
    const [organisations, parents] = await Promise.all([loadOrganisations(db), loadAgreements(db, actor, { tier: "STRATEGIC" })]);
    const isAdmin = hasAnyRole(actor.roles, ["partnership_admin"]);
    return {
      ...formHelpers,
      tierOptions: TIERS.map((t) => ({ value: t, text: TIER_LABELS[t] })),
      parentOptions: parents
        .filter((p) => p.status !== "TERMINATED" && p.status !== "EXPIRED")
        .map((p) => ({ value: p.id, text: `${agreementReference(p.number)}: ${p.title}` })),
      organisationOptions: organisations.map((o) => ({ value: o.id, text: o.name })),
      partyOptions: organisations.filter((o) => isAdmin || o.id !== actor.organisationId).map((o) => ({ value: o.id, text: o.name })),
      isAdmin,
    };
  };

  app.get("/agreements/new", async (request, reply) => {
    const actor = actorOf(request);
    if (!canDraftAgreements(actor)) return reply.redirect("/agreements");
    return reply.view("agreements/new", {
      ...(await newContext(actor)),
      values: { ownerOrganisationId: actor.organisationId, partyOrganisationIds: [] },
    });
  });

  app.post("/agreements/new", async (request, reply) => {
    const actor = actorOf(request);
    const body = bodyOf(request);
    const values = {
      title: str(body, "title"),
      tier: str(body, "tier"),
      parentAgreementId: str(body, "parentAgreementId"),
      partyOrganisationIds: list(body, "partyOrganisationIds"),
      ownerOrganisationId: str(body, "ownerOrganisationId"),
    };
    const context = await newContext(actor);
    return withFormErrors(
      reply,
      (summary) => reply.view("agreements/new", { ...context, values, ...summary }),
      async () => {
        const created = await createFromTemplate(db, actor, {
          title: values.title,
          tier: values.tier as Tier,
          parentAgreementId: values.tier === "OPERATIONAL" && values.parentAgreementId ? values.parentAgreementId : null,
          partyOrganisationIds: values.partyOrganisationIds,
          ...(context.isAdmin && values.ownerOrganisationId ? { ownerOrganisationId: values.ownerOrganisationId } : {}),
        });
        return reply.redirect(`/agreements/${created.id}?outcome=created`);
      },
      {
        leadWithMessage: true,
        mapPath: (path) =>
          path.startsWith("/documentControl/")
            ? path.replace("/documentControl", "")
            : path.startsWith("/parties") || path.startsWith("/partyOrganisationIds")
              ? "/partyOrganisationIds"
              : path,
      },
    );
  });

  app.get("/agreements/:id", async (request, reply) => {
    const actor = actorOf(request);
    const id = agreementId(request);
    const state = await loadAgreementState(db, actor, id);
    const { agreement, latest, inForce, pending } = state;
    const now = new Date();
    const day = today(now);
    const organisations = await loadOrganisations(db);
    // The version being worked on: a pending one, else the one in force (not a discarded attempt).
    const working = pending ?? inForce ?? latest;
    const doc = await buildDocument(db, agreement, working, now);
    // The same check the API reports, on the version being worked on (its effective terms).
    const quality = await agreementQuality(db, actor, id, working.version);
    const sectionStatus = new Map(quality.sections.map((s) => [s.section, s]));
    const q = queryOf(request);
    const signedVersion = Number(q.signed);
    const outcome = q.outcome && OUTCOME_MESSAGES[q.outcome];
    const banners: string[] = [];
    if (Number.isInteger(signedVersion) && signedVersion > 0) {
      banners.push(
        `You have signed version ${signedVersion}.${agreement.inForceVersion === signedVersion ? ` Every party has now signed: version ${signedVersion} is in force.` : ""}`,
      );
    }
    if (outcome) banners.push(outcome);
    if (q.saved && SECTIONS.includes(q.saved as never)) banners.push(`${SECTION_TITLES[q.saved as keyof typeof SECTION_TITLES]} saved.`);
    if (q.accession) banners.push(`Version ${q.accession} adds the new party. Their signatory can now sign the accession.`);

    const reason = notInForceReason(agreement, agreement.parent, day);
    const review = reviewState(agreement.nextReviewDate, day);
    const owner = organisations.find((o) => o.id === agreement.ownerOrganisationId);
    const nextVersion = agreement.latestVersion + 1;
    const variationNotice = !state.canEdit
      ? null
      : latest.state === "DRAFT" && latest.kind === "VARIATION"
        ? `You are changing version ${latest.version}, a variation of version ${agreement.inForceVersion}. Version ${agreement.inForceVersion} stays in force until every party signs version ${latest.version}.`
        : agreement.inForceVersion !== null && latest.state !== "DRAFT"
          ? `This agreement is in force. Changing any section starts a variation: a new version (version ${nextVersion}) that every party must sign again. Version ${agreement.inForceVersion} stays in force until then.`
          : null;

    return reply.view("agreements/show", {
      agreement,
      reference: state.reference,
      title: doc.title,
      banners,
      status: statusTag(agreement, day),
      statusReason: agreement.statusReason,
      tier: TIER_LABELS[doc.tier],
      owner: owner?.name ?? "Unknown organisation",
      parent: doc.parent,
      inForce: reason === null,
      notInForceReason: reason,
      reviewLabel: REVIEW_STATE_LABELS[review],
      reviewClass: REVIEW_TAG_CLASSES[review],
      inForceSince: agreement.inForceSince ? ukDate(agreement.inForceSince) : null,
      lastReviewedOn: agreement.lastReviewedOn ? ukDate(agreement.lastReviewedOn) : null,
      nextReviewDate: agreement.nextReviewDate ? ukDate(agreement.nextReviewDate) : null,
      inForceVersion: inForce ? { version: inForce.version, state: VERSION_STATE_LABELS[inForce.state] } : null,
      latestVersion: {
        version: latest.version,
        kind: VERSION_KIND_LABELS[latest.kind],
        state: VERSION_STATE_LABELS[latest.state],
        stateClass: VERSION_STATE_TAG_CLASSES[latest.state],
        changeSummary: latest.changeSummary,
      },
      pending: pending ? { version: pending.version, state: pending.state } : null,
      parties: partyStatuses(doc, working),
      partiesVersion: working.version,
      canSign: canSignNow(actor, doc, pending),
      actions: actionLinks(state),
      canEdit: state.canEdit,
      canManage: state.canManage,
      editBlockedReason: state.editBlockedReason,
      variationNotice,
      quality: {
        score: quality.score,
        findings: quality.findings.map((f) => ({
          ...f,
          rule: QUALITY_RULES[f.code],
          href: state.canEdit ? sectionHref(agreement.id, f.path) : undefined,
          nextStep: message(AGREEMENTS_MESSAGES.en, state.canEdit ? "qualityNextStep.edit" : "qualityNextStep.ask", {
            section: SECTION_TITLES[f.section],
          }),
          sectionTitle: SECTION_TITLES[f.section],
        })),
        missing: quality.findings.filter((f) => f.severity === "missing").length,
        weak: quality.findings.filter((f) => f.severity === "weak").length,
      },
      qualityVersion: working.version,
      tasks: SECTIONS.map((section) => {
        const s = sectionStatus.get(section);
        const inherited = doc.inherited.includes(section as never);
        return {
          section,
          title: SECTION_TITLES[section],
          href: `/agreements/${agreement.id}/sections/${section}`,
          status: s?.status ?? "complete",
          findings: s?.findings ?? 0,
          inherited,
        };
      }),
      versionCount: state.versions.length,
      compare: state.versions.length > 1 ? { from: state.versions[1]!.version, to: state.versions[0]!.version } : null,
    });
  });
}

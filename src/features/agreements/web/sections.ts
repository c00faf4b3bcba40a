import type { FastifyInstance, FastifyReply } from "fastify";
import { z } from "zod";
import type { Actor } from "../../../platform/auth/actor";
import type { Db } from "../../../platform/db/client";
import { ConflictError, NotFoundError, NotPermittedError, ValidationError } from "../../../platform/errors";
import { actorOf } from "../../../platform/http/auth/plugin";
import { bodyOf, formHelpers, optionsOf, str, withFormErrors } from "../../../platform/web-kit/forms";
import { loadOrganisations } from "../../organisations-and-users";
import {
  ITEM_CATEGORIES,
  ITEM_CATEGORY_LABELS,
  ITEM_KIND_LABELS,
  ITEM_KINDS,
  SUBJECT_KIND_LABELS,
  SUBJECT_KINDS,
} from "../../records/domain";
import {
  type AgreementContent,
  CONTROLLER_RELATIONSHIP_LABELS,
  CONTROLLER_RELATIONSHIPS,
  DSP_TOOLKIT_LABELS,
  DSP_TOOLKIT_STATUSES,
  FREQUENCIES,
  FREQUENCY_LABELS,
  INHERITABLE_SECTIONS,
  ONWARD_DISCLOSURE,
  ONWARD_DISCLOSURE_LABELS,
  SECTION_TITLES,
  SECTIONS,
  type Section,
  TIER_LABELS,
  TIERS,
  TRANSFER_METHOD_LABELS,
  TRANSFER_METHODS,
} from "../domain/content";
import { agreementReference } from "../domain/document";
import {
  ARTICLE_6,
  ARTICLE_6_LABELS,
  ARTICLE_9_10,
  ARTICLE_9_10_LABELS,
  COMMON_LAW_ROUTE_LABELS,
  COMMON_LAW_ROUTES,
  GATEWAY_LABELS,
  GATEWAYS,
  PARA_18_REASON_LABELS,
  PARA_18_REASONS,
} from "../domain/lawful-basis";
import { SECTION_GUIDANCE } from "../domain/model-template";
import { PURPOSE_CODES, PURPOSE_LABELS } from "../domain/purposes";
import { editAgreement } from "../services/edit-agreement";
import { loadAgreements, loadVisibleVersion } from "../services/queries";
import { signatoryCandidates } from "../services/signatory-candidates";
import { agreementId, sectionHref, sectionOfPath } from "./agreement-pages";
import { type AgreementState, loadAgreementState } from "./load";
import { BLANK_ENTRIES, SECTION_FORMS } from "./section-forms";

function sectionParam(params: unknown): Section {
  const section = SECTIONS.find((s) => s === (params as { section?: string }).section);
  if (!section) throw new NotFoundError("The section");
  return section;
}

/** The 14 section edit pages, each with the model template's guidance beside the form. */
export async function sectionPages(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  /** The version an edit will change, and the content the form starts from. */
  async function editable(
    actor: Actor,
    id: string,
    { whenBlocked = "throw" }: { whenBlocked?: "throw" | "continue" } = {},
  ): Promise<{ state: AgreementState; content: AgreementContent; notice: string | null }> {
    const state = await loadAgreementState(db, actor, id);
    if (!state.canManage)
      throw new NotPermittedError("Only an IG lead of the owning organisation or a partnership administrator can change this agreement");
    if (!state.canEdit && whenBlocked === "throw")
      throw new ConflictError(state.editBlockedReason ?? "This agreement cannot be changed now");
    // The form starts from the draft being worked on, else the terms in force (never a discarded attempt).
    const latest = state.pending ?? state.inForce ?? (await loadVisibleVersion(db, actor, state.agreement, state.agreement.latestVersion));
    const { agreement } = state;
    const notice =
      latest.state === "DRAFT"
        ? latest.kind === "VARIATION"
          ? `You are changing version ${latest.version}, a variation. Version ${agreement.inForceVersion} stays in force until every party signs it.`
          : null
        : `This agreement is in force. Saving this section starts a variation: version ${agreement.latestVersion + 1}, which every party must sign again. Version ${agreement.inForceVersion} stays in force until then.`;
    return { state, content: latest.content, notice };
  }

  async function options(actor: Actor, content: AgreementContent, values: Record<string, unknown>, section: Section) {
    const organisations = await loadOrganisations(db);
    const name = new Map(organisations.map((o) => [o.id, o.name]));
    const partyOptions = content.parties.map((p) => ({
      value: p.organisationId,
      text: name.get(p.organisationId) ?? "Unknown organisation",
    }));
    const base = {
      ...formHelpers,
      organisationOptions: organisations.map((o) => ({ value: o.id, text: o.name })),
      organisationNames: Object.fromEntries(name),
      partyOptions,
    };
    if (section === "parties") {
      const entries = (values.entries as { organisationId: string }[]) ?? [];
      const candidates = await signatoryCandidates(
        db,
        entries.map((e) => e.organisationId).filter((id) => z.uuid().safeParse(id).success),
      );
      return {
        ...base,
        controllerOptions: optionsOf(CONTROLLER_RELATIONSHIPS, CONTROLLER_RELATIONSHIP_LABELS),
        signatoryOptions: Object.fromEntries(
          Object.entries(candidates).map(([org, users]) => [org, users.map((u) => ({ value: u.id, text: u.name }))]),
        ),
      };
    }
    if (section === "documentControl") {
      const parents = await loadAgreements(db, actor, { tier: "STRATEGIC" });
      return {
        ...base,
        tierOptions: TIERS.map((t) => ({ value: t, text: TIER_LABELS[t] })),
        parentOptions: parents.map((p) => ({ value: p.id, text: `${agreementReference(p.number)}: ${p.title}` })),
      };
    }
    return {
      ...base,
      purposeOptions: optionsOf(PURPOSE_CODES, PURPOSE_LABELS),
      gatewayOptions: optionsOf(GATEWAYS, GATEWAY_LABELS),
      article6Options: optionsOf(ARTICLE_6, ARTICLE_6_LABELS),
      article9Options: optionsOf(ARTICLE_9_10, ARTICLE_9_10_LABELS),
      para18Options: [
        { value: "", text: "Not applicable: Schedule 1 paragraph 18 is not relied on" },
        ...optionsOf(PARA_18_REASONS, PARA_18_REASON_LABELS),
      ],
      commonLawOptions: optionsOf(COMMON_LAW_ROUTES, COMMON_LAW_ROUTE_LABELS),
      subjectOptions: optionsOf(SUBJECT_KINDS, SUBJECT_KIND_LABELS),
      categoryOptions: optionsOf(ITEM_CATEGORIES, ITEM_CATEGORY_LABELS),
      itemKindOptions: optionsOf(ITEM_KINDS, ITEM_KIND_LABELS),
      transferOptions: optionsOf(TRANSFER_METHODS, TRANSFER_METHOD_LABELS),
      onwardOptions: optionsOf(ONWARD_DISCLOSURE, ONWARD_DISCLOSURE_LABELS),
      frequencyOptions: optionsOf(FREQUENCIES, FREQUENCY_LABELS),
      dspOptions: optionsOf(DSP_TOOLKIT_STATUSES, DSP_TOOLKIT_LABELS),
      dataItemOptions: content.dataItems.map((d) => ({ value: d.key, text: d.name })),
    };
  }

  async function render(
    reply: FastifyReply,
    actor: Actor,
    section: Section,
    ctx: { state: AgreementState; content: AgreementContent; notice: string | null },
    values: Record<string, unknown>,
    extra: Record<string, unknown> = {},
  ) {
    const form = SECTION_FORMS[section];
    const blank = BLANK_ENTRIES[section];
    const shown = form.listPrefix ? { ...values, entries: [...((values.entries as unknown[]) ?? []), { ...blank, blank: true }] } : values;
    const index = SECTIONS.indexOf(section);
    const { agreement } = ctx.state;
    return reply.view("agreements/section", {
      ...(await options(actor, ctx.content, shown, section)),
      agreement,
      reference: ctx.state.reference,
      agreementTitle: ctx.content.documentControl.title,
      section,
      number: index + 1,
      sectionTitle: SECTION_TITLES[section],
      guidance: SECTION_GUIDANCE[section],
      inheritable: ctx.content.documentControl.tier === "OPERATIONAL" && (INHERITABLE_SECTIONS as readonly string[]).includes(section),
      notice: ctx.notice,
      listPrefix: form.listPrefix,
      entryName: form.entryName,
      values: shown,
      errors: {},
      action: `/agreements/${agreement.id}/sections/${section}`,
      next:
        index + 1 < SECTIONS.length
          ? { href: `/agreements/${agreement.id}/sections/${SECTIONS[index + 1]}`, title: SECTION_TITLES[SECTIONS[index + 1]!] }
          : null,
      ...extra,
    });
  }

  app.get("/agreements/:id/sections/:section", async (request, reply) => {
    const actor = actorOf(request);
    const id = agreementId(request);
    const section = sectionParam(request.params);
    const ctx = await editable(actor, id);
    const added = (request.query as Record<string, string>)?.added;
    return render(reply, actor, section, ctx, SECTION_FORMS[section].fromContent(ctx.content), { added: !!added });
  });

  app.post("/agreements/:id/sections/:section", async (request, reply) => {
    const actor = actorOf(request);
    const id = agreementId(request);
    const section = sectionParam(request.params);
    // If the agreement stopped being editable since the form was loaded (sent for signature, say),
    // the page comes back with the reason in the error summary and what was typed still there.
    const ctx = await editable(actor, id, { whenBlocked: "continue" });
    const body = bodyOf(request);
    const form = SECTION_FORMS[section];
    const values = form.fromBody(body);
    const next = str(body, "next");
    const hrefFor = (path: string, fieldId: string) => {
      if (sectionOfPath(path) === section) return form.anchors?.[fieldId] ?? `#${fieldId}`;
      return sectionHref(id, path);
    };
    return withFormErrors(
      reply,
      (summary) => render(reply, actor, section, ctx, values, summary),
      async () => {
        if (!ctx.state.canEdit) throw new ConflictError(ctx.state.editBlockedReason ?? "This agreement cannot be changed now");
        const { patch, errors } = form.toPatch(values, ctx.content);
        if (errors.length) throw new ValidationError(errors);
        await editAgreement(db, actor, id, patch);
        if (next === "add" && form.listPrefix)
          return reply.redirect(`/agreements/${id}/sections/${section}?added=1#${form.listPrefix}-new`);
        return reply.redirect(`/agreements/${id}?saved=${section}#terms`);
      },
      { leadWithMessage: true, hrefFor },
    );
  });
}

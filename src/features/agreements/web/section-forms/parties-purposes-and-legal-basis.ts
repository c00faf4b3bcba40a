import { type FormBody, list, str } from "../../../../platform/web-kit/forms";
import type { LegalBasis } from "../../domain/content";
import { blankText, combine, type Entry, postedEntries, type SectionForm, text } from "./section-form";

/**
 * The edit forms of the agreement's opening sections: document control, the parties (a change of
 * parties keeps legal basis and flows consistent with it), the purposes and each party's legal basis.
 */

export const documentControl: SectionForm = {
  fromContent: (c) => ({ ...c.documentControl, parentAgreementId: c.documentControl.parentAgreementId ?? "" }),
  fromBody: (body) => ({
    title: str(body, "documentControl-title"),
    tier: str(body, "documentControl-tier"),
    parentAgreementId: str(body, "documentControl-parentAgreementId"),
    summary: str(body, "documentControl-summary"),
  }),
  toPatch: (values) => {
    const value = {
      title: text(values, "title"),
      tier: text(values, "tier") || undefined,
      parentAgreementId: values.tier === "OPERATIONAL" && values.parentAgreementId ? String(values.parentAgreementId) : null,
      summary: text(values, "summary"),
    };
    return { patch: { documentControl: value as never }, errors: combine([], "documentControl", value) };
  },
};

const readParty = (body: FormBody) => (p: string) => ({
  organisationId: str(body, `${p}-organisationId`),
  controllerRelationship: str(body, `${p}-controllerRelationship`),
  art26Arrangement: str(body, `${p}-art26Arrangement`),
  signatoryUserId: str(body, `${p}-signatoryUserId`),
  signatoryJobTitle: str(body, `${p}-signatoryJobTitle`),
  contactName: str(body, `${p}-contactName`),
  contactEmail: str(body, `${p}-contactEmail`),
});

function emptyLegalBasis(organisationId: string): LegalBasis {
  return {
    organisationId,
    gateways: [],
    gatewayOther: "",
    article6: [],
    article9: [],
    para18Reason: null,
    apdReference: "",
    commonLaw: [],
    notes: "",
  };
}

export const parties: SectionForm = {
  listPrefix: "parties",
  entryName: "party",
  fromContent: (c) => ({ entries: c.parties.map((p) => ({ ...p, signatoryUserId: p.signatoryUserId ?? "" })) }),
  fromBody: (body) => ({
    entries: postedEntries(body, "parties", readParty(body), (e) =>
      blankText(
        e.organisationId,
        e.controllerRelationship,
        e.art26Arrangement,
        e.signatoryUserId,
        e.signatoryJobTitle,
        e.contactName,
        e.contactEmail,
      ),
    ),
  }),
  toPatch: (values, content) => {
    const entries = values.entries as Entry[];
    const value = entries.map((e) => ({
      organisationId: text(e, "organisationId"),
      controllerRelationship: text(e, "controllerRelationship") || undefined,
      art26Arrangement: text(e, "art26Arrangement"),
      signatoryUserId: text(e, "signatoryUserId") || null,
      signatoryJobTitle: text(e, "signatoryJobTitle"),
      contactName: text(e, "contactName"),
      contactEmail: text(e, "contactEmail"),
    }));
    const errors = combine([], "parties", value);
    // A party that leaves takes its legal basis and its place in flows with it; a new party gets an
    // empty legal basis entry to complete, so the agreement stays consistent.
    const now = new Set(value.map((p) => p.organisationId));
    const before = new Set(content.parties.map((p) => p.organisationId));
    const legalBasis = [
      ...content.legalBasis.filter((b) => now.has(b.organisationId)),
      ...[...now].filter((id) => id && !before.has(id) && !content.legalBasis.some((b) => b.organisationId === id)).map(emptyLegalBasis),
    ];
    const flows = content.flows.map((f) => ({
      ...f,
      fromOrganisationIds: f.fromOrganisationIds.filter((id) => now.has(id)),
      toOrganisationIds: f.toOrganisationIds.filter((id) => now.has(id)),
    }));
    return { patch: { parties: value as never, legalBasis, flows }, errors };
  },
};

export const purposes: SectionForm = {
  listPrefix: "purposes-items",
  entryName: "purpose",
  fromContent: (c) => ({
    entries: c.purposes.items.map((p) => ({ ...p })),
    benefits: c.purposes.benefits,
    harmOfNotSharing: c.purposes.harmOfNotSharing,
  }),
  fromBody: (body) => ({
    entries: postedEntries(
      body,
      "purposes-items",
      (p) => ({ code: str(body, `${p}-code`), description: str(body, `${p}-description`) }),
      (e) => blankText(e.code, e.description),
    ),
    benefits: str(body, "purposes-benefits"),
    harmOfNotSharing: str(body, "purposes-harmOfNotSharing"),
  }),
  toPatch: (values) => {
    const value = {
      items: (values.entries as Entry[]).map((e) => ({ code: text(e, "code") || undefined, description: text(e, "description") })),
      benefits: text(values, "benefits"),
      harmOfNotSharing: text(values, "harmOfNotSharing"),
    };
    return { patch: { purposes: value as never }, errors: combine([], "purposes", value) };
  },
};

export const legalBasis: SectionForm = {
  listPrefix: "legalBasis",
  entryName: "legal basis",
  fromContent: (c) => ({ entries: c.legalBasis.map((b) => ({ ...b, para18Reason: b.para18Reason ?? "" })) }),
  fromBody: (body) => ({
    entries: postedEntries(
      body,
      "legalBasis",
      (p) => ({
        organisationId: str(body, `${p}-organisationId`),
        gateways: list(body, `${p}-gateways`),
        gatewayOther: str(body, `${p}-gatewayOther`),
        article6: list(body, `${p}-article6`),
        article9: list(body, `${p}-article9`),
        para18Reason: str(body, `${p}-para18Reason`),
        apdReference: str(body, `${p}-apdReference`),
        commonLaw: list(body, `${p}-commonLaw`),
        notes: str(body, `${p}-notes`),
      }),
      (e) =>
        blankText(
          e.organisationId,
          e.gateways,
          e.gatewayOther,
          e.article6,
          e.article9,
          e.para18Reason,
          e.apdReference,
          e.commonLaw,
          e.notes,
        ),
    ),
  }),
  toPatch: (values) => {
    const value = (values.entries as Entry[]).map((e) => ({ ...e, para18Reason: text(e, "para18Reason") || null }));
    return { patch: { legalBasis: value as never }, errors: combine([], "legalBasis", value) };
  },
};

import { type DateParts, dateFromParts, datePartsOf } from "../../../platform/dates/calendar";
import type { FieldError } from "../../../platform/errors";
import { zodIssuesToFieldErrors } from "../../../platform/http/problem";
import { checked, type FormBody, list, str } from "../../../platform/web-kit/forms";
import {
  type AgreementContent,
  type AgreementContentInput,
  agreementContentSchema,
  type LegalBasis,
  type Section,
} from "../domain/content";

/**
 * Each section's edit form: stored content → form values, posted form → form values (exactly what
 * was typed, to show again on error), and form values → the section's value for `editAgreement`.
 *
 * Field names are the content path joined by "-" ("parties-0-signatoryUserId"), so a validation error
 * at "/parties/0/signatoryUserId" lands next to the right field. List sections use the no-JS "add
 * another" pattern: every entry has a "Remove" checkbox, and one blank entry is always offered; a
 * blank entry left empty is ignored.
 */

type Values = Record<string, unknown>;
type Entry = Record<string, unknown>;

export interface SectionForm {
  /** Where the entries of a list section live in the form ("parties", "purposes-items"). */
  listPrefix?: string;
  /** What one entry is called: "party", "purpose". */
  entryName?: string;
  fromContent(content: AgreementContent): Values;
  fromBody(body: FormBody): Values;
  toPatch(values: Values, content: AgreementContent): { patch: Partial<AgreementContentInput>; errors: FieldError[] };
  /** Error summary link targets that are not simply `#id` (a date input's first box). */
  anchors?: Record<string, string>;
}

// ---- helpers ----

/** A whole number, or null when left empty; an error when it is not a whole number. */
function wholeNumber(raw: unknown, path: string, errors: FieldError[], message: string, required?: string): number | null {
  const text = String(raw ?? "").trim();
  if (text === "") {
    if (required) errors.push({ path, message: required });
    return null;
  }
  if (!/^\d+$/.test(text)) {
    errors.push({ path, message });
    return null;
  }
  return Number(text);
}

/** The entries of a list posted from the page: the removed ones dropped, a blank new entry ignored. */
function postedEntries(body: FormBody, prefix: string, read: (p: string) => Entry, isEmpty: (e: Entry) => boolean): Entry[] {
  const count = Math.min(Number(str(body, `${prefix}-count`)) || 0, 200);
  const entries: Entry[] = [];
  for (let i = 0; i < count; i++) {
    const p = `${prefix}-${i}`;
    if (checked(body, `${p}-remove`)) continue;
    const entry = read(p);
    if (str(body, `${p}-blank`) && isEmpty(entry)) continue;
    entries.push(entry);
  }
  return entries;
}

const blankText = (...values: unknown[]) => values.every((v) => (Array.isArray(v) ? v.length === 0 : String(v ?? "").trim() === ""));

/** Checks a section value against its part of the content schema, so every error shows at once. */
function schemaErrors(section: Section, value: unknown): FieldError[] {
  const schema = agreementContentSchema.shape[section];
  const result = schema.safeParse(value);
  if (result.success) return [];
  return zodIssuesToFieldErrors(result.error).map((e) => ({ path: `/${section}${e.path === "/" ? "" : e.path}`, message: e.message }));
}

/** Pre-check errors first (they name what was typed), then any schema errors on other fields. */
function combine(own: FieldError[], section: Section, value: unknown): FieldError[] {
  const ownPaths = new Set(own.map((e) => e.path));
  return [...own, ...schemaErrors(section, value).filter((e) => !ownPaths.has(e.path))];
}

const simple = <K extends Section>(
  section: K,
  fields: string[],
  convert: (values: Values, errors: FieldError[]) => unknown,
): SectionForm => ({
  fromContent: (content) => ({ ...(content[section] as Record<string, unknown>) }),
  fromBody: (body) => Object.fromEntries(fields.map((f) => [f, str(body, `${section}-${f}`)])),
  toPatch: (values) => {
    const errors: FieldError[] = [];
    const value = convert(values, errors);
    return { patch: { [section]: value }, errors: combine(errors, section, value) };
  },
});

const text = (values: Values, field: string) => String(values[field] ?? "");

// ---- the sections ----

const documentControl: SectionForm = {
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

const parties: SectionForm = {
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

const purposes: SectionForm = {
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

const legalBasis: SectionForm = {
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

const dataSubjects: SectionForm = {
  fromContent: (c) => ({ kinds: [...c.dataSubjects.kinds], notes: c.dataSubjects.notes }),
  fromBody: (body) => ({ kinds: list(body, "dataSubjects-kinds"), notes: str(body, "dataSubjects-notes") }),
  toPatch: (values) => {
    const value = { kinds: values.kinds, notes: text(values, "notes") };
    return { patch: { dataSubjects: value as never }, errors: combine([], "dataSubjects", value) };
  },
};

const yes = (v: unknown) => v === true || v === "yes";

const dataItems: SectionForm = {
  listPrefix: "dataItems",
  entryName: "data item",
  fromContent: (c) => ({ entries: c.dataItems.map((d) => ({ ...d })) }),
  fromBody: (body) => ({
    entries: postedEntries(
      body,
      "dataItems",
      (p) => ({
        key: str(body, `${p}-key`),
        name: str(body, `${p}-name`),
        category: str(body, `${p}-category`),
        specialCategory: checked(body, `${p}-specialCategory`),
        criminalOffence: checked(body, `${p}-criminalOffence`),
        kind: str(body, `${p}-kind`),
        mayIncludeProtectedIdentity: checked(body, `${p}-mayIncludeProtectedIdentity`),
      }),
      (e) => blankText(e.key, e.name, e.category, e.kind) && !e.specialCategory && !e.criminalOffence && !e.mayIncludeProtectedIdentity,
    ),
  }),
  toPatch: (values) => {
    const value = (values.entries as Entry[]).map((e) => ({
      key: text(e, "key"),
      name: text(e, "name"),
      category: text(e, "category") || undefined,
      specialCategory: yes(e.specialCategory),
      criminalOffence: yes(e.criminalOffence),
      kind: text(e, "kind") || undefined,
      mayIncludeProtectedIdentity: yes(e.mayIncludeProtectedIdentity),
    }));
    return { patch: { dataItems: value as never }, errors: combine([], "dataItems", value) };
  },
};

const FLOW_TEXT = ["key", "description", "source", "storage", "access", "use", "disposalMethod"] as const;

const flows: SectionForm = {
  listPrefix: "flows",
  entryName: "flow",
  fromContent: (c) => ({
    entries: c.flows.map((f) => ({ ...f, retentionMonths: f.retentionMonths === null ? "" : String(f.retentionMonths) })),
  }),
  fromBody: (body) => ({
    entries: postedEntries(
      body,
      "flows",
      (p) => ({
        ...Object.fromEntries(FLOW_TEXT.map((f) => [f, str(body, `${p}-${f}`)])),
        fromOrganisationIds: list(body, `${p}-fromOrganisationIds`),
        toOrganisationIds: list(body, `${p}-toOrganisationIds`),
        dataItemKeys: list(body, `${p}-dataItemKeys`),
        transferMethod: str(body, `${p}-transferMethod`),
        onwardDisclosure: str(body, `${p}-onwardDisclosure`),
        retentionMonths: str(body, `${p}-retentionMonths`),
        frequency: str(body, `${p}-frequency`),
      }),
      (e) => blankText(...FLOW_TEXT.map((f) => e[f]), e.fromOrganisationIds, e.toOrganisationIds, e.dataItemKeys, e.retentionMonths),
    ),
  }),
  toPatch: (values) => {
    const errors: FieldError[] = [];
    const value = (values.entries as Entry[]).map((e, i) => ({
      ...Object.fromEntries(FLOW_TEXT.map((f) => [f, text(e, f)])),
      fromOrganisationIds: e.fromOrganisationIds,
      toOrganisationIds: e.toOrganisationIds,
      dataItemKeys: e.dataItemKeys,
      transferMethod: text(e, "transferMethod") || undefined,
      onwardDisclosure: text(e, "onwardDisclosure") || undefined,
      retentionMonths: wholeNumber(
        e.retentionMonths,
        `/flows/${i}/retentionMonths`,
        errors,
        "Enter the retention period as a whole number of months, like 72",
      ),
      frequency: text(e, "frequency") || undefined,
    }));
    return { patch: { flows: value as never }, errors: combine(errors, "flows", value) };
  },
};

const transparency = simple("transparency", ["privacyNotices", "howSubjectsAreInformed"], (v) => ({
  privacyNotices: text(v, "privacyNotices"),
  howSubjectsAreInformed: text(v, "howSubjectsAreInformed"),
}));

const rights: SectionForm = {
  fromContent: (c) => ({ ...c.rights, recipientNotification: c.rights.recipientNotification ? "yes" : "no" }),
  fromBody: (body) => ({
    handling: str(body, "rights-handling"),
    recipientNotification: str(body, "rights-recipientNotification"),
    complaints: str(body, "rights-complaints"),
  }),
  toPatch: (values) => {
    const errors: FieldError[] = [];
    if (values.recipientNotification !== "yes" && values.recipientNotification !== "no") {
      errors.push({
        path: "/rights/recipientNotification",
        message: "Select whether every recipient is told of a correction, erasure or restriction",
      });
    }
    const value = {
      handling: text(values, "handling"),
      recipientNotification: values.recipientNotification !== "no",
      complaints: text(values, "complaints"),
    };
    return { patch: { rights: value }, errors: combine(errors, "rights", value) };
  },
};

const security = simple("security", ["measures", "dspToolkit", "accessControl", "training"], (v) => ({
  measures: text(v, "measures"),
  dspToolkit: text(v, "dspToolkit") || undefined,
  accessControl: text(v, "accessControl"),
  training: text(v, "training"),
}));

const retention: SectionForm = {
  fromContent: (c) => ({
    defaultMonths: c.retention.defaultMonths === null ? "" : String(c.retention.defaultMonths),
    disposalMethod: c.retention.disposalMethod,
  }),
  fromBody: (body) => ({ defaultMonths: str(body, "retention-defaultMonths"), disposalMethod: str(body, "retention-disposalMethod") }),
  toPatch: (values) => {
    const errors: FieldError[] = [];
    const value = {
      defaultMonths: wholeNumber(
        values.defaultMonths,
        "/retention/defaultMonths",
        errors,
        "Enter the retention period as a whole number of months, like 72",
      ),
      disposalMethod: text(values, "disposalMethod"),
    };
    return { patch: { retention: value }, errors: combine(errors, "retention", value) };
  },
};

const breach: SectionForm = {
  fromContent: (c) => ({
    notifyOriginatorWithinHours: c.breach.notifyOriginatorWithinHours === null ? "" : String(c.breach.notifyOriginatorWithinHours),
    icoReporting: c.breach.icoReporting,
  }),
  fromBody: (body) => ({
    notifyOriginatorWithinHours: str(body, "breach-notifyOriginatorWithinHours"),
    icoReporting: str(body, "breach-icoReporting"),
  }),
  toPatch: (values) => {
    const errors: FieldError[] = [];
    const value = {
      notifyOriginatorWithinHours: wholeNumber(
        values.notifyOriginatorWithinHours,
        "/breach/notifyOriginatorWithinHours",
        errors,
        "Enter the number of hours as a whole number, like 24",
      ),
      icoReporting: text(values, "icoReporting"),
    };
    return { patch: { breach: value }, errors: combine(errors, "breach", value) };
  },
};

const dpia: SectionForm = {
  anchors: { "dpia-completedOn": "#dpia-completedOn-day" },
  fromContent: (c) => ({ reference: c.dpia.reference, completedOn: datePartsOf(c.dpia.completedOn) }),
  fromBody: (body) => ({
    reference: str(body, "dpia-reference"),
    completedOn: {
      day: str(body, "dpia-completedOn-day"),
      month: str(body, "dpia-completedOn-month"),
      year: str(body, "dpia-completedOn-year"),
    },
  }),
  toPatch: (values) => {
    const errors: FieldError[] = [];
    const value = {
      reference: text(values, "reference"),
      completedOn: dateFromParts(values.completedOn as DateParts, "/dpia/completedOn", errors, "The date the DPIA was completed"),
    };
    return { patch: { dpia: value }, errors: combine(errors, "dpia", value) };
  },
};

const review: SectionForm = {
  fromContent: (c) => ({
    intervalMonths: String(c.review.intervalMonths),
    variation: c.review.variation,
    termination: c.review.termination,
    terminationNoticeDays: c.review.terminationNoticeDays === null ? "" : String(c.review.terminationNoticeDays),
  }),
  fromBody: (body) => ({
    intervalMonths: str(body, "review-intervalMonths"),
    variation: str(body, "review-variation"),
    termination: str(body, "review-termination"),
    terminationNoticeDays: str(body, "review-terminationNoticeDays"),
  }),
  toPatch: (values) => {
    const errors: FieldError[] = [];
    const value = {
      intervalMonths:
        wholeNumber(
          values.intervalMonths,
          "/review/intervalMonths",
          errors,
          "Enter the review interval as a whole number of months, like 12",
          "Enter how often the agreement is reviewed, in months",
        ) ?? undefined,
      variation: text(values, "variation"),
      termination: text(values, "termination"),
      terminationNoticeDays: wholeNumber(
        values.terminationNoticeDays,
        "/review/terminationNoticeDays",
        errors,
        "Enter the notice period as a whole number of days, like 90",
      ),
    };
    return { patch: { review: value as never }, errors: combine(errors, "review", value) };
  },
};

export const SECTION_FORMS: Record<Section, SectionForm> = {
  documentControl,
  parties,
  purposes,
  legalBasis,
  dataSubjects,
  dataItems,
  flows,
  transparency,
  rights,
  security,
  retention,
  breach,
  dpia,
  review,
};

/** A blank entry for the "add another" pattern; its fields start empty, enums with their defaults. */
export const BLANK_ENTRIES: Partial<Record<Section, Entry>> = {
  parties: {
    organisationId: "",
    controllerRelationship: "",
    art26Arrangement: "",
    signatoryUserId: "",
    signatoryJobTitle: "",
    contactName: "",
    contactEmail: "",
  },
  purposes: { code: "", description: "" },
  legalBasis: {
    organisationId: "",
    gateways: [],
    gatewayOther: "",
    article6: [],
    article9: [],
    para18Reason: "",
    apdReference: "",
    commonLaw: [],
    notes: "",
  },
  dataItems: {
    key: "",
    name: "",
    category: "",
    specialCategory: false,
    criminalOffence: false,
    kind: "",
    mayIncludeProtectedIdentity: false,
  },
  flows: {
    key: "",
    description: "",
    fromOrganisationIds: [],
    toOrganisationIds: [],
    dataItemKeys: [],
    source: "",
    transferMethod: "SAFESHARE",
    storage: "",
    access: "",
    use: "",
    onwardDisclosure: "NOT_PERMITTED",
    retentionMonths: "",
    disposalMethod: "",
    frequency: "AS_NEEDED",
  },
};

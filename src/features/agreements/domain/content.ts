import { z } from "zod";
import { dateInput } from "../../../platform/dates/calendar";
import { ITEM_CATEGORIES, ITEM_KINDS, SUBJECT_KINDS } from "../../records/domain";
import { ARTICLE_6, ARTICLE_9_10, COMMON_LAW_ROUTES, GATEWAYS, PARA_18_REASONS } from "./lawful-basis";
import { AGREEMENTS_MESSAGES } from "./messages";
import { PURPOSE_CODES } from "./purposes";

/**
 * The terms of a Data Sharing Agreement, section by section (docs/domain.md §5, after the ICO data
 * sharing code's Annex A and published two-tier safeguarding DSAs). One JSON document per version,
 * validated by this schema: structured so each section can be checked (quality), enforced
 * (evaluate) and exported (ODRL), yet immutable once a version is signed.
 *
 * A draft may be incomplete: text defaults to "" and lists to []. What a version needs before it
 * can go for signature is decided by `readinessProblems` (lifecycle.ts); how good it is, by the
 * quality check.
 */

const text = (max = 4000) => z.string().trim().max(max, `Must be ${max} characters or fewer`).default("");
/** Short machine keys that flows and shares use to refer to data items. */
const key = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "Use lower-case letters, digits and hyphens, up to 40 characters");
const isoDate = dateInput("date", "2026-04-01");

export const TIERS = ["STRATEGIC", "OPERATIONAL"] as const;
export type Tier = (typeof TIERS)[number];
export const TIER_LABELS: Record<Tier, string> = AGREEMENTS_MESSAGES.en.tier;

export const CONTROLLER_RELATIONSHIPS = ["SEPARATE", "JOINT", "PROCESSOR"] as const;
export type ControllerRelationship = (typeof CONTROLLER_RELATIONSHIPS)[number];
export const CONTROLLER_RELATIONSHIP_LABELS: Record<ControllerRelationship, string> = AGREEMENTS_MESSAGES.en.controllerRelationship;

export const TRANSFER_METHODS = [
  "SAFESHARE",
  "SECURE_EMAIL",
  "SECURE_FILE_TRANSFER",
  "SHARED_SYSTEM",
  "MEETING",
  "PHONE",
  "OTHER",
] as const;
export type TransferMethod = (typeof TRANSFER_METHODS)[number];
export const TRANSFER_METHOD_LABELS: Record<TransferMethod, string> = AGREEMENTS_MESSAGES.en.transferMethod;

export const ONWARD_DISCLOSURE = ["NOT_PERMITTED", "WITH_ORIGINATOR_CONSENT", "PERMITTED"] as const;
export type OnwardDisclosure = (typeof ONWARD_DISCLOSURE)[number];
export const ONWARD_DISCLOSURE_LABELS: Record<OnwardDisclosure, string> = AGREEMENTS_MESSAGES.en.onwardDisclosure;

export const FREQUENCIES = ["ONE_OFF", "AS_NEEDED", "DAILY", "WEEKLY", "MONTHLY", "TERMLY", "ANNUALLY"] as const;
export type Frequency = (typeof FREQUENCIES)[number];
export const FREQUENCY_LABELS: Record<Frequency, string> = AGREEMENTS_MESSAGES.en.frequency;

export const DSP_TOOLKIT_STATUSES = [
  "STANDARDS_MET",
  "STANDARDS_EXCEEDED",
  "APPROACHING_STANDARDS",
  "NOT_MET",
  "NOT_APPLICABLE",
  "UNKNOWN",
] as const;
export type DspToolkitStatus = (typeof DSP_TOOLKIT_STATUSES)[number];
export const DSP_TOOLKIT_LABELS: Record<DspToolkitStatus, string> = AGREEMENTS_MESSAGES.en.dspToolkit;

const partySchema = z.object({
  organisationId: z.uuid({ error: "Select an organisation" }),
  controllerRelationship: z.enum(CONTROLLER_RELATIONSHIPS, { error: "Select the controller relationship" }),
  /** For joint controllers: where the Article 26 arrangement is recorded. */
  art26Arrangement: text(500),
  /** The Safeshare user who signs for this party; only they can sign. */
  signatoryUserId: z.uuid({ error: "Select the signatory" }).nullable().default(null),
  signatoryJobTitle: text(200),
  contactName: text(200),
  contactEmail: text(254),
});
export type Party = z.infer<typeof partySchema>;

const purposeSchema = z.object({
  code: z.enum(PURPOSE_CODES, { error: "Select a purpose" }),
  description: text(2000),
});

const legalBasisSchema = z.object({
  organisationId: z.uuid({ error: "Select an organisation" }),
  gateways: z.array(z.enum(GATEWAYS)).default([]),
  gatewayOther: text(500),
  article6: z.array(z.enum(ARTICLE_6)).default([]),
  article9: z.array(z.enum(ARTICLE_9_10)).default([]),
  para18Reason: z.enum(PARA_18_REASONS).nullable().default(null),
  apdReference: text(200),
  commonLaw: z.array(z.enum(COMMON_LAW_ROUTES)).default([]),
  notes: text(2000),
});
export type LegalBasis = z.infer<typeof legalBasisSchema>;

const dataItemSchema = z.object({
  key,
  name: z.string().trim().min(1, "Enter the data item's name").max(200, "Must be 200 characters or fewer"),
  category: z.enum(ITEM_CATEGORIES, { error: "Select the data item's category" }),
  specialCategory: z.boolean().default(false),
  criminalOffence: z.boolean().default(false),
  kind: z.enum(ITEM_KINDS, { error: "Select whether the item is fact, opinion or both" }),
  mayIncludeProtectedIdentity: z.boolean().default(false),
});
export type DataItem = z.infer<typeof dataItemSchema>;

const flowSchema = z.object({
  key,
  description: text(2000),
  /** Empty means any party. */
  fromOrganisationIds: z.array(z.uuid()).default([]),
  toOrganisationIds: z.array(z.uuid()).default([]),
  /** Empty means every data item of the agreement. */
  dataItemKeys: z.array(key).default([]),
  source: text(1000),
  transferMethod: z.enum(TRANSFER_METHODS).default("SAFESHARE"),
  storage: text(1000),
  access: text(1000),
  use: text(1000),
  onwardDisclosure: z.enum(ONWARD_DISCLOSURE).default("NOT_PERMITTED"),
  /** Months the recipient keeps what it received; null when not yet decided. */
  retentionMonths: z.number().int().min(1, "Retention must be at least 1 month").max(1200).nullable().default(null),
  disposalMethod: text(1000),
  frequency: z.enum(FREQUENCIES).default("AS_NEEDED"),
});
export type Flow = z.infer<typeof flowSchema>;

const sectionSchemas = {
  documentControl: z.object({
    title: z.string().trim().min(1, "Enter the agreement's title").max(200, "Title must be 200 characters or fewer"),
    tier: z.enum(TIERS, { error: "Select tier 1 (strategic) or tier 2 (operational)" }),
    /** A tier 2 agreement's tier 1 parent, whose baseline sections it inherits. */
    parentAgreementId: z.uuid().nullable().default(null),
    summary: text(2000),
  }),
  parties: z.array(partySchema),
  purposes: z.object({ items: z.array(purposeSchema).default([]), benefits: text(), harmOfNotSharing: text() }),
  legalBasis: z.array(legalBasisSchema),
  dataSubjects: z.object({ kinds: z.array(z.enum(SUBJECT_KINDS)).default([]), notes: text(2000) }),
  dataItems: z.array(dataItemSchema),
  flows: z.array(flowSchema),
  transparency: z.object({ privacyNotices: text(), howSubjectsAreInformed: text() }),
  rights: z.object({ handling: text(), recipientNotification: z.boolean().default(true), complaints: text() }),
  security: z.object({
    measures: text(),
    dspToolkit: z.enum(DSP_TOOLKIT_STATUSES).default("UNKNOWN"),
    accessControl: text(),
    training: text(),
  }),
  retention: z.object({
    defaultMonths: z.number().int().min(1, "Retention must be at least 1 month").max(1200).nullable().default(null),
    disposalMethod: text(1000),
  }),
  breach: z.object({
    notifyOriginatorWithinHours: z
      .number()
      .int()
      .min(1, "Must be at least 1 hour")
      .max(720, "Must be 720 hours or fewer")
      .nullable()
      .default(null),
    icoReporting: text(),
  }),
  dpia: z.object({ reference: text(200), completedOn: isoDate.nullable().default(null) }),
  review: z.object({
    intervalMonths: z
      .number()
      .int()
      .min(1, "Review at least every month")
      .max(12, "Review at least once a year (12 months or fewer)")
      .default(12),
    variation: text(),
    termination: text(),
    terminationNoticeDays: z.number().int().min(0).max(365).nullable().default(null),
  }),
};

/** A whole agreement. Sections left out (e.g. when importing an old document) start empty, for the quality check to flag. */
export const agreementContentSchema = z.object({
  documentControl: sectionSchemas.documentControl,
  parties: sectionSchemas.parties.default([]),
  purposes: sectionSchemas.purposes.default({ items: [], benefits: "", harmOfNotSharing: "" }),
  legalBasis: sectionSchemas.legalBasis.default([]),
  dataSubjects: sectionSchemas.dataSubjects.default({ kinds: [], notes: "" }),
  dataItems: sectionSchemas.dataItems.default([]),
  flows: sectionSchemas.flows.default([]),
  transparency: sectionSchemas.transparency.default({ privacyNotices: "", howSubjectsAreInformed: "" }),
  rights: sectionSchemas.rights.default({ handling: "", recipientNotification: true, complaints: "" }),
  security: sectionSchemas.security.default({ measures: "", dspToolkit: "UNKNOWN", accessControl: "", training: "" }),
  retention: sectionSchemas.retention.default({ defaultMonths: null, disposalMethod: "" }),
  breach: sectionSchemas.breach.default({ notifyOriginatorWithinHours: null, icoReporting: "" }),
  dpia: sectionSchemas.dpia.default({ reference: "", completedOn: null }),
  review: sectionSchemas.review.default({ intervalMonths: 12, variation: "", termination: "", terminationNoticeDays: null }),
});

/** Some whole sections, to replace: a section not sent is left as it is (no defaults here, unlike the full schema). */
export const agreementPatchSchema = z.object(sectionSchemas).partial();
export type AgreementPatch = z.input<typeof agreementPatchSchema>;

export type AgreementContent = z.infer<typeof agreementContentSchema>;
export type AgreementContentInput = z.input<typeof agreementContentSchema>;

/** The sections of an agreement, in document order: the task list, PDF and diff all follow it. */
export const SECTIONS = [
  "documentControl",
  "parties",
  "purposes",
  "legalBasis",
  "dataSubjects",
  "dataItems",
  "flows",
  "transparency",
  "rights",
  "security",
  "retention",
  "breach",
  "dpia",
  "review",
] as const satisfies readonly (keyof AgreementContent)[];
export type Section = (typeof SECTIONS)[number];

export const SECTION_TITLES: Record<Section, string> = {
  documentControl: "Document control",
  parties: "Parties",
  purposes: "Purpose, benefits and the harm of not sharing",
  legalBasis: "Legal basis for each party",
  dataSubjects: "Data subjects",
  dataItems: "Data items",
  flows: "Flows and stages",
  transparency: "Transparency",
  rights: "Individuals' rights",
  security: "Security",
  retention: "Retention and disposal",
  breach: "Breach notification",
  dpia: "Data protection impact assessment",
  review: "Review, variation and termination",
};

/** Sections a tier 2 agreement takes from its tier 1 parent when it leaves them empty. */
export const INHERITABLE_SECTIONS = [
  "transparency",
  "rights",
  "security",
  "retention",
  "breach",
  "dpia",
] as const satisfies readonly Section[];

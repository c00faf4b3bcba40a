import { z } from "zod";
import { dateInput, pastDateInput } from "../../../platform/dates/calendar";
import { addWorkingDays, type UkNation } from "../../../platform/dates/working-days";
import { textInput } from "../../../platform/text";
import { ITEM_CATEGORIES } from "./information";
import { RECORDS_MESSAGES } from "./messages";

/**
 * Record items, concerns and the chronology (issue 4; docs/domain.md §1, §4 step 6). Pure definitions
 * and input rules; the services own storage.
 */

/** Fact kept apart from opinion: every item is one or the other, and every display says which (P-ACCURATE). */
export const RECORD_ITEM_KINDS = ["FACT", "OPINION"] as const;
export type RecordItemKind = (typeof RECORD_ITEM_KINDS)[number];
export const RECORD_ITEM_KIND_LABELS: Record<RecordItemKind, string> = RECORDS_MESSAGES.en.recordItemKind;

/** How the information reached the organisation: part of its provenance. */
export const SOURCE_METHODS = ["TOLD_DIRECTLY", "OBSERVED", "PHONE_CALL", "MEETING", "DOCUMENT", "FROM_ANOTHER_AGENCY", "OTHER"] as const;
export type SourceMethod = (typeof SOURCE_METHODS)[number];
export const SOURCE_METHOD_LABELS: Record<SourceMethod, string> = RECORDS_MESSAGES.en.sourceMethod;

/**
 * An item's accuracy state. `CORRECTED` is set on a version when a newer one replaces it: the old
 * text stays visible to those entitled, never overwritten (UK GDPR Art 16; docs/domain.md §6).
 */
export const ACCURACY_STATES = ["ACCURATE", "DISPUTED", "CORRECTED"] as const;
export type AccuracyState = (typeof ACCURACY_STATES)[number];
export const ACCURACY_LABELS: Record<AccuracyState, string> = RECORDS_MESSAGES.en.accuracy;

/** Safeguarding concern categories (WT23 categories of abuse and the harms KCSIE names). */
export const CONCERN_CATEGORIES = [
  "PHYSICAL_ABUSE",
  "EMOTIONAL_ABUSE",
  "SEXUAL_ABUSE",
  "NEGLECT",
  "CHILD_SEXUAL_EXPLOITATION",
  "CHILD_CRIMINAL_EXPLOITATION",
  "DOMESTIC_ABUSE",
  "ONLINE_HARM",
  "RADICALISATION",
  "OTHER",
] as const;
export type ConcernCategory = (typeof CONCERN_CATEGORIES)[number];
export const CONCERN_CATEGORY_LABELS: Record<ConcernCategory, string> = RECORDS_MESSAGES.en.concernCategory;

/**
 * A concern is acknowledged by a safeguarding lead within 1 working day of being raised: the
 * "referral decision/acknowledgement" deadline of docs/domain.md §7. The day it is due, on the
 * partnership's nation's bank holidays.
 */
export const concernAcknowledgeBy = (raisedOn: string, nation: UkNation): string => addWorkingDays(raisedOn, 1, nation);

/**
 * A concern is raised, acknowledged by a safeguarding lead (who records the follow-up action), then
 * closed with its outcome. Until acknowledged it sits on the organisation's DSL dashboard.
 */
export const CONCERN_STATUSES = ["OPEN", "ACKNOWLEDGED", "CLOSED"] as const;
export type ConcernStatus = (typeof CONCERN_STATUSES)[number];
export const CONCERN_STATUS_LABELS: Record<ConcernStatus, string> = RECORDS_MESSAGES.en.concernStatus;

/** Only subjects who are children (born or unborn) have concerns raised about them. */
export const CONCERN_SUBJECT_KINDS = ["CHILD", "UNBORN_CHILD", "SIBLING"] as const;

/**
 * What a chronology can be filtered by: the item categories plus the kinds of events later issues
 * add (decisions, disclosures). Entries are written by the services that cause them, in the same
 * transaction, through `addChronologyEntry`.
 */
export const CHRONOLOGY_CATEGORIES = [...ITEM_CATEGORIES, "concern", "decision", "disclosure", "rights", "case"] as const;
/** Chronology entries only IG leads see: the steps of a person's rights requests. */
export const IG_ONLY_CHRONOLOGY_CATEGORIES: readonly ChronologyCategory[] = ["rights"];
export type ChronologyCategory = (typeof CHRONOLOGY_CATEGORIES)[number];

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/**
 * Whether any of these fields already failed: a rule across fields runs only on values that are valid on
 * their own. An issue at the root (no path yet: the body is `null`, a list or a number, not an object)
 * fails every field: a custom `when` replaces zod's own "stop once the type is wrong", so it must say so.
 */
const failed = (payload: z.core.ParsePayload, ...fields: string[]) =>
  payload.issues.some((i) => i.path?.[0] === undefined || fields.includes(String(i.path[0])));

/**
 * A yes/no flag: a real JSON boolean, nothing else. Coercing 1 or "TRUE" would silently record
 * special category information as ordinary; the web form turns its checkboxes into booleans itself.
 */
const flag = (what: string) => z.boolean({ error: `Must be true or false: whether the item is ${what}` }).default(false);

/** A date that has happened: events and sources cannot be in the future. */
const pastDate = (what: string, example: string) => pastDateInput(what, example, `The ${what} must be today or in the past`);

/**
 * The warnings the writer has read (GR5-PROTECT-IDENTITIES: a protected detail typed into the text):
 * one not acknowledged stops the save, as a share decision's does.
 */
const acknowledgedWarnings = z.array(z.string().max(40)).max(10).default([]);

const recordItemFields = z.object({
  category: z.enum(ITEM_CATEGORIES, { error: "Select a category" }),
  kind: z.enum(RECORD_ITEM_KINDS, { error: "Select whether this is a fact or an opinion" }),
  text: textInput("What is being recorded", "Enter what is being recorded")
    .trim()
    .min(1, "Enter what is being recorded")
    .max(10_000, "The text must be 10,000 characters or fewer"),
  eventDate: pastDate("event date", "2026-03-27"),
  source: z.object({
    name: textInput("Who provided the information", "Enter who provided the information")
      .trim()
      .min(1, "Enter who provided the information")
      .max(300, "Who provided it must be 300 characters or fewer"),
    method: z.enum(SOURCE_METHODS, { error: "Select how the information was obtained" }),
    obtainedOn: pastDate("date the information was obtained", "2026-03-27"),
  }),
  historical: flag("historical"),
  specialCategory: flag("special category information"),
  criminalOffence: flag("criminal offence information"),
  acknowledgedWarnings,
});

/**
 * Information is learnt of on or after the day the event happened, never before: an earlier date
 * obtained means one of the two dates is wrong. (A planned event, known of in advance, is recorded
 * once it has happened: event dates are never in the future.) Checked only once both dates are valid.
 */
const obtainedOnOrAfterEvent = (i: { eventDate: string; source: { obtainedOn: string } }) => i.source.obtainedOn >= i.eventDate;
const OBTAINED_BEFORE_EVENT = {
  path: ["source", "obtainedOn"],
  message: "The date the information was obtained must be the same as or after the event date",
  when: (payload: z.core.ParsePayload) => !failed(payload, "eventDate", "source"),
};

export const recordItemInput = recordItemFields.refine(obtainedOnOrAfterEvent, OBTAINED_BEFORE_EVENT);
export type RecordItemInput = z.infer<typeof recordItemInput>;

const reason = (what: string) =>
  textInput("The reason", `Enter ${what}`).trim().min(1, `Enter ${what}`).max(2000, "The reason must be 2,000 characters or fewer");

/** A correction is a whole new version plus why the old one was wrong. */
export const correctionInput = recordItemFields
  .extend({ reason: reason("why the item is being corrected") })
  .refine(obtainedOnOrAfterEvent, OBTAINED_BEFORE_EVENT);
export type CorrectionInput = z.infer<typeof correctionInput>;

export const disputeInput = z.object({ reason: reason("what is disputed and by whom") });

export const concernInput = z.object({
  category: z.enum(CONCERN_CATEGORIES, { error: "Select the kind of concern" }),
  description: textInput("The description", "Describe the concern")
    .trim()
    .min(1, "Describe the concern")
    .max(10_000, "The description must be 10,000 characters or fewer"),
  /** Checked against the partnership's scale when saved. */
  levelOfNeed: z.string({ error: "Select the level of need" }).trim().min(1, "Select the level of need"),
  noticedOn: pastDate("date the concern was noticed", "2026-03-27"),
  acknowledgedWarnings,
});

export const acknowledgeConcernInput = z.object({
  followUpAction: textInput("The follow-up action", "Enter the follow-up action")
    .trim()
    .min(1, "Enter the follow-up action")
    .max(5000, "The follow-up action must be 5,000 characters or fewer"),
});

export const closeConcernInput = z.object({
  outcome: textInput("The outcome", "Enter the outcome")
    .trim()
    .min(1, "Enter the outcome")
    .max(5000, "The outcome must be 5,000 characters or fewer"),
});

export const chronologyFilter = z
  .object({
    category: z.preprocess(
      (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]),
      z.array(z.enum(CHRONOLOGY_CATEGORIES, { error: "Choose categories from the list" })),
    ),
    from: z.preprocess(blankToUndefined, dateInput("date", "2026-01-31").optional()),
    to: z.preprocess(blankToUndefined, dateInput("date", "2026-12-31").optional()),
  })
  // A range that ends before it starts would silently show nothing: say so instead, on the page and in the API.
  .refine((f) => !f.from || !f.to || f.from <= f.to, {
    path: ["to"],
    message: "The end date must be the same as or after the start date",
    when: (payload) => !failed(payload, "from", "to"),
  });
export type ChronologyFilter = z.infer<typeof chronologyFilter>;

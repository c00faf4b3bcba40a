import { z } from "zod";
import { textInput } from "../../../platform/text";
import { BREACH_DATA_CATEGORIES, BREACH_KINDS, BREACH_RISKS, BREACH_TYPES, REPORT_PHASES } from "./vocabulary";

/**
 * What the register's forms and the API send (issue 22). Shapes and types here; the rules that need the
 * time or the breach (T0 not in the future, a report not before T0, a late report's reasons) are in
 * lifecycle.ts, which the services apply.
 */

/**
 * An instant with its offset ("2026-03-02T09:15:00Z", "2026-03-02T09:15:00+00:00"), kept as sent: the
 * API validates a body before the service parses it again, so every transform here gives back valid input.
 */
const instant = (missing: string) => z.iso.datetime({ offset: true, error: missing });

/** An instant as sent, as a Date. */
export const instantOf = (value: string): Date => new Date(value);

const text = (label: string, missing: string, max: number) =>
  textInput(label, missing)
    .trim()
    .min(1, missing)
    .max(max, `${label} must be ${max.toLocaleString("en-GB")} characters or fewer`);

const optionalText = (label: string, max: number) =>
  textInput(label)
    .trim()
    .max(max, `${label} must be ${max.toLocaleString("en-GB")} characters or fewer`)
    .default("");

const count = (label: string) =>
  z
    .number({ error: `${label} must be a whole number` })
    .int(`${label} must be a whole number`)
    .min(0, `${label} cannot be negative`)
    .max(100_000_000, `${label} is too large`)
    .nullable()
    .default(null);

/** The facts of a breach: what the ICO's form asks, and what the register keeps (`BR-RECORD`). */
const breachFacts = z.object({
  awareAt: instant("Enter when your organisation became aware of the breach, as a date and time"),
  occurredAt: instant("Enter when the breach happened, as a date and time").nullable().default(null),
  howDiscovered: text("How it was discovered", "Enter how the breach was discovered", 2000),
  whatHappened: text("What happened", "Enter what happened", 5000),
  types: z
    .array(z.enum(BREACH_TYPES, { error: "Select types from the list" }), { error: "Select at least one type of breach" })
    .min(1, "Select at least one type of breach"),
  kinds: z
    .array(z.enum(BREACH_KINDS, { error: "Select what happened to the data from the list" }), {
      error: "Select what happened to the data",
    })
    .min(1, "Select what happened to the data"),
  cyber: z.boolean({ error: "Say whether it was a cyber incident" }),
  dataCategories: z.array(z.enum(BREACH_DATA_CATEGORIES, { error: "Select categories from the list" })).default([]),
  approxPeople: count("The number of people"),
  approxRecords: count("The number of records"),
  consequences: optionalText("The likely consequences", 5000),
  physicalRisk: z.boolean({ error: "Say whether anyone is at risk of physical harm" }).default(false),
  physicalRiskDetail: optionalText("The physical risk", 2000),
  measuresTaken: optionalText("The measures taken", 5000),
  measuresProposed: optionalText("The measures proposed", 5000),
  subjectIds: z
    .array(z.uuid({ error: "Select people from your organisation's records" }), { error: "Select people from your organisation's records" })
    .max(1000, "A breach can name at most 1,000 people: give the approximate number instead")
    .default([]),
});

function physicalRiskDescribed(b: { physicalRisk?: boolean; physicalRiskDetail?: string }, ctx: z.RefinementCtx): void {
  if (b.physicalRisk && !b.physicalRiskDetail)
    ctx.addIssue({ code: "custom", path: ["physicalRiskDetail"], message: "Describe who is at risk of physical harm and how" });
}

/** A new breach; from a disclosure the organisation sent, naming it (`disclosureId`) revokes the recipient's access at once. */
export const newBreachInput = breachFacts
  .extend({ disclosureId: z.uuid({ error: "Must be the id of information your organisation shared" }).nullable().default(null) })
  .superRefine(physicalRiskDescribed)
  .transform((b) => ({ ...b, subjectIds: [...new Set(b.subjectIds)] }));
export type NewBreachInput = z.infer<typeof newBreachInput>;

/** A change to a breach's facts: only the fields sent change (no defaults, so a field left out is left as it is). */
const f = breachFacts.shape;
export const breachFactsUpdate = z
  .object({
    awareAt: f.awareAt,
    occurredAt: f.occurredAt.unwrap(),
    howDiscovered: f.howDiscovered,
    whatHappened: f.whatHappened,
    types: f.types,
    kinds: f.kinds,
    cyber: f.cyber,
    dataCategories: f.dataCategories.unwrap(),
    approxPeople: f.approxPeople.unwrap(),
    approxRecords: f.approxRecords.unwrap(),
    consequences: f.consequences.unwrap(),
    physicalRisk: f.physicalRisk.unwrap(),
    physicalRiskDetail: f.physicalRiskDetail.unwrap(),
    measuresTaken: f.measuresTaken.unwrap(),
    measuresProposed: f.measuresProposed.unwrap(),
    subjectIds: f.subjectIds.unwrap(),
  })
  .partial()
  .transform((b) => (b.subjectIds ? { ...b, subjectIds: [...new Set(b.subjectIds)] } : b));

/** The risk to people, with the reasoning recorded. */
export const riskInput = z.object({
  risk: z.enum(BREACH_RISKS, { error: "Select the risk to the people affected" }),
  reasoning: text("The reasoning", "Enter the reasoning for the risk you chose", 5000),
});

/** A report made to the ICO: the first, or a follow-up citing the ICO's case reference. */
export const reportInput = z
  .object({
    phase: z.enum(REPORT_PHASES, { error: "Select whether this is the initial report or a follow-up" }),
    reportedAt: instant("Enter when the report was made to the ICO, as a date and time"),
    icoCaseReference: textInput("The ICO's case reference")
      .trim()
      .max(50, "The ICO's case reference must be 50 characters or fewer")
      .nullable()
      .default(null)
      .transform((v) => v || null),
    delayReasons: optionalText("The reasons for the delay", 5000),
    contact: optionalText("The contact", 500),
  })
  .superRefine((r, ctx) => {
    if (r.phase === "FOLLOW_UP" && !r.icoCaseReference)
      ctx.addIssue({ code: "custom", path: ["icoCaseReference"], message: "Enter the ICO's case reference for a follow-up report" });
  });
export type ReportInput = z.infer<typeof reportInput>;

/** The decision not to report to the ICO, and why (`BR-RECORD`). */
export const notReportedInput = z.object({
  reasons: text("The reasons", "Enter why the breach is not being reported to the ICO", 5000),
});

/** Closing a breach: the lessons learned (`BR-LESSONS`). */
export const closeInput = z.object({
  lessonsLearned: text("The lessons learned", "Enter the lessons learned before closing the breach", 5000),
});

/** A step along the register that no other command takes: starting the investigation, or recording that the people affected were told. */
export const moveInput = z.object({
  to: z.enum(["INVESTIGATING", "INDIVIDUALS_TOLD"], { error: "Select investigating or individuals told" }),
});

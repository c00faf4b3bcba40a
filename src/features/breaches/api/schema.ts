import { z } from "zod";
import { BREACH_RULES } from "../domain/rules";
import { BREACH_DATA_CATEGORIES, BREACH_KINDS, BREACH_RISKS, BREACH_STATES, BREACH_TYPES, REPORT_PHASES } from "../domain/vocabulary";
import type { BreachDetail, BreachReportRow, BreachSummary } from "../services/register";
import { breachLinksFields, presentLinks } from "./party-schema";

const ruleCodes = Object.keys(BREACH_RULES) as [keyof typeof BREACH_RULES, ...(keyof typeof BREACH_RULES)[]];

const clockSchema = z
  .object({
    state: z
      .enum(["NOT_NEEDED", "DUE", "OVERDUE", "REPORTED"])
      .describe("No report needed (assessed as no risk), due, overdue, or reported"),
    dueAt: z.iso.datetime().nullable().describe("When the ICO report is due: the moment of awareness + 72 hours"),
    reminderAt: z.iso.datetime().nullable().describe("While due: when 80 % of the 72 hours has gone"),
    reminder: z.boolean().describe("While due: whether 80 % of the 72 hours has gone"),
    minutesLeft: z.number().int().nullable(),
    minutesOver: z.number().int().nullable(),
    reportedAt: z.iso.datetime().nullable().describe("When the initial report was made"),
    late: z.boolean().nullable().describe("Whether the initial report was made more than 72 hours after awareness"),
    text: z.string().describe("The clock in words"),
  })
  .meta({ id: "BreachClock" });

const warningSchema = z.object({
  code: z.enum(ruleCodes),
  message: z.string(),
  source: z.string().describe("The rule's source"),
});

const summarySchema = z
  .object({
    id: z.uuid(),
    reference: z.string().describe('The number people quote, such as "BR-12"'),
    state: z.enum(BREACH_STATES),
    risk: z.enum(BREACH_RISKS).nullable().describe("Null until assessed"),
    awareAt: z.iso.datetime().describe("T0: when the organisation became aware of it, from which the 72 hours run"),
    whatHappened: z.string(),
    approxPeople: z.number().int().nullable(),
    clock: clockSchema,
    warnings: z.array(warningSchema).describe("What the breach still asks, each with its rule"),
    nextStates: z.array(z.enum(BREACH_STATES)).describe("The stages it may move to from here"),
    recordedAt: z.iso.datetime(),
  })
  .meta({ id: "BreachSummary" });

/** A breach's facts as the register keeps them and the ICO's form asks for them (besides T0, what happened and how many people). */
const factFields = {
  occurredAt: z.iso.datetime().nullable(),
  howDiscovered: z.string(),
  types: z.array(z.enum(BREACH_TYPES)),
  kinds: z.array(z.enum(BREACH_KINDS)),
  cyber: z.boolean(),
  dataCategories: z.array(z.enum(BREACH_DATA_CATEGORIES)),
  approxRecords: z.number().int().nullable(),
  consequences: z.string(),
  physicalRisk: z.boolean(),
  physicalRiskDetail: z.string(),
  measuresTaken: z.string(),
  measuresProposed: z.string(),
};

/** The fields of the ICO's breach report form, as codes: a kept report's snapshot, or the draft's. */
export const icoFormSchema = z
  .object({
    phase: z.enum(REPORT_PHASES).describe("The initial report, or a follow-up citing the ICO's case reference"),
    icoCaseReference: z.string().nullable(),
    reportedAt: z.iso.datetime().describe("When the report was made; for the draft, when it was drawn up"),
    late: z.boolean().describe("Made more than 72 hours after awareness (BR-72H); for the draft, if it were made now"),
    delayReasons: z.string(),
    organisation: z.string(),
    contact: z.string(),
    whatHappened: z.string(),
    awareAt: z.iso.datetime().describe("T0: when the organisation became aware of the breach"),
    approxPeople: z.number().int().nullable(),
    ...factFields,
    dueAt: z.iso.datetime().describe("When the report was due: T0 + 72 hours"),
  })
  .meta({ id: "BreachIcoForm" });

const reportSchema = z
  .object({
    id: z.uuid(),
    phase: z.enum(REPORT_PHASES),
    reportedAt: z.iso.datetime(),
    icoCaseReference: z.string().nullable(),
    delayReasons: z.string(),
    late: z.boolean(),
    form: icoFormSchema.describe("The ICO form's fields as reported"),
  })
  .meta({ id: "BreachReport" });

export const breachSchema = summarySchema
  .extend({
    ...factFields,
    riskReasoning: z.string().nullable(),
    riskAssessedAt: z.iso.datetime().nullable(),
    notReportedReasons: z.string().nullable(),
    individualsToldAt: z.iso.datetime().nullable(),
    lessonsLearned: z.string().nullable(),
    closedAt: z.iso.datetime().nullable(),
    disclosureId: z.uuid().nullable().describe("The disclosure it was raised from, whose recipient's access was withdrawn"),
    recordedBy: z.string(),
    people: z.array(z.object({ id: z.uuid(), name: z.string() })).describe("The people affected (an audited read)"),
    reports: z.array(reportSchema),
    ...breachLinksFields,
  })
  .meta({ id: "Breach" });

export const breachListSchema = summarySchema;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentSummary(b: BreachSummary): z.infer<typeof summarySchema> {
  const c = b.clock;
  return {
    id: b.id,
    reference: b.reference,
    state: b.state,
    risk: b.risk,
    awareAt: b.awareAt.toISOString(),
    whatHappened: b.whatHappened,
    approxPeople: b.approxPeople,
    clock: {
      state: c.state,
      dueAt: c.state === "NOT_NEEDED" ? null : c.dueAt.toISOString(),
      reminderAt: c.state === "DUE" ? c.reminderAt.toISOString() : null,
      reminder: c.state === "DUE" && c.reminder,
      minutesLeft: c.state === "DUE" ? c.minutesLeft : null,
      minutesOver: c.state === "OVERDUE" ? c.minutesOver : null,
      reportedAt: c.state === "REPORTED" ? c.reportedAt.toISOString() : null,
      late: c.state === "REPORTED" ? c.late : null,
      text: b.clockText,
    },
    warnings: b.warnings.map((w) => ({ code: w.code, message: w.message, source: BREACH_RULES[w.code] })),
    nextStates: [...b.nextStates],
    recordedAt: b.recordedAt.toISOString(),
  };
}

const presentReport = (r: BreachReportRow): z.infer<typeof reportSchema> => ({
  id: r.id,
  phase: r.phase,
  reportedAt: r.reportedAt.toISOString(),
  icoCaseReference: r.icoCaseReference,
  delayReasons: r.delayReasons,
  late: r.form.late,
  form: { ...r.form },
});

export const presentBreach = (b: BreachDetail): z.infer<typeof breachSchema> => ({
  ...presentSummary(b),
  occurredAt: iso(b.occurredAt),
  howDiscovered: b.howDiscovered,
  types: [...b.types],
  kinds: [...b.kinds],
  cyber: b.cyber,
  dataCategories: [...b.dataCategories],
  approxRecords: b.approxRecords,
  consequences: b.consequences,
  physicalRisk: b.physicalRisk,
  physicalRiskDetail: b.physicalRiskDetail,
  measuresTaken: b.measuresTaken,
  measuresProposed: b.measuresProposed,
  riskReasoning: b.riskReasoning,
  riskAssessedAt: iso(b.riskAssessedAt),
  notReportedReasons: b.notReportedReasons,
  individualsToldAt: iso(b.individualsToldAt),
  lessonsLearned: b.lessonsLearned,
  closedAt: iso(b.closedAt),
  disclosureId: b.disclosureId,
  recordedBy: b.recordedBy,
  people: b.people.map((p) => ({ id: p.id, name: p.name })),
  reports: b.reports.map(presentReport),
  ...presentLinks(b.links),
});

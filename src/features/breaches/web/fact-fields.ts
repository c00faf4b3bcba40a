import { type ZodType, z } from "zod";
import {
  type DateParts,
  datePartsFrom,
  datePartsOf,
  emptyDateParts,
  isoFromParts,
  isRealDate,
  ukDateTime,
} from "../../../platform/dates/calendar";
import { timeOfDay, ukDayAndTime, ukInstant } from "../../../platform/dates/uk-moment";
import { type FieldError, ValidationError } from "../../../platform/errors";
import { zodIssuesToFieldErrors } from "../../../platform/http/problem";
import { message } from "../../../platform/messages";
import { type FormBody, type FormOptions, list, optionsOf, str } from "../../../platform/web-kit/forms";
import type { NewBreachInput } from "../domain/inputs";
import { BREACHES_MESSAGES } from "../domain/messages";
import { BREACH_DATA_CATEGORIES, BREACH_KINDS, BREACH_TYPES } from "../domain/vocabulary";
import type { BreachDetail } from "../services/register";

/**
 * The facts of a breach as its forms ask them (recording one, changing its facts): what was typed,
 * kept as typed so a refusal shows it again, and the service's input built from it. Dates and times are
 * UK time, as people read them, made into instants here (platform/dates/uk-moment.ts).
 */

const words = BREACHES_MESSAGES.en;
const say = (key: string, params: Record<string, string> = {}) => message(words, `forms.${key}`, params);

/**
 * The facts as the form holds them, every field as typed. Read from a saved draft defensively: a draft
 * saved by an older form may lack a field, or hold one in another shape, and each such field reads as
 * empty, so the form and its check page never fail on it. Its fields are in the order the form asks them.
 */
const typed = z.string().catch("");
const chosen = z
  .array(z.unknown())
  .catch([])
  .transform((v) => v.filter((s): s is string => typeof s === "string" && s !== ""));
const moment = z.object({ day: typed, month: typed, year: typed }).catch(emptyDateParts);
const factValuesSchema = z.object({
  awareAt: moment,
  awareAtTime: typed,
  occurredAt: moment,
  occurredAtTime: typed,
  howDiscovered: typed,
  whatHappened: typed,
  types: chosen,
  kinds: chosen,
  cyber: typed,
  dataCategories: chosen,
  approxPeople: typed,
  approxRecords: typed,
  consequences: typed,
  physicalRisk: typed,
  physicalRiskDetail: typed,
  measuresTaken: typed,
  measuresProposed: typed,
});
export type FactValues = z.infer<typeof factValuesSchema>;

export const emptyFacts = (): FactValues => factValuesSchema.parse({});

/** A draft's values as the form holds them: what the server saved from `factValuesOf`, each field it cannot read empty. */
export const factValuesOfDraft = (draft: Record<string, unknown>): FactValues => factValuesSchema.parse(draft);

export function factValuesOf(body: FormBody): FactValues {
  return {
    awareAt: datePartsFrom(body, "awareAt"),
    awareAtTime: str(body, "awareAtTime").trim(),
    occurredAt: datePartsFrom(body, "occurredAt"),
    occurredAtTime: str(body, "occurredAtTime").trim(),
    howDiscovered: str(body, "howDiscovered"),
    whatHappened: str(body, "whatHappened"),
    types: list(body, "types"),
    kinds: list(body, "kinds"),
    cyber: str(body, "cyber"),
    dataCategories: list(body, "dataCategories"),
    approxPeople: str(body, "approxPeople").trim(),
    approxRecords: str(body, "approxRecords").trim(),
    consequences: str(body, "consequences"),
    physicalRisk: str(body, "physicalRisk"),
    physicalRiskDetail: str(body, "physicalRiskDetail"),
    measuresTaken: str(body, "measuresTaken"),
    measuresProposed: str(body, "measuresProposed"),
  };
}

const yesNo = (b: boolean) => (b ? "yes" : "no");

function momentValues(at: Date | null): { parts: DateParts; time: string } {
  if (!at) return { parts: emptyDateParts(), time: "" };
  const { day, time } = ukDayAndTime(at);
  return { parts: datePartsOf(day), time };
}

/** The breach's facts as the form shows them to change. */
export function factValuesFrom(b: BreachDetail): FactValues {
  const aware = momentValues(b.awareAt);
  const occurred = momentValues(b.occurredAt);
  return {
    awareAt: aware.parts,
    awareAtTime: aware.time,
    occurredAt: occurred.parts,
    occurredAtTime: occurred.time,
    howDiscovered: b.howDiscovered,
    whatHappened: b.whatHappened,
    types: [...b.types],
    kinds: [...b.kinds],
    cyber: yesNo(b.cyber),
    dataCategories: [...b.dataCategories],
    approxPeople: b.approxPeople === null ? "" : String(b.approxPeople),
    approxRecords: b.approxRecords === null ? "" : String(b.approxRecords),
    consequences: b.consequences,
    physicalRisk: yesNo(b.physicalRisk),
    physicalRiskDetail: b.physicalRiskDetail,
    measuresTaken: b.measuresTaken,
    measuresProposed: b.measuresProposed,
  };
}

/**
 * A UK date and time typed in the boxes as the instant the service takes ("…Z"), or null when nothing
 * was typed (and `required` is false) or what was typed is not a moment, with its error at `path`
 * (the date) or `path`Time (the time).
 */
export function momentFrom(
  parts: DateParts,
  typedTime: string,
  path: string,
  when: string,
  errors: FieldError[],
  required: boolean,
): string | null {
  const iso = isoFromParts(parts);
  if (!iso && !typedTime) {
    if (required) errors.push({ path, message: say("enterDate", { when }) });
    return null;
  }
  const before = errors.length;
  if (!iso) errors.push({ path, message: say("enterDate", { when }) });
  else if (!isRealDate(iso) || iso < "1900-01-01") errors.push({ path, message: say("realDate", { when }) });
  const time = typedTime ? timeOfDay(typedTime) : null;
  if (!typedTime) errors.push({ path: `${path}Time`, message: say("enterTime", { when }) });
  else if (!time) errors.push({ path: `${path}Time`, message: say("realTime", { when }) });
  if (errors.length > before || !time) return null;
  const at = ukInstant(iso, time);
  if (!at) {
    errors.push({ path: `${path}Time`, message: say("noSuchTime", { when }) });
    return null;
  }
  return at.toISOString();
}

/** "12" as 12, "1,200" as 1200, "" as null; anything else as typed, for the service's own error. */
function countOf(typed: string): number | string | null {
  const t = typed.replace(/,/g, "").trim();
  if (!t) return null;
  return /^\d{1,12}$/.test(t) ? Number(t) : t;
}

const booleanOf = (typed: string) => (typed === "yes" ? true : typed === "no" ? false : undefined);

/** The fields in the order the form asks them: the error summary lists its errors in this order. */
const FIELD_ORDER = ["disclosureId", ...Object.keys(factValuesSchema.shape)];
const fieldOf = (path: string) => path.replace(/^\//, "").split("/")[0] ?? "";
const rank = (path: string) => {
  const i = FIELD_ORDER.indexOf(fieldOf(path));
  return i < 0 ? FIELD_ORDER.length : i;
};

/**
 * The service's input from the typed facts, checked with the service's own schema first so every
 * problem on the form is shown at once (a date that is not real beside a missing description); throws
 * a ValidationError with them all, in the form's order.
 */
export function factsInput(values: FactValues, schema: ZodType, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const errors: FieldError[] = [];
  const awareAt = momentFrom(values.awareAt, values.awareAtTime, "/awareAt", say("awareWhen"), errors, true);
  const occurredAt = momentFrom(values.occurredAt, values.occurredAtTime, "/occurredAt", say("occurredWhen"), errors, false);
  const physicalRisk = booleanOf(values.physicalRisk);
  if (physicalRisk === undefined) errors.push({ path: "/physicalRisk", message: say("physicalRisk") });
  // The service's schema checks this only once everything else is right: said here, it is said with the rest.
  if (physicalRisk && !values.physicalRiskDetail.trim()) errors.push({ path: "/physicalRiskDetail", message: say("physicalRiskDetail") });
  const input = {
    awareAt: awareAt ?? undefined,
    occurredAt,
    howDiscovered: values.howDiscovered,
    whatHappened: values.whatHappened,
    types: values.types,
    kinds: values.kinds,
    cyber: booleanOf(values.cyber),
    dataCategories: values.dataCategories,
    approxPeople: countOf(values.approxPeople),
    approxRecords: countOf(values.approxRecords),
    consequences: values.consequences,
    physicalRisk,
    physicalRiskDetail: physicalRisk ? values.physicalRiskDetail : "",
    measuresTaken: values.measuresTaken,
    measuresProposed: values.measuresProposed,
    ...extra,
  };
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    // A moment's time field ("awareAtTime") stands for the moment too.
    const seen = new Set(errors.map((e) => fieldOf(e.path).replace(/Time$/, "")));
    // A moment the boxes could not make is already explained at its boxes.
    errors.push(...zodIssuesToFieldErrors(parsed.error).filter((e) => !seen.has(fieldOf(e.path))));
  }
  if (errors.length) throw new ValidationError(errors.sort((a, b) => rank(a.path) - rank(b.path)));
  return input;
}

/** How a facts form shows a refusal: each error at its field ("/types/0" at the types), dates linking to their day box. */
export const FACTS_FORM = {
  mapPath: (path: string) => `/${fieldOf(path)}`,
  dateFields: ["awareAt", "occurredAt"],
  onePerField: true,
} as const satisfies FormOptions;

/** The choices the facts form offers, in words. */
export const factOptions = {
  types: optionsOf(BREACH_TYPES, words.type),
  kinds: optionsOf(BREACH_KINDS, words.kind),
  dataCategories: optionsOf(BREACH_DATA_CATEGORIES, words.dataCategory),
};

/** One answer on "check your answers": `id` is the field on the form its "Change" link goes to. */
export interface FactAnswer {
  id: string;
  label: string;
  /** The answer in words; `items` instead for a list of choices, `long` for text typed in paragraphs. */
  value?: string;
  items?: string[];
  long?: boolean;
}

/**
 * A new breach's facts as "check your answers" reads them (the input the service will record, once
 * checked): UK dates and times, the choices in words, "Not known" or "None" for what was left empty.
 * Each links back to its field on the form (a date to its day box).
 */
export function factAnswers(input: NewBreachInput): FactAnswer[] {
  const moment = (iso: string | null) => (iso ? ukDateTime(new Date(iso)) : "Not known");
  const count = (n: number | null) => (n === null ? "Not known" : n.toLocaleString("en-GB"));
  const chosen = (texts: string[]) => (texts.length ? { items: texts } : { value: "None" });
  const typedOr = (typed: string, empty: string) => (typed ? { value: typed, long: true } : { value: empty });
  return [
    { id: "awareAt-day", label: "When your organisation became aware", value: moment(input.awareAt) },
    { id: "occurredAt-day", label: "When the breach happened", value: moment(input.occurredAt) },
    { id: "howDiscovered", label: "How the breach was discovered", value: input.howDiscovered, long: true },
    { id: "whatHappened", label: "What happened", value: input.whatHappened, long: true },
    { id: "types", label: "Type of breach", ...chosen(input.types.map((t) => words.type[t])) },
    { id: "kinds", label: "What happened to the data", ...chosen(input.kinds.map((k) => words.kind[k])) },
    { id: "cyber", label: "A cyber incident", value: input.cyber ? "Yes" : "No" },
    { id: "dataCategories", label: "Kinds of data and people involved", ...chosen(input.dataCategories.map((c) => words.dataCategory[c])) },
    { id: "approxPeople", label: "About how many people are affected", value: count(input.approxPeople) },
    { id: "approxRecords", label: "About how many records are affected", value: count(input.approxRecords) },
    { id: "consequences", label: "Likely consequences for the people affected", ...typedOr(input.consequences, "Not known") },
    { id: "physicalRisk", label: "Anyone at risk of physical harm", value: input.physicalRisk ? "Yes" : "No" },
    ...(input.physicalRisk
      ? [{ id: "physicalRiskDetail", label: "Who is at risk of physical harm, and how", value: input.physicalRiskDetail, long: true }]
      : []),
    { id: "measuresTaken", label: "What you have done so far", ...typedOr(input.measuresTaken, "None") },
    { id: "measuresProposed", label: "What else you plan to do", ...typedOr(input.measuresProposed, "None") },
  ];
}

import { z } from "zod";
import { type DateParts, datePartsFrom, datePartsOf, isoFromParts } from "../../../platform/dates/calendar";
import type { FieldError } from "../../../platform/errors";
import { zodIssuesToFieldErrors } from "../../../platform/http/problem";
import { textInput } from "../../../platform/text";
import { type FormBody, formHelpers, list, optionsOf, str } from "../../../platform/web-kit/forms";
import { RECORD_ITEM_KIND_LABELS, RECORD_ITEM_KINDS, SOURCE_METHOD_LABELS, SOURCE_METHODS } from "../domain/records";
import type { RecordItem } from "../services/items";
import { categoryOptions } from "./record-pages";

/** A record item's fields as the forms hold them: what was typed, dates as day, month and year. */
export interface ItemValues {
  category: string;
  kind: string;
  text: string;
  eventDate: DateParts;
  sourceName: string;
  sourceMethod: string;
  sourceObtainedOn: DateParts;
  flags: string[];
}

const FLAGS = ["historical", "specialCategory", "criminalOffence"] as const;

export const ITEM_DATE_FIELDS = ["eventDate", "source-obtainedOn"] as const;

/** The three parts of adding an item, each a page of the task list, and the fields each owns. */
export const ITEM_TASKS = {
  "what-happened": { title: "What happened", fields: ["category", "kind", "text", "eventDate"] },
  "where-it-came-from": { title: "Where it came from", fields: ["source-name", "source-method", "source-obtainedOn"] },
  sensitivity: { title: "Sensitivity", fields: ["flags"] },
} as const;
export type ItemTask = keyof typeof ITEM_TASKS;
export const ITEM_TASK_KEYS = Object.keys(ITEM_TASKS) as ItemTask[];

/** Error paths as the item forms name their fields: the three flags are one set of checkboxes. */
export const itemErrorPath = (path: string) => (/^\/(historical|specialCategory|criminalOffence)$/.test(path) ? "/flags" : path);

/** Which task a field (as its id on the page, e.g. "source-name") belongs to. */
export function taskOfField(id: string): ItemTask | undefined {
  return ITEM_TASK_KEYS.find((t) => (ITEM_TASKS[t].fields as readonly string[]).includes(id));
}

/** The fields of one task from a posted form. */
export function taskValuesFromBody(task: ItemTask, body: FormBody): Partial<ItemValues> {
  switch (task) {
    case "what-happened":
      return {
        category: str(body, "category"),
        kind: str(body, "kind"),
        text: str(body, "text"),
        eventDate: datePartsFrom(body, "eventDate"),
      };
    case "where-it-came-from":
      return {
        sourceName: str(body, "source-name"),
        sourceMethod: str(body, "source-method"),
        sourceObtainedOn: datePartsFrom(body, "source-obtainedOn"),
      };
    case "sensitivity":
      return { flags: list(body, "flags").filter((f) => (FLAGS as readonly string[]).includes(f)) };
  }
}

export function itemValuesFromBody(body: FormBody): ItemValues {
  return {
    ...(taskValuesFromBody("what-happened", body) as Pick<ItemValues, "category" | "kind" | "text" | "eventDate">),
    ...(taskValuesFromBody("where-it-came-from", body) as Pick<ItemValues, "sourceName" | "sourceMethod" | "sourceObtainedOn">),
    flags: taskValuesFromBody("sensitivity", body).flags ?? [],
  };
}

const answer = (label: string) => textInput(label).optional();
const dateAnswer = (label: string) => z.object({ day: textInput(label), month: textInput(label), year: textInput(label) }).optional();

/**
 * What a draft may hold: anything typed, valid or not, except control characters. The database
 * cannot store a NUL (even in JSON), and the item form would refuse every one of them anyway.
 */
const draftAnswers = z.object({
  category: answer("Category"),
  kind: answer("Fact or opinion"),
  text: answer("What is being recorded"),
  eventDate: dateAnswer("The event date"),
  sourceName: answer("Who provided the information"),
  sourceMethod: answer("How it was obtained"),
  sourceObtainedOn: dateAnswer("The date obtained"),
});

/** The draft's field names as the item form's error paths ("/sourceName" is "/source/name"; a date is one field). */
const DRAFT_PATHS: Record<string, string> = {
  sourceName: "/source/name",
  sourceMethod: "/source/method",
  sourceObtainedOn: "/source/obtainedOn",
};

/** Answers that cannot be kept in a draft, as field errors on the task page's fields; none for a storable answer. */
export function unstorableAnswers(answers: Partial<ItemValues>): FieldError[] {
  const result = draftAnswers.safeParse(answers);
  if (result.success) return [];
  return zodIssuesToFieldErrors(result.error).map((e) => {
    const field = e.path.split("/")[1] ?? "";
    return { ...e, path: DRAFT_PATHS[field] ?? `/${field}` };
  });
}

/** A saved version as the correction form's starting point. */
export function itemValuesOf(item: RecordItem): ItemValues {
  return {
    category: item.category,
    kind: item.kind,
    text: item.text,
    eventDate: datePartsOf(item.eventDate),
    sourceName: item.sourceName,
    sourceMethod: item.sourceMethod,
    sourceObtainedOn: datePartsOf(item.sourceObtainedOn),
    flags: FLAGS.filter((f) => item[f]),
  };
}

/** What `recordItemInput` takes; empty choices are left out so the rule's own "Select ..." message is used. */
export function itemInput(v: Partial<ItemValues>) {
  const flags = v.flags ?? [];
  return {
    category: v.category || undefined,
    kind: v.kind || undefined,
    text: v.text ?? "",
    eventDate: isoFromParts(v.eventDate),
    source: { name: v.sourceName ?? "", method: v.sourceMethod || undefined, obtainedOn: isoFromParts(v.sourceObtainedOn) },
    historical: flags.includes("historical"),
    specialCategory: flags.includes("specialCategory"),
    criminalOffence: flags.includes("criminalOffence"),
  };
}

const filled = (p: DateParts | undefined) => !!p && !!(p.day || p.month || p.year);

/** Whether every question of a task has an answer (whether the answers are valid is checked when saving). */
export function taskAnswered(task: ItemTask, v: Partial<ItemValues>): boolean {
  switch (task) {
    case "what-happened":
      return !!(v.category && v.kind && v.text?.trim() && filled(v.eventDate));
    case "where-it-came-from":
      return !!(v.sourceName?.trim() && v.sourceMethod && filled(v.sourceObtainedOn));
    case "sensitivity":
      return true;
  }
}

/** Options and helpers every item form template uses. */
export const itemFormContext = {
  ...formHelpers,
  categoryOptions,
  kindOptions: RECORD_ITEM_KINDS.map((value) => ({
    value,
    text: RECORD_ITEM_KIND_LABELS[value],
    hint:
      value === "FACT"
        ? "Something seen, heard, said or documented, as it was"
        : "A professional's judgement or interpretation, such as an assessment of risk",
  })),
  methodOptions: optionsOf(SOURCE_METHODS, SOURCE_METHOD_LABELS),
  flagOptions: [
    { value: "historical", text: "Historical", hint: "About the past, and may no longer reflect the situation" },
    {
      value: "specialCategory",
      text: "Special category information",
      hint: "Health, ethnicity, religion, sex life or sexual orientation, and similar (UK GDPR Article 9)",
    },
    {
      value: "criminalOffence",
      text: "Criminal offence information",
      hint: "Alleged or proven offences, or related proceedings (UK GDPR Article 10)",
    },
  ],
};

import { datePartsFrom, datePartsOf, isoFromParts } from "../../../platform/dates/calendar";
import type { FieldError } from "../../../platform/errors";
import { type FormBody, list, str } from "../../../platform/web-kit/forms";
import { isId } from "../domain/decision-input";
import { SHARING_MESSAGES } from "../domain/messages";
import { type FieldDef, fieldIdOf, type StepDef } from "./step-fields";

/**
 * The wizard's answers as the decision's nested shape (decision-input.ts), read from and written to
 * by JSON Pointer paths, and each step's form turned into answers. Kept as typed: a half-finished or
 * invalid answer is saved (nothing is lost) and checked when the decision is recorded.
 */

export type Answers = Record<string, unknown>;

export function getAt(answers: Answers, path: string): unknown {
  let node: unknown = answers;
  for (const key of path.split("/").filter(Boolean)) {
    if (!node || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** A copy of `answers` with the value at `path` set (or removed, for undefined). */
export function setAt(answers: Answers, path: string, value: unknown): Answers {
  const [head, ...rest] = path.split("/").filter(Boolean);
  if (!head) return answers;
  const copy: Answers = { ...answers };
  if (rest.length === 0) {
    if (value === undefined) delete copy[head];
    else copy[head] = value;
    return copy;
  }
  const child = copy[head] && typeof copy[head] === "object" ? (copy[head] as Answers) : {};
  copy[head] = setAt(child, `/${rest.join("/")}`, value);
  return copy;
}

const NONE = "none";

/** One field's answer from its form. */
export function answerFromBody(field: FieldDef, body: FormBody): unknown {
  const id = fieldIdOf(field.path);
  switch (field.kind) {
    case "yesno": {
      const v = str(body, id);
      return v === "yes" ? true : v === "no" ? false : undefined;
    }
    case "checkboxes":
      return list(body, id);
    case "date":
      return isoFromParts(datePartsFrom(body, id)) || undefined;
    case "radios":
    case "select": {
      const v = str(body, id);
      if (field.noneLabel && v === NONE) return null;
      return v === "" ? undefined : v;
    }
    default: {
      const v = str(body, id);
      return v.trim() === "" ? undefined : v;
    }
  }
}

/** One field's answer as its form shows it: yes/no for booleans, day/month/year boxes for dates. */
export function formValue(field: FieldDef, answers: Answers): unknown {
  const v = getAt(answers, field.path);
  if (field.kind === "yesno") return v === true ? "yes" : v === false ? "no" : "";
  if (field.kind === "date") return datePartsOf(typeof v === "string" ? v : null);
  if (v === null && field.noneLabel) return NONE;
  return v ?? (field.kind === "checkboxes" ? [] : "");
}

export const noneOption = (field: FieldDef) => (field.noneLabel ? [{ value: NONE, text: field.noneLabel }] : []);

/**
 * The items step's answers: per record item, share it, withhold it (with why) or leave it out, what to
 * redact, and (a safeguarding or IG lead only: the page asks no one else) why its protected details must go.
 */
export function itemAnswersFromBody(itemIds: readonly string[], body: FormBody) {
  const items = itemIds.flatMap((id) => {
    const choice = str(body, `item-${id}`);
    if (choice !== "share" && choice !== "withhold") return [];
    const redactions = str(body, `item-${id}-redactions`)
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean);
    const reason = str(body, `item-${id}-reason`);
    const protectedReason = str(body, `item-${id}-protectedReason`);
    return [
      {
        itemId: id,
        share: choice === "share",
        ...(choice === "withhold" && reason.trim() ? { withheldReason: reason } : {}),
        ...(choice === "share" && redactions.length ? { redactions } : {}),
        ...(choice === "share" && protectedReason.trim() ? { protectedDetailsReason: protectedReason } : {}),
      },
    ];
  });
  const optional = (name: string) => (str(body, name).trim() ? str(body, name) : undefined);
  return {
    items,
    subjectDetails: list(body, "items-subjectDetails"),
    protectedAddressReason: optional("items-protectedAddressReason"),
    itemException: optional("items-itemException"),
  };
}

/**
 * The one answer not kept as typed: a choice of organisation, agreement, person or concern (a path
 * naming an id, as the decision's do) that is not an id. No list offers one, so the form was tampered
 * with or is stale; saved, it would name nothing on every page after.
 */
export function notIdErrors(step: StepDef, answers: Answers): FieldError[] {
  return step.fields
    .filter((f) => f.path.endsWith("Id"))
    .filter((f) => {
      const value = getAt(answers, f.path);
      return value !== undefined && value !== null && !isId(value);
    })
    .map((f) => ({ path: f.path, message: SHARING_MESSAGES.en.wizardErrors.notListed.replace("{question}", f.label) }));
}

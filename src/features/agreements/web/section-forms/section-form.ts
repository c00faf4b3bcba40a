import type { FieldError } from "../../../../platform/errors";
import { zodIssuesToFieldErrors } from "../../../../platform/http/problem";
import { checked, type FormBody, str } from "../../../../platform/web-kit/forms";
import { type AgreementContent, type AgreementContentInput, agreementContentSchema, type Section } from "../../domain/content";

/**
 * What one section's edit form is (section-forms.ts lists them all), and the steps every section's
 * form is built from: read a posted list, read a whole number, check a value against the section's
 * part of the content schema.
 */

export type Values = Record<string, unknown>;
export type Entry = Record<string, unknown>;

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

/** A whole number, or null when left empty; an error when it is not a whole number. */
export function wholeNumber(raw: unknown, path: string, errors: FieldError[], message: string, required?: string): number | null {
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
export function postedEntries(body: FormBody, prefix: string, read: (p: string) => Entry, isEmpty: (e: Entry) => boolean): Entry[] {
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

export const blankText = (...values: unknown[]) => values.every((v) => (Array.isArray(v) ? v.length === 0 : String(v ?? "").trim() === ""));

/** Checks a section value against its part of the content schema, so every error shows at once. */
function schemaErrors(section: Section, value: unknown): FieldError[] {
  const schema = agreementContentSchema.shape[section];
  const result = schema.safeParse(value);
  if (result.success) return [];
  return zodIssuesToFieldErrors(result.error).map((e) => ({ path: `/${section}${e.path === "/" ? "" : e.path}`, message: e.message }));
}

/** Pre-check errors first (they name what was typed), then any schema errors on other fields. */
export function combine(own: FieldError[], section: Section, value: unknown): FieldError[] {
  const ownPaths = new Set(own.map((e) => e.path));
  return [...own, ...schemaErrors(section, value).filter((e) => !ownPaths.has(e.path))];
}

/** The form of a section that is a few text fields, converted by `convert` and checked as a whole. */
export const simple = <K extends Section>(
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

/** A field of the form values as text, empty when it is missing. */
export const text = (values: Values, field: string) => String(values[field] ?? "");

/** A checkbox or a yes/no answer as a boolean. */
export const yes = (v: unknown) => v === true || v === "yes";

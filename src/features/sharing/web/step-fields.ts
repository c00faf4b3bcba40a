import type { Option } from "../../../platform/web-kit/forms";

/**
 * What a question of the share decision wizard is made of (steps.ts lists them): each field names the
 * answer's path in the decision (decision-input.ts), and its id and name on the page are that path's
 * dashed form, so one template renders every step and one parser reads them back.
 */

export type FieldKind = "radios" | "yesno" | "checkboxes" | "textarea" | "text" | "select" | "date";

/** Choices that depend on the case: the person's concerns, the partnership's members and agreements, the recipient's staff. */
export interface StepChoices {
  levels: Option[];
  concerns: Option[];
  organisations: Option[];
  agreements: Option[];
  recipientPeople: Option[];
}

export interface FieldDef {
  /** JSON Pointer of the answer, e.g. "/purpose/code"; the field's id and name are its dashed form. */
  path: string;
  kind: FieldKind;
  label: string;
  hint?: string;
  options?: (choices: StepChoices) => Option[];
  /** For radios whose "none of these" answer is null rather than absent: its label. */
  noneLabel?: string;
}

export interface StepDef {
  key: string;
  title: string;
  intro?: string;
  fields: FieldDef[];
}

/** The shapes of question steps.ts asks: yes or no, typed text, a choice from options. */
export const yes = (path: string, label: string, hint?: string): FieldDef => ({ path, kind: "yesno", label, hint });
export const text = (path: string, label: string, hint?: string, kind: FieldKind = "textarea"): FieldDef => ({ path, kind, label, hint });
export const choose = (
  path: string,
  kind: FieldKind,
  label: string,
  options: (c: StepChoices) => Option[],
  hint?: string,
  noneLabel?: string,
): FieldDef => ({
  path,
  kind,
  label,
  hint,
  options,
  noneLabel,
});

/** Options that do not depend on the case. */
export const fixed = (o: Option[]) => () => o;

/** A field's id and name on the page: its answer's path, dashed ("/purpose/code" is "purpose-code"). */
export const fieldIdOf = (path: string) => path.replace(/^\//, "").replaceAll("/", "-");

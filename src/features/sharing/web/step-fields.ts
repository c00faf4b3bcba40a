import type { Option } from "../../../platform/web-kit/forms";
import type { Answers } from "./answers";

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
  /** The purposes a share may have: the agreement's when one is cited, otherwise every purpose. */
  purposes: Option[];
}

/**
 * One question that answers two (where consent stands, and if it was not asked for, why): how it
 * reads its one value from the answers and writes it back into them, and the paths it answers (a rule
 * finding about either is shown on it).
 */
export interface FieldCodec {
  paths: readonly string[];
  read: (answers: Answers) => string | undefined;
  write: (answers: Answers, value: string | undefined) => Answers;
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
  /**
   * A follow-up ("If not, why not?"): asked only when the answer at `path` is `value` (or, for
   * checkboxes, includes it), shown revealed under that choice, and not kept when the answer changes.
   */
  revealedBy?: { path: string; value: string | boolean };
  codec?: FieldCodec;
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

/** A follow-up question, asked when the answer at `path` is `value`. */
export const when = (path: string, value: string | boolean, field: FieldDef): FieldDef => ({ ...field, revealedBy: { path, value } });

/** Options that do not depend on the case. */
export const fixed = (o: Option[]) => () => o;

/** A field's id and name on the page: its answer's path, dashed ("/purpose/code" is "purpose-code"). */
export const fieldIdOf = (path: string) => path.replace(/^\//, "").replaceAll("/", "-");

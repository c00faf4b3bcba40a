import type { FastifyReply, FastifyRequest } from "fastify";
import { ZodError } from "zod";
import {
  ConflictError,
  type FieldError,
  NotFoundError,
  type RuleFinding,
  RulesBlockedError,
  ValidationError,
} from "../../../platform/errors";
import { idParams } from "../../../platform/http/api-schemas";
import { zodIssuesToFieldErrors } from "../../../platform/http/problem";
import { SECTIONS, type Section } from "../domain/content";
import {
  AGREEMENT_STANDING_LABELS,
  type AgreementStanding,
  agreementStanding,
  type InForceInput,
  type ParentInForceInput,
  type ReviewState,
  type VersionState,
} from "../domain/lifecycle";
import { AGREEMENTS_MESSAGES } from "../domain/messages";

/** Shared by the agreement pages: presentation maps, form helpers and the error summary. */

const STATUS_TAG_CLASSES: Record<AgreementStanding, string> = {
  DRAFT: "govuk-tag--grey",
  AWAITING_SIGNATURES: "govuk-tag--yellow",
  ACTIVE: "govuk-tag--green",
  UNDER_REVIEW: "govuk-tag--turquoise",
  LAPSED: "govuk-tag--red",
  PARENT_NOT_IN_FORCE: "govuk-tag--red",
  SUSPENDED: "govuk-tag--orange",
  EXPIRED: "govuk-tag--red",
  TERMINATED: "govuk-tag--red",
};

/** An agreement's status tag wherever one is shown: its status as the in-force rule leaves it (`agreementStanding`). */
export function statusTag(
  agreement: InForceInput & { parent: ParentInForceInput | null },
  today: string,
): { text: string; classes: string } {
  const standing = agreementStanding(agreement, agreement.parent, today);
  return { text: AGREEMENT_STANDING_LABELS[standing], classes: STATUS_TAG_CLASSES[standing] };
}

export const REVIEW_TAG_CLASSES: Record<ReviewState, string> = {
  NOT_DUE: "govuk-tag--green",
  DUE_SOON: "govuk-tag--yellow",
  OVERDUE: "govuk-tag--orange",
  LAPSED: "govuk-tag--red",
  NOT_SET: "govuk-tag--grey",
};

export const VERSION_STATE_LABELS: Record<VersionState, string> = AGREEMENTS_MESSAGES.en.versionState;

export const VERSION_STATE_TAG_CLASSES: Record<VersionState, string> = {
  DRAFT: "govuk-tag--grey",
  AWAITING_SIGNATURES: "govuk-tag--yellow",
  SIGNED: "govuk-tag--green",
  DISCARDED: "govuk-tag--red",
};

export const VERSION_KIND_LABELS = { ORIGINAL: "Original", VARIATION: "Variation", ACCESSION: "Accession of a new party" } as const;

/** The agreement id from the URL; anything else is simply not found. */
export function agreementId(request: FastifyRequest): string {
  const parsed = idParams.safeParse(request.params);
  if (!parsed.success) throw new NotFoundError("The agreement");
  return parsed.data.id;
}

export function queryOf(request: FastifyRequest): Record<string, string> {
  const q = (request.query ?? {}) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(q).map(([k, v]) => [k, Array.isArray(v) ? String(v[0] ?? "") : String(v ?? "")]));
}

export type FormBody = Record<string, string | string[] | undefined>;

export function bodyOf(request: FastifyRequest): FormBody {
  return (request.body ?? {}) as FormBody;
}

/** One form value as a string (the first, if the field was repeated). */
export function str(body: FormBody, name: string): string {
  const v = body[name];
  const first = Array.isArray(v) ? v[0] : v;
  // Only strings count: a JSON body posted at a form route cannot smuggle objects in.
  return typeof first === "string" ? first : "";
}

/** A repeated field (checkboxes) as a list. */
export function list(body: FormBody, name: string): string[] {
  const v = body[name];
  if (v === undefined || v === "") return [];
  return (Array.isArray(v) ? v : [v]).filter((s): s is string => typeof s === "string" && s !== "");
}

export const checked = (body: FormBody, name: string) => list(body, name).length > 0;

// ---- Options for radios, checkboxes and selects, called from templates ----

export interface Option {
  value: string;
  text: string;
  hint?: string;
}

export const optionsOf = <K extends string>(values: readonly K[], labels: Record<K, string>): Option[] =>
  values.map((value) => ({ value, text: labels[value] }));

export const formHelpers = {
  radioItems: (options: Option[], selected: unknown) =>
    options.map((o) => ({
      value: o.value,
      text: o.text,
      hint: o.hint ? { text: o.hint } : undefined,
      checked: String(selected ?? "") === o.value,
    })),
  checkboxItems: (options: Option[], selected: unknown) => {
    const chosen = new Set((Array.isArray(selected) ? selected : selected ? [selected] : []).map(String));
    return options.map((o) => ({
      value: o.value,
      text: o.text,
      hint: o.hint ? { text: o.hint } : undefined,
      checked: chosen.has(o.value),
    }));
  },
  selectItems: (options: Option[], selected: unknown, placeholder?: string) => [
    ...(placeholder ? [{ value: "", text: placeholder, selected: !selected }] : []),
    ...options.map((o) => ({ value: o.value, text: o.text, selected: String(selected ?? "") === o.value })),
  ],
};

// ---- Errors ----

/** "/parties/0/signatoryUserId" → "parties-0-signatoryUserId": the id of the field on the page. */
export function fieldId(path: string): string {
  const parts = path.replace(/^\//, "").split("/").filter(Boolean);
  // An error on one value of a checkbox list ("/flows/0/dataItemKeys/2") belongs to the whole list.
  if (parts.length > 2 && /^\d+$/.test(parts.at(-1)!) && !/^\d+$/.test(parts.at(-2)!)) parts.pop();
  return parts.join("-") || "form";
}

export function sectionOfPath(path: string): Section | undefined {
  const first = path.replace(/^\//, "").split("/")[0];
  return SECTIONS.find((s) => s === first);
}

/**
 * The GOV.UK error summary and per-field messages. `hrefFor` decides where each summary link goes:
 * a field on this page (`#id`) or another page (a different section of the agreement).
 */
export function errorSummary(fieldErrors: FieldError[], hrefFor: (path: string, id: string) => string | undefined = (_p, id) => `#${id}`) {
  const errors: Record<string, { text: string }> = {};
  const errorList: { text: string; href?: string }[] = [];
  const listed = new Set<string>();
  for (const { path, message } of fieldErrors) {
    const id = fieldId(path);
    if (!errors[id]) errors[id] = { text: message };
    const key = `${id}\u0000${message}`;
    if (listed.has(key)) continue;
    listed.add(key);
    const href = hrefFor(path, id);
    errorList.push(href ? { text: message, href } : { text: message });
  }
  return { errors, errorList };
}

/**
 * Rule findings as form errors: the one way every page shows them. People read the reason, never the
 * rule's code (that is for the API, and for safeguarding and IG leads in a details panel beside the
 * reasons). A block is put right at the answer it is about; a warning at the box that acknowledges it
 * ("/acknowledged"), followed by what the form asks the person to do about it, if it says.
 */
export function findingErrors(findings: readonly RuleFinding[], howToAcknowledge?: string): FieldError[] {
  return findings.map((f) =>
    f.severity === "warning"
      ? { path: "/acknowledged", message: howToAcknowledge ? `${f.message} ${howToAcknowledge}` : f.message }
      : { path: f.path, message: f.message },
  );
}

/**
 * Field errors from anything a form action can throw because of what was entered; undefined otherwise.
 * `howToAcknowledge` follows each warning the rules raise (see `findingErrors`).
 */
export function fieldErrorsOf(
  error: unknown,
  howToAcknowledge?: string,
): { fieldErrors: FieldError[]; status: number; message?: string } | undefined {
  if (error instanceof ValidationError) return { fieldErrors: error.fieldErrors, status: 400 };
  if (error instanceof ZodError) return { fieldErrors: zodIssuesToFieldErrors(error), status: 400 };
  if (error instanceof ConflictError) return { fieldErrors: error.fieldErrors, status: 409, message: error.message };
  if (error instanceof RulesBlockedError) return { fieldErrors: findingErrors(error.findings, howToAcknowledge), status: 422 };
  return undefined;
}

/** Link to the place in an agreement's section pages where a content path is edited. */
export function sectionHref(id: string, path: string): string | undefined {
  const section = sectionOfPath(path);
  if (!section) return undefined;
  const fragment = fieldId(path);
  return `/agreements/${id}/sections/${section}${fragment === section ? "" : `#${fragment}`}`;
}

/**
 * Runs a form action; input problems (validation, or a conflict such as "not ready to sign")
 * re-render the page with the GOV.UK error summary and what was typed. Anything else propagates.
 */
export async function withFormErrors(
  reply: FastifyReply,
  render: (errors: ReturnType<typeof errorSummary>, status: number) => Promise<unknown> | unknown,
  action: () => Promise<unknown>,
  options: {
    /** Where each summary link goes; `#id` on this page unless told otherwise. */
    hrefFor?: (path: string, id: string) => string | undefined;
    /** Renames error paths to this page's fields (e.g. a service's "/documentControl/title" to "/title"). */
    mapPath?: (path: string) => string;
  } = {},
): Promise<unknown> {
  try {
    return await action();
  } catch (error) {
    const found = fieldErrorsOf(error);
    if (!found) throw error;
    const mapPath = options.mapPath ?? ((p: string) => p);
    const summary = errorSummary(
      found.fieldErrors.map((e) => ({ ...e, path: mapPath(e.path) })),
      options.hrefFor,
    );
    if (found.message) summary.errorList.unshift({ text: found.fieldErrors.length ? `${found.message}:` : found.message });
    reply.status(found.status);
    return render(summary, found.status);
  }
}

/** Banner text for the outcome of the last action, from a query parameter set by the redirect. */
export const OUTCOME_MESSAGES: Record<string, string> = {
  created: "Agreement drafted from the model template. Work through the sections below, then send it for signature.",
  send_for_signature: "Sent for signature. Each party's signatory can now sign it in Safeshare.",
  return_to_draft: "Returned to draft. Signatures already given on this version have lapsed.",
  start_review: "Review started.",
  suspend: "Agreement suspended. Information may not be shared under it until it is reinstated.",
  reinstate: "Agreement reinstated.",
  expire: "Agreement marked as expired.",
  terminate: "Agreement terminated.",
  reviewed: "Review recorded.",
  discarded: "Pending version discarded. The version in force is unchanged.",
};

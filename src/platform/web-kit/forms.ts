import type { FastifyReply, FastifyRequest } from "fastify";
import { ZodError, type ZodType, z } from "zod";
import { ConflictError, type FieldError, NotFoundError, type RuleFinding, RulesBlockedError, ValidationError } from "../errors";
import { toProblem, zodIssuesToFieldErrors } from "../http/problem";

/**
 * The web forms kit: every page reads its form, and shows a refusal, through this file. A rejected
 * form comes back on the same page with the GOV.UK error summary, a message at each field and
 * everything the user typed, with the status the API gives for the same error (`toProblem`, the one
 * table). Nothing here knows a feature: pages pass their own paths, anchors and wording as options.
 */

// ---- Reading what was posted ----

export type FormBody = Record<string, string | string[] | undefined>;

export function bodyOf(request: FastifyRequest): FormBody {
  return (request.body ?? {}) as FormBody;
}

export function queryOf(request: FastifyRequest): Record<string, string> {
  const q = (request.query ?? {}) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(q).map(([k, v]) => [k, Array.isArray(v) ? String(v[0] ?? "") : String(v ?? "")]));
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

const uuid = z.uuid();

/** An id from the URL; anything that is not a UUID is simply not found (never a database error). */
export function idParam(request: FastifyRequest, name: string, what: string): string {
  const value = (request.params as Record<string, unknown>)[name];
  const parsed = uuid.safeParse(value);
  if (!parsed.success) throw new NotFoundError(what);
  return parsed.data;
}

/** Parses a form body with the same zod schema the API uses, or throws a ValidationError. */
export function parseForm<T>(schema: ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body ?? {});
  if (!result.success) throw new ValidationError(zodIssuesToFieldErrors(result.error));
  return result.data;
}

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

// ---- The error summary ----

/** "/parties/0/signatoryUserId" → "parties-0-signatoryUserId": the id of the field on the page. */
export function fieldId(path: string): string {
  const parts = path.replace(/^\//, "").split("/").filter(Boolean);
  // An error on one value of a checkbox list ("/flows/0/dataItemKeys/2") belongs to the whole list.
  if (parts.length > 2 && /^\d+$/.test(parts.at(-1)!) && !/^\d+$/.test(parts.at(-2)!)) parts.pop();
  return parts.join("-") || "form";
}

/** The domain's messages give ISO examples ("like 2026-03-27"); a page with day, month and year boxes reads them as typed. */
const boxedExample = (message: string) =>
  message.replace(/like (\d{4})-(\d{2})-(\d{2})/g, (_m, y: string, mo: string, d: string) => `like ${Number(d)} ${Number(mo)} ${y}`);

export interface SummaryOptions {
  /**
   * Where each summary link goes: `#anchor` on this page unless told otherwise (another page, such as
   * a different section or task). `id` is the field's id; `anchor` is the box to focus (a date's day box).
   */
  hrefFor?: (path: string, id: string, anchor: string) => string | undefined;
  /**
   * The page asks for dates in day, month and year boxes: these fields link to their day box, and the
   * domain's ISO examples are written as a person types them. An empty list still rewrites examples.
   */
  dateFields?: readonly string[];
  /** One message per field, the first (GOV.UK): a date that is not real is not also reported as, say, in the future. */
  onePerField?: boolean;
}
export type ErrorSummary = { errors: Record<string, { text: string }>; errorList: { text: string; href?: string }[] };

/** The GOV.UK error summary and the message at each field, from field errors. */
export function errorSummary(fieldErrors: readonly FieldError[], options: SummaryOptions = {}): ErrorSummary {
  const errors: Record<string, { text: string }> = {};
  const errorList: { text: string; href?: string }[] = [];
  const listed = new Set<string>();
  for (const { path, message: raw } of fieldErrors) {
    const id = fieldId(path);
    if (options.onePerField && errors[id]) continue;
    const message = options.dateFields ? boxedExample(raw) : raw;
    if (!errors[id]) errors[id] = { text: message };
    const key = `${id}\u0000${message}`;
    if (listed.has(key)) continue;
    listed.add(key);
    const anchor = options.dateFields?.includes(id) ? `${id}-day` : id;
    const href = options.hrefFor ? options.hrefFor(path, id, anchor) : `#${anchor}`;
    errorList.push(href ? { text: message, href } : { text: message });
  }
  return { errors, errorList };
}

// ---- Refusals: what a form action can throw because of what was entered ----

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

export interface Refusal {
  fieldErrors: FieldError[];
  /** The API's status for the same error, from the one table in problem.ts. */
  status: number;
  /** A conflict's own sentence ("This agreement cannot be changed now"), which may name no field. */
  message?: string;
}

/**
 * Field errors from anything a form action can throw because of what was entered (validation, a
 * conflict, the rules); undefined for anything else, which belongs to the error pages.
 * `howToAcknowledge` follows each warning the rules raise (see `findingErrors`).
 */
export function fieldErrorsOf(error: unknown, howToAcknowledge?: string): Refusal | undefined {
  const status = () => toProblem(error).status;
  if (error instanceof ValidationError) return { fieldErrors: error.fieldErrors, status: status() };
  if (error instanceof ZodError) return { fieldErrors: zodIssuesToFieldErrors(error), status: status() };
  if (error instanceof ConflictError) return { fieldErrors: error.fieldErrors, status: status(), message: error.message };
  if (error instanceof RulesBlockedError) return { fieldErrors: findingErrors(error.findings, howToAcknowledge), status: status() };
  return undefined;
}

export interface FormOptions extends SummaryOptions {
  /** Renames the service's paths to this page's fields (e.g. "/documentControl/title" to "/title"). */
  mapPath?: (path: string) => string;
  /** Follows each rule warning, telling the person how to acknowledge it on this page. */
  howToAcknowledge?: string;
  /** A conflict's sentence heads the summary, before the fields it names. */
  leadWithMessage?: boolean;
  /** A refusal that names no field is shown at this one: in its own words, or these. */
  orAt?: { path: string; message: string };
  /** A conflict is not something to put right on this form: it goes to the error page. */
  conflictsAreErrors?: boolean;
}

/**
 * Runs a form action. If what was entered is refused, sets the status and renders the page again
 * through `render`, which gets the summary (and the refusal itself) and shows what was typed.
 * Anything else (not found, not permitted, an outage), and a refusal this form has nowhere to show,
 * propagates to the error pages.
 */
export async function withFormErrors(
  reply: FastifyReply,
  render: (summary: ErrorSummary, refusal: Refusal) => Promise<unknown> | unknown,
  action: () => Promise<unknown>,
  options: FormOptions = {},
): Promise<unknown> {
  try {
    return await action();
  } catch (error) {
    const refusal =
      options.conflictsAreErrors && error instanceof ConflictError ? undefined : fieldErrorsOf(error, options.howToAcknowledge);
    if (!refusal) throw error;
    const lead = options.leadWithMessage && refusal.message;
    const fallback = options.orAt && [{ path: options.orAt.path, message: refusal.message ?? options.orAt.message }];
    const named = refusal.fieldErrors.length ? refusal.fieldErrors : (fallback ?? []);
    if (!named.length && !lead) throw error;
    const mapPath = options.mapPath ?? ((p: string) => p);
    const summary = errorSummary(
      named.map((e) => ({ ...e, path: mapPath(e.path) })),
      options,
    );
    if (lead) summary.errorList.unshift({ text: refusal.fieldErrors.length ? `${refusal.message}:` : refusal.message! });
    reply.status(refusal.status);
    return render(summary, { ...refusal, fieldErrors: named });
  }
}

/**
 * `withFormErrors` for a page whose fields are the top-level names of its schema (users,
 * organisations, account, sign-in): the page's view, rendered again with its context and the values typed.
 */
export function handleForm(
  reply: FastifyReply,
  page: { view: string; context: Record<string, unknown>; values: unknown },
  action: () => Promise<unknown>,
): Promise<unknown> {
  return withFormErrors(reply, (summary) => reply.view(page.view, { ...page.context, values: page.values, ...summary }), action, {
    // "/roles/0" is the roles checkboxes: the field is the first name of the path.
    mapPath: (path) => `/${path.replace(/^\//, "").split("/")[0] ?? ""}`,
    onePerField: true,
  });
}

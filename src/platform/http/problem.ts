import type { FastifyError, FastifyReply } from "fastify";
import { ZodError } from "zod";
import { isDatabaseUnavailable, isDataException } from "../db/sqlstate";
import {
  ConflictError,
  DomainError,
  type FieldError,
  NotFoundError,
  NotPermittedError,
  NotSignedInError,
  type RuleFinding,
  RulesBlockedError,
  SecondFactorRequiredError,
  ValidationError,
} from "../errors";

/** RFC 9457 problem details, with `errors[].path` naming the offending field (JSON Pointer style). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code: string;
  errors?: FieldError[];
  /** For RULES_BLOCKED: each rule finding that stops the decision, with its code, severity and reason. */
  rules?: RuleFinding[];
}

const STATUS_BY_CODE: Record<string, { status: number; title: string }> = {
  NOT_FOUND: { status: 404, title: "Not found" },
  VALIDATION_FAILED: { status: 400, title: "Your request has errors" },
  NOT_PERMITTED: { status: 403, title: "You do not have permission to do this" },
  CONFLICT: { status: 409, title: "This conflicts with existing data" },
  RULES_BLOCKED: { status: 422, title: "The rules stop this being recorded" },
  NOT_SIGNED_IN: { status: 401, title: "Sign in to continue" },
  SECOND_FACTOR_REQUIRED: { status: 401, title: "A second factor is needed" },
  INVALID_TOKEN: { status: 401, title: "The API token was not accepted" },
  INSUFFICIENT_SCOPE: { status: 403, title: "The API client may not do this" },
  RATE_LIMITED: { status: 429, title: "Too many requests" },
  CSRF_REJECTED: { status: 403, title: "The form has expired or did not come from this service" },
  BAD_REQUEST: { status: 400, title: "The request could not be understood" },
  URI_TOO_LONG: { status: 414, title: "The web address is too long" },
  INVALID_VALUE: { status: 400, title: "A value in the request cannot be stored" },
  INTERNAL: { status: 500, title: "Sorry, there is a problem with the service" },
  UNAVAILABLE: { status: 503, title: "The service is temporarily unavailable" },
};

/** Seconds a client is told to wait (Retry-After) when the service is unavailable: a restart or failover takes about this long. */
export const RETRY_AFTER_SECONDS = 30;

export function zodIssuesToFieldErrors(error: ZodError): FieldError[] {
  return error.issues.map((issue) => ({ path: `/${issue.path.map(String).join("/")}`, message: issue.message }));
}

/** Turns any thrown error into a problem; unknown errors become a 500 that reveals nothing. */
export function toProblem(error: unknown): Problem {
  const make = (code: string, detail?: string, errors?: FieldError[]): Problem => {
    const { status, title } = STATUS_BY_CODE[code] ?? STATUS_BY_CODE.INTERNAL!;
    return { type: `https://safeshare.invalid/problems/${code.toLowerCase().replaceAll("_", "-")}`, title, status, code, detail, errors };
  };
  if (error instanceof ValidationError) return make(error.code, error.message, error.fieldErrors);
  if (error instanceof RulesBlockedError) {
    const errors = error.findings.map((f) => ({ path: f.path, message: `${f.code}: ${f.message}` }));
    return { ...make(error.code, error.message, errors), rules: error.findings };
  }
  if (error instanceof ConflictError) {
    const problem = make(error.code, error.message, error.fieldErrors.length ? error.fieldErrors : undefined);
    return error.findings.length ? { ...problem, rules: error.findings } : problem;
  }
  if (
    error instanceof NotFoundError ||
    error instanceof NotPermittedError ||
    error instanceof NotSignedInError ||
    error instanceof SecondFactorRequiredError
  ) {
    return make(error.code, error.message);
  }
  if (error instanceof DomainError) return make(error.code, error.message);
  if (error instanceof ZodError) return make("VALIDATION_FAILED", "Some fields are missing or invalid", zodIssuesToFieldErrors(error));
  const fastifyError = error as FastifyError;
  if (fastifyError?.validation) {
    // A header is named as a body field would be (Idempotency-Key is /idempotencyKey): one spelling of
    // a field, whether a service or the route's schema finds it missing.
    const named = (path: string) =>
      fastifyError.validationContext === "headers" ? path.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase()) : path;
    const errors = fastifyError.validation.flatMap((v) => {
      const path = named(v.instancePath || `/${(v.params as { missingProperty?: string })?.missingProperty ?? ""}`);
      if (v.keyword !== "unrecognized_keys") return [{ path, message: v.message ?? "is invalid" }];
      // One error for each field the body's schema does not know (refusingUnknownFields), at its own path.
      return (v.params as { keys: string[] }).keys.map((key) => ({
        path: `${path.replace(/\/$/, "")}/${key.replaceAll("~", "~0").replaceAll("/", "~1")}`,
        message: "Unknown field: remove it or check its spelling",
      }));
    });
    return make("VALIDATION_FAILED", "Some fields are missing or invalid", errors);
  }
  if (fastifyError?.code === "FST_CSRF_INVALID_TOKEN" || fastifyError?.code === "FST_CSRF_MISSING_SECRET") {
    return make("CSRF_REJECTED");
  }
  if (isDatabaseUnavailable(error) || fastifyError?.code === "FST_ERR_HANDLER_TIMEOUT") {
    // The database is down, restarting or too slow: nothing the client did, and worth trying again.
    return make("UNAVAILABLE", "Try again in a few minutes");
  }
  if (isDataException(error)) {
    // Nothing of the database's message: it can quote the value, and names internals.
    return make("INVALID_VALUE", "Check the dates and text in the request: one of them cannot be stored");
  }
  // The router's refusals (see reroutedFrameworkError): fastify's own message quotes the address.
  if (fastifyError?.code === "FST_ERR_MAX_PARAM_LENGTH") {
    return make("URI_TOO_LONG", "Check the web address: part of it is longer than any address in Safeshare");
  }
  if (fastifyError?.code === "FST_ERR_BAD_URL") {
    return make("BAD_REQUEST", "Check the web address: it has a % sign that is not followed by a valid character code");
  }
  if (fastifyError?.statusCode === 429) return make("RATE_LIMITED", "Wait a minute and try again");
  if (fastifyError?.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    // Malformed JSON, wrong content type, body too large: the client's fault, never a 500.
    return { ...make("BAD_REQUEST", fastifyError.message), status: fastifyError.statusCode };
  }
  return make("INTERNAL");
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.status(problem.status).type("application/problem+json").send(problem);
}

import { isDatabaseUnavailable } from "../db/sqlstate";
import { loggableError } from "../http/logging";

/**
 * Why a job failed, as one of a few reasons a person can act on. pg-boss keeps a failed job's error in
 * its `output` (serialize-error's plain copy of it, stack and all), or its own note when it gave up on
 * the job itself. The error's own message is never shown: it is written for developers, may quote SQL
 * or an address, and in the worst case something about a person, so it goes no further than this.
 */
export const JOB_FAILURE_REASONS = [
  "timed_out",
  "interrupted",
  "mail_server_unreachable",
  "mail_refused",
  "database_unavailable",
  "unexpected",
] as const;
export type JobFailureReason = (typeof JOB_FAILURE_REASONS)[number];

type Serialized = { [key: string]: unknown };

/** pg-boss's own words when a job ran past its time (failJobsByTimeout) or its node stopped under it (failWip). */
const TIMED_OUT = "job failed by timeout in active state";
const INTERRUPTED = "pg-boss shut down while active";

/** nodemailer's codes for a mail server it could not reach or talk to (its `command` names the SMTP stage). */
const MAIL_CONNECTION_CODES = new Set(["ECONNECTION", "ESOCKET", "ETIMEDOUT", "EDNS", "ETLS", "EPROTOCOL", "EPROXY"]);

export function failureReasonOf(output: unknown): JobFailureReason {
  if (!output || typeof output !== "object") return "unexpected";
  const o = output as Serialized;
  const value = o.value as Serialized | string | undefined;
  if (typeof value === "object" && value?.message === TIMED_OUT) return "timed_out";
  if (value === INTERRUPTED) return "interrupted";
  const code = typeof o.code === "string" ? o.code : undefined;
  if (typeof o.command === "string" || (code && /^E(AUTH|ENVELOPE|MESSAGE|CONNECTION|DNS|TLS)$/.test(code))) {
    // An SMTP reply code (a 4xx or 5xx) means the server answered and said no; anything else, it was not reached.
    if (typeof o.responseCode === "number" || (code && !MAIL_CONNECTION_CODES.has(code))) return "mail_refused";
    return "mail_server_unreachable";
  }
  if (isDatabaseUnavailable(asError(o))) return "database_unavailable";
  return "unexpected";
}

/** The serialized error as an Error again (message, code, severity, cause), so the one rule about outages reads it. */
function asError(o: Serialized, depth = 0): Error {
  const error = Object.assign(new Error(typeof o.message === "string" ? o.message : ""), {
    code: o.code,
    severity: o.severity,
  });
  if (o.cause && typeof o.cause === "object" && depth < 5) error.cause = asError(o.cause as Serialized, depth + 1);
  return error;
}

/**
 * A failed job's error for the server's log. A mail server's reply quotes the addresses it refused,
 * so a mail error is logged by its codes and SMTP stage only; anything else as every error is logged.
 */
export function loggableJobError(error: Error) {
  const reason = failureReasonOf(error);
  if (reason === "mail_refused" || reason === "mail_server_unreachable") {
    const { code, command, responseCode } = error as Error & { code?: unknown; command?: unknown; responseCode?: unknown };
    return { reason, type: error.constructor.name, code, command, responseCode };
  }
  return { reason, ...loggableError(error) };
}

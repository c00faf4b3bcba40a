/**
 * The SQLSTATE of a database error, wherever it sits: drizzle wraps the driver's error (node-postgres
 * or PGlite, both with `code` and `severity`) as the `cause` of its own. Undefined for anything else.
 */
export function sqlStateOf(error: unknown): string | undefined {
  for (let e = error, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, severity } = e as { code?: unknown; severity?: unknown };
    // `severity` tells a server error from a Node one whose code also has five characters (EPIPE).
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) && typeof severity === "string") return code;
  }
  return undefined;
}

/**
 * Class 22, "data exception": a value the database cannot store or compare, such as a date in year 0
 * or a NUL in text. Input rules should catch these first; if one slips through it is still the
 * request's fault, so a 400, never a 500.
 */
export const isDataException = (error: unknown) => sqlStateOf(error)?.startsWith("22") ?? false;

/** The database did not answer a check in time (the readiness probe's own, shorter, limit). */
export class DatabaseUnavailableError extends Error {}

/** Node's codes for a connection that could not be made or was cut. */
const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/**
 * node-postgres and pg-pool say so only in words: no pooled connection in time, a dropped connection,
 * no answer in time, or a connection we closed because its query got no answer in time (the ROLLBACK
 * after a timed-out statement in a transaction meets it: client.ts, EndsOnQueryTimeout).
 */
const DRIVER_MESSAGES =
  /^(timeout exceeded when trying to connect|Connection terminated( unexpectedly| due to connection timeout)?|Query read timeout|timeout expired|Client was closed and is not queryable)$/;

/**
 * Whether an error means the database could not answer, rather than that the request or our code is
 * wrong: it is down or restarting (refused or dropped connections; 57P01-57P03 shutting down or
 * starting up; class 08 connection exceptions; 53300 too many connections), or too slow (the pool's
 * acquire timeout, 57014 the statement timeout, 25P03 a transaction left idle too long, our own
 * query timeout). The one place that decides it, so that every route answers such a failure alike: 503.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof DatabaseUnavailableError) return true;
  const state = sqlStateOf(error);
  if (state) return state.startsWith("08") || ["57P01", "57P02", "57P03", "57014", "53300", "25P03"].includes(state);
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && CONNECTION_CODES.has(code)) return true;
    if (DRIVER_MESSAGES.test(e.message)) return true;
  }
  return false;
}

import { DrizzleQueryError } from "drizzle-orm/errors";
import { sqlStateOf } from "../db/sqlstate";

/**
 * What the server logs, and what it never does. Request lines carry the method and the path only:
 * a query string can hold what someone searched for (a child's name, an NHS number), so none of it
 * is kept, and invitation tokens are cut out of the path. No bodies, cookies or headers.
 */
export function redactUrl(url: string): string {
  const at = url.indexOf("?");
  const path = (at === -1 ? url : url.slice(0, at)).replace(/\/invitations\/[^/?#]+/, "/invitations/[redacted]");
  return at === -1 ? path : `${path}?[redacted]`;
}

export const logSerializers = {
  req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: redactUrl(req.url) }),
};

const frames = (stack: string | undefined) =>
  stack
    ?.split("\n")
    .filter((line) => /^\s+at /.test(line))
    .join("\n");

/**
 * An unexpected error as it may be logged: its class, SQLSTATE, message and stack frames, and its
 * cause's class, code and message. Never the error itself: drizzle's failed-query error carries the
 * SQL and every parameter (a refuge address, a name) in its message, stack and `params`, and a
 * driver error's `detail` can quote the row. Hence no message at all for a failed query, and stack
 * frames without the message lines that head them.
 */
export function loggableError(error: unknown) {
  if (!(error instanceof Error)) return { type: typeof error };
  const failedQuery = error instanceof DrizzleQueryError;
  const cause = error.cause instanceof Error ? error.cause : undefined;
  return {
    type: error.constructor.name,
    sqlState: sqlStateOf(error),
    message: failedQuery ? "Failed query (SQL and parameters not logged)" : error.message,
    stack: frames(error.stack),
    cause: cause && {
      type: cause.constructor.name,
      code: (cause as { code?: unknown }).code,
      message: cause.message,
    },
  };
}

/**
 * Logs the same error once per interval. During an outage every request fails alike, and a line with
 * a stack for each would bury the log (thousands a second) and the first line that explains it.
 * `admit` says whether to log this occurrence and, when it does, how many identical ones were left
 * out since the last line for the same signature.
 */
export class RepeatedErrorThrottle {
  private readonly seen = new Map<string, { loggedAt: number; suppressed: number }>();

  constructor(private readonly intervalMs = 10_000) {}

  admit(signature: string, now = Date.now()): { log: boolean; repeatsSuppressed: number } {
    const last = this.seen.get(signature);
    if (last && now - last.loggedAt < this.intervalMs) {
      last.suppressed++;
      return { log: false, repeatsSuppressed: 0 };
    }
    if (this.seen.size >= 1000) this.seen.clear(); // signatures are few; never let them grow without bound
    this.seen.set(signature, { loggedAt: now, suppressed: 0 });
    return { log: true, repeatsSuppressed: last?.suppressed ?? 0 };
  }
}

/** What makes two logged errors "the same": class, SQLSTATE, message, the cause's code and the innermost frame. */
export function errorSignature(logged: ReturnType<typeof loggableError>): string {
  if (!("stack" in logged)) return logged.type;
  return [logged.type, logged.sqlState, logged.message, logged.cause?.code, logged.stack?.split("\n")[0]?.trim()].join("|");
}

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

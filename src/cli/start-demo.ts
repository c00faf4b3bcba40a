import type { Database } from "../platform/db/client";

/**
 * What `safeshare start` does about the demo partnership, whose accounts and password are
 * published: seed it, explain how to begin, or nothing. The demo goes by default only into the
 * embedded database (someone trying Safeshare out); a PostgreSQL database given by DATABASE_URL is
 * presumed to be a real deployment, so it gets the demo only when asked with --demo, and otherwise
 * a line saying how to create the first administrator.
 */
export function demoOnStart({
  kind,
  demo,
  empty,
}: {
  kind: Database["kind"];
  /** --demo (true), --no-demo (false) or neither (undefined). */
  demo: boolean | undefined;
  /** No organisation yet: the demo never goes into a database already in use. */
  empty: boolean;
}): "seed" | "explain" | "none" {
  if (!empty) return "none";
  if (demo ?? kind === "pglite") return "seed";
  return kind === "postgres" ? "explain" : "none";
}

export const EMPTY_DATABASE_HINT =
  "The database is empty: create the first partnership administrator with `safeshare create-admin --email <email> --name <name> --organisation <name>`, or restart with --demo to add the fictional demo partnership.";

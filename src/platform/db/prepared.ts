import { createHash } from "node:crypto";
import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { Queryable } from "./client";

/**
 * Named prepared statements for the few statements every request runs (the session, a decision's
 * facts and writes): PostgreSQL parses and plans a named statement once per connection instead of on
 * every call, which for a statement of a few kilobytes is more of its time than running it. Only for
 * statements whose text takes a handful of shapes: each distinct text stays prepared on every pooled
 * connection for the connection's life. PGlite runs the same text unnamed.
 */

type Runner = (name: string, text: string, params: unknown[]) => Promise<Record<string, unknown>[]>;

const runners = new WeakMap<object, Runner>();
const dialect = new PgDialect();
const names = new Map<string, string>();

/** Called by openDatabase for each engine. */
export function registerPreparedRunner(db: object, runner: Runner): void {
  runners.set(db, runner);
}

function nameOf(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `ss_${createHash("sha1").update(text).digest("hex").slice(0, 24)}`;
    if (names.size > 1000) names.clear();
    names.set(text, name);
  }
  return name;
}

/** Runs `statement` prepared where the engine supports it; rows as the driver returns them. Inside a transaction, as a plain query. */
export async function queryPrepared<Row>(q: Queryable, statement: SQL): Promise<Row[]> {
  const runner = runners.get(q);
  if (!runner) return ((await q.execute(statement)) as unknown as { rows: Row[] }).rows;
  const { sql: text, params } = dialect.sqlToQuery(statement);
  return (await runner(nameOf(text), text, params)) as Row[];
}

import { type SQL, sql } from "drizzle-orm";
import type PgBoss from "pg-boss";
import type { Db, Queryable } from "../db/client";

/**
 * pg-boss runs its SQL through any object with `executeSql` (its `db` option), so the queue works on
 * both engines without a connection of its own: on PostgreSQL through the app's pool, on the embedded
 * PGlite in-process, and inside a caller's transaction, so a job is queued if and only if the change
 * that asks for it commits (the transactional outbox).
 */

/** The connection or pool under a drizzle database: a node-postgres Pool or Client, or a PGlite. */
interface Client {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  /** PGlite only: several statements at once (pg-boss's migrations), which its `query` refuses. */
  exec?(text: string): Promise<{ rows: unknown[] }[]>;
}

/** pg-boss's SQL on a database's own pool (PostgreSQL) or its one in-process connection (PGlite). */
export function jobSqlOn(db: Db): PgBoss.Db {
  const client = (db as unknown as { $client: Client }).$client;
  return {
    executeSql: async (text, values) => {
      // Parameterless text may hold several statements: node-postgres sends it as a simple query; PGlite needs exec.
      if (!values?.length && client.exec) return { rows: (await client.exec(text)).at(-1)?.rows ?? [] };
      return { rows: (await client.query(text, values)).rows };
    },
  };
}

/** pg-boss's `$1`-numbered SQL as drizzle SQL, so it runs on a transaction's own connection. */
function withParams(text: string, values: unknown[]): SQL {
  const parts = text.split(/\$(\d+)/);
  const chunks: SQL[] = [];
  parts.forEach((part, i) => {
    const value = values[Number(part) - 1] ?? null;
    // drizzle spreads an array into a list of parameters; pg-boss means one array parameter (`$2::uuid[]` in retry, cancel…).
    chunks.push(i % 2 === 0 ? sql.raw(part) : sql`${Array.isArray(value) ? sql.param(value) : value}`);
  });
  return sql.join(chunks, sql.raw(""));
}

/** pg-boss's SQL inside a caller's transaction (or on a database, one statement at a time). */
export function jobSqlIn(q: Queryable): PgBoss.Db {
  return {
    executeSql: async (text, values = []) => {
      const result = (await q.execute(withParams(text, values))) as unknown as { rows: unknown[] };
      return { rows: result.rows };
    },
  };
}

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { btree_gin } from "@electric-sql/pglite/contrib/btree_gin";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import { migrate as migrateNodePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import type { Keyring } from "../crypto/secret-box";
import { installJobSchema } from "../jobs/queue";
import { copyOutBinary } from "./copy-out";
import { registerPreparedRunner } from "./prepared";
import { useSecretKeys } from "./secret-keys";

// No relational queries are used, so drizzle is given no schema: the platform need not know any feature's tables.
/** The drizzle handle; identical API whichever engine is underneath. */
export type Db = PgDatabase<PgQueryResultHKT>;
export type Tx = PgTransaction<PgQueryResultHKT, Record<string, never>, ExtractTablesWithRelations<Record<string, never>>>;
/** Anything queries can run on: the database or an open transaction. */
export type Queryable = Db | Tx;

export interface Database {
  db: Db;
  kind: "pglite" | "postgres";
  /** Runs plain SQL and returns rows: for bulk paths where the ORM would only get in the way. */
  query<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<Row[]>;
  /** Streams `COPY (select) TO … (FORMAT binary)` to `onChunk`; for reading large tables without row objects. */
  copyOutBinary(select: string, onChunk: (chunk: Buffer) => void): Promise<void>;
  /** Embedded only: PGlite's own gzip tarball of its data folder, which `loadDataDir` reads back. */
  dumpDataDir?(): Promise<Blob>;
  /**
   * Runs `work` while holding the deployment-wide start-up lock, so that nodes starting together on
   * one database take turns at migrating and seeding rather than racing to create the same tables.
   * `work` is given the lock's own connection, free of the pool's timeouts (for migrations); work
   * that runs queries in parallel should use `db` (the pool) instead, the lock being held regardless.
   */
  exclusively<T>(work: (db: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../drizzle");

/** How long PostgreSQL may keep us waiting (config.databaseTimeouts). */
export interface DatabaseTimeouts {
  /** For a connection from the pool, new or free. */
  connectMs: number;
  /** For one statement (the server's statement_timeout; we give up ourselves a little later, for a server that is frozen). */
  statementMs: number;
  /** For a transaction left open with nothing running (the server ends the session). */
  idleInTransactionMs: number;
}

/**
 * `timeouts`: for a server answering requests; without them (batch commands, tests) it waits as long as it takes.
 * `loadDataDir`: a PGlite dump (`safeshare backup` of the embedded database) to create the folder from.
 */
export type DatabaseTarget =
  | { url: string; timeouts?: DatabaseTimeouts }
  | { pgliteDir: string; loadDataDir?: Blob }
  | { memory: true; loadDataDir?: Blob };

/**
 * `secretKeys` seal and open the secrets the database holds (src/platform/crypto/secrets-at-rest.ts); a
 * database opened without them (benchmarks, tools) can do everything except read or write those.
 */
export async function openDatabase(target: DatabaseTarget, options: { secretKeys?: Keyring } = {}): Promise<Database> {
  const database = await openEngine(target);
  if (options.secretKeys) useSecretKeys(database.db, options.secretKeys);
  return database;
}

async function openEngine(target: DatabaseTarget): Promise<Database> {
  if ("url" in target) {
    // bigint (int8) columns as JS numbers: audit sequence numbers stay far below 2^53.
    pg.types.setTypeParser(20, (value) => Number.parseInt(value, 10));
    // Idle connections are kept for 10 minutes, not pg's 10 seconds: a fresh PostgreSQL backend plans its
    // first queries against an empty catalog cache (~10 ms each at a million people), which a quiet
    // spell followed by a click would otherwise pay again and again.
    const timeouts = target.timeouts;
    const pool = new pg.Pool({
      connectionString: target.url,
      Client: EndsOnQueryTimeout as never,
      max: 10,
      idleTimeoutMillis: 600_000,
      // A database that is down, frozen or overloaded is a prompt 503 (isDatabaseUnavailable in
      // sqlstate.ts), never a request that hangs for as long as the outage lasts.
      ...(timeouts && {
        connectionTimeoutMillis: timeouts.connectMs,
        statement_timeout: timeouts.statementMs,
        idle_in_transaction_session_timeout: timeouts.idleInTransactionMs,
        // A server that is frozen cannot enforce its statement_timeout, so we stop waiting ourselves.
        query_timeout: timeouts.statementMs + timeouts.connectMs,
      }),
    });
    pool.on("error", () => {}); // an idle client dropped by the server is replaced on next use
    const db = drizzleNodePg(pool) as unknown as Db;
    registerPreparedRunner(db, async (name, text, values) => (await pool.query({ name, text, values })).rows);
    return {
      db,
      kind: "postgres",
      query: async (text, params) => (await pool.query(text, params as unknown[])).rows,
      copyOutBinary: (select, onChunk) => copyOutBinary(pool, select, onChunk),
      exclusively: (work) => withAdvisoryLock(target.url, timeouts?.connectMs ?? 0, work),
      close: () => pool.end(),
    };
  }
  if ("pgliteDir" in target) fs.mkdirSync(target.pgliteDir, { recursive: true });
  // The contrib extensions name search needs (migration 0004); Postgres ships them in its contrib package.
  const client = await PGlite.create({
    ...("pgliteDir" in target ? { dataDir: target.pgliteDir } : {}),
    loadDataDir: target.loadDataDir,
    extensions: { pg_trgm, unaccent, btree_gin },
  });
  await client.waitReady;
  const db = drizzlePglite(client) as unknown as Db;
  registerPreparedRunner(db, async (_name, text, values) => (await client.query<Record<string, unknown>>(text, values)).rows);
  return {
    db,
    kind: "pglite",
    query: async (text, params) => (await client.query(text, params as unknown[])).rows as never,
    copyOutBinary: async (select, onChunk) => {
      // PGlite has no STDOUT: its virtual /dev/blob hands back the whole COPY as one Blob.
      const result = await client.query(`COPY (${select}) TO '/dev/blob' WITH (FORMAT binary)`);
      if (!result.blob) throw new Error("PGlite returned no blob for COPY TO '/dev/blob'");
      onChunk(Buffer.from(await result.blob.arrayBuffer()));
    },
    dumpDataDir: () => client.dumpDataDir("gzip"),
    // One process owns the embedded database (the data folder is locked), so there is no one to take turns with.
    exclusively: (work) => work(db),
    close: () => client.close(),
  };
}

/** pg's words for its client-side query_timeout (lib/client.js). */
const QUERY_READ_TIMEOUT = "Query read timeout";

/**
 * node-postgres answers a query that outlived `query_timeout` with an error but leaves it running on
 * the connection. Inside a transaction that is unsafe: the ROLLBACK queued behind it is dropped when it
 * times out in turn, the connection goes back to the pool still in the transaction, and once the
 * server thaws the abandoned write runs and a later COMMIT on that connection commits it, after the
 * request was answered 503. So the connection that timed out is closed at once: the server rolls the
 * transaction back when it reads the end of the session, and the pool drops a closed client on release.
 */
class EndsOnQueryTimeout extends pg.Client {
  // biome-ignore lint/suspicious/noExplicitAny: pg's query() has a dozen overloads; every one passes through unchanged.
  override query(config: any, values?: any, callback?: any): any {
    const endOnTimeout = (error: unknown) => {
      if (error instanceof Error && error.message === QUERY_READ_TIMEOUT) this.end().catch(() => {});
    };
    // pg reports the timeout to whichever of these the caller gave it: a callback, a submittable's
    // handleError (COPY), or the returned promise.
    const watching = (report: (error: unknown, result?: unknown) => void) => (error: unknown, result?: unknown) => {
      endOnTimeout(error);
      report(error, result);
    };
    if (typeof config?.submit === "function") config.handleError = watching(config.handleError.bind(config));
    else if (typeof values === "function") values = watching(values);
    else if (typeof callback === "function") callback = watching(callback);
    else if (typeof config?.callback === "function") config = { ...config, callback: watching(config.callback) };
    const result: unknown = super.query(config, values, callback);
    if (result instanceof Promise) result.catch(endOnTimeout);
    return result;
  }
}

/**
 * A session-level PostgreSQL advisory lock held on a connection of its own, outside the pool, while
 * `work` runs on that connection: without the pool's statement and query timeouts, because waiting
 * for another node's migrations, or a migration itself, may rightly take longer than any request.
 * Ending the session releases the lock even if the work failed half-way.
 */
async function withAdvisoryLock<T>(url: string, connectMs: number, work: (db: Db) => Promise<T>): Promise<T> {
  const connection = new pg.Client({ connectionString: url, connectionTimeoutMillis: connectMs });
  await connection.connect();
  try {
    await connection.query("SELECT pg_advisory_lock(hashtextextended('safeshare: migrate and seed', 0))");
    return await work(drizzleNodePg(connection) as unknown as Db);
  } finally {
    await connection.end();
  }
}

/**
 * Applies the generated SQL migrations in `drizzle/`; the same files on both engines. Under the
 * start-up lock: two nodes migrating one empty database at once would both create the same tables.
 * `thenUnderTheLock` runs on the lock's connection after the migrations, before the lock is released
 * (the least-privilege grants, which race just the same).
 */
export async function migrateDatabase(database: Database, thenUnderTheLock?: (db: Db) => Promise<void>): Promise<void> {
  await database.exclusively(async (db) => {
    if (database.kind === "postgres") await migrateNodePg(db as never, { migrationsFolder });
    else await migratePglite(db as never, { migrationsFolder });
    // The job queue's own schema (pg-boss, src/platform/jobs), versioned by pg-boss, beside ours.
    await installJobSchema(db);
    await thenUnderTheLock?.(db);
  });
}

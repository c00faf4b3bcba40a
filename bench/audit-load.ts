import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { type ChainedEvent, generateChain } from "./audit-fixtures";

/**
 * Bulk loading of generated audit events: COPY FROM STDIN piped into psql for PostgreSQL, COPY
 * FROM '/dev/blob' for PGlite. Both write the table exactly as the app does (triggers and
 * generated columns included) and then move audit_head to the last event.
 */

/** Anything that runs plain SQL: a src Database, or a bare PGlite instance wrapped. */
interface SqlRunner {
  query(text: string, params?: unknown[]): Promise<unknown>;
}

export interface LoadedChain {
  count: number;
  bodyBytes: number;
  headSeq: number;
  headHash: Buffer;
}

/** One COPY text-format line: bytea as \x hex, backslashes in the body doubled. */
function copyLine(e: ChainedEvent): string {
  const body = e.body.includes("\\") ? e.body.replaceAll("\\", "\\\\") : e.body;
  return `${e.seq}\t\\\\x${e.prevHash.toString("hex")}\t\\\\x${e.hash.toString("hex")}\t${body}\n`;
}

const COPY_SQL = "COPY audit_event (seq, prev_hash, hash, body) FROM STDIN";

/** Streams the chain into `bodiesFile` (every body's bytes, concatenated) and to `sink`. */
async function produce(count: number, bodiesFile: string | undefined, sink: (chunk: string) => Promise<void>): Promise<LoadedChain> {
  const out = bodiesFile ? fs.openSync(bodiesFile, "w") : undefined;
  let bodyBytes = 0;
  let last: ChainedEvent | undefined;
  try {
    for (const batch of generateChain(count)) {
      let chunk = "";
      let bodies = "";
      for (const e of batch) chunk += copyLine(e);
      if (out !== undefined) {
        for (const e of batch) bodies += e.body;
        const bytes = Buffer.from(bodies, "utf8");
        fs.writeSync(out, bytes);
        bodyBytes += bytes.length;
      } else {
        for (const e of batch) bodyBytes += Buffer.byteLength(e.body, "utf8");
      }
      last = batch[batch.length - 1];
      await sink(chunk);
    }
  } finally {
    if (out !== undefined) fs.closeSync(out);
  }
  return { count, bodyBytes, headSeq: last?.seq ?? 0, headHash: last?.hash ?? Buffer.alloc(32) };
}

/**
 * Drops audit_event's secondary indexes and returns a function that recreates them from their
 * saved definitions: building an index once after a bulk load is much cheaper than maintaining it
 * row by row, and the end state is the same schema.
 */
async function withoutSecondaryIndexes(database: SqlRunner): Promise<() => Promise<void>> {
  const indexes = (await database.query(
    "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'audit_event' AND indexname <> 'audit_event_pkey'",
  )) as { indexname: string; indexdef: string }[];
  for (const { indexname } of indexes) await database.query(`DROP INDEX "${indexname}"`);
  return async () => {
    for (const { indexdef } of indexes) await database.query(indexdef);
  };
}

async function setHead(database: SqlRunner, chain: LoadedChain): Promise<void> {
  await database.query("UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1", [chain.headSeq, chain.headHash]);
}

/** Loads into PostgreSQL at `url` by piping COPY text into `psql` from the cluster's bin folder. */
export async function loadIntoPostgres(
  database: SqlRunner,
  url: string,
  pgBin: string,
  count: number,
  bodiesFile?: string,
): Promise<LoadedChain> {
  const restoreIndexes = await withoutSecondaryIndexes(database);
  const psql = spawn(path.join(pgBin, "psql"), [url, "-v", "ON_ERROR_STOP=1", "-q", "-c", COPY_SQL], {
    stdio: ["pipe", "ignore", "pipe"],
  });
  let stderr = "";
  psql.stderr.on("data", (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => psql.on("close", resolve));
  const chain = await produce(count, bodiesFile, async (chunk) => {
    if (!psql.stdin.write(chunk)) await new Promise((resolve) => psql.stdin.once("drain", resolve));
  });
  psql.stdin.end();
  const code = await exited;
  if (code !== 0) throw new Error(`psql COPY failed (${code}): ${stderr}`);
  await restoreIndexes();
  await setHead(database, chain);
  await database.query("VACUUM (ANALYZE) audit_event");
  return chain;
}

/** Loads into PGlite with COPY FROM '/dev/blob', a blob per `rowsPerCopy` events. */
export async function loadIntoPglite(pglite: PGlite, count: number, rowsPerCopy = 50_000): Promise<LoadedChain> {
  const database: SqlRunner = { query: async (text, params) => (await pglite.query(text, params)).rows };
  const restoreIndexes = await withoutSecondaryIndexes(database);
  let pending: string[] = [];
  let pendingRows = 0;
  const flush = async () => {
    if (pending.length === 0) return;
    await pglite.query("COPY audit_event (seq, prev_hash, hash, body) FROM '/dev/blob'", [], { blob: new Blob(pending) });
    pending = [];
    pendingRows = 0;
  };
  const chain = await produce(count, undefined, async (chunk) => {
    pending.push(chunk);
    pendingRows += 10_000;
    if (pendingRows >= rowsPerCopy) await flush();
  });
  await flush();
  await restoreIndexes();
  await setHead(database, chain);
  await database.query("VACUUM (ANALYZE) audit_event");
  return chain;
}

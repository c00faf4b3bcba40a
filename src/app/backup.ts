import fs from "node:fs";
import path from "node:path";
import { getTableName } from "drizzle-orm";
import pg from "pg";
import { organisations, users } from "../features/organisations-and-users/schema";
import { recordItems, subjects } from "../features/records/schema";
import { rightsRequests } from "../features/rights/schema";
import { disclosures, shareDecisions } from "../features/sharing/schema";
import { anchorRestoredLog, type CheckpointSigner, type RestoreAnchoring } from "../platform/audit/checkpoints";
import { verifyAuditChain } from "../platform/audit/verify";
import { recordEvent } from "../platform/audit/write";
import { ConfigError } from "../platform/config";
import { type Database, migrateDatabase, openDatabase } from "../platform/db/client";
import { copyOutBinaryOn } from "../platform/db/copy-out";
import { lockDataDir } from "../platform/db/data-dir-lock";
import { grantToApplication } from "../platform/db/least-privilege";
import { libpqConnection, postgresTool, runTool } from "../platform/db/postgres-tools";
import { auditEvents } from "../platform/db/schema";
import { ConflictError } from "../platform/errors";

/** The tables whose rows a backup and a restore count, so that the two summaries can be compared. */
const COUNTED = { organisations, users, subjects, items: recordItems, shareDecisions, disclosures, rightsRequests, auditEvents };
export type RowCounts = Record<keyof typeof COUNTED, number>;

export type AuditState =
  | { verified: true; headSeq: number; headHash: string }
  | { verified: false; eventsVerified: number; firstBadSeq: number; reason: string };

export interface BackupSummary {
  engine: "postgres" | "pglite";
  file: string;
  /** 0 when a backup was refused because the audit log does not verify (nothing is written then). */
  bytes: number;
  seconds: number;
  audit: AuditState;
  rows: RowCounts;
  /** Restore only: what became of the installation's signed checkpoints (anchorRestoredLog). */
  checkpoints?: RestoreAnchoring;
}

/** What verification and counting need: a pooled database, or one connection inside a snapshot. */
type Source = Pick<Database, "query" | "copyOutBinary">;

async function auditState(source: Source): Promise<AuditState> {
  const result = await verifyAuditChain(source);
  return result.ok
    ? { verified: true, headSeq: result.count, headHash: result.headHash }
    : { verified: false, eventsVerified: result.count, firstBadSeq: result.firstBadSeq, reason: result.reason };
}

/** Exact counts; a table a backup from an older version does not have yet counts 0. */
async function rowCounts(source: Source): Promise<RowCounts> {
  const names = Object.values(COUNTED).map((table) => getTableName(table));
  const present = new Set(
    (
      await source.query<{ name: string }>(
        "SELECT relname AS name FROM pg_class WHERE relkind IN ('r', 'p') AND relnamespace = 'public'::regnamespace AND relname = ANY($1)",
        [names],
      )
    ).map((row) => row.name),
  );
  const columns = Object.entries(COUNTED).map(([key, table]) => {
    const name = getTableName(table);
    return present.has(name) ? `(SELECT count(*) FROM "${name}")::int AS "${key}"` : `0 AS "${key}"`;
  });
  const [row] = await source.query<RowCounts>(`SELECT ${columns.join(", ")}`);
  return row!;
}

/**
 * Taking a copy of every record, and bringing one back, are on the record. The event comes after
 * the snapshot the summary describes, so the head hash printed at backup is the one restored.
 */
async function recordBackupEvent(database: Database, type: "database.backed_up" | "database.restored", headSeq: number): Promise<void> {
  await recordEvent(
    database.db,
    { kind: "system", name: `safeshare ${type === "database.backed_up" ? "backup" : "restore"}` },
    {
      type,
      entity: { type: "audit_log", id: "main" },
      details: { engine: database.kind, events: headSeq },
    },
  );
}

const secondsSince = (started: number) => Number(((performance.now() - started) / 1000).toFixed(2));

/**
 * Writes `output` through a temporary file beside it, created 0600 (a backup holds special-category
 * data about children), flushed to disk and renamed into place: a crash never leaves a partial
 * file under the backup's name. Returns the size written.
 */
async function writeAtomically(output: string, write: (fd: number) => Promise<void>): Promise<number> {
  const target = path.resolve(output);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.partial`);
  const fd = fs.openSync(temp, "wx", 0o600);
  try {
    await write(fd);
    fs.fsyncSync(fd);
  } catch (error) {
    fs.closeSync(fd);
    fs.rmSync(temp, { force: true });
    throw error;
  }
  fs.closeSync(fd);
  fs.renameSync(temp, target);
  return fs.statSync(target).size;
}

async function serverMajor(query: Source["query"]): Promise<number> {
  const [row] = await query<{ version: number }>("SELECT current_setting('server_version_num')::int AS version");
  return Math.floor(row!.version / 10_000);
}

/**
 * PostgreSQL: one REPEATABLE READ transaction exports its snapshot; the audit chain is verified and
 * the rows counted inside it, and `pg_dump --snapshot` dumps exactly that snapshot. So what the
 * summary says (head hash, counts) is what the file holds, even while Safeshare keeps serving.
 */
export async function backupPostgres(url: string, output: string): Promise<BackupSummary> {
  const started = performance.now();
  checkOutputFolder(output);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const inSnapshot: Source = {
      query: async (text, params) => (await client.query(text, params as unknown[])).rows,
      copyOutBinary: (select, onChunk) => copyOutBinaryOn(client, select, onChunk),
    };
    const pgDump = postgresTool("pg_dump", await serverMajor(inSnapshot.query));
    const [{ snapshot }] = (await client.query<{ snapshot: string }>("SELECT pg_export_snapshot() AS snapshot")).rows as [
      { snapshot: string },
    ];
    const audit = await auditState(inSnapshot);
    const rows = await rowCounts(inSnapshot);
    let bytes = 0;
    if (audit.verified) {
      const { dbname, env } = libpqConnection(url);
      bytes = await writeAtomically(output, (fd) =>
        runTool(pgDump, ["--format=custom", `--snapshot=${snapshot}`, `--dbname=${dbname}`], env, fd),
      );
    }
    await client.query("COMMIT");
    if (audit.verified) await recordOnPostgres(url, audit.headSeq);
    return { engine: "postgres", file: path.resolve(output), bytes, seconds: secondsSince(started), audit, rows };
  } finally {
    await client.end();
  }
}

async function recordOnPostgres(url: string, headSeq: number): Promise<void> {
  const database = await openDatabase({ url });
  try {
    await recordBackupEvent(database, "database.backed_up", headSeq);
  } finally {
    await database.close();
  }
}

const hasFiles = (dir: string) => fs.existsSync(dir) && fs.readdirSync(dir).length > 0;

/**
 * Embedded: the data folder is locked as `safeshare start` locks it, so a running server makes this
 * refuse (stop it first), and PGlite's own dump of its folder is written.
 */
export async function backupEmbedded(dataDir: string, output: string): Promise<BackupSummary> {
  const started = performance.now();
  checkOutputFolder(output);
  const release = lockDataDir(dataDir);
  try {
    const pgliteDir = path.join(dataDir, "pglite");
    if (!hasFiles(pgliteDir)) throw new ConfigError(`There is no embedded database in ${pgliteDir} to back up.`);
    const database = await openDatabase({ pgliteDir });
    try {
      const audit = await auditState(database);
      const rows = await rowCounts(database);
      let bytes = 0;
      if (audit.verified) {
        const dump = Buffer.from(await (await database.dumpDataDir!()).arrayBuffer());
        bytes = await writeAtomically(output, async (fd) => void fs.writeSync(fd, dump));
        await recordBackupEvent(database, "database.backed_up", audit.headSeq);
      }
      return { engine: "pglite", file: path.resolve(output), bytes, seconds: secondsSince(started), audit, rows };
    } finally {
      await database.close();
    }
  } finally {
    release();
  }
}

/** Refuses, before any work, an output whose folder does not exist. */
function checkOutputFolder(output: string): void {
  const folder = path.dirname(path.resolve(output));
  if (!fs.existsSync(folder))
    throw new ConfigError(`The folder ${folder} does not exist: create it (readable by Safeshare's operator only) first.`);
}

/** Refuses a file that is not a backup of this engine before anything is changed. */
function checkBackupFile(input: string, engine: BackupSummary["engine"]): void {
  if (!fs.existsSync(input)) throw new ConfigError(`There is no backup file at ${path.resolve(input)}.`);
  const magic = engine === "postgres" ? Buffer.from("PGDMP") : Buffer.from([0x1f, 0x8b]);
  const head = Buffer.alloc(magic.length);
  const fd = fs.openSync(input, "r");
  try {
    fs.readSync(fd, head, 0, head.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (!head.equals(magic)) {
    const made = engine === "postgres" ? "from PostgreSQL (pg_dump's custom format)" : "from the embedded database";
    throw new ConfigError(`${input} is not a Safeshare backup made ${made}, which is what this restore needs.`);
  }
}

/** What a restore needs beyond the file: the application's role to grant to, under least privilege. */
export interface RestoreOptions {
  /** The role DATABASE_URL signs in as, when the restore runs as the owner (SAFESHARE_MIGRATION_DATABASE_URL). */
  appRole?: string;
  /** The installation's checkpoint folder and signing key, to set the log's anchors back to the restored head. */
  checkpoints?: { dir: string; signer: CheckpointSigner };
}

/**
 * After restoring: migrations bring an older backup up to date and the application's role gets its
 * grants back (the dump's own are not restored: its roles may not exist here), then the same checks
 * as the backup's.
 */
async function migrateAndSummarise(database: Database, input: string, started: number, options: RestoreOptions): Promise<BackupSummary> {
  const { appRole } = options;
  await migrateDatabase(database, appRole ? (db) => grantToApplication(db, appRole) : undefined);
  const audit = await auditState(database);
  const rows = await rowCounts(database);
  const bytes = fs.statSync(input).size;
  const anchoring =
    audit.verified && options.checkpoints
      ? await anchorRestoredLog(database, options.checkpoints.signer, options.checkpoints.dir)
      : undefined;
  if (audit.verified && anchoring?.ok !== false) await recordBackupEvent(database, "database.restored", audit.headSeq);
  return {
    engine: database.kind,
    file: path.resolve(input),
    bytes,
    seconds: secondsSince(started),
    audit,
    rows,
    ...(anchoring ? { checkpoints: anchoring } : {}),
  };
}

/**
 * PostgreSQL: only into a database with no tables at all. Restoring over existing data would
 * merge two audit chains or fail halfway, so there is deliberately no --force: create an empty
 * database instead. `--single-transaction` makes a failed restore leave the target empty. Run as
 * the role that is to own the tables (`--no-owner`: whoever restores owns what is created).
 */
export async function restorePostgres(url: string, input: string, options: RestoreOptions = {}): Promise<BackupSummary> {
  const started = performance.now();
  checkBackupFile(input, "postgres");
  const database = await openDatabase({ url });
  try {
    const pgRestore = postgresTool("pg_restore", await serverMajor(database.query));
    const [{ tables }] = (await database.query<{ tables: number }>(
      `SELECT count(*)::int AS tables FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
          AND n.nspname NOT LIKE 'pg\\_%'`,
    )) as [{ tables: number }];
    if (tables > 0) {
      throw new ConflictError(
        `The target database already has ${tables} tables: restore only into a new, empty database (createdb), then point DATABASE_URL at it.`,
      );
    }
    const { dbname, env } = libpqConnection(url);
    await runTool(
      pgRestore,
      ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", `--dbname=${dbname}`, path.resolve(input)],
      env,
    );
    return await migrateAndSummarise(database, input, started, options);
  } finally {
    await database.close();
  }
}

/** Embedded: into an empty or missing `pglite` folder only, under the data folder's lock. */
export async function restoreEmbedded(
  dataDir: string,
  input: string,
  options: Pick<RestoreOptions, "checkpoints"> = {},
): Promise<BackupSummary> {
  const started = performance.now();
  checkBackupFile(input, "pglite");
  const release = lockDataDir(dataDir);
  try {
    const pgliteDir = path.join(dataDir, "pglite");
    if (hasFiles(pgliteDir)) {
      throw new ConflictError(
        `The embedded database folder ${pgliteDir} is not empty: restore only into an empty data folder (set SAFESHARE_DATA_DIR to a new one, or move the old one aside).`,
      );
    }
    const dump = new Blob([fs.readFileSync(input)], { type: "application/gzip" });
    const database = await openDatabase({ pgliteDir, loadDataDir: dump });
    try {
      return await migrateAndSummarise(database, input, started, options);
    } finally {
      await database.close();
    }
  } finally {
    release();
  }
}

import fs from "node:fs";
import path from "node:path";
import { anchorRestoredLog, type CheckpointSigner } from "../platform/audit/checkpoints";
import { ConfigError } from "../platform/config";
import { type Database, migrateDatabase, openDatabase } from "../platform/db/client";
import { lockDataDir } from "../platform/db/data-dir-lock";
import { grantToApplication } from "../platform/db/least-privilege";
import { libpqConnection, postgresTool, runTool } from "../platform/db/postgres-tools";
import { ConflictError } from "../platform/errors";
import { auditState, type BackupSummary, hasFiles, recordBackupEvent, rowCounts, secondsSince, serverMajor } from "./backup-summary";

/** Restoring a backup (`safeshare restore`): only into an empty database, then migrated and checked as the backup was. */

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

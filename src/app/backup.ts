import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { ConfigError } from "../platform/config";
import { openDatabase } from "../platform/db/client";
import { copyOutBinaryOn } from "../platform/db/copy-out";
import { lockDataDir } from "../platform/db/data-dir-lock";
import { libpqConnection, postgresTool, runTool } from "../platform/db/postgres-tools";
import {
  auditState,
  type BackupSummary,
  hasFiles,
  recordBackupEvent,
  rowCounts,
  type Source,
  secondsSince,
  serverMajor,
} from "./backup-summary";

/** Backing up (`safeshare backup`): only a database whose audit log verifies, into a file only its operator can read. */

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

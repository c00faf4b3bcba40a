import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { openDatabase } from "../src/platform/db/client";
import { findPostgresBinDir, libpqConnection } from "../src/platform/db/postgres-tools";
import { findPostgresBin, startCluster } from "../test/support/postgres-cluster";
import { round } from "./lib/measure";
import { type BenchResult, ratioOf } from "./lib/result";
import { buildRecordsDatabase, CLUSTER_SETTINGS } from "./records";
import { repoRoot } from "./startup";

/**
 * `safeshare backup` and `safeshare restore` (issue 16) on the records benchmark's PostgreSQL
 * database (N people, ~10 items each, built by seed-synthetic, or BENCH_RECORDS_DATABASE_URL),
 * each run once as a real CLI process. Baseline, on the same database in the same run: plain
 * `pg_dump -Fc` and `pg_restore --single-transaction` into an empty database, without our audit
 * verification, row counts or migrations. details carry the audit head hash before and after.
 */

export interface BackupBenchOptions {
  subjects: number;
  itemsPerSubject: number;
  log: (line: string) => void;
}

/** Runs a command to completion and returns its wall-clock seconds; throws with its stderr if it fails. */
function timed(command: string, args: string[], env: NodeJS.ProcessEnv): { seconds: number; stdout: string } {
  const started = performance.now();
  const result = spawnSync(command, args, { env, cwd: repoRoot, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`${path.basename(command)} ${args[0]} failed (${result.status}): ${result.stderr}`);
  return { seconds, stdout: result.stdout };
}

/** A new empty database beside `url`'s, and a way to drop it. */
async function emptyDatabase(url: string, name: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  return { url: target.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

async function measure(url: string, options: BackupBenchOptions, scale: string, build: Record<string, unknown>): Promise<BenchResult[]> {
  const { log } = options;
  const bin = findPostgresBinDir(["pg_dump", "pg_restore"]);
  if (!bin) throw new Error("pg_dump and pg_restore not found (set PG_BIN)");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "safeshare-bench-backup-"));
  const ours = path.join(dir, "safeshare.dump");
  const plain = path.join(dir, "plain.dump");
  const cli = (args: string[], databaseUrl: string) =>
    timed(process.execPath, ["bin/safeshare.js", ...args], { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: "warn" });
  const { dbname, env } = libpqConnection(url);
  const restoredByUs = await emptyDatabase(url, "bench_restore_safeshare");
  const restoredPlain = await emptyDatabase(url, "bench_restore_plain");
  try {
    log("backup: safeshare backup");
    const backup = cli(["backup", "--output", ours], url);
    const backupSummary = JSON.parse(backup.stdout.trim());
    log(`backup: ${backup.seconds.toFixed(1)} s; pg_dump -Fc`);
    const dump = timed(path.join(bin, "pg_dump"), ["--format=custom", `--file=${plain}`, `--dbname=${dbname}`], env);
    log(`backup: ${dump.seconds.toFixed(1)} s; safeshare restore`);
    const restore = cli(["restore", "--input", ours], restoredByUs.url);
    const restoreSummary = JSON.parse(restore.stdout.trim());
    log(`backup: ${restore.seconds.toFixed(1)} s; pg_restore`);
    const target = libpqConnection(restoredPlain.url);
    const plainRestore = timed(
      path.join(bin, "pg_restore"),
      ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", `--dbname=${target.dbname}`, plain],
      target.env,
    );
    log(`backup: ${plainRestore.seconds.toFixed(1)} s`);
    const sameHead = backupSummary.audit.headHash === restoreSummary.audit.headHash;
    if (!sameHead) throw new Error("the restored database's audit head hash differs from the backup's");
    const details = {
      headHashBefore: backupSummary.audit.headHash,
      headHashAfter: restoreSummary.audit.headHash,
      auditEvents: backupSummary.audit.headSeq,
      rows: backupSummary.rows,
      rowsAfterRestore: restoreSummary.rows,
      bytes: { safeshare: backupSummary.bytes, plainPgDump: fs.statSync(plain).size },
      insideCommandSeconds: { backup: backupSummary.seconds, restore: restoreSummary.seconds },
      build,
    };
    return [
      {
        name: "backup_seconds",
        value: round(backup.seconds, 2),
        unit: "s",
        baseline: { name: "pg_dump --format=custom of the same database", value: round(dump.seconds, 2), unit: "s" },
        ratio: ratioOf(backup.seconds, dump.seconds),
        better: "lower",
        notes: `safeshare backup (a process: start-up, audit chain verified and rows counted inside the exported snapshot, pg_dump -Fc of that snapshot, written 0600 and renamed) over ${scale}. details.insideCommandSeconds is the command's own timing, without Node's start-up.`,
        details,
      },
      {
        name: "restore_seconds",
        value: round(restore.seconds, 2),
        unit: "s",
        baseline: {
          name: "pg_restore --no-owner --no-privileges --exit-on-error --single-transaction of a plain pg_dump into an empty database",
          value: round(plainRestore.seconds, 2),
          unit: "s",
        },
        ratio: ratioOf(restore.seconds, plainRestore.seconds),
        better: "lower",
        notes: `safeshare restore (the same pg_restore, then migrations, audit chain verification and row counts) into an empty database on the same server, over ${scale}. details.headHashAfter must equal headHashBefore.`,
        details,
      },
    ];
  } finally {
    await Promise.all([restoredByUs.drop(), restoredPlain.drop()]);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchBackup(options: BackupBenchOptions): Promise<BenchResult[]> {
  const existing = process.env.BENCH_RECORDS_DATABASE_URL;
  if (existing) {
    options.log("backup: measuring on BENCH_RECORDS_DATABASE_URL (built earlier)");
    return measure(existing, options, "a database built earlier (BENCH_RECORDS_DATABASE_URL)", { reused: true });
  }
  const bin = findPostgresBin();
  if (!bin) throw new Error("PostgreSQL 15 binaries not found (set PG_BIN): the backup benchmark needs initdb and pg_ctl");
  const cluster = await startCluster(bin, CLUSTER_SETTINGS);
  try {
    const database = await openDatabase({ url: cluster.url });
    let built: Awaited<ReturnType<typeof buildRecordsDatabase>>;
    try {
      built = await buildRecordsDatabase(database, options, "backup");
    } finally {
      await database.close();
    }
    return await measure(cluster.url, options, `${built.subjects} people, ${built.items} items (PostgreSQL 15)`, built);
  } finally {
    cluster.stop();
  }
}

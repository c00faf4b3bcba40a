import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { benchAccessPack } from "./access-pack";
import { benchAgreements } from "./agreement-evaluate";
import { benchAuditVerify } from "./audit-verify";
import { benchBackup } from "./backup";
import { benchIdleRss } from "./idle-rss";
import { machineLoad, machineTicks } from "./lib/measure";
import type { BenchReport, BenchResult } from "./lib/result";
import { benchNotifications } from "./notifications";
import { benchRecords } from "./records";
import { benchRetention } from "./retention";
import { benchSharing } from "./sharing";
import { benchStartup } from "./startup";

/**
 * `npm run bench [-- name...]`: runs the benchmarks one after another, prints the report as JSON
 * on stdout and writes it to bench/results/latest.json. Progress goes to stderr.
 *
 *   names:               audit, startup, idle_rss, agreements, records, sharing, access_pack, backup, notifications, retention (default: all)
 *   BENCH_EVENTS         audit events in PostgreSQL (default 1000000)
 *   BENCH_PGLITE_EVENTS  audit events in PGlite (default 100000)
 *   BENCH_RUNS           timed runs per measurement, median reported (default 3)
 *   BENCH_AGREEMENT_SHARES  proposed shares evaluated against agreements (default 100000)
 *   BENCH_CEDAR_SHARES   how many of those Cedar's isAuthorized evaluates too (default 10000; ~2 ms each)
 *   BENCH_RECORD_SUBJECTS  people generated for the records benchmark (default 1000000)
 *   BENCH_ITEMS_PER_SUBJECT  mean record items per person (default 10)
 *   BENCH_CHRONOLOGY_ENTRIES  entries on the measured child's chronology (default 1000)
 *   BENCH_CONNECTIONS    concurrent users for the load runs (default 20)
 *   BENCH_LOAD_SECONDS   seconds per concurrent load run (default 15)
 *   BENCH_RECORDS_DATABASE_URL  measure records, backup and retention on a database built earlier by seed-synthetic
 *   BENCH_PACK_ITEMS, BENCH_PACK_DISCLOSURES  the access pack's child (default 5000 items, 500 disclosures)
 *   BENCH_SHARING_CONNECTIONS  concurrent clients recording decisions, comma-separated (default 20,50)
 *   BENCH_NOTIFICATIONS  notifications queued, then emailed to a local SMTP server (default 100)
 *   BENCH_NOTIFY_THINK_MS, BENCH_NOTIFY_SECONDS, BENCH_NOTIFY_ROUNDS  one person recording decisions with notifications
 *                        on and off: mean pause between decisions (default 200), seconds per phase (default 8), rounds (default 6: three gave medians that moved by a tenth from run to run)
 *   BENCH_RETENTION_QUEUE_ROUNDS  timed requests of each review queue path (default 20)
 *   BENCH_DISPOSAL_ITEMS  record items in the timed disposal batch, and in the baseline's set (default 10000)
 */

const envInt = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer`);
  return value;
};

const runs = envInt("BENCH_RUNS", 3);
const log = (line: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

const benchmarks: Record<string, () => Promise<BenchResult[]>> = {
  audit: () =>
    benchAuditVerify({ events: envInt("BENCH_EVENTS", 1_000_000), pgliteEvents: envInt("BENCH_PGLITE_EVENTS", 100_000), runs, log }),
  startup: () => benchStartup(runs),
  idle_rss: () => benchIdleRss(),
  records: () =>
    benchRecords({
      subjects: envInt("BENCH_RECORD_SUBJECTS", 1_000_000),
      itemsPerSubject: envInt("BENCH_ITEMS_PER_SUBJECT", 10),
      chronologyEntries: envInt("BENCH_CHRONOLOGY_ENTRIES", 1000),
      connections: envInt("BENCH_CONNECTIONS", 20),
      seconds: envInt("BENCH_LOAD_SECONDS", 15),
      log,
    }),
  sharing: () =>
    benchSharing({
      connections: (process.env.BENCH_SHARING_CONNECTIONS ?? "20,50").split(",").map((n) => Number(n)),
      seconds: envInt("BENCH_LOAD_SECONDS", 15),
      log,
    }),
  access_pack: () =>
    benchAccessPack({
      items: envInt("BENCH_PACK_ITEMS", 5000),
      disclosures: envInt("BENCH_PACK_DISCLOSURES", 500),
      runs: envInt("BENCH_RUNS", 3),
      log,
    }),
  backup: () =>
    benchBackup({
      subjects: envInt("BENCH_RECORD_SUBJECTS", 1_000_000),
      itemsPerSubject: envInt("BENCH_ITEMS_PER_SUBJECT", 10),
      log,
    }),
  notifications: () =>
    benchNotifications({
      notifications: envInt("BENCH_NOTIFICATIONS", 100),
      thinkMs: envInt("BENCH_NOTIFY_THINK_MS", 200),
      seconds: envInt("BENCH_NOTIFY_SECONDS", 8),
      rounds: envInt("BENCH_NOTIFY_ROUNDS", 6),
      log,
    }),
  retention: () =>
    benchRetention({
      subjects: envInt("BENCH_RECORD_SUBJECTS", 1_000_000),
      itemsPerSubject: envInt("BENCH_ITEMS_PER_SUBJECT", 10),
      queueRounds: envInt("BENCH_RETENTION_QUEUE_ROUNDS", 20),
      disposalItems: envInt("BENCH_DISPOSAL_ITEMS", 10_000),
      log,
    }),
  agreements: () => {
    const shares = envInt("BENCH_AGREEMENT_SHARES", 100_000);
    return benchAgreements({ shares, cedarShares: envInt("BENCH_CEDAR_SHARES", Math.min(shares, 10_000)), runs, log });
  },
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in benchmarks));
if (unknown.length) {
  console.error(`unknown benchmark(s): ${unknown.join(", ")}; choose from ${Object.keys(benchmarks).join(", ")}`);
  process.exit(2);
}

const started = performance.now();
const loadAtStart = machineLoad();
const ticksAtStart = machineTicks();
const results: BenchResult[] = [];
const errors: { benchmark: string; error: string }[] = [];
for (const [name, bench] of Object.entries(benchmarks)) {
  if (wanted.length && !wanted.includes(name)) continue;
  log(`${name}: starting`);
  try {
    results.push(...(await bench()));
  } catch (error) {
    log(`${name} FAILED: ${(error as Error).stack ?? error}`);
    errors.push({ benchmark: name, error: String((error as Error).message ?? error) });
  }
}

/** Share of the machine's CPU time the hypervisor gave to others during the run (a VM's "steal"). */
function stealPercent(): number | undefined {
  const end = machineTicks();
  if (!ticksAtStart || !end || end.total === ticksAtStart.total) return undefined;
  return Number(((100 * (end.steal - ticksAtStart.steal)) / (end.total - ticksAtStart.total)).toFixed(1));
}

const report: BenchReport & { errors?: typeof errors } = {
  ranAt: new Date().toISOString(),
  machine: {
    cpus: os.cpus().length,
    node: process.version,
    cpuModel: os.cpus()[0]?.model,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    loadAtStart,
    loadAtEnd: machineLoad(),
    stealPercentDuringRun: stealPercent(),
    totalSeconds: Math.round((performance.now() - started) / 1000),
  },
  results,
  ...(errors.length ? { errors } : {}),
};

const json = JSON.stringify(report, null, 2);
const resultsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "results");
fs.mkdirSync(resultsDir, { recursive: true });
fs.writeFileSync(path.join(resultsDir, "latest.json"), `${json}\n`);
process.stdout.write(`${json}\n`);
process.exitCode = errors.length ? 1 : 0;

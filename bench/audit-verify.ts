import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { verifyAuditChain } from "../src/platform/audit/verify";
import { migrateDatabase, openDatabase } from "../src/platform/db/client";
import { findPostgresBin, startCluster } from "../test/support/postgres-cluster";
import { loadIntoPostgres } from "./audit-load";
import { benchPgliteVerify, pgliteResult } from "./audit-verify-pglite";
import { round, timeRuns } from "./lib/measure";
import { parentPid, treeCpuClock } from "./lib/proc-cpu";
import type { BenchResult } from "./lib/result";
import { expectVerified, throughputResult } from "./lib/throughput";
import { Sha256sumBaseline } from "./sha256sum-baseline";

/**
 * Audit chain verification throughput: src `verifyAuditChain` on a million realistic events in a
 * throwaway PostgreSQL 15 cluster, then on embedded PGlite, against `sha256sum` over the same body
 * bytes.
 */

export interface AuditVerifyOptions {
  events: number;
  pgliteEvents: number;
  runs: number;
  log: (line: string) => void;
}

export async function benchAuditVerify(options: AuditVerifyOptions): Promise<BenchResult[]> {
  const { events, runs, log } = options;
  const bin = findPostgresBin();
  if (!bin) throw new Error("PostgreSQL 15 binaries not found (set PG_BIN): the audit benchmark needs initdb, pg_ctl and psql");
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "safeshare-bench-audit-"));
  const bodiesFile = path.join(tmp, "bodies.bin");
  const cluster = await startCluster(bin);
  try {
    const database = await openDatabase({ url: cluster.url });
    try {
      await migrateDatabase(database);
      log(`audit: generating and loading ${events} events into PostgreSQL`);
      const started = performance.now();
      const chain = await loadIntoPostgres(database, cluster.url, bin, events, bodiesFile);
      const loadSeconds = round((performance.now() - started) / 1000, 1);
      log(`audit: loaded in ${loadSeconds} s (${chain.bodyBytes} body bytes)`);
      // One sha256sum sample before every timed verification run, so both sides see the same load.
      const sha = new Sha256sumBaseline(bodiesFile);
      const withBaseline = { beforeEach: () => sha.sample() };

      // CPU of the whole cluster (postmaster and its backends), to split time between server and Node.
      const [backend] = await database.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
      const postmaster = parentPid(backend!.pid);
      const otherCpu = postmaster ? treeCpuClock(postmaster) : undefined;

      log("audit: verifyAuditChain on PostgreSQL");
      const timed = await timeRuns(runs, () => verifyAuditChain(database), { ...withBaseline, otherCpu });
      expectVerified(timed.last, events, "verifyAuditChain");

      const pglite = await benchPgliteVerify({ events: options.pgliteEvents, runs, log, timeOptions: withBaseline });
      const baseline = sha.rates(chain);
      return [
        throughputResult(
          "audit_verify_throughput",
          timed,
          chain,
          baseline,
          `verifyAuditChain(database) from src/platform/audit/verify.ts on ${events} events in a throwaway PostgreSQL 15 cluster (keyset batches of 250k rows streamed by binary COPY through Database.copyOutBinary); median of ${runs} runs. Baseline: sha256sum over every body concatenated, from a warm page cache, sampled once before every timed verification run (median of all samples, see details). ratio = bytes/s over baseline bytes/s (wall clock); details.cpuRatio compares CPU seconds (Node + PostgreSQL server vs sha256sum) and is less sensitive to other load on the machine.`,
          {
            loadSeconds,
            baselineSecondsRuns: sha.seconds,
            baselineCpuSeconds: sha.cpuSeconds,
            baselineNote:
              "one sha256sum sample before each timed verification run (PostgreSQL and PGlite), after an untimed warm-up; the median is the baseline for both",
          },
        ),
        pgliteResult(pglite, runs, baseline),
      ];
    } finally {
      await database.close();
    }
  } finally {
    cluster.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

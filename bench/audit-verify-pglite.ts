import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { type VerifyResult, verifyAuditChain } from "../src/platform/audit/verify";
import { migrateDatabase, openDatabase } from "../src/platform/db/client";
import { type LoadedChain, loadIntoPglite } from "./audit-load";
import { round, type Timed, type TimeOptions, timeRuns } from "./lib/measure";
import type { BenchResult } from "./lib/result";
import { expectVerified, type ThroughputBaseline, throughputResult } from "./lib/throughput";

/**
 * The same verification on embedded PGlite (the default engine) persisted in a temp folder. A
 * million events take over a minute to load into PGlite on a 2-core machine, so the default here is
 * 100k events; BENCH_PGLITE_EVENTS=1000000 runs the full size.
 */

export interface PgliteTimings {
  chain: LoadedChain;
  loadSeconds: number;
  timed: Timed<VerifyResult>;
}

export async function benchPgliteVerify(options: {
  events: number;
  runs: number;
  log: (line: string) => void;
  timeOptions: TimeOptions;
}): Promise<PgliteTimings> {
  const { events, runs, log, timeOptions } = options;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "safeshare-bench-pglite-"));
  try {
    const migrated = await openDatabase({ pgliteDir: dir });
    await migrateDatabase(migrated);
    await migrated.close();

    // Loading needs COPY FROM '/dev/blob', which only a bare PGlite instance offers.
    log(`audit: generating and loading ${events} events into PGlite`);
    const started = performance.now();
    const loader = new PGlite(dir);
    await loader.waitReady;
    const chain = await loadIntoPglite(loader, events);
    await loader.close();
    const loadSeconds = round((performance.now() - started) / 1000, 1);

    log("audit: verifyAuditChain on PGlite");
    const database = await openDatabase({ pgliteDir: dir });
    try {
      const timed = await timeRuns(runs, () => verifyAuditChain(database), timeOptions);
      expectVerified(timed.last, events, "verifyAuditChain on PGlite");
      return { chain, loadSeconds, timed };
    } finally {
      await database.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function pgliteResult({ chain, loadSeconds, timed }: PgliteTimings, runs: number, baseline: ThroughputBaseline): BenchResult {
  const events = chain.count;
  const sizeNote =
    events < 1_000_000
      ? ` Not 1M events because loading a million into PGlite takes over a minute (BENCH_PGLITE_EVENTS=1000000 runs it anyway); the baseline is sha256sum throughput on the PostgreSQL body file, so the ratio is per byte and still comparable.`
      : "";
  return throughputResult(
    "audit_verify_throughput_pglite",
    timed,
    chain,
    baseline,
    `verifyAuditChain(database) on embedded PGlite persisted in a temp folder (binary COPY to '/dev/blob' through Database.copyOutBinary), ${events} events; median of ${runs} runs.${sizeNote}`,
    { loadSeconds },
  );
}

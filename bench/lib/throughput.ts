import type { VerifyResult } from "../../src/platform/audit/verify";
import type { LoadedChain } from "../audit-load";
import { median, type Timed } from "./measure";
import { type BenchResult, ratioOf } from "./result";

/** The goal for verification: at least this fraction of sha256sum's throughput on the same bytes. */
const GOAL_RATIO = 0.7;

/** sha256sum over the body bytes of `bodyBytes`: wall-clock rates and CPU seconds (medians). */
export interface ThroughputBaseline {
  eventsPerSecond: number;
  bytesPerSecond: number;
  cpuSeconds: number;
  bodyBytes: number;
}

/** A throughput result (events/s) against the sha256sum baseline, with bytes/s alongside. */
export function throughputResult(
  name: string,
  timed: Pick<Timed<unknown>, "median" | "seconds" | "cpuSeconds" | "otherCpuSeconds">,
  chain: LoadedChain,
  baseline: ThroughputBaseline,
  notes: string,
  extra: Record<string, unknown> = {},
): BenchResult {
  const eventsPerSecond = Math.round(chain.count / timed.median);
  const bytesPerSecond = Math.round(chain.bodyBytes / timed.median);
  const ratio = ratioOf(bytesPerSecond, baseline.bytesPerSecond);
  return {
    name,
    value: eventsPerSecond,
    unit: "events/s",
    baseline: { name: "sha256sum_same_body_bytes", value: baseline.eventsPerSecond, unit: "events/s" },
    ratio,
    better: "higher",
    goal: { ratio: `>= ${GOAL_RATIO}`, met: ratio >= GOAL_RATIO },
    notes,
    details: {
      events: chain.count,
      bodyBytes: chain.bodyBytes,
      bytesPerSecond,
      baselineBytesPerSecond: baseline.bytesPerSecond,
      seconds: timed.median,
      runsSeconds: timed.seconds,
      nodeCpuSeconds: timed.cpuSeconds,
      ...(timed.otherCpuSeconds ? { databaseServerCpuSeconds: timed.otherCpuSeconds } : {}),
      cpuRatio: cpuRatio(timed, chain, baseline),
      ...extra,
    },
  };
}

/**
 * Throughput per CPU second against sha256sum's, scaled to the same events: sha256sum's CPU seconds
 * over (Node + database server) CPU seconds, medians. Unlike the wall-clock ratio it barely moves
 * when other work competes for the machine's cores; on 2 cores the wall ratio can exceed it
 * because Node and the server run in parallel.
 */
function cpuRatio(timed: Pick<Timed<unknown>, "cpuSeconds" | "otherCpuSeconds">, chain: LoadedChain, baseline: ThroughputBaseline): number {
  const total = timed.cpuSeconds.map((cpu, i) => cpu + (timed.otherCpuSeconds?.[i] ?? 0));
  const perByte = median(total) / chain.bodyBytes;
  const baselinePerByte = baseline.cpuSeconds / baseline.bodyBytes;
  return Number((baselinePerByte / perByte).toFixed(3));
}

/** Every timed verification must succeed on the whole loaded chain, or its time means nothing. */
export function expectVerified(result: VerifyResult, events: number, what: string): void {
  if (!result.ok || result.count !== events) throw new Error(`${what} did not verify ${events} events: ${JSON.stringify(result)}`);
}

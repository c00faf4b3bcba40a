import fs from "node:fs";
import os from "node:os";

export function median(values: number[]): number {
  if (values.length === 0) throw new Error("median of nothing");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export const round = (value: number, digits = 3): number => Number(value.toFixed(digits));

export interface Timed<T> {
  /** Wall-clock seconds of each run, in order. */
  seconds: number[];
  median: number;
  /** This process's CPU seconds (user + system) of each run. */
  cpuSeconds: number[];
  /** CPU seconds of each run as counted by `otherCpu` (e.g. the database server), if given. */
  otherCpuSeconds?: number[];
  last: T;
}

export interface TimeOptions {
  /** A second cumulative CPU clock in seconds, such as the database server's. */
  otherCpu?: () => number;
  /** Untimed work before each run, e.g. one baseline sample so both see the same conditions. */
  beforeEach?: () => void;
}

/**
 * Runs `work` `runs` times, one after another, timing each with the wall clock and this process's
 * CPU clock (and `otherCpu` if given).
 */
export async function timeRuns<T>(runs: number, work: () => Promise<T>, options: TimeOptions = {}): Promise<Timed<T>> {
  const { otherCpu, beforeEach } = options;
  const seconds: number[] = [];
  const cpuSeconds: number[] = [];
  const otherCpuSeconds: number[] = [];
  let last: T | undefined;
  for (let i = 0; i < runs; i++) {
    beforeEach?.();
    const other = otherCpu?.() ?? 0;
    const cpu = process.cpuUsage();
    const started = performance.now();
    last = await work();
    seconds.push((performance.now() - started) / 1000);
    const used = process.cpuUsage(cpu);
    cpuSeconds.push(round((used.user + used.system) / 1e6));
    if (otherCpu) otherCpuSeconds.push(round(otherCpu() - other, 2));
  }
  return {
    seconds: seconds.map((s) => round(s)),
    median: round(median(seconds)),
    cpuSeconds,
    ...(otherCpu ? { otherCpuSeconds } : {}),
    last: last as T,
  };
}

/** Cumulative CPU ticks of the whole machine from /proc/stat: all of them, and the hypervisor's steal. */
export function machineTicks(): { total: number; steal: number } | undefined {
  try {
    const fields = fs.readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal guest guest_nice (guest time is already in user)
    const total = fields.slice(0, 8).reduce((a, b) => a + b, 0);
    return { total, steal: fields[7] ?? 0 };
  } catch {
    return undefined;
  }
}

/** How busy the machine is: other work on it skews every number here, so results record it. */
export function machineLoad(): { loadavg: number[]; cpuPressureSomeAvg60?: number } {
  const load: { loadavg: number[]; cpuPressureSomeAvg60?: number } = { loadavg: os.loadavg().map((l) => round(l, 2)) };
  try {
    const psi = fs.readFileSync("/proc/pressure/cpu", "utf8");
    const match = /some avg10=[\d.]+ avg60=([\d.]+)/.exec(psi);
    if (match) load.cpuPressureSomeAvg60 = Number(match[1]);
  } catch {}
  return load;
}

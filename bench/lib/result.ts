/** One line of bench/results/latest.json. `ratio` is always value / baseline.value. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  baseline: { name: string; value: number; unit: string };
  ratio: number;
  /** Whether a higher or lower value (and ratio) is better. */
  better: "higher" | "lower";
  /** The goal, on the ratio or (for an absolute target such as a latency) on the value. */
  goal?: { ratio: string; met: boolean } | { value: string; met: boolean };
  notes?: string;
  details?: Record<string, unknown>;
}

export interface BenchReport {
  ranAt: string;
  machine: { cpus: number; node: string; [key: string]: unknown };
  results: BenchResult[];
}

export function ratioOf(value: number, baseline: number): number {
  return Number((value / baseline).toFixed(3));
}

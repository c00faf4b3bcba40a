import { spawnSync } from "node:child_process";
import fs from "node:fs";
import type { LoadedChain } from "./audit-load";
import { median, round } from "./lib/measure";
import { childrenCpuSeconds } from "./lib/proc-cpu";
import type { ThroughputBaseline } from "./lib/throughput";

/**
 * `sha256sum <file>` over every body, concatenated: the same bytes verification hashes, read from
 * a warm page cache by a single C process. Samples are taken one at a time, interleaved with the
 * runs they are compared with, so a busy spell on the machine hits both sides alike.
 */
export class Sha256sumBaseline {
  readonly seconds: number[] = [];
  readonly cpuSeconds: number[] = [];

  constructor(readonly file: string) {
    fs.readFileSync(file); // pull it into the page cache
    this.#run(); // and warm up once, untimed
  }

  #run(): void {
    const result = spawnSync("sha256sum", [this.file], { encoding: "utf8" });
    if (result.status !== 0) throw new Error(`sha256sum failed: ${result.stderr}`);
  }

  /** One timed run. */
  sample(): void {
    const cpuBefore = childrenCpuSeconds();
    const started = performance.now();
    this.#run();
    this.seconds.push(round((performance.now() - started) / 1000));
    this.cpuSeconds.push(round(childrenCpuSeconds() - cpuBefore, 2));
  }

  /** The medians of the samples so far, as rates for `chain` (whose bodies are the file). */
  rates(chain: LoadedChain): ThroughputBaseline {
    const seconds = median(this.seconds);
    return {
      eventsPerSecond: Math.round(chain.count / seconds),
      bytesPerSecond: Math.round(chain.bodyBytes / seconds),
      cpuSeconds: round(median(this.cpuSeconds), 2),
      bodyBytes: chain.bodyBytes,
    };
  }
}

import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { round } from "./lib/measure";
import { httpGet, stopProcess, vmRssKiB } from "./lib/processes";
import { type BenchResult, ratioOf } from "./lib/result";
import { repoRoot, startSafeshare, startTrivialServer } from "./startup";

/**
 * Idle memory: VmRSS of the server process after start-up, a handful of requests and ~5 s idle.
 * Baseline: the one-line Node HTTP server after the same requests and idle time.
 */

const PAGES = ["/sign-in", "/sign-in", "/sign-in", "/cookies", "/accessibility", "/", "/sign-in", "/api/v1/organisations"];

async function settleAndMeasure(pid: number, port: number, idleMs: number): Promise<{ rssKiB: number; statuses: number[] }> {
  const statuses: number[] = [];
  for (const page of PAGES) statuses.push(await httpGet(`http://127.0.0.1:${port}${page}`));
  await new Promise((resolve) => setTimeout(resolve, idleMs));
  return { rssKiB: vmRssKiB(pid), statuses };
}

/**
 * RSS of a bare Node process that only opens PGlite on a new data folder: the embedded database's
 * share of the server's memory (its WebAssembly heap), for comparison.
 */
function pgliteAloneRssMiB(): number {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "safeshare-bench-pglite-rss-"));
  try {
    const script = `
      const { PGlite } = await import("@electric-sql/pglite");
      const db = new PGlite(${JSON.stringify(dir)});
      await db.waitReady;
      await db.query("SELECT 1");
      await new Promise((r) => setTimeout(r, 1000));
      const rss = /VmRSS:\\s+(\\d+)/.exec(require("node:fs").readFileSync("/proc/self/status", "utf8"))[1];
      console.log(rss);
      await db.close();`;
    const result = spawnSync(process.execPath, ["--input-type=commonjs", "-e", `(async () => {${script}})()`], {
      cwd: repoRoot,
      encoding: "utf8",
    });
    if (result.status !== 0) throw new Error(`PGlite RSS probe failed: ${result.stderr}`);
    return round(Number(result.stdout.trim()) / 1024, 1);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchIdleRss(idleMs = 5000): Promise<BenchResult[]> {
  const trivial = await startTrivialServer();
  let baselineKiB: number;
  try {
    baselineKiB = (await settleAndMeasure(trivial.child.pid!, trivial.port, idleMs)).rssKiB;
  } finally {
    await stopProcess(trivial.child);
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "safeshare-bench-data-"));
  try {
    const server = await startSafeshare(dataDir);
    try {
      const { rssKiB, statuses } = await settleAndMeasure(server.child.pid!, server.port, idleMs);
      const value = round(rssKiB / 1024, 1);
      const baseline = { name: "node_trivial_http_server_rss", value: round(baselineKiB / 1024, 1), unit: "MiB" };
      return [
        {
          name: "idle_rss",
          value,
          unit: "MiB",
          baseline,
          ratio: ratioOf(value, baseline.value),
          better: "lower",
          notes: `VmRSS of the \`safeshare start\` process (embedded PGlite, new data folder with demo seed) after ${PAGES.length} GETs and ${idleMs / 1000} s idle`,
          details: {
            pages: PAGES,
            statuses,
            pgliteAloneRssMiB: pgliteAloneRssMiB(),
            pgliteAloneNote:
              "RSS of a bare Node process that only opens PGlite on a new data folder and runs SELECT 1: the embedded database's own share",
          },
        },
      ];
    } finally {
      await stopProcess(server.child);
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "../test/support/postgres-cluster";
import { median, round } from "./lib/measure";
import { launchUntil200, stopProcess } from "./lib/processes";
import { type BenchResult, ratioOf } from "./lib/result";

/**
 * Start-up time: spawn `node bin/safeshare.js start` on a temp data folder until GET /sign-in
 * answers 200, (a) on a new folder (migrations + demo seed) and (b) again on the same folder after
 * a SIGTERM stop. Baseline: a one-line Node HTTP server, measured the same way.
 */

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Environment for a Safeshare server on the embedded database in `dataDir`. */
function safeshareEnv(dataDir: string, port: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, SAFESHARE_DATA_DIR: dataDir, PORT: String(port), HOST: "127.0.0.1" };
  delete env.DATABASE_URL;
  return env;
}

export async function startSafeshare(dataDir: string) {
  const port = await freePort();
  const launched = await launchUntil200(process.execPath, ["bin/safeshare.js", "start"], {
    env: safeshareEnv(dataDir, port),
    cwd: repoRoot,
    readyUrl: `http://127.0.0.1:${port}/sign-in`,
  });
  return { ...launched, port };
}

export async function startTrivialServer() {
  const port = await freePort();
  const server = `require('http').createServer((q,r)=>r.end('ok')).listen(${port})`;
  const launched = await launchUntil200(process.execPath, ["-e", server], {
    env: process.env,
    cwd: repoRoot,
    readyUrl: `http://127.0.0.1:${port}/sign-in`,
  });
  return { ...launched, port };
}

/**
 * Milliseconds for `node bin/safeshare.js --help` to run and exit: Node start-up plus tsx compiling
 * and importing the whole CLI (every module is imported eagerly by src/cli/main.ts), before any
 * database work. Start-up time minus this is the database and HTTP part.
 */
function cliLoadMs(): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, ["bin/safeshare.js", "--help"], { cwd: repoRoot, stdio: "ignore" });
  if (result.status !== 0) throw new Error(`safeshare --help exited ${result.status}`);
  return performance.now() - started;
}

/** "ready in N ms" as the server itself reports it (from the start of the CLI action). */
function selfReportedMs(output: string): number | undefined {
  const match = /ready in (\d+) ms/.exec(output);
  return match ? Number(match[1]) : undefined;
}

export async function benchStartup(runs = 3): Promise<BenchResult[]> {
  const baselineMs: number[] = [];
  const baselineCpuMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const server = await startTrivialServer();
    baselineMs.push(server.readyMs);
    baselineCpuMs.push(server.cpuMsAtReady ?? Number.NaN);
    await stopProcess(server.child);
  }
  const cliLoad: number[] = [];
  for (let i = 0; i < runs; i++) cliLoad.push(cliLoadMs());
  const fresh: number[] = [];
  const existing: number[] = [];
  const freshSelf: (number | undefined)[] = [];
  const existingSelf: (number | undefined)[] = [];
  const freshCpu: number[] = [];
  const existingCpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "safeshare-bench-data-"));
    try {
      const first = await startSafeshare(dataDir);
      fresh.push(first.readyMs);
      freshSelf.push(selfReportedMs(first.output()));
      freshCpu.push(first.cpuMsAtReady ?? Number.NaN);
      const firstExit = await stopProcess(first.child);
      if (firstExit !== 0) throw new Error(`safeshare exited ${firstExit} on SIGTERM: ${first.output()}`);
      const second = await startSafeshare(dataDir);
      existing.push(second.readyMs);
      existingSelf.push(selfReportedMs(second.output()));
      existingCpu.push(second.cpuMsAtReady ?? Number.NaN);
      await stopProcess(second.child);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
  const baseline = { name: "node_trivial_http_server_first_200", value: round(median(baselineMs), 1), unit: "ms" };
  const entry = (name: string, times: number[], self: (number | undefined)[], cpu: number[], notes: string): BenchResult => {
    const value = round(median(times), 1);
    return {
      name,
      value,
      unit: "ms",
      baseline,
      ratio: ratioOf(value, baseline.value),
      better: "lower",
      notes,
      details: {
        runsMs: times.map((t) => round(t, 1)),
        baselineRunsMs: baselineMs.map((t) => round(t, 1)),
        selfReportedReadyMs: self,
        serverCpuMsAtReady: cpu,
        baselineCpuMsAtReady: baselineCpuMs,
        cliLoadMs: round(median(cliLoad), 1),
        cliLoadNote:
          "`node bin/safeshare.js --help` to exit (Node + tsx + importing the whole CLI, no database): the part of start-up before the `start` action runs; selfReportedReadyMs is the server's own 'ready in' (action start to listening)",
      },
    };
  };
  return [
    entry(
      "startup_new_data_dir",
      fresh,
      freshSelf,
      freshCpu,
      `spawn of \`node bin/safeshare.js start\` on a new SAFESHARE_DATA_DIR (PGlite init + migrations + demo seed) to first 200 of GET /sign-in; median of ${runs} runs`,
    ),
    entry(
      "startup_existing_data_dir",
      existing,
      existingSelf,
      existingCpu,
      `second start on the same data folder after SIGTERM and exit of the first; median of ${runs} runs`,
    ),
  ];
}

import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import { processCpuSeconds } from "./proc-cpu";

/** GET a URL once; resolves with the status code, rejects on a connection error. */
export function httpGet(url: string, timeoutMs = 2000): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent: false, timeout: timeoutMs }, (response) => {
      response.resume();
      response.on("end", () => resolve(response.statusCode ?? 0));
      response.on("error", reject);
    });
    request.on("timeout", () => request.destroy(new Error("timeout")));
    request.on("error", reject);
  });
}

export interface Launched {
  child: ChildProcess;
  /** Milliseconds from spawn to the first 200 from `readyUrl`. */
  readyMs: number;
  /** CPU milliseconds the process had used by then (10 ms resolution): less sensitive to other load. */
  cpuMsAtReady: number | undefined;
  output: () => string;
}

/**
 * Spawns a server and polls `readyUrl` every `pollMs` until it answers 200. The clock starts just
 * before spawn, so the time includes Node's own start-up.
 */
export async function launchUntil200(
  command: string,
  args: string[],
  options: { env: NodeJS.ProcessEnv; cwd: string; readyUrl: string; timeoutMs?: number; pollMs?: number },
): Promise<Launched> {
  const { readyUrl, timeoutMs = 120_000, pollMs = 10 } = options;
  const started = performance.now();
  const child = spawn(command, args, { env: options.env, cwd: options.cwd, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  let exited: number | null | undefined;
  child.once("exit", (code) => (exited = code));
  for (;;) {
    if (exited !== undefined) throw new Error(`${command} ${args.join(" ")} exited (${exited}) before serving: ${output}`);
    if (performance.now() - started > timeoutMs) {
      child.kill("SIGKILL");
      throw new Error(`${readyUrl} did not answer 200 within ${timeoutMs} ms: ${output}`);
    }
    try {
      if ((await httpGet(readyUrl, 5000)) === 200) break;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  const readyMs = performance.now() - started;
  const cpu = child.pid ? processCpuSeconds(child.pid) : undefined;
  return { child, readyMs, cpuMsAtReady: cpu === undefined ? undefined : Math.round(cpu * 1000), output: () => output };
}

/** Sends `signal` and waits for the process to exit; SIGKILL after `timeoutMs`. */
export async function stopProcess(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM", timeoutMs = 15_000): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  child.kill(signal);
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  try {
    return await exited;
  } finally {
    clearTimeout(timer);
  }
}

/** Resident set size of a process in KiB, from /proc/<pid>/status. */
export function vmRssKiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  if (!match) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(match[1]);
}

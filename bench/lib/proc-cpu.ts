import fs from "node:fs";

/**
 * Fields of /proc/<pid>/stat after the command name (Linux; undefined if gone): index 0 is field 3
 * (state), so ppid is [1], utime [11], stime [12], cutime [13], cstime [14], in 100 Hz ticks.
 */
function statFields(pid: number | "self"): string[] | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return undefined;
  }
}

/** utime + stime of a process in seconds, with its parent pid. */
function statOf(pid: number): { ppid: number; cpuSeconds: number } | undefined {
  const fields = statFields(pid);
  return fields && { ppid: Number(fields[1]), cpuSeconds: (Number(fields[11]) + Number(fields[12])) / 100 };
}

/** CPU seconds (user + system, all threads) a process has used so far. */
export function processCpuSeconds(pid: number): number | undefined {
  return statOf(pid)?.cpuSeconds;
}

export function parentPid(pid: number): number | undefined {
  return statOf(pid)?.ppid;
}

/** CPU seconds used by this process's waited-for children so far (0 off Linux). */
export function childrenCpuSeconds(): number {
  const fields = statFields("self");
  return fields ? (Number(fields[13]) + Number(fields[14])) / 100 : 0;
}

/**
 * A cumulative CPU clock (seconds) for a process and its children: for a PostgreSQL postmaster,
 * the whole cluster (backends, checkpointer, walwriter...). Each reading adds what every process
 * seen so far has used; a child that exits keeps its last-seen time, so the clock never runs
 * backwards (a child that starts and exits between two readings is missed).
 */
export function treeCpuClock(rootPid: number): () => number {
  const lastSeen = new Map<number, number>();
  return () => {
    const root = statOf(rootPid);
    if (root) lastSeen.set(rootPid, root.cpuSeconds);
    for (const entry of fs.readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      const stat = statOf(Number(entry));
      if (stat && stat.ppid === rootPid) lastSeen.set(Number(entry), stat.cpuSeconds);
    }
    let total = 0;
    for (const cpu of lastSeen.values()) total += cpu;
    return total;
  };
}

import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export class DataDirLockedError extends Error {}

/** What a lock file records about the process holding it. */
interface Holder {
  pid: number;
  host: string;
  /** When the holder started, in clock ticks since boot (Linux /proc/<pid>/stat field 22); absent without /proc. */
  startTime?: string;
  /** The kernel's boot id: a lock from an earlier boot is stale whatever its pid now names. */
  bootId?: string;
  /** The holder's pid namespace (`pid:[4026531836]`): its pid means something here only if it is ours. */
  pidNamespace?: string;
}

/** What the lock reads about this process and the time; tests substitute a clock or a namespace. */
export interface LockHost {
  /** Milliseconds since the epoch. */
  now(): number;
  /** This process's pid namespace, undefined where it cannot be read. */
  pidNamespace(): string | undefined;
}

export const thisHost: LockHost = {
  now: () => Date.now(),
  pidNamespace: () => {
    try {
      return fs.readlinkSync("/proc/self/ns/pid");
    } catch {
      return undefined;
    }
  },
};

/** How often the holder touches its lock file, to say it is still alive. */
const HEARTBEAT_MS = 10_000;
/** A lock whose pid we cannot check is abandoned once its holder has missed this long of heartbeats. */
const HEARTBEAT_STALE_MS = 30_000;

/** Folders this process has locked: a second lock on one of them from the same process is still refused. */
const heldHere = new Set<string>();

/**
 * PGlite does not lock its folder, and two processes writing one folder silently lose writes.
 * We hold an exclusive lock file (created with O_EXCL) naming our pid. Node has no flock, so a lock
 * does not die with its process: instead it records enough to tell a dead holder from a live one
 * (see `isStale`), and a stale lock is taken over. That matters in a container, where a restarted
 * service is pid 1 again and would otherwise be refused by the lock its own previous life left.
 * The holder touches the file every 10 s (its heartbeat) for a process that cannot check its pid:
 * one in another pid namespace, such as a sidecar sharing the volume or that restarted container.
 */
export function lockDataDir(dataDir: string, host: LockHost = thisHost): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, "safeshare.lock");
  if (heldHere.has(lockPath)) throw inUse(dataDir, describeSelf(host));
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, JSON.stringify(describeSelf(host)), { flag: "wx" });
      heldHere.add(lockPath);
      const heartbeat = setInterval(() => touch(lockPath, host.now()), HEARTBEAT_MS);
      heartbeat.unref(); // the lock never keeps the process alive by itself
      let released = false;
      return () => {
        if (released) return;
        released = true;
        clearInterval(heartbeat);
        heldHere.delete(lockPath);
        fs.rmSync(lockPath, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = readHolder(lockPath);
      if (holder && !isStale(holder, lastHeartbeat(lockPath), host)) throw inUse(dataDir, holder);
      fs.rmSync(lockPath, { force: true }); // stale: its process has gone
    }
  }
  throw new DataDirLockedError(`Could not lock the data folder ${dataDir}; another process is starting on it.`);
}

const inUse = (dataDir: string, holder: Holder) =>
  new DataDirLockedError(
    `The data folder ${dataDir} is in use by another Safeshare process (pid ${holder.pid} on ${holder.host}). ` +
      "Stop that process first, or set SAFESHARE_DATA_DIR to a different folder.",
  );

function describeSelf(host: LockHost): Holder {
  return {
    pid: process.pid,
    host: os.hostname(),
    startTime: processStartTime(process.pid),
    bootId: bootId(),
    pidNamespace: host.pidNamespace(),
  };
}

/**
 * Whether the process that wrote a lock is certainly gone. Another host's lock is never stale: its
 * processes cannot be seen from here. On this host a lock written before the machine last booted is
 * stale. A pid is only meaningful in the pid namespace it was taken in: in ours (or where neither side
 * could read one) the lock is stale when it names our own pid (we are starting up, so whoever wrote it
 * was an earlier process with the same pid), names no live process, or names a live process that
 * started at a different time from the writer (the pid was reused); without /proc only liveness is
 * left. From another namespace, or one we cannot compare, the pid may name a live process we cannot
 * see (it may even equal ours), so only a heartbeat older than HEARTBEAT_STALE_MS says it has gone.
 */
function isStale(holder: Holder, heartbeatAt: number | undefined, host: LockHost): boolean {
  if (holder.host !== os.hostname()) return false;
  const currentBoot = bootId();
  if (holder.bootId && currentBoot && holder.bootId !== currentBoot) return true;
  if (holder.pidNamespace !== host.pidNamespace()) {
    return heartbeatAt === undefined || host.now() - heartbeatAt > HEARTBEAT_STALE_MS;
  }
  if (holder.pid === process.pid) return true;
  if (!isAlive(holder.pid)) return true;
  const started = processStartTime(holder.pid);
  return Boolean(holder.startTime && started && holder.startTime !== started);
}

/** When the holder last touched the lock file (its heartbeat); undefined if it has just been released. */
function lastHeartbeat(lockPath: string): number | undefined {
  try {
    return fs.statSync(lockPath).mtimeMs;
  } catch {
    return undefined;
  }
}

function touch(lockPath: string, at: number): void {
  try {
    const time = new Date(at);
    fs.utimesSync(lockPath, time, time);
  } catch {
    // The folder is gone or unwritable: the next start finds out and says so.
  }
}

function readHolder(lockPath: string): Holder | undefined {
  try {
    const parsed = JSON.parse(fs.readFileSync(lockPath, "utf8"));
    return typeof parsed.pid === "number" ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Field 22 of /proc/<pid>/stat, counted after the command name, which is in parentheses and may hold spaces. */
function processStartTime(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  } catch {
    return undefined;
  }
}

function bootId(): string | undefined {
  try {
    return fs.readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
  } catch {
    return undefined;
  }
}

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
}

/** Folders this process has locked: a second lock on one of them from the same process is still refused. */
const heldHere = new Set<string>();

/**
 * PGlite does not lock its folder, and two processes writing one folder silently lose writes.
 * We hold an exclusive lock file (created with O_EXCL) naming our pid. Node has no flock, so a lock
 * does not die with its process: instead it records enough to tell a dead holder from a live one
 * (see `isStale`), and a stale lock is taken over. That matters in a container, where a restarted
 * service is pid 1 again and would otherwise be refused by the lock its own previous life left.
 */
export function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, "safeshare.lock");
  if (heldHere.has(lockPath)) throw inUse(dataDir, describeSelf());
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, JSON.stringify(describeSelf()), { flag: "wx" });
      heldHere.add(lockPath);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        heldHere.delete(lockPath);
        fs.rmSync(lockPath, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = readHolder(lockPath);
      if (holder && !isStale(holder)) throw inUse(dataDir, holder);
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

function describeSelf(): Holder {
  return { pid: process.pid, host: os.hostname(), startTime: processStartTime(process.pid), bootId: bootId() };
}

/**
 * Whether the process that wrote a lock is certainly gone. Another host's lock is never stale: its
 * processes cannot be seen from here. On this host the lock is stale when it names our own pid (we
 * are starting up, so whoever wrote it was an earlier process with the same pid), was written before
 * the machine last booted, names no live process, or names a live process that started at a
 * different time from the writer (the pid was reused). Without /proc only the liveness check is left.
 */
function isStale(holder: Holder): boolean {
  if (holder.host !== os.hostname()) return false;
  if (holder.pid === process.pid) return true;
  const currentBoot = bootId();
  if (holder.bootId && currentBoot && holder.bootId !== currentBoot) return true;
  if (!isAlive(holder.pid)) return true;
  const started = processStartTime(holder.pid);
  return Boolean(holder.startTime && started && holder.startTime !== started);
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

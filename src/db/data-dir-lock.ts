import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export class DataDirLockedError extends Error {}

/**
 * PGlite does not lock its folder, and two processes writing one folder silently lose writes.
 * We hold an exclusive lock file (created with O_EXCL) naming our pid; a lock whose process is
 * gone on this host is stale and taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, "safeshare.lock");
  const owner = JSON.stringify({ pid: process.pid, host: os.hostname(), since: new Date().toISOString() });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, owner, { flag: "wx" });
      let released = false;
      return () => {
        if (released) return;
        released = true;
        fs.rmSync(lockPath, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = readHolder(lockPath);
      if (holder && (holder.host !== os.hostname() || isAlive(holder.pid))) {
        throw new DataDirLockedError(
          `The data folder ${dataDir} is in use by another Safeshare process (pid ${holder.pid} on ${holder.host}). ` +
            "Stop that process first, or set SAFESHARE_DATA_DIR to a different folder.",
        );
      }
      fs.rmSync(lockPath, { force: true }); // stale: its process has gone
    }
  }
  throw new DataDirLockedError(`Could not lock the data folder ${dataDir}; another process is starting on it.`);
}

function readHolder(lockPath: string): { pid: number; host: string } | undefined {
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

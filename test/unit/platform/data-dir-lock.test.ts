import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { DataDirLockedError, lockDataDir, thisHost } from "../../../src/platform/db/data-dir-lock";

/** The pid namespace a process started beside this one records (undefined without /proc). */
const ourNamespace = thisHost.pidNamespace();

test("a second lock on the same folder is refused with a clear message until released", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lock-"));
  const release = lockDataDir(dir);
  assert.throws(
    () => lockDataDir(dir),
    (e: unknown) => e instanceof DataDirLockedError && /in use by another Safeshare process/.test(e.message),
  );
  release();
  lockDataDir(dir)();
  fs.rmSync(dir, { recursive: true });
});

test("a lock left by a process that has gone is taken over", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lock-"));
  fs.writeFileSync(path.join(dir, "safeshare.lock"), JSON.stringify({ pid: 2 ** 22 + 1, host: os.hostname(), pidNamespace: ourNamespace }));
  const release = lockDataDir(dir);
  assert.match(fs.readFileSync(path.join(dir, "safeshare.lock"), "utf8"), new RegExp(`"pid":${process.pid}`));
  release();
  fs.rmSync(dir, { recursive: true });
});

/** Writes a lock file as another process would have left it (by default in our pid namespace). */
function leaveLock(dir: string, holder: Record<string, unknown>) {
  fs.writeFileSync(path.join(dir, "safeshare.lock"), JSON.stringify({ host: os.hostname(), pidNamespace: ourNamespace, ...holder }));
}

const refusedAsInUse = (e: unknown) => e instanceof DataDirLockedError && /in use by another Safeshare process/.test(e.message);

test("a live Safeshare beside us in another pid namespace (a sidecar in the same pod) keeps its lock, even when its pid is ours or 1", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lock-"));
  for (const pid of [process.pid, 1]) {
    // Its heartbeat is fresh: the lock file was written (touched) just now.
    leaveLock(dir, { pid, startTime: "1", pidNamespace: "pid:[4026530000]" });
    assert.throws(() => lockDataDir(dir), refusedAsInUse, `pid ${pid}`);
    // A holder that recorded no namespace (or ours cannot be read) is judged the same way.
    leaveLock(dir, { pid, startTime: "1", pidNamespace: undefined });
    if (ourNamespace) assert.throws(() => lockDataDir(dir), refusedAsInUse, `pid ${pid}, namespace unknown`);
  }
  fs.rmSync(dir, { recursive: true });
});

test("after a crash, the restarted container (pid 1 again, in a new pid namespace) takes the lock over once its holder's heartbeat is 30 s old", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lock-"));
  leaveLock(dir, { pid: process.pid, startTime: "1", pidNamespace: "pid:[4026530000]" });
  const lastBeat = fs.statSync(path.join(dir, "safeshare.lock")).mtimeMs;
  const at = (ms: number) => ({ ...thisHost, now: () => lastBeat + ms });
  assert.throws(() => lockDataDir(dir, at(25_000)), refusedAsInUse, "25 s after the last heartbeat the holder may still be alive");
  const release = lockDataDir(dir, at(31_000));
  assert.equal(JSON.parse(fs.readFileSync(path.join(dir, "safeshare.lock"), "utf8")).pidNamespace, ourNamespace);
  release();
  fs.rmSync(dir, { recursive: true });
});

test("the holder refreshes its lock every 10 s while it runs, and stops once released", (t) => {
  t.mock.timers.enable({ apis: ["setInterval"] });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lock-"));
  const lockPath = path.join(dir, "safeshare.lock");
  let now = Date.now() + 3_600_000;
  const release = lockDataDir(dir, { ...thisHost, now: () => now });
  t.mock.timers.tick(10_000);
  assert.equal(Math.round(fs.statSync(lockPath).mtimeMs / 1000), Math.round(now / 1000), "refreshed");
  now += 10_000;
  t.mock.timers.tick(10_000);
  assert.equal(Math.round(fs.statSync(lockPath).mtimeMs / 1000), Math.round(now / 1000), "refreshed again");
  release();
  t.mock.timers.tick(10_000); // no heartbeat recreates or touches a released lock
  assert.equal(fs.existsSync(lockPath), false);
  fs.rmSync(dir, { recursive: true });
});

test("after a crash in a container the restarted service, pid 1 again, takes over the lock naming its own pid", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lock-"));
  // What a container's previous life left: the same pid as ours, since both were the container's first process.
  leaveLock(dir, { pid: process.pid, startTime: "1", bootId: "an-earlier-boot" });
  const release = lockDataDir(dir);
  release();
  leaveLock(dir, { pid: process.pid });
  lockDataDir(dir)();
  fs.rmSync(dir, { recursive: true });
});

test("a lock naming a live process that started after the lock was taken (its pid reused) is taken over", {
  skip: !fs.existsSync("/proc/self/stat") && "needs /proc to read process start times",
}, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lock-"));
  // Our parent is alive, but it is not the process that took this lock: that one started at another time.
  leaveLock(dir, { pid: process.ppid, startTime: "1" });
  lockDataDir(dir)();
  // …and a lock from before the machine last started is stale whatever its pid now names.
  leaveLock(dir, { pid: process.ppid, bootId: "00000000-0000-0000-0000-000000000000" });
  lockDataDir(dir)();
  fs.rmSync(dir, { recursive: true });
});

test("a lock held by another live Safeshare process is refused, and taken over once that process is killed", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lock-"));
  const holder = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "--eval",
      `import("${path.resolve("src/platform/db/data-dir-lock.ts")}").then((m) => { m.lockDataDir(${JSON.stringify(dir)}); console.log("locked"); setInterval(() => {}, 1000); })`,
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  try {
    await once(holder.stdout!, "data");
    assert.throws(
      () => lockDataDir(dir),
      (e: unknown) => e instanceof DataDirLockedError && e.message.includes(`pid ${holder.pid}`),
    );
    holder.kill("SIGKILL");
    await once(holder, "exit");
    lockDataDir(dir)();
  } finally {
    holder.kill("SIGKILL");
    fs.rmSync(dir, { recursive: true });
  }
});

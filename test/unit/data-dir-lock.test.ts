import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { DataDirLockedError, lockDataDir } from "../../src/db/data-dir-lock";

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
  fs.writeFileSync(path.join(dir, "safeshare.lock"), JSON.stringify({ pid: 2 ** 22 + 1, host: os.hostname() }));
  const release = lockDataDir(dir);
  assert.match(fs.readFileSync(path.join(dir, "safeshare.lock"), "utf8"), new RegExp(`"pid":${process.pid}`));
  release();
  fs.rmSync(dir, { recursive: true });
});

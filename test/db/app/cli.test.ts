import assert from "node:assert/strict";
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, test } from "node:test";
import pg from "pg";
import { openDatabase } from "../../../src/platform/db/client";
import { editAndRechain } from "../../support/rechain";

const bin = path.resolve("bin/safeshare.js");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "safeshare-cli-"));
const env = { ...process.env, SAFESHARE_DATA_DIR: dataDir, DATABASE_URL: "", HOST: "127.0.0.1", LOG_LEVEL: "warn" };

function cli(args: string[], input?: string) {
  const result = spawnSync(process.execPath, [bin, ...args], { env, input, encoding: "utf8", timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Starts the server and resolves once it prints `ready` (by default, the demo accounts). */
function start({
  extraEnv = {},
  ready = "Password for every demo account",
}: {
  extraEnv?: Record<string, string>;
  ready?: string;
} = {}): Promise<{ child: ChildProcess; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, "start", "--port", "0"], { env: { ...env, ...extraEnv } });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
      // A getter, so that what the server prints after `ready` (until it exits) is read too.
      if (output.includes(ready))
        resolve({
          child,
          get output() {
            return output;
          },
        });
    });
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("exit", (code) => reject(new Error(`start exited ${code}: ${output}`)));
  });
}

describe("safeshare CLI", () => {
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  test("every command has --help", () => {
    for (const command of [
      "start",
      "migrate",
      "seed-demo",
      "create-admin",
      "verify-audit",
      "seed-synthetic",
      "rotate-secret-key",
      "audit-checkpoint",
      "backup",
      "restore",
    ]) {
      const result = cli([command, "--help"]);
      assert.equal(result.code, 0, `${command} --help`);
      assert.match(result.stdout, new RegExp(`Usage: safeshare ${command}`));
    }
    assert.match(cli(["--help"]).stdout, /verify-audit/);
  });

  test("bad arguments exit non-zero with a one-line reason", () => {
    for (const args of [["frobnicate"], ["start", "--port", "seventy"], ["create-admin", "--email", "a@b.org"], ["start", "--bogus"]]) {
      const result = cli(args);
      assert.notEqual(result.code, 0, args.join(" "));
      const lines = result.stderr
        .trim()
        .split("\n")
        .filter((l) => !l.startsWith("(Did you mean"));
      assert.equal(lines.length, 1, `${args.join(" ")}: ${result.stderr}`);
      assert.match(lines[0]!, /error|safeshare/);
    }
  });

  test("start seeds the demo partnership and prints sign-in details; a second start on the same folder is refused", async () => {
    const first = await start();
    try {
      assert.match(first.output, /Safeshare is running at http:\/\/127\.0\.0\.1:\d+/);
      assert.match(first.output, /amara\.okafor@westshire\.example/);
      const second = cli(["start", "--port", "0"]);
      assert.equal(second.code, 2);
      assert.match(second.stderr, /in use by another Safeshare process/);
      assert.equal(second.stderr.trim().split("\n").length, 1);
    } finally {
      first.child.kill("SIGTERM");
      await new Promise((r) => first.child.once("exit", r));
    }
    assert.equal(fs.existsSync(path.join(dataDir, "safeshare.lock")), false, "lock released on shutdown");
  });

  const adminUrl = process.env.SAFESHARE_TEST_PG_URL;
  test("start on an empty PostgreSQL seeds no demo accounts without --demo, and says how to create the first administrator", {
    skip: !adminUrl && process.env.CI !== "true" ? "PostgreSQL not available: SKIPPED" : false,
  }, async () => {
    assert.ok(adminUrl, "CI=true but SAFESHARE_TEST_PG_URL is not set");
    const name = `t_cli_${process.pid}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    try {
      const server = await start({ extraEnv: { DATABASE_URL: url.toString() }, ready: "Safeshare is running" });
      server.child.kill("SIGTERM");
      await new Promise((r) => server.child.once("close", r));
      assert.match(server.output, /safeshare create-admin/);
      assert.match(server.output, /--demo/);
      assert.doesNotMatch(server.output, /amara\.okafor@westshire\.example|Password for every demo account/);
      const db = new pg.Client({ connectionString: url.toString() });
      await db.connect();
      const { rows } = await db.query("SELECT count(*)::int AS n FROM organisation");
      await db.end();
      assert.equal(rows[0].n, 0, "no demo partnership in a production database");
    } finally {
      await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
      await admin.end();
    }
  });

  test("seed-synthetic adds fictional people to the demo partnership; a count that is not a whole number is refused", () => {
    const refused = cli(["seed-synthetic", "--subjects", "0"]);
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr, /must be a whole number above 0/);
    const added = cli(["seed-synthetic", "--subjects", "150", "--items-per-subject", "3"]);
    assert.equal(added.code, 0, added.stderr);
    assert.match(added.stdout, /^Added 150 people \(\d+ other names, 150 addresses\) and \d+ record items in [\d.]+ s\.$/m);
  });

  test("create-admin rejects a weak password, then creates an admin; verify-audit reports the chain", () => {
    const weak = cli(
      ["create-admin", "--email", "root@example.org", "--name", "Root Admin", "--organisation", "Westshire Police", "--password-stdin"],
      "password\n",
    );
    assert.equal(weak.code, 2);
    assert.match(weak.stderr, /12 characters or more/);
    const organisational = cli(
      ["create-admin", "--email", "root@example.org", "--name", "Root Admin", "--organisation", "Westshire Police", "--password-stdin"],
      "Westshire Police 2026!\n",
    );
    assert.equal(organisational.code, 2);
    assert.match(organisational.stderr, /too easy to guess without your organisation's name/);
    const created = cli(
      ["create-admin", "--email", "root@example.org", "--name", "Root Admin", "--organisation", "Westshire Police", "--password-stdin"],
      "quartz meadow falcon sixteen\n",
    );
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stdout, /Created partnership administrator Root Admin/);
    const verified = cli(["verify-audit"]);
    assert.equal(verified.code, 0, verified.stderr);
    assert.match(verified.stdout, /^OK: \d+ events verified; head hash [0-9a-f]{64}/);
  });

  test("rotate-secret-key seals the secrets under a new key; until the configuration names it, start-up is refused", () => {
    const keyFile = path.join(dataDir, "secret.key");
    assert.equal(fs.statSync(keyFile).mode & 0o777, 0o600, "the key file is the service user's alone");
    const newKeyFile = path.join(dataDir, "new-secret.key");
    fs.writeFileSync(newKeyFile, `${Buffer.alloc(32, 5).toString("base64")}\n`);
    const rotated = cli(["rotate-secret-key", "--new-key-file", newKeyFile]);
    assert.equal(rotated.code, 0, rotated.stderr);
    assert.match(rotated.stdout, /^Sealed \d+ secrets again under key [\w-]{8} \(was [\w-]{8}\)\.$/m);
    assert.match(rotated.stdout, /replace the contents of .*secret\.key with the new key/);
    const refused = cli(["verify-audit"]);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /^safeshare: a secret is sealed under key [\w-]{8}, which is not configured/);
    fs.copyFileSync(newKeyFile, keyFile);
    const verified = cli(["verify-audit"]);
    assert.equal(verified.code, 0, verified.stderr);
  });

  test("audit-checkpoint signs the head outside the database; verify-audit then fails, exit 1, on a log re-chained after an edit", async () => {
    const publicKey = cli(["audit-checkpoint", "--public-key"]);
    assert.equal(publicKey.code, 0, publicKey.stderr);
    assert.match(publicKey.stdout, /-----BEGIN PUBLIC KEY-----/);
    const written = cli(["audit-checkpoint"]);
    assert.equal(written.code, 0, written.stderr);
    const [checkpoint] = fs
      .readFileSync(path.join(dataDir, "audit-checkpoints", "checkpoints.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    assert.deepEqual(Object.keys(checkpoint).sort(), ["at", "hash", "keyId", "seq", "signature"]);
    assert.match(cli(["verify-audit"]).stdout, /^OK: .* agrees with 1 signed checkpoints/);

    const database = await openDatabase({ pgliteDir: path.join(dataDir, "pglite") });
    try {
      const [edited] = await database.query<{ seq: number }>(
        "SELECT seq FROM audit_event WHERE type = 'user.created' ORDER BY seq LIMIT 1",
      );
      await editAndRechain(database, edited!.seq, '"type":"user.created"', '"type":"user.created" ');
    } finally {
      await database.close();
    }
    const failed = cli(["verify-audit"]);
    assert.equal(failed.code, 1);
    assert.match(
      failed.stderr,
      new RegExp(
        `^FAILED: checkpoint 1 \\(event ${checkpoint.seq}, signed .+\\): the log's hash at event ${checkpoint.seq} is not the one signed`,
      ),
    );
  });
});

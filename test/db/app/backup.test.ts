import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { backupEmbedded, backupPostgres } from "../../../src/app/backup";
import { restoreEmbedded, restorePostgres } from "../../../src/app/restore";
import { exitCodeOf, plainSummary } from "../../../src/cli/backup";
import { seedDemoPartnership } from "../../../src/demo/seed-demo";
import { verifyAndRecord } from "../../../src/features/audit-log/services/audit-log";
import { newCheckpointSigner, publishCheckpoint, readCheckpoints, signCheckpoint } from "../../../src/platform/audit/checkpoints";
import { verifyAuditChain } from "../../../src/platform/audit/verify";
import { recordEvent } from "../../../src/platform/audit/write";
import { loadConfig } from "../../../src/platform/config";
import { type Database, migrateDatabase, openDatabase } from "../../../src/platform/db/client";
import { DataDirLockedError, lockDataDir } from "../../../src/platform/db/data-dir-lock";
import { openConfiguredDatabase } from "../../../src/platform/db/open";
import { findPostgresBinDir, libpqConnection } from "../../../src/platform/db/postgres-tools";
import { ConflictError } from "../../../src/platform/errors";
import { createLeastPrivilegeDatabases, createPostgresTestDatabase, describeOnPostgres, TEST_SECRET_KEYS } from "../../support/databases";

const bin = path.resolve("bin/safeshare.js");
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "safeshare-backup-"));

/**
 * `safeshare <args>` as a separate process, with the given environment (DATABASE_URL or SAFESHARE_DATA_DIR).
 * Each costs a tsx compile and a database start-up, so each engine has one round trip (the happy path)
 * and the other tests call the services.
 */
function cli(args: string[], env: Record<string, string>) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    env: { ...process.env, DATABASE_URL: "", SAFESHARE_DATA_DIR: path.join(scratch, "unused"), LOG_LEVEL: "warn", ...env },
    encoding: "utf8",
    timeout: 120_000,
  });
  const json = result.stdout.trim().split("\n").at(-1);
  return { code: result.status, stderr: result.stderr, summary: json ? JSON.parse(json) : undefined };
}

/** Edits an event's body in place, as someone with the database's owner role could: the chain no longer verifies. */
async function tamperWithAuditLog(database: Pick<Database, "query">) {
  await database.query("ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update_delete");
  await database.query(`UPDATE audit_event SET body = replace(body, '"type":', '"type" :') WHERE seq = 2`);
  await database.query("ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update_delete");
}

/** The newest audit event's type and details: backup and restore each leave one. */
async function newestEvent(database: Pick<Database, "query">) {
  const [row] = await database.query<{ body: string }>("SELECT body FROM audit_event ORDER BY seq DESC LIMIT 1");
  const { type, details } = JSON.parse(row!.body);
  return { type, details };
}

/** An event of some later work on the restored database. */
const recordLaterEvent = (database: Database) =>
  recordEvent(database.db, { kind: "system", name: "test" }, { type: "partnership.demo_seeded", details: { organisations: 0, users: 0 } });

async function seededDatabase(database: Database) {
  await migrateDatabase(database);
  assert.ok(await seedDemoPartnership(database.db));
}

after(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe("backup and restore of the embedded database [pglite]", () => {
  const source = path.join(scratch, "embedded-source");
  const restored = path.join(scratch, "embedded-restored");
  const file = path.join(scratch, "embedded.tar.gz");
  let headSeq = 0;
  // The installation's checkpoint folder and signing key, the same before and after the restore.
  const checkpointDir = path.join(scratch, "checkpoints");
  const signingKey = path.join(scratch, "audit-signing-key.pem");
  const signer = newCheckpointSigner();
  const env = (dataDir: string) => ({
    SAFESHARE_DATA_DIR: dataDir,
    SAFESHARE_CHECKPOINT_DIR: checkpointDir,
    SAFESHARE_AUDIT_SIGNING_KEY: signingKey,
  });

  before(async () => {
    fs.writeFileSync(signingKey, signer.privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600 });
    const database = await openDatabase({ pgliteDir: path.join(source, "pglite") });
    try {
      await seededDatabase(database);
      await publishCheckpoint(database, signer, checkpointDir);
    } finally {
      await database.close();
    }
  });

  test("safeshare backup then restore into an empty data folder gives back every row count and the audit head hash", () => {
    const backup = cli(["backup", "--output", file], env(source));
    assert.equal(backup.code, 0, backup.stderr);
    assert.equal(fs.statSync(file).mode & 0o777, 0o600, "only its owner may read a backup");
    assert.equal(backup.summary.engine, "pglite");
    assert.equal(backup.summary.bytes, fs.statSync(file).size);
    assert.equal(backup.summary.audit.verified, true);
    assert.match(backup.summary.audit.headHash, /^[0-9a-f]{64}$/);
    assert.ok(backup.summary.rows.organisations > 0 && backup.summary.rows.users > 0 && backup.summary.rows.auditEvents > 0);
    headSeq = backup.summary.audit.headSeq;
    assert.match(backup.stderr, /The audit log verifies: [\d,]+ audit events, the newest with hash [0-9a-f]{64}/);

    // The server kept signing checkpoints after the backup was taken: the restored log will never reach them.
    const later = signCheckpoint(signer, { seq: headSeq + 1, hash: Buffer.alloc(32, 9) }, new Date());
    fs.appendFileSync(path.join(checkpointDir, "checkpoints.jsonl"), `${JSON.stringify(later)}\n`);
    const before = readCheckpoints(checkpointDir);

    const restore = cli(["restore", "--input", file], env(restored));
    assert.equal(restore.code, 0, restore.stderr);
    assert.deepEqual(restore.summary.rows, backup.summary.rows);
    assert.deepEqual(restore.summary.audit, backup.summary.audit);
    assert.equal(restore.summary.checkpoints.checked, 1, "the checkpoint up to the backup's head still agrees");
    const movedAside = restore.summary.checkpoints.movedAside;
    assert.match(path.basename(movedAside), /^checkpoints-before-restore-[\dT-]+Z\.jsonl$/);
    assert.equal(path.dirname(movedAside), checkpointDir);
    assert.deepEqual(readCheckpoints(checkpointDir).length, 1);
    assert.deepEqual(
      fs
        .readFileSync(movedAside, "utf8")
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line)),
      before,
      "kept for the auditor",
    );
    assert.deepEqual(
      readCheckpoints(checkpointDir).map((c) => [c.seq, c.hash]),
      [[headSeq, backup.summary.audit.headHash]],
      "a fresh checkpoint of the restored head",
    );
    assert.match(restore.stderr, /signed after the backup .* moved to .*checkpoints-before-restore-/s);
  });

  test("after a restore the audit log verifies against the checkpoints, also once it has grown past those signed after the backup", async () => {
    const database = await openDatabase({ pgliteDir: path.join(restored, "pglite") });
    try {
      for (let i = 0; i < 3; i++) await recordLaterEvent(database);
      await publishCheckpoint(database, signer, checkpointDir);
      const verified = await verifyAndRecord(database, undefined, {
        checkpoints: readCheckpoints(checkpointDir),
        publicKey: signer.publicKey,
      });
      assert.equal(verified.ok, true);
      assert.deepEqual(verified.checkpoints, { ok: true, checked: 2 });
    } finally {
      await database.close();
    }
  });

  test("restore refuses a data folder that already holds a database", async () => {
    await assert.rejects(restoreEmbedded(restored, file), (error) => error instanceof ConflictError && /is not empty/.test(error.message));
  });

  test("a missing backup file, a backup of the other engine and a missing output folder are refused with a clear message", async () => {
    await assert.rejects(restoreEmbedded(path.join(scratch, "empty"), path.join(scratch, "no-such.tar.gz")), /There is no backup file at/);
    fs.writeFileSync(path.join(scratch, "not-embedded.dump"), "PGDMP\x01\x0e");
    await assert.rejects(
      restoreEmbedded(path.join(scratch, "empty"), path.join(scratch, "not-embedded.dump")),
      /is not a Safeshare backup made from the embedded database/,
    );
    fs.writeFileSync(path.join(scratch, "embedded-like.tar.gz"), Buffer.from([0x1f, 0x8b, 0x08]));
    await assert.rejects(
      restorePostgres("postgres://127.0.0.1:1/none", path.join(scratch, "embedded-like.tar.gz")),
      /is not a Safeshare backup made from PostgreSQL/,
    );
    await assert.rejects(backupEmbedded(source, path.join(scratch, "no-folder", "x.tar.gz")), /no-folder does not exist/);
  });

  test("backup refuses while a running Safeshare holds the data folder", async () => {
    const release = lockDataDir(source);
    try {
      await assert.rejects(backupEmbedded(source, path.join(scratch, "refused.tar.gz")), DataDirLockedError);
      assert.equal(fs.existsSync(path.join(scratch, "refused.tar.gz")), false);
    } finally {
      release();
    }
  });

  test("an edited audit log is not backed up, and restoring a dump of it fails verification with a non-zero exit", async () => {
    const database = await openDatabase({ pgliteDir: path.join(source, "pglite") });
    let handMade: Buffer;
    try {
      assert.deepEqual(await newestEvent(database), { type: "database.backed_up", details: { engine: "pglite", events: headSeq } });
      await tamperWithAuditLog(database);
      handMade = Buffer.from(await (await database.dumpDataDir!()).arrayBuffer());
    } finally {
      await database.close();
    }
    const refused = await backupEmbedded(source, path.join(scratch, "tampered.tar.gz"));
    assert.equal(refused.audit.verified, false);
    assert.equal(fs.existsSync(path.join(scratch, "tampered.tar.gz")), false, "no backup of a log that does not verify");

    fs.writeFileSync(path.join(scratch, "hand-made.tar.gz"), handMade);
    const restore = await restoreEmbedded(path.join(scratch, "embedded-tampered"), path.join(scratch, "hand-made.tar.gz"));
    assert.equal(exitCodeOf(restore), 1);
    assert.equal(restore.audit.verified, false);
    assert.equal(restore.audit.verified === false && restore.audit.firstBadSeq, 2);
    assert.match(plainSummary(restore, "restore"), /The audit log does NOT verify: event 2/);
  });
});

describeOnPostgres("backup and restore with pg_dump and pg_restore, under least privilege", () => {
  let headSeq = 0;
  const backupEvents = () => ({
    backedUp: { type: "database.backed_up", details: { engine: "postgres", events: headSeq } },
    restored: { type: "database.restored", details: { engine: "postgres", events: headSeq } },
  });
  // The documented setup: the application's role owns nothing; SAFESHARE_MIGRATION_DATABASE_URL's role owns the tables.
  let roles: Awaited<ReturnType<typeof createLeastPrivilegeDatabases>>;
  let source: { ownerUrl: string; appUrl: string };
  let target: { ownerUrl: string; appUrl: string };
  const file = path.join(scratch, "postgres.dump");
  const asApp = (database: { ownerUrl: string; appUrl: string }) => ({
    DATABASE_URL: database.appUrl,
    SAFESHARE_MIGRATION_DATABASE_URL: database.ownerUrl,
    SAFESHARE_SECRET_KEY: TEST_SECRET_KEYS.current.key.toString("base64"),
  });

  before(async () => {
    roles = await createLeastPrivilegeDatabases(2);
    [source, target] = roles.databases as [typeof source, typeof target];
    const database = await openConfiguredDatabase(loadConfig({ ...asApp(source), SAFESHARE_DATA_DIR: path.join(scratch, "unused") }));
    try {
      assert.ok(await seedDemoPartnership(database.db));
    } finally {
      await database.close();
    }
  });
  after(async () => {
    await roles?.drop();
  });

  test("safeshare backup then restore into an empty database gives back every row count and the audit head hash, the tables owned by the migration role and the application's grants in place", async () => {
    const backup = cli(["backup", "--output", file], asApp(source));
    assert.equal(backup.code, 0, backup.stderr);
    assert.equal(fs.statSync(file).mode & 0o777, 0o600, "only its owner may read a backup");
    assert.equal(backup.summary.engine, "postgres");
    assert.equal(backup.summary.audit.verified, true);
    assert.ok(backup.summary.rows.organisations > 0 && backup.summary.rows.auditEvents > 0);
    headSeq = backup.summary.audit.headSeq;

    const restore = cli(["restore", "--input", file], asApp(target));
    assert.equal(restore.code, 0, restore.stderr);
    assert.deepEqual(restore.summary.rows, backup.summary.rows);
    assert.deepEqual(restore.summary.audit, backup.summary.audit);

    const owner = await openDatabase({ url: target.ownerUrl });
    const app = await openDatabase({ url: target.appUrl });
    try {
      const [{ role }] = (await owner.query<{ role: string }>("SELECT current_user AS role")) as [{ role: string }];
      const owners = await owner.query<{ owner: string }>("SELECT DISTINCT tableowner AS owner FROM pg_tables WHERE schemaname = 'public'");
      assert.deepEqual(
        owners.map((row) => row.owner),
        [role],
      );
      await recordLaterEvent(app);
      assert.equal((await verifyAuditChain(app)).ok, true, "the application's role reads and appends to the restored log");
      await assert.rejects(app.query("UPDATE audit_event SET body = '{}'"), /permission denied/);
      await assert.rejects(app.query("ALTER TABLE audit_event DISABLE TRIGGER ALL"), /must be owner/);
    } finally {
      await Promise.all([owner.close(), app.close()]);
    }
  });

  test("taking a backup and restoring one are each recorded in the audit log, after the head hash the summary reports", async () => {
    const events = backupEvents();
    for (const [url, expected] of [
      [source.appUrl, events.backedUp],
      [target.appUrl, events.restored],
    ] as const) {
      const database = await openDatabase({ url });
      try {
        const [row] = await database.query<{ body: string }>(
          "SELECT body FROM audit_event WHERE body LIKE '%\"database.%' ORDER BY seq DESC LIMIT 1",
        );
        const { type, details } = JSON.parse(row!.body);
        assert.deepEqual({ type, details }, expected);
        assert.equal((await verifyAuditChain(database)).ok, true);
      } finally {
        await database.close();
      }
    }
  });

  test("restore refuses a database that already has tables", async () => {
    await assert.rejects(
      restorePostgres(target.ownerUrl, file),
      (error) => error instanceof ConflictError && /already has \d+ tables/.test(error.message),
    );
  });

  test("an edited audit log is not backed up, and restoring a plain pg_dump of it fails verification", async () => {
    const database = await openDatabase({ url: source.ownerUrl });
    try {
      await tamperWithAuditLog(database);
    } finally {
      await database.close();
    }
    const refused = await backupPostgres(source.ownerUrl, path.join(scratch, "tampered.dump"));
    assert.equal(refused.audit.verified, false);
    assert.equal(fs.existsSync(path.join(scratch, "tampered.dump")), false, "no backup of a log that does not verify");

    const handMade = path.join(scratch, "hand-made.dump");
    const { dbname, env } = libpqConnection(source.ownerUrl);
    execFileSync(path.join(findPostgresBinDir(["pg_dump"])!, "pg_dump"), ["--format=custom", `--file=${handMade}`, `--dbname=${dbname}`], {
      env,
    });
    const empty = await createPostgresTestDatabase();
    try {
      const restore = await restorePostgres(empty.url, handMade);
      assert.equal(exitCodeOf(restore), 1);
      assert.equal(restore.audit.verified, false);
      assert.equal(restore.audit.verified === false && restore.audit.firstBadSeq, 2);
      assert.match(plainSummary(restore, "restore"), /The audit log does NOT verify: event 2/);
    } finally {
      await empty.drop();
    }
  });
});

import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { organisations } from "../../../src/features/organisations-and-users/schema";
import { BinaryChainChecker } from "../../../src/platform/audit/binary-chain-checker";
import {
  anchorRestoredLog,
  checkAgainstCheckpoints,
  newCheckpointSigner,
  publishCheckpoint,
  readCheckpoints,
  signCheckpoint,
} from "../../../src/platform/audit/checkpoints";
import { verifyAuditChain } from "../../../src/platform/audit/verify";
import { inTransaction, recordEvent } from "../../../src/platform/audit/write";
import { loadConfig } from "../../../src/platform/config";
import { openConfiguredDatabase } from "../../../src/platform/db/open";
import { createLeastPrivilegeDatabases, describeEachDatabase, TEST_SECRET_KEYS } from "../../support/databases";
import { editAndRechain } from "../../support/rechain";

const system = { kind: "system", name: "test" } as const;
const event = (n: number) => ({ type: "partnership.demo_seeded", details: { organisations: n, users: 0 } }) as const;

describeEachDatabase("audit log", (ctx) => {
  test("events commit with the change they describe, and roll back with it", async () => {
    const { db } = ctx.database;
    await inTransaction(db, async (tx, audit) => {
      await tx.insert(organisations).values({ name: "Kept", type: "school", isPublicAuthority: true });
      audit.record(system, event(1));
    });
    await assert.rejects(
      inTransaction(db, async (tx, audit) => {
        await tx.insert(organisations).values({ name: "Rolled back", type: "school", isPublicAuthority: true });
        audit.record(system, event(2));
        throw new Error("business rule failed");
      }),
      /business rule failed/,
    );
    const rows = await ctx.database.query<{ body: string }>("SELECT body FROM audit_event ORDER BY seq");
    assert.equal(rows.length, 1);
    assert.equal(JSON.parse(rows[0]!.body).details.organisations, 1);
    const result = await verifyAuditChain(ctx.database);
    assert.deepEqual({ ok: result.ok, count: result.count }, { ok: true, count: 1 });
  });

  test("every event carries its schema version, time, actor snapshot and sequence", async () => {
    const actor = {
      kind: "user",
      userId: "u1",
      name: "Siobhán O'Connor",
      roles: ["safeguarding_lead"],
      organisationId: "o1",
      organisationName: "Northbrook",
    } as const;
    await recordEvent(
      ctx.database.db,
      { ...actor, roles: [...actor.roles] },
      { type: "personal_data.viewed", entity: { type: "user", id: "u2" }, details: { view: "test" } },
    );
    const [row] = await ctx.database.query<{ body: string; type: string; organisation_id: string; entity_id: string }>(
      "SELECT body, type, organisation_id, entity_id FROM audit_event ORDER BY seq DESC LIMIT 1",
    );
    const body = JSON.parse(row!.body);
    assert.equal(body.v, 1);
    assert.equal(body.actor.name, "Siobhán O'Connor");
    assert.ok(!Number.isNaN(Date.parse(body.at)));
    assert.equal(row!.type, "personal_data.viewed");
    assert.equal(row!.organisation_id, "o1");
    assert.equal(row!.entity_id, "u2");
  });

  test("the database refuses to update, delete or truncate events", async () => {
    await assert.rejects(ctx.database.query("UPDATE audit_event SET body = '{}'"), /append-only/);
    await assert.rejects(ctx.database.query("DELETE FROM audit_event"), /append-only/);
    await assert.rejects(ctx.database.query("TRUNCATE audit_event"), /append-only/);
  });

  test("concurrent writers produce one unbroken chain", async () => {
    const before = (await verifyAuditChain(ctx.database)).count;
    await Promise.all(Array.from({ length: 25 }, (_, i) => recordEvent(ctx.database.db, system, event(100 + i))));
    const result = await verifyAuditChain(ctx.database);
    assert.equal(result.ok, true);
    assert.equal(result.count, before + 25);
  });

  test("the verdict is the same across batch edges and however the COPY stream is chunked", async () => {
    for (let i = 0; i < 7; i++) await recordEvent(ctx.database.db, system, event(300 + i));
    const whole = await verifyAuditChain(ctx.database);
    assert.equal(whole.ok, true);
    for (const batch of [1, 2, 3, 1000]) assert.deepEqual(await verifyAuditChain(ctx.database, batch), whole, `batch ${batch}`);

    const chunks: Buffer[] = [];
    await ctx.database.copyOutBinary("SELECT seq, prev_hash, hash, body FROM audit_event ORDER BY seq", (c) => chunks.push(Buffer.from(c)));
    const stream = Buffer.concat(chunks);
    const [head] = await ctx.database.query<{ seq: number; hash: Uint8Array }>("SELECT seq, hash FROM audit_head");
    for (const size of [1, 7, 90, 97]) {
      const checker = new BinaryChainChecker();
      checker.startBatch();
      for (let p = 0; p < stream.length; p += size) checker.push(stream.subarray(p, p + size));
      checker.startBatch();
      assert.deepEqual(checker.verdict(head), whole, `chunks of ${size} bytes`);
    }
  });

  test("verification names the first event whose content was changed", async () => {
    for (let i = 0; i < 3; i++) await recordEvent(ctx.database.db, system, event(200 + i));
    const { count } = await verifyAuditChain(ctx.database);
    const target = count - 1;
    await ctx.database.query("ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update_delete");
    await ctx.database.query(`UPDATE audit_event SET body = replace(body, '"organisations":201', '"organisations":999') WHERE seq = $1`, [
      target,
    ]);
    const result = await verifyAuditChain(ctx.database);
    assert.equal(result.ok, false);
    assert.equal(result.ok === false && result.firstBadSeq, target);
    assert.match(result.ok === false ? result.reason : "", /altered/);
    // Repair for the next test: put the original bytes back.
    await ctx.database.query(`UPDATE audit_event SET body = replace(body, '"organisations":999', '"organisations":201') WHERE seq = $1`, [
      target,
    ]);
    await ctx.database.query("ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update_delete");
    assert.equal((await verifyAuditChain(ctx.database)).ok, true);
  });

  test("a log re-chained after an edit still verifies on its own, but not against the signed checkpoints, which name the first that disagrees", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "safeshare-checkpoints-"));
    try {
      const signer = newCheckpointSigner();
      for (let i = 0; i < 3; i++) await recordEvent(ctx.database.db, system, event(400 + i));
      const first = (await publishCheckpoint(ctx.database, signer, dir))!;
      assert.equal(
        await publishCheckpoint(ctx.database, signer, dir, { onlyIfMoved: true }),
        undefined,
        "no new checkpoint while the head stands still",
      );
      for (let i = 0; i < 2; i++) await recordEvent(ctx.database.db, system, event(500 + i));
      const second = (await publishCheckpoint(ctx.database, signer, dir, { onlyIfMoved: true }))!;
      assert.equal(second.seq, first.seq + 2);
      assert.deepEqual(readCheckpoints(dir), [first, second], "published outside the database, one JSON line each");
      assert.deepEqual(await checkAgainstCheckpoints(ctx.database, readCheckpoints(dir), signer.publicKey), { ok: true, checked: 2 });

      // A database owner edits an event and re-chains every later one, head included.
      await editAndRechain(ctx.database, first.seq - 1, '"organisations":401', '"organisations":0');
      assert.equal((await verifyAuditChain(ctx.database)).ok, true, "the chain alone cannot tell");
      const caught = await checkAgainstCheckpoints(ctx.database, readCheckpoints(dir), signer.publicKey);
      assert.equal(caught.ok, false);
      assert.match(
        caught.ok ? "" : caught.message,
        new RegExp(`^checkpoint 1 \\(event ${first.seq}, signed .+\\): the log's hash at event ${first.seq} is not the one signed`),
      );

      const { count } = await verifyAuditChain(ctx.database);
      const beyond = signCheckpoint(signer, { seq: count + 5, hash: Buffer.alloc(32, 1) }, new Date());
      const short = await checkAgainstCheckpoints(ctx.database, [beyond], signer.publicKey);
      assert.match(short.ok ? "" : short.message, new RegExp(`the log has ${count} events, fewer than the ${count + 5} signed`));

      const forged = { ...second, hash: "00".repeat(32) };
      const unsigned = await checkAgainstCheckpoints(ctx.database, [forged], signer.publicKey);
      assert.match(unsigned.ok ? "" : unsigned.message, /signature does not verify/);
      const otherKey = await checkAgainstCheckpoints(ctx.database, [second], newCheckpointSigner().publicKey);
      assert.match(otherKey.ok ? "" : otherKey.message, /signed with key \w+, not/);

      fs.appendFileSync(path.join(dir, "checkpoints.jsonl"), '{"seq": 9, "hash"\n');
      assert.throws(
        () => readCheckpoints(dir),
        /line 3 of .*checkpoints\.jsonl is not a checkpoint/,
        "a damaged checkpoint file is reported, not ignored",
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("after a restore, a checkpoint up to the restored head that disagrees with the log is reported, and the checkpoint file is left where it is", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "safeshare-checkpoints-"));
    try {
      const signer = newCheckpointSigner();
      await recordEvent(ctx.database.db, system, event(600));
      const { count } = await verifyAuditChain(ctx.database);
      const wrong = signCheckpoint(signer, { seq: count - 1, hash: Buffer.alloc(32, 7) }, new Date());
      const later = signCheckpoint(signer, { seq: count + 3, hash: Buffer.alloc(32, 8) }, new Date());
      fs.writeFileSync(path.join(dir, "checkpoints.jsonl"), `${JSON.stringify(wrong)}\n${JSON.stringify(later)}\n`);
      const anchored = await anchorRestoredLog(ctx.database, signer, dir);
      assert.equal(anchored.ok, false);
      assert.match(anchored.ok ? "" : anchored.message, new RegExp(`the log's hash at event ${count - 1} is not the one signed`));
      assert.deepEqual(fs.readdirSync(dir), ["checkpoints.jsonl"], "nothing moved aside, nothing signed");
      assert.deepEqual(readCheckpoints(dir), [wrong, later]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  // PGlite has a single role, so least privilege is a PostgreSQL-only question.
  if (ctx.kind === "postgres") {
    test("with SAFESHARE_MIGRATION_DATABASE_URL six nodes start at once, the tables belong to the migration role, and the app's role can append events but not update them nor disable the triggers", async () => {
      const roles = await createLeastPrivilegeDatabases();
      const [{ ownerUrl, appUrl }] = roles.databases as [{ ownerUrl: string; appUrl: string }];
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "safeshare-roles-"));
      try {
        const config = loadConfig({
          DATABASE_URL: appUrl,
          SAFESHARE_MIGRATION_DATABASE_URL: ownerUrl,
          SAFESHARE_SECRET_KEY: TEST_SECRET_KEYS.current.key.toString("base64"),
          SAFESHARE_DATA_DIR: dataDir,
        });
        // Nodes starting together: migrating and granting take turns, so none of them fails.
        const opened = await Promise.allSettled([1, 2, 3, 4, 5, 6].map(() => openConfiguredDatabase(config)));
        const databases = opened.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
        try {
          assert.deepEqual(
            opened.map((result) => (result.status === "rejected" ? String(result.reason) : "opened")),
            Array(6).fill("opened"),
          );
          const database = databases[0]!;
          await recordEvent(database.db, system, event(1));
          assert.equal((await verifyAuditChain(database)).count, 1, "the app role appends to the log");
          await assert.rejects(database.query("UPDATE audit_event SET body = '{}'"), /permission denied/);
          await assert.rejects(database.query("TRUNCATE audit_event"), /permission denied/);
          await assert.rejects(database.query("ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update_delete"), /must be owner/);
          await assert.rejects(database.query("ALTER TABLE audit_event DISABLE TRIGGER ALL"), /must be owner/);
        } finally {
          await Promise.all(databases.map((database) => database.close()));
        }
      } finally {
        await roles.drop();
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    });
  }

  test("verification names a deleted event, and detects removal of the newest events", async () => {
    const { count } = await verifyAuditChain(ctx.database);
    await ctx.database.query("ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update_delete");
    await ctx.database.query("DELETE FROM audit_event WHERE seq = $1", [count]);
    const tail = await verifyAuditChain(ctx.database);
    assert.equal(tail.ok, false);
    assert.equal(tail.ok === false && tail.firstBadSeq, count);
    await ctx.database.query("DELETE FROM audit_event WHERE seq = 2");
    const middle = await verifyAuditChain(ctx.database);
    assert.equal(middle.ok === false && middle.firstBadSeq, 2);
    assert.match(middle.ok === false ? middle.reason : "", /missing/);
    await ctx.database.query("ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update_delete");
  });
});

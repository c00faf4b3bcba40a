import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { eq, inArray } from "drizzle-orm";
import { notifications } from "../../../src/features/notifications/schema";
import { notify } from "../../../src/features/notifications/services/notify";
import { type Database, migrateDatabase, openDatabase } from "../../../src/platform/db/client";
import { auditEvents } from "../../../src/platform/db/schema";
import { createPostgresTestDatabase, describeOnPostgres, TEST_SECRET_KEYS } from "../../support/databases";
import { newOrganisation, newUser } from "../../support/factories";
import { type ReceivedMail, startSmtpCatcher } from "../../support/smtp";

/**
 * The job queue's promises, kept by real processes (issue 19): two `safeshare start` nodes on one
 * PostgreSQL database deliver each notification once between them; a node killed with SIGKILL in the
 * middle of a delivery leaves it to the other, which completes it; and an app killed during delivery
 * loses nothing: after a restart the email goes again, at most once more, with the same Message-ID.
 * The queue's timings are shortened through the environment (SAFESHARE_JOBS_*) so a lost job is
 * taken back in seconds, not the minutes a real deployment waits.
 */
describeOnPostgres("background jobs across nodes", () => {
  const bin = path.resolve("bin/safeshare.js");
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "safeshare-nodes-"));
  const NODE_A = "node-a@safeshare.test";
  const NODE_B = "node-b@safeshare.test";
  const NODE_C = "node-c@safeshare.test";
  let database: Database;
  let databaseUrl: string;
  let drop: () => Promise<void>;
  let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;
  let userId: string;
  const nodes = new Map<string, ChildProcess>();
  /** What the mail server does before answering a message; the tests change it. */
  let beforeReply: (mail: ReceivedMail) => Promise<void> = async () => {};
  const releases: (() => void)[] = [];

  /** Starts `safeshare start` on the test database, sending as `mailFrom`; resolves once it is serving. */
  function startNode(mailFrom: string, env: NodeJS.ProcessEnv): Promise<ChildProcess> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [bin, "start", "--port", "0"], {
        env: {
          ...process.env,
          ...env,
          HOST: "127.0.0.1",
          LOG_LEVEL: "warn",
          SAFESHARE_DATA_DIR: path.join(dataDir, mailFrom),
          SAFESHARE_SECRET_KEY: Buffer.alloc(32, "safeshare test secret key").toString("base64"),
          SAFESHARE_SMTP_URL: smtp.url,
          SAFESHARE_MAIL_FROM: `Safeshare <${mailFrom}>`,
          // A lost job is failed 3 s after it started, checked every second, and retried 1-2 s later.
          SAFESHARE_JOBS_EXPIRE_SECONDS: "3",
          SAFESHARE_JOBS_MAINTENANCE_SECONDS: "1",
          SAFESHARE_JOBS_RETRY_DELAY_SECONDS: "1",
        },
      });
      let output = "";
      child.stdout!.on("data", (chunk) => {
        output += chunk;
        if (output.includes("Safeshare is running at")) resolve(child);
      });
      child.stderr!.on("data", (chunk) => (output += chunk));
      child.on("exit", (code, signal) => {
        nodes.delete(mailFrom);
        if (!output.includes("Safeshare is running at")) reject(new Error(`start exited ${code ?? signal}: ${output}`));
      });
      nodes.set(mailFrom, child);
    });
  }

  /** SIGKILL: the node stops at once, mid-job, with no chance to tidy up. */
  async function killNode(mailFrom: string): Promise<void> {
    const child = nodes.get(mailFrom);
    assert.ok(child, `${mailFrom} is running`);
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGKILL");
    await exited;
  }

  async function waitUntil(what: string, check: () => Promise<boolean> | boolean, ms = 20_000): Promise<void> {
    const until = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > until) throw new Error(`timed out after ${ms} ms waiting until ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Queues one email per href for the test's user, as a feature does: notifications and jobs in one transaction. */
  const queue = (hrefs: string[]) =>
    database.db.transaction(async (tx) => {
      const ids: string[] = [];
      for (const href of hrefs) ids.push(...(await notify(tx, { userIds: [userId], kind: "share_received", href })));
      return ids;
    });

  const emailStates = async (ids: string[]) =>
    (await database.db.select({ state: notifications.emailState }).from(notifications).where(inArray(notifications.id, ids))).map(
      (r) => r.state,
    );

  const jobOf = async (id: string) =>
    (await database.query<{ state: string; retry_count: number }>("select state, retry_count from pgboss.job where id = $1", [id]))[0];

  const copiesOf = (id: string) => smtp.received.filter((m) => m.messageId.startsWith(`<notification-${id}@`));

  before(async () => {
    smtp = await startSmtpCatcher({ beforeReply: (mail) => beforeReply(mail) });
    const created = await createPostgresTestDatabase();
    databaseUrl = created.url;
    database = await openDatabase({ url: created.url }, { secretKeys: TEST_SECRET_KEYS });
    drop = async () => {
      await database.close();
      await created.drop();
    };
    await migrateDatabase(database);
    const organisation = await newOrganisation(database.db);
    userId = (await newUser(database.db, organisation, ["practitioner"], { email: "practitioner@school.test" })).user.id;
    await Promise.all([startNode(NODE_A, { DATABASE_URL: databaseUrl }), startNode(NODE_B, { DATABASE_URL: databaseUrl })]);
  });

  after(async () => {
    for (const release of releases) release();
    for (const mailFrom of [...nodes.keys()]) await killNode(mailFrom);
    await smtp?.close();
    await drop?.();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test("with two nodes polling one database, each queued notification is emailed once, and both nodes share the work", async () => {
    // A mail server that takes a tenth of a second a message: the first node to look is still busy when the other joins in.
    beforeReply = () => new Promise((r) => setTimeout(r, 100));
    const ids = await queue(Array.from({ length: 40 }, (_, i) => `/disclosures/run-once-${i}`));
    await waitUntil("every job is completed", async () => {
      const states = await database.query<{ state: string }>("select state from pgboss.job where id = any($1::uuid[])", [ids]);
      return states.length === ids.length && states.every((s) => s.state === "completed");
    });
    beforeReply = async () => {};
    assert.deepEqual([...new Set(await emailStates(ids))], ["sent"]);
    assert.equal(smtp.received.length, 40, "40 notifications, 40 emails: none twice");
    for (const id of ids) assert.equal(copiesOf(id).length, 1, `notification ${id} emailed once`);
    const byNode = (node: string) => smtp.received.filter((m) => m.from === node).length;
    assert.ok(byNode(NODE_A) > 0 && byNode(NODE_B) > 0, `both nodes delivered: A ${byNode(NODE_A)}, B ${byNode(NODE_B)}`);
    const sent = await database.db.select({ seq: auditEvents.seq }).from(auditEvents).where(eq(auditEvents.type, "notification.sent"));
    assert.equal(sent.length, 40, "each recorded as sent once");
  });

  test("a node killed in the middle of a delivery leaves it to the other node, which completes it", async () => {
    const before = smtp.received.length;
    let held: ReceivedMail | undefined;
    // The first try arrives and is never answered: its node is killed while it waits.
    beforeReply = (mail) => {
      if (held) return Promise.resolve();
      held = mail;
      return new Promise<void>((resolve) => releases.push(resolve));
    };
    const [id] = await queue(["/disclosures/killed-mid-job"]);
    await waitUntil("a node is delivering it", () => held !== undefined);
    const [dying, survivor] = held!.from === NODE_A ? [NODE_A, NODE_B] : [NODE_B, NODE_A];
    await killNode(dying);
    assert.deepEqual(await emailStates([id!]), ["pending"], "not marked sent by the node that died");
    await waitUntil("the other node has sent it", async () => (await emailStates([id!]))[0] === "sent");
    const copies = copiesOf(id!);
    assert.deepEqual(
      copies.map((m) => m.from),
      [dying, survivor],
      "the killed node's try, then the survivor's",
    );
    assert.equal(copies[0]!.messageId, copies[1]!.messageId, "the same Message-ID on both");
    assert.equal(smtp.received.length, before + 2);
    assert.deepEqual(await jobOf(id!), { state: "completed", retry_count: 1 }, "completed on its second try");
  });

  test("kill -9 of the app during a delivery loses nothing: after a restart it is sent, at most once more, with the same Message-ID", async () => {
    assert.equal(nodes.size, 1, "one node left running");
    const [running] = [...nodes.keys()];
    let held: ReceivedMail | undefined;
    beforeReply = (mail) => {
      if (held) return Promise.resolve();
      held = mail;
      return new Promise<void>((resolve) => releases.push(resolve));
    };
    const [id] = await queue(["/disclosures/killed-app"]);
    await waitUntil("the app is delivering it", () => held !== undefined);
    await killNode(running!);
    assert.equal(nodes.size, 0, "no node is running");
    // Nothing is lost with the process: the notification and its job are in the database.
    assert.deepEqual(await emailStates([id!]), ["pending"]);
    assert.equal((await jobOf(id!))?.state, "active", "the job is still held by the node that died");
    await startNode(NODE_C, { DATABASE_URL: databaseUrl });
    await waitUntil("the restarted app has sent it", async () => (await emailStates([id!]))[0] === "sent");
    const copies = copiesOf(id!);
    assert.equal(copies.length, 2, "the try cut short, and once more after the restart");
    assert.deepEqual(
      copies.map((m) => m.from),
      [running, NODE_C],
    );
    assert.equal(copies[0]!.messageId, copies[1]!.messageId, "the same Message-ID: a mail client can tell it is the same message");
    const sent = await database.db.select({ seq: auditEvents.seq }).from(auditEvents).where(eq(auditEvents.type, "notification.sent"));
    assert.equal(sent.length, 42, "recorded as sent once each");
  });
});

import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { inArray } from "drizzle-orm";
import { deliverNotificationJob } from "../../../src/features/notifications";
import { notifications } from "../../../src/features/notifications/schema";
import { notify } from "../../../src/features/notifications/services/notify";
import { loadConfig } from "../../../src/platform/config";
import { startJobs } from "../../../src/platform/jobs/queue";
import { startServer } from "../../../src/server";
import { describeEachDatabase } from "../../support/databases";
import { newOrganisation, newUser } from "../../support/factories";
import { startSmtpCatcher } from "../../support/smtp";

/** The job runner on one node: how fast it works through what is queued, and a node that runs no jobs. */
describeEachDatabase("the job runner", (ctx) => {
  let userId: string;
  let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "safeshare-runner-"));

  before(async () => {
    smtp = await startSmtpCatcher();
    const organisation = await newOrganisation(ctx.database.db);
    userId = (await newUser(ctx.database.db, organisation)).user.id;
  });
  after(async () => {
    await smtp.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const queue = (count: number, label: string) =>
    ctx.database.db.transaction(async (tx) => {
      const ids: string[] = [];
      for (let i = 0; i < count; i++)
        ids.push(...(await notify(tx, { userIds: [userId], kind: "share_received", href: `/disclosures/${label}-${i}` })));
      return ids;
    });

  const statesOf = async (ids: string[]) =>
    (await ctx.database.db.select({ state: notifications.emailState }).from(notifications).where(inArray(notifications.id, ids))).map(
      (r) => r.state,
    );

  async function waitUntil(check: () => Promise<boolean>, ms: number): Promise<boolean> {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      if (await check()) return true;
      await new Promise((r) => setTimeout(r, 100));
    }
    return check();
  }

  test("a backlog is worked through one job after another, not one job per polling interval", async () => {
    const ids = await queue(30, "backlog");
    const started = performance.now();
    // No mail server: each is kept in the person's list, so this times the queue, not SMTP.
    const runner = await startJobs({ database: ctx.database, db: ctx.database.db, mailer: null, publicUrl: "https://safeshare.test" }, [
      deliverNotificationJob,
    ]);
    try {
      const done = await waitUntil(async () => (await statesOf(ids)).every((s) => s === "kept"), 15_000);
      const seconds = (performance.now() - started) / 1000;
      assert.ok(done, "all 30 handled");
      // At one job per 2-second poll, 30 would take a minute.
      assert.ok(seconds < 10, `30 jobs took ${seconds.toFixed(1)} s`);
    } finally {
      await runner.stop();
    }
  });

  test("a node started with SAFESHARE_RUN_JOBS=false serves but sends nothing; one with jobs on sends what was queued", async () => {
    const env = { HOST: "127.0.0.1", PORT: "0", SAFESHARE_DATA_DIR: dataDir, SAFESHARE_SMTP_URL: smtp.url, LOG_LEVEL: "warn" };
    const [id] = await queue(1, "web-only");
    const webOnly = await startServer(loadConfig({ ...env, SAFESHARE_RUN_JOBS: "false" }), ctx.database);
    try {
      const health = await webOnly.app.inject({ url: "/api/v1/health" });
      assert.equal(health.statusCode, 200, "it serves requests");
      // Longer than a worker's polling interval (2 s): a running worker would have sent it.
      await new Promise((r) => setTimeout(r, 3_000));
      assert.deepEqual(await statesOf([id!]), ["pending"]);
      assert.equal(smtp.received.length, 0);
    } finally {
      await webOnly.close();
    }
    const worker = await startServer(loadConfig(env), ctx.database);
    try {
      assert.ok(await waitUntil(async () => (await statesOf([id!]))[0] === "sent", 10_000), "sent by the node that runs jobs");
      assert.equal(smtp.received.length, 1);
    } finally {
      await worker.close();
    }
  });
});

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { eq } from "drizzle-orm";
import type { App } from "../../../src/app/build-app";
import { allJobs } from "../../../src/app/jobs";
import { notify } from "../../../src/features/notifications";
import { notificationPreferences, notifications } from "../../../src/features/notifications/schema";
import { auditEvents } from "../../../src/platform/db/schema";
import { enqueue, type JobContext } from "../../../src/platform/jobs/queue";
import { QUEUES } from "../../../src/platform/jobs/queues";
import { smtpMailer } from "../../../src/platform/mail/mailer";
import { testApp } from "../../support/app";
import { describeEachDatabase } from "../../support/databases";
import { newOrganisation, newUser } from "../../support/factories";
import type { TestClient } from "../../support/http-client";
import { runQueuedJobs } from "../../support/jobs";
import { signedInAs } from "../../support/sign-in";
import { startSmtpCatcher } from "../../support/smtp";

/**
 * Each person chooses how they hear of what is not urgent (issue 19): at once, or in a daily summary
 * that counts what is waiting. An emergency still goes at once, whatever they chose.
 */
describeEachDatabase("notification preferences and the daily summary", (ctx) => {
  let app: App;
  let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;
  let context: JobContext;
  let browser: TestClient;
  let person: Awaited<ReturnType<typeof newUser>>;
  const jobs = allJobs({ idleMinutes: 30, absoluteHours: 12 });

  before(async () => {
    app = await testApp(ctx.database);
    smtp = await startSmtpCatcher();
    const db = ctx.database.db;
    const school = await newOrganisation(db, { name: "Northbrook Primary" });
    person = await newUser(db, school, ["practitioner", "safeguarding_lead"], { email: "summary.reader@northbrook.example" });
    browser = await signedInAs(app, db, person);
    context = {
      database: ctx.database,
      db,
      mailer: smtpMailer(smtp.url, "Safeshare <safeshare@westshire.example>"),
      publicUrl: "https://s.example",
    };
  });
  after(async () => {
    context.mailer?.close();
    await smtp.close();
    await app.close();
  });

  test("the page offers at once or a daily summary, says urgent kinds cannot be switched off, and is linked from the list", async () => {
    const list = await browser.get("/notifications");
    assert.match(list.body, /href="\/account\/notifications"/);
    const page = await browser.get("/account/notifications");
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /At once/);
    assert.match(page.body, /In a daily summary/);
    assert.match(page.body, /emergency/i);
    assert.match(page.body, /cannot be switched off/);
    // Nothing chosen yet: at once is how everyone starts.
    assert.match(page.body, /value="immediate" checked/);
  });

  test("sending nothing chosen shows the error summary and saves nothing", async () => {
    const res = await browser.post("/account/notifications", {});
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /There is a problem/);
    assert.match(res.body, /href="#delivery"/);
    assert.match(res.body, /Select how you want to hear about things that are not urgent/);
    const rows = await ctx.database.db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, person.user.id));
    assert.equal(rows.length, 0);
  });

  test("choosing the daily summary is saved, audited by who and what they chose, and shown as chosen", async () => {
    const res = await browser.post("/account/notifications", { delivery: "daily_digest" });
    assert.equal(res.statusCode, 302, res.body);
    const again = await browser.get(res.headers.location as string);
    assert.match(again.body, /value="daily_digest" checked/);
    assert.match(again.body, /saved/i);
    const [row] = await ctx.database.db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, person.user.id));
    assert.equal(row?.delivery, "daily_digest");
    const events = await ctx.database.db
      .select({ body: auditEvents.body })
      .from(auditEvents)
      .where(eq(auditEvents.type, "notification_preference.changed"));
    assert.equal(events.length, 1);
    assert.deepEqual(JSON.parse(events[0]!.body).details, { delivery: "daily_digest" });
  });

  test("someone on the daily summary gets nothing at once but what is urgent, then one email counting what waits", async () => {
    const db = ctx.database.db;
    await db.transaction(async (tx) => {
      await notify(tx, { userIds: [person.user.id], kind: "share_received", href: "/disclosures/a" });
      await notify(tx, { userIds: [person.user.id], kind: "share_received", href: "/disclosures/b" });
      await notify(tx, { userIds: [person.user.id], kind: "request_received", href: "/information-requests/c" });
      await notify(tx, { userIds: [person.user.id], kind: "emergency_share_received", href: "/disclosures/d" });
    });
    await runQueuedJobs(context, jobs);
    const mine = () => smtp.received.filter((m) => m.to.includes("summary.reader@northbrook.example"));
    assert.deepEqual(
      mine().map((m) => m.subject),
      ["Urgent: information has been shared with you in an emergency"],
    );

    await enqueue(db, { name: QUEUES.sendDigests }, {});
    await runQueuedJobs(context, jobs);
    const [, summary, ...more] = mine();
    assert.equal(more.length, 0, "one summary");
    assert.equal(summary?.subject, "Your Safeshare summary: 3 things waiting");
    assert.match(summary.text, /Information has been shared with you \(2\)/);
    assert.match(summary.text, /Your organisation has been asked for information \(1\)/);
    const states = await db.select({ state: notifications.emailState }).from(notifications).where(eq(notifications.userId, person.user.id));
    assert.deepEqual([...new Set(states.map((s) => s.state))], ["sent"]);

    // Nothing more waits: a second summary the next day sends nothing.
    await enqueue(db, { name: QUEUES.sendDigests }, {});
    await runQueuedJobs(context, jobs);
    assert.equal(mine().length, 2);
  });
});

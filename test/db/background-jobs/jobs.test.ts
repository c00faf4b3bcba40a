import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { createServer } from "node:net";
import { after, before, test } from "node:test";
import { eq } from "drizzle-orm";
import type { App } from "../../../src/app/build-app";
import { deliverNotificationJob, notify, sendDigestsJob } from "../../../src/features/notifications";
import { notificationPreferences, notifications } from "../../../src/features/notifications/schema";
import { auditEvents } from "../../../src/platform/db/schema";
import { QUEUES } from "../../../src/platform/jobs/queues";
import { smtpMailer } from "../../../src/platform/mail/mailer";
import { TEST_PUBLIC_URL, testApp } from "../../support/app";
import { describeEachDatabase } from "../../support/databases";
import { newOrganisation, newUser } from "../../support/factories";
import type { TestClient } from "../../support/http-client";
import { runQueuedJobs } from "../../support/jobs";
import { signedInAs } from "../../support/sign-in";
import { startSmtpCatcher } from "../../support/smtp";

/** A local port nothing listens on: a mail server that is down. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** What a person reads on a page: its text, without tags or attributes (where a form's address is). */
const readable = (html: string) =>
  html
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ");
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const retryAddress = (html: string) => /<form method="post" action="(\/background-jobs\/[^"]+\/retry)"/.exec(html)?.[1];

/**
 * Nothing waits unseen (issue 19): a partnership administrator sees what the background jobs are doing,
 * in words, and why one failed, and can try it again once the problem is put right.
 */
describeEachDatabase("background jobs, as a partnership administrator sees them", (ctx) => {
  let app: App;
  let admin: TestClient;
  let orgAdmin: TestClient;
  let practitioner: TestClient;
  let recipientEmail: string;
  let notificationIds: string[];
  const ids = () => notificationIds;

  before(async () => {
    app = await testApp(ctx.database);
    const db = ctx.database.db;
    const council = await newOrganisation(db, { name: "Westshire Children's Services", type: "childrens_social_care" });
    const school = await newOrganisation(db, { name: "Northbrook Primary" });
    admin = await signedInAs(app, db, await newUser(db, council, ["partnership_admin"], { name: "Amara Okafor" }));
    orgAdmin = await signedInAs(app, db, await newUser(db, school, ["org_admin"]));
    const teacher = await newUser(db, school, ["practitioner"]);
    recipientEmail = teacher.email;
    practitioner = await signedInAs(app, db, teacher);
    // Three notifications to email while the mail server is down: each job is tried until it is given up on.
    notificationIds = await db.transaction(async (tx) => [
      ...(await notify(tx, { userIds: [teacher.user.id], kind: "share_received", href: "/disclosures" })),
      ...(await notify(tx, { userIds: [teacher.user.id], kind: "request_received", href: "/requests" })),
      ...(await notify(tx, { userIds: [teacher.user.id], kind: "approval_waiting", href: "/share-decisions" })),
    ]);
    const down = smtpMailer(`smtp://127.0.0.1:${await closedPort()}`, "Safeshare <safeshare@westshire.example>");
    await runQueuedJobs({ database: ctx.database, db, mailer: down, publicUrl: TEST_PUBLIC_URL }, [deliverNotificationJob], {
      ignoreStartAfter: true,
      untilGivenUp: true,
    });
    down.close();
  });
  after(() => app.close());

  test("a failed job says what it was doing and why, in words, when it failed and how often it was tried; no id, data or error text", async () => {
    const res = await admin.get("/background-jobs");
    assert.equal(res.statusCode, 200);
    const text = readable(res.body);
    assert.match(text, /Jobs by what they do What they do Waiting Running Failed/);
    assert.match(text, /Emailing notifications 0 0 3/);
    assert.match(text, /Escalating unopened emergency shares 0 0 0/);
    assert.match(text, /Failed jobs/);
    assert.equal(text.match(/The mail server could not be reached\./g)?.length, 3, text);
    // Its first try and the queue's five retries (as installed with the migrations; no node has started its workers here), then given up on.
    assert.equal(text.match(/Tried 6 times/g)?.length, 3, text);
    assert.match(text, /Failed \d{1,2} [A-Z][a-z]+ \d{4} at \d{1,2}:\d{2}[ap]m\./);
    assert.doesNotMatch(text, UUID, "no id is shown");
    for (const said of ["ECONNREFUSED", "ESOCKET", "127.0.0.1", "Error", "node_modules", "pg-boss", "notificationId", recipientEmail]) {
      assert.ok(!text.includes(said), `the page says “${said}”`);
    }
  });

  test("Try again sends it round once more, recorded in the audit log; the email then goes", async () => {
    const page = await admin.get("/background-jobs");
    const address = retryAddress(page.body);
    assert.ok(address);
    const res = await admin.post(address, {});
    assert.equal(res.statusCode, 303, readable(res.body));
    assert.equal(res.headers.location, "/background-jobs?outcome=retried");
    const text = readable((await admin.get(res.headers.location as string)).body);
    assert.match(text, /The job will be tried again in the next few seconds\./);
    assert.match(text, /Emailing notifications 1 0 2/);
    assert.equal(text.match(/The mail server could not be reached\./g)?.length, 2);

    const [recorded] = await ctx.database.db
      .select({ body: auditEvents.body })
      .from(auditEvents)
      .where(eq(auditEvents.type, "background_job.retried"));
    const event = JSON.parse(recorded!.body) as { entity: { type: string }; details: unknown; actor: { name: string } };
    assert.equal(event.entity.type, "background_job");
    assert.deepEqual(event.details, { queue: "notifications.deliver" });
    assert.equal(event.actor.name, "Amara Okafor");
    const log = readable((await admin.get("/audit?eventType=background_job.retried")).body);
    assert.match(log, /Amara Okafor asked for a failed background job to be tried again/);

    // The mail server is back: the job runs again, and the person gets the email.
    const smtp = await startSmtpCatcher();
    const mailer = smtpMailer(smtp.url, "Safeshare <safeshare@westshire.example>");
    try {
      // Due at once: pg-boss keeps the time its last try was due, long past in life (here the tries were hurried, so it is told to ignore it).
      const context = { database: ctx.database, db: ctx.database.db, mailer, publicUrl: TEST_PUBLIC_URL };
      assert.equal(await runQueuedJobs(context, [deliverNotificationJob], { ignoreStartAfter: true }), 1);
      assert.deepEqual(
        smtp.received.map((m) => m.to),
        [[recipientEmail]],
      );
      const states = await ctx.database.db.select({ id: notifications.id, state: notifications.emailState }).from(notifications);
      assert.equal(states.filter((s) => s.state === "sent").length, 1);
      assert.ok(states.every((s) => ids().includes(s.id)));
    } finally {
      mailer.close();
      await smtp.close();
    }
  });

  test("a job no longer failed cannot be tried again: the page says so, and nothing is recorded", async () => {
    const address = retryAddress((await admin.get("/background-jobs")).body);
    assert.ok(address);
    assert.equal((await admin.post(address, {})).statusCode, 303);
    const again = await admin.post(address, {});
    assert.equal(again.statusCode, 409);
    assert.match(readable(again.body), /There is a problem This job cannot be tried again: it is no longer failed\./);
    assert.match(again.body, /href="#failed-jobs"/);
    const retried = await ctx.database.db.select().from(auditEvents).where(eq(auditEvents.type, "background_job.retried"));
    assert.equal(retried.length, 2);
  });

  test("Run now starts a scheduled duty at once, recorded in the audit log: a person's daily summary goes now", async () => {
    const db = ctx.database.db;
    const smtp = await startSmtpCatcher();
    const mailer = smtpMailer(smtp.url, "Safeshare <safeshare@westshire.example>");
    try {
      const school = await newOrganisation(db, { name: "Eastmoor Academy" });
      const summaryReader = await newUser(db, school, ["practitioner"]);
      await db.insert(notificationPreferences).values({ userId: summaryReader.user.id, delivery: "daily_digest" });
      await db.transaction((tx) => notify(tx, { userIds: [summaryReader.user.id], kind: "share_received", href: "/disclosures" }));

      const page = (await admin.get("/background-jobs")).body;
      assert.match(readable(page), /Scheduled work .* Emailing daily summaries of notifications Run now/);
      const started = await admin.post(`/background-jobs/${encodeURIComponent(QUEUES.sendDigests)}/run`, {});
      assert.equal(started.statusCode, 303);
      assert.match(readable((await admin.get(started.headers.location as string)).body), /It has started/);
      await runQueuedJobs({ database: ctx.database, db, mailer, publicUrl: TEST_PUBLIC_URL }, [sendDigestsJob]);
      const [summary] = await smtp.waitFor(1);
      assert.deepEqual(summary?.to, [summaryReader.email]);
      assert.match(summary!.subject, /Your Safeshare summary/);
      const [ran] = await db.select({ body: auditEvents.body }).from(auditEvents).where(eq(auditEvents.type, "background_job.run_now"));
      assert.deepEqual((JSON.parse(ran!.body) as { details: unknown }).details, { queue: QUEUES.sendDigests });

      assert.equal((await admin.post(`/background-jobs/${QUEUES.deliverNotification}/run`, {})).statusCode, 404, "not a scheduled duty");
      assert.equal((await orgAdmin.post(`/background-jobs/${encodeURIComponent(QUEUES.sendDigests)}/run`, {})).statusCode, 403);
    } finally {
      mailer.close();
      await smtp.close();
    }
  });

  test("other roles are refused the page, its button and the API; the home page and navigation offer it to partnership administrators only", async () => {
    for (const [who, browser] of [
      ["an organisation administrator", orgAdmin],
      ["a practitioner", practitioner],
    ] as const) {
      assert.equal((await browser.get("/background-jobs")).statusCode, 403, who);
      assert.equal((await browser.post(`/background-jobs/notifications.deliver/${ids()[0]}/retry`, {})).statusCode, 403, who);
      const api = await browser.api("GET", "/api/v1/background-jobs");
      assert.equal(api.statusCode, 403, who);
      assert.match(api.headers["content-type"] as string, /application\/problem\+json/);
      assert.doesNotMatch((await browser.get("/")).body, /href="\/background-jobs"/, who);
    }
    const home = (await admin.get("/")).body;
    assert.equal(home.match(/href="\/background-jobs"/g)?.length, 2, "in the navigation and the Partnership section");
    assert.equal((await app.inject({ method: "GET", url: "/background-jobs" })).statusCode, 302, "signed out: to sign in");
  });

  test("the API: every queue's counts and the failed jobs by code; retry answers 204, then 409; bad input is a 400 naming the field", async () => {
    const res = await admin.api("GET", "/api/v1/background-jobs");
    assert.equal(res.statusCode, 200);
    const body = res.json() as {
      queues: { queue: string; waiting: number; running: number; failed: number }[];
      failed: Record<string, unknown>[];
    };
    assert.deepEqual(
      body.queues.map((q) => q.queue),
      Object.values(QUEUES),
    );
    assert.deepEqual(
      body.queues.find((q) => q.queue === "notifications.deliver"),
      { queue: "notifications.deliver", waiting: 1, running: 0, failed: 1 },
      "the one tried again on the page above waits for a node",
    );
    assert.equal(body.failed.length, 1);
    const [job] = body.failed;
    assert.deepEqual(Object.keys(job!).sort(), ["failedAt", "id", "queue", "reason", "tries"], "no data, no error text");
    assert.equal(job!.reason, "mail_server_unreachable");
    assert.equal(job!.tries, 6);
    assert.match(String(job!.failedAt), /^\d{4}-\d{2}-\d{2}T/);

    const badQueue = await admin.api("POST", `/api/v1/background-jobs/nothing.here/${job!.id}/retry`);
    assert.equal(badQueue.statusCode, 400);
    assert.match(badQueue.headers["content-type"] as string, /application\/problem\+json/);
    assert.deepEqual(badQueue.json().errors, [{ path: "/queue", message: "Not a queue Safeshare runs" }]);
    const badId = await admin.api("POST", "/api/v1/background-jobs/notifications.deliver/not-a-uuid/retry");
    assert.equal(badId.statusCode, 400);
    assert.equal(badId.json().errors[0].path, "/id");
    const unknown = await admin.api("POST", `/api/v1/background-jobs/notifications.deliver/${randomUUID()}/retry`);
    assert.equal(unknown.statusCode, 404, "no such job");
    const otherQueue = await admin.api("POST", `/api/v1/background-jobs/notifications.digest/${job!.id}/retry`);
    assert.equal(otherQueue.statusCode, 404, "a job is found only in its own queue");

    const retried = await admin.api("POST", `/api/v1/background-jobs/notifications.deliver/${job!.id}/retry`);
    assert.equal(retried.statusCode, 204);
    assert.equal(retried.body, "");
    const again = await admin.api("POST", `/api/v1/background-jobs/notifications.deliver/${job!.id}/retry`);
    assert.equal(again.statusCode, 409);
    assert.match(again.headers["content-type"] as string, /application\/problem\+json/);
    assert.equal(again.json().code, "CONFLICT");
    const after = (await admin.api("GET", "/api/v1/background-jobs")).json() as typeof body;
    assert.deepEqual(after.failed, []);
    const recorded = await ctx.database.db.select().from(auditEvents).where(eq(auditEvents.type, "background_job.retried"));
    assert.equal(recorded.length, 3, "each retry once; refusals record nothing");

    const doc = (await app.inject({ method: "GET", url: "/api/v1/openapi.json" })).json();
    assert.ok(doc.paths["/api/v1/background-jobs"]?.get);
    assert.ok(doc.paths["/api/v1/background-jobs/{queue}/{id}/retry"]?.post);
    assert.ok(doc.components.schemas.BackgroundJobs);
  });
});

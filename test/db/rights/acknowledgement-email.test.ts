import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { and, eq, inArray } from "drizzle-orm";
import type { App } from "../../../src/app/build-app";
import { allJobs } from "../../../src/app/jobs";
import { seedDemoPartnership } from "../../../src/demo/seed-demo";
import { organisations } from "../../../src/features/organisations-and-users/schema";
import { subjectLinks, subjects } from "../../../src/features/records/schema";
import { rightsRequestEvents, rightsRequests } from "../../../src/features/rights/schema";
import { submitPublicRequest } from "../../../src/features/rights/services/receive-request";
import { auditEvents } from "../../../src/platform/db/schema";
import type { JobContext } from "../../../src/platform/jobs/queue";
import { smtpMailer } from "../../../src/platform/mail/mailer";
import { TEST_PUBLIC_URL, testApp } from "../../support/app";
import { describeEachDatabase } from "../../support/databases";
import { TestClient } from "../../support/http-client";
import { runQueuedJobs } from "../../support/jobs";
import { startSmtpCatcher } from "../../support/smtp";

/**
 * The public form's acknowledgement (issue 19): a requester who asks for it is emailed their reference
 * and what happens next through a real SMTP server, and nothing else; never when the address or name
 * they gave is linked in anyone's records to an alleged perpetrator (harm-aware communications).
 */
describeEachDatabase("the public form's acknowledgement email", (ctx) => {
  let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;
  let context: JobContext;
  let app: App;
  let plainApp: App;
  let organisationIds: string[];
  const jobs = allJobs({ idleMinutes: 30, absoluteHours: 12 });

  before(async () => {
    smtp = await startSmtpCatcher();
    await seedDemoPartnership(ctx.database.db);
    app = await testApp(ctx.database, { sendsEmail: true });
    plainApp = await testApp(ctx.database);
    context = {
      database: ctx.database,
      db: ctx.database.db,
      mailer: smtpMailer(smtp.url, "Safeshare <safeshare@westshire.example>"),
      publicUrl: TEST_PUBLIC_URL,
    };
    organisationIds = (await ctx.database.db.select({ id: organisations.id }).from(organisations)).map((o) => o.id).slice(0, 2);
    // Whatever the demo queued (its shares' notifications) is delivered first, so each test counts only its own mail.
    await runQueuedJobs(context, jobs);
  });
  after(async () => {
    await app.close();
    await plainApp.close();
    context.mailer?.close();
    await smtp.close();
  });

  const mailTo = (email: string) => smtp.received.filter((m) => m.to.includes(email));
  const ask = (requester: { name: string; email: string }, acknowledgeByEmail = true) =>
    submitPublicRequest(ctx.database.db, {
      type: "ACCESS",
      requester,
      relationship: "SELF",
      about: { name: requester.name },
      details: "Everything the police hold about the night of the call-out",
      organisationIds,
      acknowledgeByEmail,
    });
  const stateOf = async (reference: string) =>
    (
      await ctx.database.db
        .select({ acknowledgement: rightsRequests.acknowledgement })
        .from(rightsRequests)
        .where(eq(rightsRequests.publicReference, reference))
    ).map((r) => r.acknowledgement);
  const historyOf = async (reference: string) =>
    (
      await ctx.database.db
        .select({ what: rightsRequestEvents.what })
        .from(rightsRequestEvents)
        .innerJoin(rightsRequests, eq(rightsRequests.id, rightsRequestEvents.requestId))
        .where(eq(rightsRequests.publicReference, reference))
    ).map((e) => e.what);

  test("the form offers an email only when Safeshare can send one, with a warning, and keeps what was typed when the address is missing", async () => {
    const plain = await new TestClient(plainApp).get("/your-information");
    assert.doesNotMatch(plain.body, /Email me my reference/);
    const visitor = new TestClient(app);
    const page = await visitor.get("/your-information");
    assert.match(page.body, /Email me my reference/);
    assert.match(page.body, /If someone who may harm you or your child could see it, do not ask for an email/);
    const started = /name="started" value="([^"]+)"/.exec(page.body)![1]!;
    await new Promise((resolve) => setTimeout(resolve, 3100));
    const base = {
      type: "ACCESS",
      name: "Nia Evans",
      relationship: "SELF",
      aboutName: "Nia Evans",
      organisationIds: organisationIds[0]!,
      started,
      acknowledge: "yes",
    };
    const noEmail = await visitor.post("/your-information", { ...base, phone: "07700 900123" });
    assert.equal(noEmail.statusCode, 400);
    assert.match(noEmail.body, /Enter your email address, or untick ‘Email me my reference’/);
    assert.match(noEmail.body, /value="07700 900123"/);
    assert.match(noEmail.body, /name="acknowledge"[^>]*value="yes" checked/);

    const sent = await visitor.post("/your-information", { ...base, email: "nia.evans@example.org" });
    assert.equal(sent.statusCode, 200, sent.body.slice(0, 400));
    assert.match(sent.body, /We will also email it to the address you gave/);
    const reference = /<strong>(SR-[0-9A-F]{8})<\/strong>/.exec(sent.body)![1]!;

    await runQueuedJobs(context, jobs);
    const mails = mailTo("nia.evans@example.org");
    assert.equal(mails.length, 1, "one acknowledgement for the request, however many organisations were asked");
    const [mail] = mails;
    assert.equal(mail!.subject, "Your request has been received");
    assert.match(mail!.text, new RegExp(`Your reference is ${reference}`));
    assert.match(mail!.text, /must answer within one month of receiving your request/);
    // Nothing else: no organisation, no one's name, nothing the requester wrote.
    const names = (await ctx.database.db.select({ name: organisations.name }).from(organisations)).map((o) => o.name);
    for (const word of [...names, "Nia", "Evans"]) assert.ok(!mail!.text.includes(word) && !mail!.html.includes(word), word);
    assert.deepEqual(await stateOf(reference), ["SENT"]);
    assert.ok((await historyOf(reference)).includes("Acknowledgement with the reference emailed to the requester"));
  });

  test("nothing is sent to a requester who did not ask for it", async () => {
    const before = smtp.received.length;
    const reference = await ask({ name: "Owen Price", email: "owen.price@example.org" }, false);
    await runQueuedJobs(context, jobs);
    assert.equal(smtp.received.length, before);
    assert.deepEqual([...new Set(await stateOf(reference))], [null]);
  });

  test("withheld when the name given matches someone recorded as an alleged perpetrator, and the IG lead's history says so", async () => {
    // The demo's Ryan Carter is recorded by the health visitors as an alleged perpetrator towards his daughter.
    const reference = await ask({ name: "Ryan Carter", email: "r.carter@example.org" });
    await runQueuedJobs(context, jobs);
    assert.equal(mailTo("r.carter@example.org").length, 0);
    assert.deepEqual([...new Set(await stateOf(reference))], ["WITHHELD"]);
    assert.ok((await historyOf(reference)).some((h) => h.startsWith("Acknowledgement not emailed")));
    const withheld = await ctx.database.db
      .select({ body: auditEvents.body })
      .from(auditEvents)
      .where(eq(auditEvents.type, "rights_request.acknowledgement_withheld"));
    assert.equal(withheld.length, organisationIds.length, "one per organisation asked, by id only");
    assert.deepEqual(JSON.parse(withheld[0]!.body).details, {});
  });

  test("withheld when the address is an alleged perpetrator's, or that of someone living with one, whatever name is given", async () => {
    const db = ctx.database.db;
    const [darren] = await db
      .select({ id: subjects.id, organisationId: subjects.organisationId })
      .from(subjects)
      // The police's Darren Pike, alleged to have harmed Megan (another member records him only as a household member).
      .where(and(eq(subjects.givenNames, "Darren"), eq(subjects.familyName, "Pike"), eq(subjects.kind, "ALLEGED_PERPETRATOR")));
    await db.update(subjects).set({ email: "dp1988@example.org" }).where(eq(subjects.id, darren!.id));
    const [housemate] = await db
      .insert(subjects)
      .values({
        organisationId: darren!.organisationId,
        kind: "HOUSEHOLD_MEMBER",
        givenNames: "Lee",
        familyName: "Marsh",
        email: "lee.marsh@example.org",
      })
      .returning({ id: subjects.id });
    await db
      .insert(subjectLinks)
      .values({ organisationId: darren!.organisationId, fromSubjectId: housemate!.id, toSubjectId: darren!.id, kind: "LIVES_WITH" });

    const own = await ask({ name: "Megan Brennan", email: "DP1988@example.org " });
    const shared = await ask({ name: "Megan Brennan", email: "lee.marsh@example.org" });
    const safe = await ask({ name: "Megan Brennan", email: "megan.b@example.org" });
    await runQueuedJobs(context, jobs);
    assert.equal(mailTo("dp1988@example.org").length + mailTo("DP1988@example.org").length, 0);
    assert.equal(mailTo("lee.marsh@example.org").length, 0);
    assert.equal(mailTo("megan.b@example.org").length, 1, "an address linked to no one is acknowledged");
    assert.deepEqual([...new Set(await stateOf(own))], ["WITHHELD"]);
    assert.deepEqual([...new Set(await stateOf(shared))], ["WITHHELD"]);
    assert.deepEqual([...new Set(await stateOf(safe))], ["SENT"]);
    const rows = await db
      .select({ id: rightsRequests.id })
      .from(rightsRequests)
      .where(inArray(rightsRequests.publicReference, [own, shared]));
    assert.equal(rows.length, 2 * organisationIds.length);
  });
});

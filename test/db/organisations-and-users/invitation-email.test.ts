import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { eq } from "drizzle-orm";
import type { App } from "../../../src/app/build-app";
import { allJobs } from "../../../src/app/jobs";
import { invitations, users } from "../../../src/features/organisations-and-users/schema";
import { auditEvents } from "../../../src/platform/db/schema";
import type { JobContext } from "../../../src/platform/jobs/queue";
import { smtpMailer } from "../../../src/platform/mail/mailer";
import { client, TEST_PUBLIC_URL, testApp } from "../../support/app";
import { describeEachDatabase } from "../../support/databases";
import { newOrganisation, newUser } from "../../support/factories";
import { runQueuedJobs } from "../../support/jobs";
import { signedInAs } from "../../support/sign-in";
import { type ReceivedMail, startSmtpCatcher } from "../../support/smtp";

/**
 * Invitations by email (issue 19): the new user's link goes to them through a real SMTP server, sent
 * by a job queued with the invitation; the raw token is stored nowhere in plain text; the administrator
 * sees whether it was emailed and when it expires, and a new invitation stops the old link working.
 * Without a mail server the link is shown to pass on, as before.
 */
describeEachDatabase("invitations by email", (ctx) => {
  let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;
  let context: JobContext;
  let app: App;
  let plainApp: App;
  let home: Awaited<ReturnType<typeof newOrganisation>>;
  let admin: Awaited<ReturnType<typeof newUser>>;
  const jobs = allJobs({ idleMinutes: 30, absoluteHours: 12 });

  before(async () => {
    smtp = await startSmtpCatcher();
    app = await testApp(ctx.database, { sendsEmail: true });
    plainApp = await testApp(ctx.database);
    context = {
      database: ctx.database,
      db: ctx.database.db,
      mailer: smtpMailer(smtp.url, "Safeshare <safeshare@westshire.example>"),
      publicUrl: TEST_PUBLIC_URL,
    };
    home = await newOrganisation(ctx.database.db, { name: "Ashgrove Primary School" });
    admin = await newUser(ctx.database.db, home, ["org_admin"], { name: "Priya Shah" });
  });
  after(async () => {
    await app.close();
    await plainApp.close();
    context.mailer?.close();
    await smtp.close();
  });

  const mailTo = (email: string) => smtp.received.filter((m) => m.to.includes(email));
  const linkIn = (mail: ReceivedMail) => {
    const match = new RegExp(`${TEST_PUBLIC_URL.replaceAll(".", "\\.")}(/invitations/[A-Za-z0-9_-]+)`).exec(mail.text);
    assert.ok(match, mail.text);
    return match[1]!;
  };
  const userId = async (email: string) => (await ctx.database.db.select({ id: users.id }).from(users).where(eq(users.email, email)))[0]!.id;
  const events = async (type: string, id: string) =>
    (await ctx.database.db.select({ body: auditEvents.body }).from(auditEvents).where(eq(auditEvents.type, type)))
      .map((e) => JSON.parse(e.body) as { entity: { id: string }; details: Record<string, unknown> })
      .filter((e) => e.entity.id === id);

  test("a new user's invitation is emailed to them, and the administrator is not shown the link", async () => {
    const browser = await signedInAs(app, ctx.database.db, admin);
    await browser.get("/users/new");
    const res = await browser.post("/users/new", { name: "Tom Reid", email: "tom.reid@ashgrove.example", roles: "practitioner" });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /We are emailing an invitation to tom\.reid@ashgrove\.example/);
    assert.doesNotMatch(res.body, /\/invitations\//, "the link goes only to the person");
    assert.doesNotMatch(res.body, /\d{4}-\d{2}-\d{2}T/, "no ISO dates");
    const id = await userId("tom.reid@ashgrove.example");
    const [row] = await ctx.database.db.select().from(invitations).where(eq(invitations.userId, id));
    assert.equal(row!.emailState, "queued");

    assert.equal(await runQueuedJobs(context, jobs), 1);
    const [mail] = mailTo("tom.reid@ashgrove.example");
    assert.ok(mail, "the invitation arrived");
    assert.equal(mail.subject, "You have been invited to use Safeshare");
    assert.match(mail.text, /Ashgrove Primary School has added you to Safeshare/);
    assert.match(mail.text, /stops working on \d{1,2} [A-Z][a-z]+ \d{4} at \d{1,2}:\d{2}(am|pm)/);
    assert.match(mail.html, /Choose your password/);
    assert.doesNotMatch(mail.text, /Tom|Reid|practitioner/i, "nothing about the person beyond their address");
    assert.doesNotMatch(mail.text + mail.html, /\d{4}-\d{2}-\d{2}/, "no ISO dates");

    const link = linkIn(mail);
    const opened = await client(app).get(link);
    assert.equal(opened.statusCode, 200);
    assert.match(opened.body, /Choose your password/);

    const page = await browser.get(`/users/${id}`);
    assert.match(page.body, /Emailed on \d{1,2} [A-Z][a-z]+ \d{4} at/);
    assert.match(page.body, /Expires on \d{1,2} [A-Z][a-z]+ \d{4} at/);
    assert.match(page.body, /Send a new invitation/);
    assert.equal((await events("user.invitation_emailed", id)).length, 1);
    const [issued] = await events("user.invitation_issued", id);
    assert.deepEqual(issued!.details.delivery, "email");
  });

  test("the link is stored nowhere in plain text: not in the invitation table, nor in the job queue", async () => {
    const [mail] = mailTo("tom.reid@ashgrove.example");
    const token = linkIn(mail!).split("/").pop()!;
    const found = await ctx.database.query<{ n: number }>(
      `SELECT ((SELECT count(*) FROM pgboss.job WHERE data::text LIKE '%' || $1 || '%')
             + (SELECT count(*) FROM pgboss.archive WHERE data::text LIKE '%' || $1 || '%')
             + (SELECT count(*) FROM invitation WHERE encode(token_hash, 'escape') LIKE '%' || $1 || '%'))::int AS n`,
      [token],
    );
    assert.equal(found[0]!.n, 0);
    const queued = await ctx.database.query<{ data: { sealedToken: string } }>(
      "SELECT data FROM pgboss.job WHERE name = 'organisations-and-users.send-invitation' UNION ALL SELECT data FROM pgboss.archive WHERE name = 'organisations-and-users.send-invitation'",
    );
    assert.ok(queued.length >= 1);
    assert.match(queued[0]!.data.sealedToken, /^v1:/, "the job holds the token sealed");
  });

  test("a new invitation is emailed with a new link, the old link stops working, and both are audited", async () => {
    const id = await userId("tom.reid@ashgrove.example");
    const oldLink = linkIn(mailTo("tom.reid@ashgrove.example")[0]!);
    const browser = await signedInAs(app, ctx.database.db, admin);
    await browser.get(`/users/${id}`);
    const res = await browser.post(`/users/${id}/invitation`, {});
    assert.equal(res.statusCode, 302);
    const page = await browser.get(res.headers.location as string);
    assert.match(page.body, /New invitation on its way/);
    assert.match(page.body, /Waiting to be emailed/);

    await runQueuedJobs(context, jobs);
    const sent = mailTo("tom.reid@ashgrove.example");
    assert.equal(sent.length, 2);
    const newLink = linkIn(sent[1]!);
    assert.notEqual(newLink, oldLink);
    assert.notEqual(sent[1]!.messageId, sent[0]!.messageId);

    const stale = await client(app).get(oldLink);
    assert.equal(stale.statusCode, 404);
    assert.match(stale.body, /This link has expired or has already been used/);
    assert.equal((await client(app).get(newLink)).statusCode, 200);

    const issued = await events("user.invitation_issued", id);
    assert.deepEqual(
      issued.map((e) => e.details.resent),
      [false, true],
    );
    assert.equal((await events("user.invitation_emailed", id)).length, 2);
  });

  test("an invitation replaced before its job ran is never emailed", async () => {
    const browser = await signedInAs(app, ctx.database.db, admin);
    await browser.get("/users/new");
    await browser.post("/users/new", { name: "Ola Bello", email: "ola.bello@ashgrove.example", roles: "practitioner" });
    const id = await userId("ola.bello@ashgrove.example");
    await browser.get(`/users/${id}`);
    await browser.post(`/users/${id}/invitation`, {});
    await runQueuedJobs(context, jobs);
    const sent = mailTo("ola.bello@ashgrove.example");
    assert.equal(sent.length, 1, "only the live link is sent");
    assert.equal((await client(app).get(linkIn(sent[0]!))).statusCode, 200);
  });

  test("without a mail server the link is shown to pass on, the page says why, and a new one replaces it", async () => {
    const browser = await signedInAs(plainApp, ctx.database.db, admin);
    await browser.get("/users/new");
    const res = await browser.post("/users/new", { name: "Dan Hughes", email: "dan.hughes@ashgrove.example", roles: "practitioner" });
    assert.match(res.body, /no email server has been set up/);
    const first = /id="invitation-link">https?:\/\/[^/]+(\/invitations\/[^<]+)<\/code>/.exec(res.body)![1]!;
    const id = await userId("dan.hughes@ashgrove.example");
    const page = await browser.get(`/users/${id}`);
    assert.match(page.body, /Link shown to an administrator to send them/);
    assert.match(page.body, /You will be shown a new link to send them yourself/);
    const again = await browser.post(`/users/${id}/invitation`, {});
    assert.equal(again.statusCode, 200);
    const second = /id="invitation-link">https?:\/\/[^/]+(\/invitations\/[^<]+)<\/code>/.exec(again.body)![1]!;
    assert.notEqual(second, first);
    assert.equal((await client(plainApp).get(first)).statusCode, 404);
    assert.equal((await client(plainApp).get(second)).statusCode, 200);
    const before = smtp.received.length;
    await runQueuedJobs(context, jobs);
    assert.equal(smtp.received.length, before, "nothing queued to email");
  });

  test("someone who has chosen a password cannot be sent an invitation", async () => {
    const browser = await signedInAs(app, ctx.database.db, admin);
    const active = await newUser(ctx.database.db, home, ["practitioner"], { name: "Eve Active" });
    await browser.get(`/users/${active.user.id}`);
    const res = await browser.post(`/users/${active.user.id}/invitation`, {});
    assert.equal(res.statusCode, 409);
    assert.match(res.body, /already chosen a password/);
  });
});

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { and, eq, inArray, sql } from "drizzle-orm";
import { allJobs } from "../../../src/app/jobs";
import { seedDemoPartnership } from "../../../src/demo/seed-demo";
import { agreements } from "../../../src/features/agreements/schema";
import { notifications } from "../../../src/features/notifications/schema";
import { users } from "../../../src/features/organisations-and-users/schema";
import { informationRequests, shareDecisions } from "../../../src/features/sharing/schema";
import { enqueue, JOB_SCHEMA, type JobContext } from "../../../src/platform/jobs/queue";
import { QUEUES } from "../../../src/platform/jobs/queues";
import { smtpMailer } from "../../../src/platform/mail/mailer";
import { describeEachDatabase } from "../../support/databases";
import { runQueuedJobs } from "../../support/jobs";
import { assertNoPersonalData, startSmtpCatcher } from "../../support/smtp";

/**
 * What else tells people (issue 19), through a real SMTP server: a request made to an organisation,
 * a decision waiting for approval (told even when the job queued with it was lost), notices about
 * information the organisation was sent, agreements to sign and reviews coming due. The demo makes
 * each of these through the services people use; no email names anyone.
 */
describeEachDatabase("what else sends a notification", (ctx) => {
  let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;
  let context: JobContext;
  const jobs = allJobs({ idleMinutes: 30, absoluteHours: 12 });
  const PUBLIC_URL = "https://safeshare.westshire.example";
  const SUBJECT = {
    request: "Your organisation has been asked for information",
    approval: "A decision to share is waiting for your approval",
    notice: "Information your organisation was sent has changed",
    toSign: "An information sharing agreement is ready for you to sign",
    review: "An information sharing agreement is due for review",
  };

  before(async () => {
    smtp = await startSmtpCatcher();
    const db = ctx.database.db;
    await seedDemoPartnership(db);
    // The process that recorded the decision awaiting approval died before queueing its job.
    await db.execute(sql`delete from ${sql.raw(JOB_SCHEMA)}.job where name = ${QUEUES.notifyApprovers}`);
    context = {
      database: ctx.database,
      db,
      mailer: smtpMailer(smtp.url, "Safeshare <safeshare@westshire.example>"),
      publicUrl: PUBLIC_URL,
    };
    await runQueuedJobs(context, jobs);
  });
  after(async () => {
    context.mailer?.close();
    await smtp.close();
  });

  const subjectsTo = (email: string) => smtp.received.filter((m) => m.to.includes(email)).map((m) => m.subject);
  const count = (email: string, subject: string) => subjectsTo(email).filter((s) => s === subject).length;

  test("a request for information reaches the asked organisation's safeguarding leads, linking to the request", async () => {
    const db = ctx.database.db;
    assert.equal(
      count("siobhan.oconnor@northbrook.example", SUBJECT.request),
      1,
      subjectsTo("siobhan.oconnor@northbrook.example").join("; "),
    );
    assert.equal(count("gareth.ellis@police.westshire.example", SUBJECT.request), 1);
    // Not a safeguarding lead: Tomasz is not told what his organisation was asked.
    assert.equal(count("tomasz.wojcik@northbrook.example", SUBJECT.request), 0);
    const [toSchool] = await db
      .select({ id: informationRequests.id })
      .from(informationRequests)
      .innerJoin(users, eq(users.organisationId, informationRequests.requestedOrganisationId))
      .where(eq(users.email, "siobhan.oconnor@northbrook.example"));
    const mail = smtp.received.find((m) => m.to.includes("siobhan.oconnor@northbrook.example") && m.subject === SUBJECT.request)!;
    assert.match(mail.text, new RegExp(`${PUBLIC_URL}/information-requests/${toSchool!.id}`));
  });

  test("a decision awaiting approval whose job was lost is found by the sweep and told to the leads, not its decider, once", async () => {
    const db = ctx.database.db;
    assert.equal(count("siobhan.oconnor@northbrook.example", SUBJECT.approval), 0, "its job was lost");
    await enqueue(db, { name: QUEUES.sweepApprovals }, {});
    await runQueuedJobs(context, jobs);
    assert.equal(count("siobhan.oconnor@northbrook.example", SUBJECT.approval), 1);
    assert.equal(count("tomasz.wojcik@northbrook.example", SUBJECT.approval), 0);
    const [waiting] = await db.select().from(shareDecisions).where(eq(shareDecisions.status, "AWAITING_APPROVAL"));
    assert.ok(waiting?.approversNotifiedAt, "marked as told");
    const mail = smtp.received.find((m) => m.subject === SUBJECT.approval)!;
    assert.match(mail.text, new RegExp(`${PUBLIC_URL}/share-decisions/${waiting.id}`));

    // Swept again (another minute, another node): no one is told twice.
    await enqueue(db, { name: QUEUES.sweepApprovals }, {});
    await runQueuedJobs(context, jobs);
    assert.equal(count("siobhan.oconnor@northbrook.example", SUBJECT.approval), 1);
  });

  test("a correction tells whoever reads the disclosure it follows that there is a notice to acknowledge", async () => {
    // Kai's attendance went to children's social care, to Joanna by name; she is its safeguarding lead too: told once.
    assert.equal(
      count("joanna.kowalczyk@westshire.example", SUBJECT.notice),
      1,
      subjectsTo("joanna.kowalczyk@westshire.example").join("; "),
    );
    const told = await ctx.database.db.select().from(notifications).where(eq(notifications.kind, "notice_to_acknowledge"));
    assert.ok(told.every((n) => n.href === "/disclosures"));
    // The school that corrected it is not told about its own notice.
    assert.equal(count("bernard.hale@northbrook.example", SUBJECT.notice), 0);
  });

  test("a version sent for signature reaches each party's named signatory", async () => {
    for (const signatory of ["dafydd.pryce@westshire.example", "bernard.hale@northbrook.example", "sean.obriain@eastmoor.nhs.example"]) {
      assert.ok(count(signatory, SUBJECT.toSign) >= 1, `${signatory}: ${subjectsTo(signatory).join("; ")}`);
    }
    const links = smtp.received.filter((m) => m.subject === SUBJECT.toSign).map((m) => m.text);
    assert.ok(links.every((t) => new RegExp(`${PUBLIC_URL}/agreements/[0-9a-f-]+/sign`).test(t)));
  });

  test("each morning, an agreement whose review is due reaches its owner's reviewers, once for that review date", async () => {
    const db = ctx.database.db;
    const before = smtp.received.filter((m) => m.subject === SUBJECT.review).length;
    assert.equal(before, 0);
    await enqueue(db, { name: QUEUES.remindAgreementReviews }, {});
    await runQueuedJobs(context, jobs);
    const told = await db.select().from(notifications).where(eq(notifications.kind, "agreement_review_due"));
    assert.ok(told.length >= 1);
    const [lapsed] = await db.select().from(agreements).where(sql`${agreements.nextReviewDate} < current_date`);
    assert.ok(lapsed, "the demo's school agreement is past its review date");
    assert.equal(lapsed.reviewDueNotifiedFor, lapsed.nextReviewDate);
    const reviewers = await db
      .select({ email: users.email, roles: users.roles })
      .from(users)
      .where(
        and(
          eq(users.organisationId, lapsed.ownerOrganisationId),
          inArray(
            users.id,
            told.map((n) => n.userId),
          ),
        ),
      );
    assert.ok(reviewers.length >= 1);
    assert.ok(reviewers.every((r) => r.roles.includes("ig_lead") || r.roles.includes("partnership_admin")));
    for (const r of reviewers) assert.equal(count(r.email, SUBJECT.review), 1);

    await enqueue(db, { name: QUEUES.remindAgreementReviews }, {});
    await runQueuedJobs(context, jobs);
    assert.equal(smtp.received.filter((m) => m.subject === SUBJECT.review).length, reviewers.length, "not told again the next day");
  });

  test("no email names a child, a family member or anything from a record", async () => {
    await assertNoPersonalData(ctx.database.db, smtp.received);
  });
});

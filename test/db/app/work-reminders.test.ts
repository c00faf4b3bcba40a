import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { and, eq, isNull, sql } from "drizzle-orm";
import { allJobs } from "../../../src/app/jobs";
import { yourWork } from "../../../src/app/your-work";
import { seedDemoPartnership } from "../../../src/demo/seed-demo";
import { notifications } from "../../../src/features/notifications/schema";
import { organisations, users } from "../../../src/features/organisations-and-users/schema";
import { informationRequests } from "../../../src/features/sharing/schema";
import type { Actor } from "../../../src/platform/auth/actor";
import type { Role } from "../../../src/platform/auth/roles";
import { addDaysIso, today } from "../../../src/platform/dates/calendar";
import { auditEvents } from "../../../src/platform/db/schema";
import { enqueue, type JobContext } from "../../../src/platform/jobs/queue";
import { QUEUES } from "../../../src/platform/jobs/queues";
import { smtpMailer } from "../../../src/platform/mail/mailer";
import { describeEachDatabase } from "../../support/databases";
import { runQueuedJobs } from "../../support/jobs";
import { assertNoPersonalData, startSmtpCatcher } from "../../support/smtp";

/**
 * The daily reminder (issue 19): each person with work due tomorrow or overdue is emailed how many,
 * the same numbers their home page's "Your work" shows, counted without anyone being recorded as
 * having viewed anything; at most once a day; naming no one.
 */
describeEachDatabase("the daily reminder of work due", (ctx) => {
  let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;
  let context: JobContext;
  const jobs = allJobs({ idleMinutes: 30, absoluteHours: 12 });
  const SUBJECT = "Things in your work list are due";
  const viewedCount = () => ctx.database.db.$count(auditEvents, eq(auditEvents.type, "personal_data.viewed"));
  const reminders = () => smtp.received.filter((m) => m.subject === SUBJECT);

  before(async () => {
    smtp = await startSmtpCatcher();
    const db = ctx.database.db;
    await seedDemoPartnership(db);
    // Children's social care's request to the school falls due tomorrow.
    await db
      .update(informationRequests)
      .set({ dueOn: addDaysIso(today(), 1) })
      .where(
        and(
          eq(informationRequests.status, "OPEN"),
          sql`${informationRequests.requestedOrganisationId} = (select organisation_id from app_user where email = 'siobhan.oconnor@northbrook.example')`,
        ),
      );
    context = {
      database: ctx.database,
      db,
      mailer: smtpMailer(smtp.url, "Safeshare <safeshare@westshire.example>"),
      publicUrl: "https://s.example",
    };
    await runQueuedJobs(context, jobs);
  });
  after(async () => {
    context.mailer?.close();
    await smtp.close();
  });

  test("each person is told the numbers their own work list shows, and counting records no one as viewing anything", async () => {
    const db = ctx.database.db;
    const viewedBefore = await viewedCount();
    await enqueue(db, { name: QUEUES.remindWorkDue }, {});
    await runQueuedJobs(context, jobs);
    assert.equal(await viewedCount(), viewedBefore, "a background count is not a read");

    const people = await db
      .select({
        userId: users.id,
        name: users.name,
        email: users.email,
        roles: users.roles,
        organisationId: organisations.id,
        organisationName: organisations.name,
      })
      .from(users)
      .innerJoin(organisations, eq(organisations.id, users.organisationId))
      .where(isNull(users.deactivatedAt));
    const day = today();
    let told = 0;
    for (const { email, ...person } of people) {
      const actor: Actor = { ...person, roles: person.roles as Role[] };
      const shown = await yourWork(db, actor);
      const overdue = shown.filter((i) => i.overdue).length;
      const dueTomorrow = shown.filter((i) => !i.overdue && !i.paused && i.dueOn === addDaysIso(day, 1)).length;
      const mine = reminders().filter((m) => m.to.includes(email));
      if (!overdue && !dueTomorrow) {
        assert.equal(mine.length, 0, `${email} has nothing due and is not reminded`);
        continue;
      }
      told++;
      assert.equal(mine.length, 1, `${email} is reminded once`);
      const text = mine[0]!.text;
      if (dueTomorrow)
        assert.match(
          text,
          new RegExp(`${dueTomorrow === 1 ? "1 thing is" : `${dueTomorrow} things are`} due tomorrow`),
          `${email}: ${text}`,
        );
      else assert.doesNotMatch(text, /due tomorrow/);
      if (overdue) assert.match(text, new RegExp(`${overdue === 1 ? "1 thing is" : `${overdue} things are`} overdue`), `${email}: ${text}`);
      else assert.doesNotMatch(text, /overdue/);
      assert.match(text, /https:\/\/s\.example\//);
    }
    assert.ok(told >= 2, `${told} people reminded`);
    const siobhan = reminders().find((m) => m.to.includes("siobhan.oconnor@northbrook.example"));
    assert.match(siobhan?.text ?? "", /due tomorrow/, "the request due tomorrow is counted");
  });

  test("run again the same day, no one is reminded twice", async () => {
    const before = reminders().length;
    await enqueue(ctx.database.db, { name: QUEUES.remindWorkDue }, {});
    await runQueuedJobs(context, jobs);
    assert.equal(reminders().length, before);
    const rows = await ctx.database.db.select().from(notifications).where(eq(notifications.kind, "work_due"));
    assert.equal(rows.length, before);
    assert.ok(rows.every((r) => r.href === "/" && r.counts && (r.counts.dueTomorrow > 0 || r.counts.overdue > 0)));
  });

  test("no reminder names a child, a family member or anything from a record", async () => {
    assert.ok(reminders().length > 0);
    await assertNoPersonalData(ctx.database.db, reminders());
  });
});

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { eq } from "drizzle-orm";
import type { App } from "../../../src/app/build-app";
import { allJobs } from "../../../src/app/jobs";
import { yourWork } from "../../../src/app/your-work";
import { breachClockJob } from "../../../src/features/breaches";
import { breaches } from "../../../src/features/breaches/schema";
import { remindBreachClocks } from "../../../src/features/breaches/services/clock-reminders";
import { notifications } from "../../../src/features/notifications/schema";
import type { Actor } from "../../../src/platform/auth/actor";
import { enqueue, type JobContext } from "../../../src/platform/jobs/queue";
import { QUEUES } from "../../../src/platform/jobs/queues";
import { testApp } from "../../support/app";
import { describeEachDatabase } from "../../support/databases";
import { newOrganisation, newUser } from "../../support/factories";
import type { TestClient } from "../../support/http-client";
import { runQueuedJobs } from "../../support/jobs";
import { pageText as words } from "../../support/page-text";
import { signedInAs } from "../../support/sign-in";

const HOUR = 3_600_000;
const hoursAgo = (h: number) => new Date(Date.now() - h * HOUR).toISOString();
const later = (h: number) => new Date(Date.now() + h * HOUR);

/**
 * The breach clock through the job queue (`BR-72H`): the IG leads are reminded once at 80 % of the
 * 72 hours, and once they have passed the IG leads and the organisation's administrators are told,
 * once; nothing for a breach assessed as no risk or already reported. Your work and the register
 * count down from the same clock.
 */
describeEachDatabase("the breach clock's reminder and escalation", (ctx) => {
  let app: App;
  let ig: TestClient;
  let igActor: Actor;
  let otherIg: TestClient;
  const who: Record<string, string> = {};
  let running: string;
  let noRisk: string;
  let reported: string;
  let elsewhere: string;

  const facts = (awareHoursAgo: number) => ({
    awareAt: hoursAgo(awareHoursAgo),
    occurredAt: null,
    howDiscovered: "A parent rang",
    whatHappened: "A letter went to the wrong address",
    types: ["CONFIDENTIALITY"],
    kinds: ["UNAUTHORISED_DISCLOSURE"],
    cyber: false,
    dataCategories: ["CHILDREN"],
    approxPeople: 1,
    approxRecords: 1,
    consequences: "",
    physicalRisk: false,
    physicalRiskDetail: "",
    measuresTaken: "",
    measuresProposed: "",
    subjectIds: [],
  });
  const record = async (client: TestClient, awareHoursAgo: number) => {
    const res = await client.api("POST", "/api/v1/breaches", facts(awareHoursAgo));
    assert.equal(res.statusCode, 201, res.body);
    return res.json().id as string;
  };
  /** Who was told what about the breach, by name in this test, sorted. */
  const told = async (breachId: string, kind: string) =>
    (
      await ctx.database.db
        .select()
        .from(notifications)
        .where(eq(notifications.href, `/breaches/${breachId}`))
    )
      .filter((n) => n.kind === kind)
      .map((n) => Object.entries(who).find(([, id]) => id === n.userId)?.[0] ?? n.userId)
      .sort();

  before(async () => {
    app = await testApp(ctx.database);
    const db = ctx.database.db;
    const school = await newOrganisation(db, { name: "Northbrook Primary" });
    const police = await newOrganisation(db, { name: "Westshire Police", type: "police" });
    const igUser = await newUser(db, school, ["ig_lead"]);
    igActor = igUser.actor;
    ig = await signedInAs(app, db, igUser);
    who.ig = igUser.user.id;
    who.ig2 = (await newUser(db, school, ["ig_lead", "practitioner"])).user.id;
    who.admin = (await newUser(db, school, ["org_admin"])).user.id;
    who.practitioner = (await newUser(db, school, ["practitioner", "safeguarding_lead"])).user.id;
    who.auditor = (await newUser(db, school, ["auditor"])).user.id;
    const otherUser = await newUser(db, police, ["ig_lead"]);
    who.policeIg = otherUser.user.id;
    who.policeAdmin = (await newUser(db, police, ["org_admin"])).user.id;
    otherIg = await signedInAs(app, db, otherUser);

    running = await record(ig, 1);
    noRisk = await record(ig, 1);
    const assessed = await ig.api("POST", `/api/v1/breaches/${noRisk}/risk-assessment`, {
      risk: "NO_RISK",
      reasoning: "The letter was returned unopened",
    });
    assert.equal(assessed.statusCode, 200, assessed.body);
    reported = await record(ig, 1);
    const report = await ig.api("POST", `/api/v1/breaches/${reported}/reports`, { phase: "INITIAL", reportedAt: hoursAgo(0.5) });
    assert.equal(report.statusCode, 201, report.body);
    elsewhere = await record(otherIg, 1);
  });
  after(() => app.close());

  test("before 80 % of the 72 hours nothing is sent; at 80 % the IG leads are reminded, once", async () => {
    const db = ctx.database.db;
    assert.deepEqual(await remindBreachClocks(db, later(55)), { reminded: 0, escalated: 0 }, "56 hours in: not yet");
    const first = await remindBreachClocks(db, later(57));
    assert.equal(first.escalated, 0);
    assert.ok(first.reminded >= 2, "this breach and the police's");
    assert.deepEqual(await told(running, "breach_report_due"), ["ig", "ig2"]);
    assert.deepEqual(await told(elsewhere, "breach_report_due"), ["policeIg"]);
    const [row] = await db.select().from(breaches).where(eq(breaches.id, running));
    assert.ok(row?.reminderSentAt);
    assert.equal(row.escalatedAt, null);

    // The next minutes, or a second node: no one is told again.
    assert.deepEqual(await remindBreachClocks(db, later(57)), { reminded: 0, escalated: 0 });
    assert.deepEqual(await remindBreachClocks(db, later(60)), { reminded: 0, escalated: 0 });
    assert.deepEqual(await told(running, "breach_report_due"), ["ig", "ig2"]);
  });

  test("once the 72 hours have passed, its IG leads and organisation administrators are told, once; no one else", async () => {
    const db = ctx.database.db;
    const result = await remindBreachClocks(db, later(72));
    assert.equal(result.reminded, 0);
    assert.ok(result.escalated >= 2);
    assert.deepEqual(await told(running, "breach_report_overdue"), ["admin", "ig", "ig2"]);
    assert.deepEqual(await told(elsewhere, "breach_report_overdue"), ["policeAdmin", "policeIg"]);
    const [row] = await db.select().from(breaches).where(eq(breaches.id, running));
    assert.ok(row?.escalatedAt);
    assert.deepEqual(await remindBreachClocks(db, later(73)), { reminded: 0, escalated: 0 });
    assert.deepEqual(await remindBreachClocks(db, later(200)), { reminded: 0, escalated: 0 });
    assert.deepEqual(await told(running, "breach_report_overdue"), ["admin", "ig", "ig2"]);
    assert.deepEqual(await told(running, "breach_report_due"), ["ig", "ig2"], "the reminder is not sent again");
  });

  test("nothing for a breach assessed as no risk, or already reported to the ICO", async () => {
    for (const id of [noRisk, reported]) {
      assert.deepEqual(await told(id, "breach_report_due"), [], id);
      assert.deepEqual(await told(id, "breach_report_overdue"), [], id);
      const [row] = await ctx.database.db.select().from(breaches).where(eq(breaches.id, id));
      assert.equal(row?.reminderSentAt, null);
      assert.equal(row?.escalatedAt, null);
    }
  });

  test("through the job queue every minute: a breach recorded 60 hours after awareness is reminded, and a run later tells no one again", async () => {
    assert.equal(breachClockJob.name, QUEUES.breachClock);
    assert.equal(breachClockJob.cron, "* * * * *");
    assert.ok(allJobs({ idleMinutes: 30, absoluteHours: 12 }).includes(breachClockJob), "gathered with every job");
    const late = await record(ig, 60);
    const context: JobContext = { database: ctx.database, db: ctx.database.db, mailer: null, publicUrl: "https://safeshare.example" };
    await enqueue(ctx.database.db, { name: QUEUES.breachClock }, {});
    await runQueuedJobs(context, [breachClockJob]);
    assert.deepEqual(await told(late, "breach_report_due"), ["ig", "ig2"]);
    await enqueue(ctx.database.db, { name: QUEUES.breachClock }, {});
    await runQueuedJobs(context, [breachClockJob]);
    assert.deepEqual(await told(late, "breach_report_due"), ["ig", "ig2"]);
    assert.deepEqual(await told(late, "breach_report_overdue"), []);
  });

  test("two nodes sweeping at the same moment tell each person once", async () => {
    const both = await record(ig, 59);
    const runs = await Promise.all([remindBreachClocks(ctx.database.db), remindBreachClocks(ctx.database.db)]);
    assert.equal(runs[0]!.reminded + runs[1]!.reminded, 1);
    assert.deepEqual(await told(both, "breach_report_due"), ["ig", "ig2"]);
  });

  test("Your work counts down to the ICO report from the clock the register shows", async () => {
    const fresh = await record(ig, 41);
    const overdue = await record(ig, 77);
    const items = await yourWork(ctx.database.db, igActor);
    const item = (id: string) => items.find((i) => i.href === `/breaches/${id}`);
    assert.match(item(fresh)?.note ?? "", /^1 day (6|7) hours left to report to the ICO$/);
    assert.equal(item(fresh)?.overdue, false);
    assert.match(item(overdue)?.note ?? "", /^Overdue by 5 hours$/);
    assert.equal(item(overdue)?.overdue, true);
    assert.equal(item(noRisk), undefined);
    assert.equal(item(reported), undefined);

    const home = words((await ig.get("/")).body);
    assert.match(home, /left to report to the ICO/);
    assert.match(home, /Overdue by 5 hours/);
    const register = words((await ig.get("/breaches")).body);
    assert.match(register, /Report to the ICO due in 1 day (6|7) hours/);
    assert.match(register, /Report to the ICO overdue by 5 hours/);
  });
});

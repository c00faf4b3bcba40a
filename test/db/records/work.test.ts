import assert from "node:assert/strict";
import { before, test } from "node:test";
import { and, desc, eq } from "drizzle-orm";
import { demoActors } from "../../../src/demo/demo-actors";
import { seedDemoPartnership } from "../../../src/demo/seed-demo";
import { concerns } from "../../../src/features/records/schema";
import { viewRecordsWork } from "../../../src/features/records/services/load-work";
import type { Actor } from "../../../src/platform/auth/actor";
import { ukDay } from "../../../src/platform/dates/calendar";
import { addWorkingDays } from "../../../src/platform/dates/working-days";
import { auditEvents } from "../../../src/platform/db/schema";
import { describeEachDatabase } from "../../support/databases";

/** Records' part of "Your work" (issue 18): new concerns, for a safeguarding lead to acknowledge within 1 working day. */
describeEachDatabase("records' work for the home page", (ctx) => {
  let people: Record<"siobhan" | "tomasz" | "bernard" | "joanna", Actor>;

  before(async () => {
    await seedDemoPartnership(ctx.database.db);
    people = await demoActors(ctx.database.db, {
      siobhan: "siobhan.oconnor@northbrook.example",
      tomasz: "tomasz.wojcik@northbrook.example",
      bernard: "bernard.hale@northbrook.example",
      joanna: "joanna.kowalczyk@westshire.example",
    });
  });

  test("the school's DSL sees the new concern, due a working day after it was raised, and the read is audited", async () => {
    const db = ctx.database.db;
    const [concern] = await db
      .select()
      .from(concerns)
      .where(and(eq(concerns.status, "OPEN"), eq(concerns.organisationId, people.siobhan.organisationId)));
    const items = await viewRecordsWork(db, people.siobhan, "web.home.concerns");
    assert.deepEqual(items, [
      {
        kind: "concern",
        title: "Acknowledge the concern about Kai Brennan-Nowak: domestic abuse",
        href: `/subjects/${concern!.subjectId}/concerns/${concern!.id}/acknowledge`,
        dueOn: addWorkingDays(ukDay(concern!.raisedAt), 1, "england-and-wales"),
      },
    ]);
    const [last] = await db
      .select({ body: auditEvents.body })
      .from(auditEvents)
      .where(eq(auditEvents.actorUserId, people.siobhan.userId))
      .orderBy(desc(auditEvents.seq))
      .limit(1);
    const body = JSON.parse(last!.body) as { type: string; details: { view: string; subjectIds: string[] } };
    assert.equal(body.type, "personal_data.viewed");
    assert.deepEqual([body.details.view, body.details.subjectIds], ["web.home.concerns", [concern!.subjectId]]);
  });

  test("only safeguarding leads acknowledge concerns: a teacher and an IG lead have none to act on; another organisation's DSL sees none of the school's", async () => {
    const db = ctx.database.db;
    assert.deepEqual(await viewRecordsWork(db, people.tomasz, "web.home.concerns"), []);
    assert.deepEqual(await viewRecordsWork(db, people.bernard, "web.home.concerns"), []);
    assert.deepEqual(await viewRecordsWork(db, people.joanna, "web.home.concerns"), []);
  });
});

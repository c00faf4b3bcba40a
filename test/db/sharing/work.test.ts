import assert from "node:assert/strict";
import { before, test } from "node:test";
import { addHours } from "date-fns";
import { desc, eq } from "drizzle-orm";
import { demoActors } from "../../../src/demo/demo-actors";
import { seedDemoPartnership } from "../../../src/demo/seed-demo";
import { recentViews } from "../../../src/features/records/services/viewers";
import { disclosureChases, disclosureQuestions, disclosures, shareDecisions } from "../../../src/features/sharing/schema";
import { chaseDisclosure, loadChases } from "../../../src/features/sharing/services/chase";
import { answerQuestion, askSender } from "../../../src/features/sharing/services/disclosure-questions";
import { acknowledgeDisclosure } from "../../../src/features/sharing/services/disclosures";
import { viewSharingWork } from "../../../src/features/sharing/services/load-work";
import type { Actor } from "../../../src/platform/auth/actor";
import { today, ukDay } from "../../../src/platform/dates/calendar";
import { auditEvents } from "../../../src/platform/db/schema";
import { ConflictError, NotFoundError, NotPermittedError } from "../../../src/platform/errors";
import { testApp } from "../../support/app";
import { describeEachDatabase } from "../../support/databases";
import { signedInAs } from "../../support/sign-in";

/**
 * Sharing's part of "Your work" (issue 18), on the demo partnership: each person sees what they may
 * act on, in their own organisation, with its due date, and the sender can chase what was not acknowledged.
 */
const VIEWS = {
  work: "web.home.work",
  emergencyRecords: "web.home.emergency_records",
  approvals: "web.home.approvals",
  toChase: "web.home.disclosures_to_chase",
};

describeEachDatabase("sharing's work for the home page", (ctx) => {
  let people: Record<"tomasz" | "siobhan" | "joanna" | "gareth" | "helen" | "chloe" | "sean", Actor>;
  const work = (actor: Actor, now = new Date()) => viewSharingWork(ctx.database.db, actor, VIEWS, now);
  const kinds = async (actor: Actor) => (await work(actor)).map((w) => w.kind).sort();

  before(async () => {
    await seedDemoPartnership(ctx.database.db);
    people = await demoActors(ctx.database.db, {
      tomasz: "tomasz.wojcik@northbrook.example",
      siobhan: "siobhan.oconnor@northbrook.example",
      joanna: "joanna.kowalczyk@westshire.example",
      gareth: "gareth.ellis@police.westshire.example",
      helen: "helen.ng@eastmoor.nhs.example",
      chloe: "chloe.dubois@earlyhelp.westshire.example",
      sean: "sean.obriain@eastmoor.nhs.example",
    });
  });

  test("a teacher sees the emergency record he owes and his referral to chase; not the DSL's approvals or requests", async () => {
    const items = await work(people.tomasz);
    assert.deepEqual(items.map((w) => w.kind).sort(), ["emergency_record", "sent_not_acknowledged"]);
    const emergency = items.find((w) => w.kind === "emergency_record")!;
    assert.equal(emergency.title, "Complete the full record of the emergency share about Kai Brennan-Nowak");
    assert.match(emergency.href, /^\/share-decisions\/[0-9a-f-]{36}$/);
    // Due 24 hours after a share made two hours ago: today or tomorrow, never undated.
    assert.ok(emergency.dueOn && emergency.dueOn >= today(), `due ${emergency.dueOn}`);
    const chase = items.find((w) => w.kind === "sent_not_acknowledged")!;
    assert.equal(
      chase.title,
      "Westshire County Council Children's Services has not acknowledged the information you sent about Kai Brennan-Nowak",
    );
    assert.ok(chase.dueOn! < today(), "sent two days ago with a 24-hour chase time: overdue");
    assert.equal(chase.action?.label, "Chase");
    assert.match(chase.action!.href, /^\/disclosures\/[0-9a-f-]{36}\/chase$/);
  });

  test("the school's DSL sees the request to answer, the approval waiting, the emergency record and the referral to chase", async () => {
    const items = await work(people.siobhan);
    assert.deepEqual(items.map((w) => w.kind).sort(), [
      "approval",
      "emergency_record",
      "information_request",
      "refusals_to_read",
      "sent_not_acknowledged",
    ]);
    const request = items.find((w) => w.kind === "information_request")!;
    assert.equal(
      request.title,
      "Answer the request from Westshire County Council Children's Services for information about Kai Brennan-Nowak",
    );
    assert.match(request.dueOn!, /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(items.find((w) => w.kind === "approval")!.title, "Approve or return Tomasz Wójcik's decision about Kai Brennan-Nowak");
    // The police answered the school's request with a decision not to share: the DSL reads why.
    assert.equal(
      items.find((w) => w.kind === "refusals_to_read")!.title,
      "1 of your requests was answered with a decision not to share: read why",
    );
  });

  test("recipients see what reached them: the council its referrals to acknowledge, the police the emergency share not yet opened", async () => {
    assert.deepEqual(
      (await work(people.joanna)).map((w) => w.title),
      [
        "Acknowledge the information Eastmoor NHS Foundation Trust shared with you about Lily Carter",
        "Acknowledge the information Northbrook Primary School shared with you about Kai Brennan-Nowak",
      ],
    );
    const [police] = await work(people.gareth);
    assert.equal(police?.kind, "emergency_unopened");
    assert.equal(police?.title, "Open the emergency share about Kai Brennan-Nowak from Northbrook Primary School");
    // Due the day it was sent (not "today": sent two hours ago, just after midnight that is yesterday).
    const [sent] = await ctx.database.db.select().from(disclosures).where(eq(disclosures.emergency, true));
    assert.equal(police?.dueOn, ukDay(sent!.sentAt), "an emergency is for the day it was sent");
    // Early Help acknowledged what it was sent: nothing waits for Chloé.
    assert.deepEqual(await kinds(people.chloe), []);
    assert.deepEqual(await kinds(people.helen), ["sent_not_acknowledged"], "Lily Carter's referral, for Helen to chase");
  });

  test("the names shown are an audited read", async () => {
    const db = ctx.database.db;
    await work(people.joanna);
    const [last] = await db
      .select({ body: auditEvents.body })
      .from(auditEvents)
      .where(eq(auditEvents.actorUserId, people.joanna.userId))
      .orderBy(desc(auditEvents.seq))
      .limit(1);
    const body = JSON.parse(last!.body) as { type: string; details: { view: string; count: number } };
    assert.equal(body.type, "personal_data.viewed");
    assert.deepEqual(
      body.details,
      { view: "web.home.work", count: 2, subjectIds: [] },
      "nothing received is filed yet: no record of theirs named",
    );
  });

  test("Chase is recorded and audited, shown to both sides, and refused once there is nothing to chase", async () => {
    const db = ctx.database.db;
    const chase = (await work(people.tomasz)).find((w) => w.kind === "sent_not_acknowledged")!;
    const disclosureId = chase.action!.href.split("/")[2]!;
    // Not the chaser's to chase: another organisation does not find it; a colleague who did not decide may not.
    await assert.rejects(chaseDisclosure(db, people.joanna, disclosureId), NotFoundError);
    await assert.rejects(chaseDisclosure(db, people.helen, disclosureId), NotFoundError);

    await chaseDisclosure(db, people.tomasz, disclosureId);
    const rows = await db.select().from(disclosureChases).where(eq(disclosureChases.disclosureId, disclosureId));
    assert.deepEqual(
      rows.map((r) => [r.chasedByName, r.senderOrganisationId, r.recipientOrganisationId]),
      [["Tomasz Wójcik", people.tomasz.organisationId, people.joanna.organisationId]],
    );
    const [event] = await db
      .select({ type: auditEvents.type })
      .from(auditEvents)
      .where(eq(auditEvents.actorUserId, people.tomasz.userId))
      .orderBy(desc(auditEvents.seq))
      .limit(1);
    assert.equal(event?.type, "disclosure.chased");

    const mine = (await work(people.tomasz)).find((w) => w.kind === "sent_not_acknowledged")!;
    assert.match(mine.note!, /^You chased them on \d{1,2} [A-Z][a-z]+ \d{4}$/);
    const theirs = (await work(people.joanna)).find((w) => w.href === `/disclosures/${disclosureId}`)!;
    assert.match(theirs.note!, /^Northbrook Primary School chased this on \d{1,2} [A-Z][a-z]+ \d{4}$/);

    await acknowledgeDisclosure(db, people.joanna, disclosureId);
    await assert.rejects(chaseDisclosure(db, people.tomasz, disclosureId), ConflictError);
    assert.deepEqual(await kinds(people.tomasz), ["emergency_record"], "acknowledged: nothing left to chase");
    assert.deepEqual(
      (await work(people.joanna)).map((w) => w.title),
      ["Acknowledge the information Eastmoor NHS Foundation Trust shared with you about Lily Carter"],
      "and the school's no longer waits to be acknowledged",
    );
  });

  test("only the decider or a safeguarding lead may chase, and not before the chase time", async () => {
    const db = ctx.database.db;
    const [emergency] = await db.select().from(disclosures).where(eq(disclosures.emergency, true));
    assert.ok(emergency);
    // The emergency share went two hours ago: within the 24-hour chase time.
    await assert.rejects(
      chaseDisclosure(db, people.siobhan, emergency.id),
      (e: Error) => e instanceof ConflictError && /too recently/.test(e.message),
    );
    // A day later it may be chased by the school's DSL; the teacher who made it could too.
    await chaseDisclosure(db, people.siobhan, emergency.id, addHours(new Date(), 23));
    const colleague = { ...people.tomasz, userId: people.siobhan.userId, roles: ["practitioner" as const] };
    await assert.rejects(chaseDisclosure(db, colleague, emergency.id, addHours(new Date(), 23)), NotPermittedError);
  });

  test("another organisation cannot chase a share, not even its recipient: it is not found, and nothing is recorded", async () => {
    const db = ctx.database.db;
    const [emergency] = await db.select().from(disclosures).where(eq(disclosures.emergency, true));
    assert.ok(emergency);
    const later = addHours(new Date(), 23);
    await assert.rejects(chaseDisclosure(db, people.gareth, emergency.id, later), NotFoundError, "the recipient is not the sender");
    await assert.rejects(chaseDisclosure(db, people.helen, emergency.id, later), NotFoundError, "a third organisation");
    const chases = await loadChases(db, people.siobhan, [emergency.id]);
    assert.ok((chases.get(emergency.id) ?? []).every((c) => c.chasedByName === "Siobhán O'Connor"));
  });

  test("a chase that cannot be made shows the home page again with the reason, not a 500", async () => {
    const db = ctx.database.db;
    const app = await testApp(ctx.database);
    try {
      const teacher = await signedInAs(app, db, { user: { id: people.tomasz.userId } });
      const [emergency] = await db.select().from(disclosures).where(eq(disclosures.emergency, true));
      const refused = await teacher.post(`/disclosures/${emergency!.id}/chase`, {});
      assert.equal(refused.statusCode, 409);
      assert.match(refused.body, /There is a problem/);
      assert.match(refused.body, /It was sent too recently to chase: the recipient still has time to acknowledge it/);
      assert.match(refused.body, /<h2 class="govuk-heading-m" id="your-work">Your work<\/h2>/);
      assert.equal((await teacher.post("/disclosures/not-an-id/chase", {})).statusCode, 404);
      assert.equal((await teacher.post(`/disclosures/${emergency!.id}/chase`, {}, { csrf: false })).statusCode, 403);
    } finally {
      await app.close();
    }
  });
  test("a recipient's question waits in the sending organisation's work, undated, until someone there answers it", async () => {
    const db = ctx.database.db;
    const [lily] = await db.select().from(disclosures).where(eq(disclosures.senderOrganisationId, people.helen.organisationId));
    assert.ok(lily);
    await askSender(db, people.joanna, lily.id, { question: "Has Lily's mother been told about the referral?" });

    const question = (await work(people.helen)).find((w) => w.kind === "question_to_answer");
    assert.deepEqual(question, {
      kind: "question_to_answer",
      title: "Answer the question Westshire County Council Children's Services asked about Lily Carter",
      href: `/share-decisions/${lily.decisionId}#questions`,
      dueOn: null,
    });
    // Only the sending organisation answers: the recipient who asked, and another organisation, have nothing to do.
    assert.equal((await work(people.joanna)).filter((w) => w.kind === "question_to_answer").length, 0);
    assert.equal((await work(people.siobhan)).filter((w) => w.kind === "question_to_answer").length, 0);

    const [asked] = await db.select().from(disclosureQuestions).where(eq(disclosureQuestions.disclosureId, lily.id));
    await answerQuestion(db, people.helen, asked!.id, { answer: "Yes, at the appointment on Monday." });
    assert.equal((await work(people.helen)).filter((w) => w.kind === "question_to_answer").length, 0, "answered: gone");
  });

  test("a person the list names from the organisation's own records is recorded against that record, so it shows who saw them here", async () => {
    const db = ctx.database.db;
    const seenOnHomePage = async (lead: Actor, subjectId: string, who: Actor) =>
      (await recentViews(db, lead, subjectId)).filter((v) => v.view === VIEWS.work && v.userId === who.userId).length;

    // The sender's side: a question about what Helen sent names Lily, whose record is the decision's.
    const [lily] = await db
      .select({ id: disclosures.id, subjectId: shareDecisions.subjectId })
      .from(disclosures)
      .innerJoin(shareDecisions, eq(shareDecisions.id, disclosures.decisionId))
      .where(eq(disclosures.senderOrganisationId, people.helen.organisationId));
    assert.ok(lily);
    await askSender(db, people.joanna, lily.id, { question: "Is Lily's health visitor still Helen?" });
    const before = await seenOnHomePage(people.sean, lily.subjectId, people.helen);
    await work(people.helen);
    assert.equal(await seenOnHomePage(people.sean, lily.subjectId, people.helen), before + 1);
  });
});

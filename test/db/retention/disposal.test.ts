import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { and, eq, sql } from "drizzle-orm";
import type { App } from "../../../src/app/build-app";
import { chronologyEntries, recordItems, subjects } from "../../../src/features/records/schema";
import { anonymisedRecords, legalHolds } from "../../../src/features/retention/schema";
import { auditEvents } from "../../../src/platform/db/schema";
import { testApp } from "../../support/app";
import { describeEachDatabase } from "../../support/databases";
import { newOrganisation, newUser } from "../../support/factories";
import type { TestClient } from "../../support/http-client";
import { signedInAs } from "../../support/sign-in";

type QueueGroup = {
  rule: { category: string };
  total: number;
  files: { subjectId: string; reference: string; name: string; dueOn: string; heldBy: { name: string }[] }[];
};

describeEachDatabase("retention: the review queue, keeping at review, and disposal by two people with a certificate", (ctx) => {
  let app: App;
  let practitioner: TestClient;
  let ig: TestClient;
  let secondIg: TestClient;
  let otherIg: TestClient;
  let schoolId: string;
  let schoolIgUserId: string;

  const source = { name: "Designated safeguarding lead", method: "OBSERVED", obtainedOn: "2012-06-01" };
  const person = async (givenNames: string, kind: string, dateOfBirth?: string) => {
    const res = await practitioner.api("POST", "/api/v1/subjects", {
      kind,
      givenNames,
      familyName: "Okonkwo-Baptiste",
      ...(dateOfBirth ? { dateOfBirth } : {}),
    });
    assert.equal(res.statusCode, 201, res.body);
    return res.json().id as string;
  };
  const item = async (subjectId: string, text: string, eventDate: string) => {
    const res = await practitioner.api("POST", `/api/v1/subjects/${subjectId}/items`, {
      category: "education",
      kind: "FACT",
      text,
      eventDate,
      source: { ...source, obtainedOn: eventDate },
    });
    assert.equal(res.statusCode, 201, res.body);
  };
  const queue = async (client = ig) => {
    const res = await client.api("GET", "/api/v1/retention/review-queue");
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as { endsOn: string; groups: QueueGroup[] };
  };
  const dueIds = async (category: string) =>
    (await queue()).groups.find((g) => g.rule.category === category)?.files.map((f) => f.subjectId) ?? [];
  const propose = (subjectIds: string[], action = "DESTROY", category = "SCHOOL_CHILD_PROTECTION_FILE", client = ig) =>
    client.api("POST", "/api/v1/retention/disposals", {
      category,
      action,
      reason: "Past the end of its retention period; no reason to keep it",
      subjectIds,
    });
  const hold = async (name: string, subjectIds: string[]) => {
    const [row] = await ctx.database.db
      .insert(legalHolds)
      .values({
        organisationId: schoolId,
        scope: "SUBJECTS",
        name,
        instruction: "Keep everything about these people",
        subjectIds,
        setByUserId: schoolIgUserId,
      })
      .returning();
    return row!.id;
  };
  const lift = (id: string) =>
    ctx.database.db.update(legalHolds).set({ liftedAt: new Date(), liftReason: "Inquiry closed" }).where(eq(legalHolds.id, id));

  let grownUp: string;
  let young: string;
  let parent: string;
  let kept: string;
  let held: string;

  before(async () => {
    app = await testApp(ctx.database);
    const db = ctx.database.db;
    const school = await newOrganisation(db, { name: "Northbrook Primary" });
    schoolId = school.id;
    const other = await newOrganisation(db, { name: "Westshire Academy" });
    practitioner = await signedInAs(app, db, await newUser(db, school, ["practitioner"]));
    const igUser = await newUser(db, school, ["ig_lead"], { name: "Priya Raman" });
    schoolIgUserId = igUser.user.id;
    ig = await signedInAs(app, db, igUser);
    secondIg = await signedInAs(app, db, await newUser(db, school, ["ig_lead"], { name: "Tomasz Wójcik" }));
    otherIg = await signedInAs(app, db, await newUser(db, other, ["ig_lead"]));
    // Born in 2000: the school's child protection file reached date of birth + 25 years in 2025.
    grownUp = await person("Chidera", "CHILD", "2000-03-14");
    await item(grownUp, "Chidera told her teacher about bruising on her arm.", "2010-05-04");
    await item(grownUp, "Chidera's attendance fell to 71 per cent.", "2011-01-20");
    young = await person("Ifeoma", "CHILD", "2016-09-01");
    await item(young, "Ifeoma was collected by an unknown adult.", "2025-02-03");
    parent = await person("Adaeze", "PARENT_CARER");
    await item(parent, "Adaeze came to the school office upset.", "2012-05-01");
    kept = await person("Kelechi", "CHILD", "1999-07-07");
    held = await person("Nnamdi", "CHILD", "1998-11-30");
  });
  after(() => app.close());

  test("the queue lists each file due by the end of this month under its rule, with its due date, and reading it is audited", async () => {
    const { groups } = await queue();
    const school = groups.find((g) => g.rule.category === "SCHOOL_CHILD_PROTECTION_FILE");
    const adults = groups.find((g) => g.rule.category === "ADULT_RECORD");
    assert.deepEqual(school?.files.map((f) => f.subjectId).sort(), [grownUp, kept, held].sort());
    assert.equal(school?.files.find((f) => f.subjectId === grownUp)?.dueOn, "2025-03-14");
    assert.match(school?.files[0]?.reference ?? "", /^F-[0-9A-F]{8}$/);
    assert.ok(!school?.files.some((f) => f.subjectId === young), "a child born in 2016 is not due");
    assert.deepEqual(
      adults?.files.map((f) => f.subjectId),
      [parent],
      "an adult whose last entry was in 2012 is due 6 years on",
    );
    const [read] = await ctx.database.db
      .select({ body: auditEvents.body })
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.type, "personal_data.viewed"),
          sql`${auditEvents.body}::jsonb->'details'->>'view' = 'api:retention-review-queue'`,
        ),
      );
    assert.ok((JSON.parse(read?.body ?? "{}").details.subjectIds as string[]).includes(grownUp));
  });

  test("keeping a file at review needs a reason, and takes it out of the queue until then", async () => {
    const missing = await ig.api("POST", `/api/v1/retention/review-queue/${kept}/keep`, { months: 12, reason: " " });
    assert.equal(missing.statusCode, 400);
    assert.equal(missing.json().errors[0].path, "/reason");
    const res = await ig.api("POST", `/api/v1/retention/review-queue/${kept}/keep`, {
      months: 24,
      reason: "Sibling's care proceedings are still open",
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.ok(!(await dueIds("SCHOOL_CHILD_PROTECTION_FILE")).includes(kept));
  });

  test("only files due under the rule can be proposed: one not due, or another organisation's, is refused at its path", async () => {
    const res = await propose([grownUp, young, randomUUID()]);
    assert.equal(res.statusCode, 400, res.body);
    assert.deepEqual(
      res.json().errors.map((e: { path: string }) => e.path),
      ["/subjectIds/1", "/subjectIds/2"],
    );
    const elsewhere = await propose([grownUp], "DESTROY", "SCHOOL_CHILD_PROTECTION_FILE", otherIg);
    assert.equal(elsewhere.statusCode, 400, "another organisation's IG lead cannot propose this school's file");
  });

  test("a file under a legal hold cannot be proposed: 409 naming the hold", async () => {
    const holdId = await hold("IICSA retention instruction", [held]);
    const res = await propose([held]);
    assert.equal(res.statusCode, 409, res.body);
    assert.match(res.json().detail, /“IICSA retention instruction”/);
    assert.equal(res.json().rules[0].code, "RET-HOLD");
    const shown = (await queue()).groups[0]?.files.find((f) => f.subjectId === held);
    assert.deepEqual(
      shown?.heldBy.map((h) => h.name),
      ["IICSA retention instruction"],
      "the queue says which hold covers it",
    );
    await lift(holdId);
  });

  describe("a proposed batch", () => {
    let batchId: string;
    before(async () => {
      const res = await propose([grownUp, held]);
      assert.equal(res.statusCode, 201, res.body);
      batchId = res.json().id;
      assert.equal(res.headers.location, `/api/v1/retention/disposals/${batchId}`);
      assert.deepEqual(
        res
          .json()
          .fileList.map((f: { name: string }) => f.name)
          .sort(),
        ["Chidera Okonkwo-Baptiste", "Nnamdi Okonkwo-Baptiste"],
      );
    });

    test("waits in the other IG lead's work, not its proposer's, beside the records still due for review", async () => {
      const reference = (await ig.api("GET", `/api/v1/retention/disposals/${batchId}`)).json().reference as string;
      const mine = (await ig.get("/")).body;
      const theirs = (await secondIg.get("/")).body;
      assert.match(theirs, new RegExp(`Disposal batch ${reference} is waiting for a second IG lead to approve it`));
      assert.doesNotMatch(mine, /is waiting for a second IG lead/);
      assert.match(mine, /\d+ records? (is|are) due for retention review this month/);
      assert.doesNotMatch((await practitioner.get("/")).body, /retention review/, "a practitioner has no retention work");
    });

    test("is not approved by the person who proposed it (RET-SECOND-PERSON)", async () => {
      const res = await ig.api("POST", `/api/v1/retention/disposals/${batchId}/approval`);
      assert.equal(res.statusCode, 409, res.body);
      assert.equal(res.json().rules[0].code, "RET-SECOND-PERSON");
    });

    test("is not seen, approved or cancelled by another organisation", async () => {
      assert.equal((await otherIg.api("GET", `/api/v1/retention/disposals/${batchId}`)).statusCode, 404);
      assert.equal((await otherIg.api("POST", `/api/v1/retention/disposals/${batchId}/approval`)).statusCode, 404);
      assert.equal((await otherIg.api("POST", `/api/v1/retention/disposals/${batchId}/cancellation`)).statusCode, 404);
      assert.equal(
        (await otherIg.api("POST", `/api/v1/retention/review-queue/${grownUp}/keep`, { months: 1, reason: "x" })).statusCode,
        404,
      );
      assert.equal((await otherIg.api("GET", "/api/v1/retention/disposals")).json().total, 0);
      assert.deepEqual(
        (await queue(otherIg)).groups.flatMap((g) => g.files),
        [],
      );
    });

    test("is stopped by a hold set after it was proposed, naming the hold, and the attempt is audited", async () => {
      const holdId = await hold("Child safeguarding practice review 2026/3", [held]);
      const res = await secondIg.api("POST", `/api/v1/retention/disposals/${batchId}/approval`);
      assert.equal(res.statusCode, 409, res.body);
      assert.match(res.json().detail, /“Child safeguarding practice review 2026\/3”/);
      const [text] = await ctx.database.db.select({ text: recordItems.text }).from(recordItems).where(eq(recordItems.subjectId, grownUp));
      assert.notEqual(text?.text, "[erased]", "nothing was removed");
      const blocked = await ctx.database.db.select().from(auditEvents).where(eq(auditEvents.type, "retention.disposal_blocked"));
      assert.equal(blocked.length, 1);
      await lift(holdId);
    });

    test("approved by a second IG lead, removes the personal data, leaves a tombstone and a certificate with none in it", async () => {
      const res = await secondIg.api("POST", `/api/v1/retention/disposals/${batchId}/approval`);
      assert.equal(res.statusCode, 200, res.body);
      const { certificate, certificateHash } = res.json();
      assert.equal(certificate.files, 2);
      assert.equal(certificate.items, 2);
      assert.equal(certificate.entriesFrom, "2010-05-04");
      assert.equal(certificate.entriesTo, "2011-01-20");
      assert.deepEqual(certificate.itemCategories, { education: 2 });
      assert.equal(certificate.proposedBy, "Priya Raman");
      assert.equal(certificate.approvedBy, "Tomasz Wójcik");
      assert.match(certificate.rule.source, /IRMS/);
      const written = JSON.stringify(certificate);
      for (const personal of ["Chidera", "Nnamdi", "Okonkwo", "bruising", "2000-03-14"])
        assert.ok(!written.includes(personal), `no "${personal}" in the certificate`);

      const db = ctx.database.db;
      const [tombstone] = await db.select().from(subjects).where(eq(subjects.id, grownUp));
      assert.equal(`${tombstone?.givenNames} ${tombstone?.familyName}`, `Disposed record F-${grownUp.slice(0, 8).toUpperCase()}`);
      assert.equal(tombstone?.dateOfBirth, null);
      assert.ok(tombstone?.disposedAt);
      const texts = await db.select({ text: recordItems.text }).from(recordItems).where(eq(recordItems.subjectId, grownUp));
      assert.deepEqual(
        texts.map((t) => t.text),
        ["[erased]", "[erased]"],
      );
      assert.equal((await db.select().from(chronologyEntries).where(eq(chronologyEntries.subjectId, grownUp))).length, 0);
      const [executed] = await db.select().from(auditEvents).where(eq(auditEvents.type, "retention.disposal_executed"));
      assert.equal(JSON.parse(executed?.body ?? "{}").details.certificateHash, certificateHash);
      assert.ok(!JSON.stringify(executed).includes("Chidera"), "the audit log keeps ids and the hash, never the words");
      assert.ok(!(await dueIds("SCHOOL_CHILD_PROTECTION_FILE")).includes(grownUp), "a disposed file leaves the queue");
    });

    test("approving it again changes nothing and answers with the same certificate", async () => {
      const before = await ctx.database.db.select({ n: sql<number>`count(*)::int` }).from(auditEvents);
      const again = await secondIg.api("POST", `/api/v1/retention/disposals/${batchId}/approval`);
      assert.equal(again.statusCode, 200, again.body);
      const first = await secondIg.api("GET", `/api/v1/retention/disposals/${batchId}`);
      assert.equal(again.json().certificateHash, first.json().certificateHash);
      assert.equal(first.json().status, "EXECUTED");
      const afterwards = await ctx.database.db.select({ n: sql<number>`count(*)::int` }).from(auditEvents);
      assert.equal(afterwards[0]?.n, before[0]?.n, "nothing was recorded: no change, and a carried-out batch names no one");
    });
  });

  test("anonymising leaves a row for statistics: category, years and counts", async () => {
    const res = await propose([parent], "ANONYMISE", "ADULT_RECORD");
    assert.equal(res.statusCode, 201, res.body);
    const done = await secondIg.api("POST", `/api/v1/retention/disposals/${res.json().id}/approval`);
    assert.equal(done.statusCode, 200, done.body);
    const rows = await ctx.database.db.select().from(anonymisedRecords).where(eq(anonymisedRecords.batchId, res.json().id));
    assert.equal(rows.length, 1);
    assert.deepEqual([rows[0]?.category, rows[0]?.firstYear, rows[0]?.lastYear, rows[0]?.items], ["ADULT_RECORD", 2012, 2012, 1]);
    const counted = await ig.api("GET", "/api/v1/retention/statistics");
    assert.equal(counted.statusCode, 200, counted.body);
    assert.deepEqual(
      counted
        .json()
        .items.map((c: { organisation: string; category: string; files: number; items: number }) => [
          c.organisation,
          c.category,
          c.files,
          c.items,
        ]),
      [["Northbrook Primary", "ADULT_RECORD", 1, 1]],
      "partnership statistics still count it",
    );
    assert.equal(
      (await otherIg.api("GET", "/api/v1/retention/statistics")).json().total,
      0,
      "another organisation's IG lead sees only its own",
    );
    assert.equal((await practitioner.api("GET", "/api/v1/retention/statistics")).statusCode, 403);
  });
});

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { format, subYears } from "date-fns";
import { and, eq, sql } from "drizzle-orm";
import type { App } from "../../../src/app/build-app";
import { legalHolds, retentionKeeps } from "../../../src/features/retention/schema";
import { disclosures } from "../../../src/features/sharing/schema";
import { ukDate } from "../../../src/platform/dates/calendar";
import { auditEvents } from "../../../src/platform/db/schema";
import { testApp } from "../../support/app";
import { describeEachDatabase } from "../../support/databases";
import { newOrganisation, newUser } from "../../support/factories";
import type { TestClient } from "../../support/http-client";
import { pageText as words } from "../../support/page-text";
import { sharedCopy } from "../../support/shared-copy";
import { signedInAs } from "../../support/sign-in";

/**
 * Copies of shared information on the retention review pages (issue 21): the recipient's IG leads see
 * the copies due in a section of their own, in words; keep one for longer; propose them through the
 * check page; a second IG lead approves; the batch's page lists them while proposed and the certificate
 * counts them without naming anyone; the sender sees the date its copy was disposed of. No other
 * organisation sees them, the sender included.
 */
describeEachDatabase("retention review pages: copies of information other organisations shared", (ctx) => {
  let app: App;
  let shared: Awaited<ReturnType<typeof sharedCopy>>;
  let otherIg: TestClient;
  let disclosureId: string;
  let reference: string;
  let batchId: string;

  const PERSONAL = ["Tomasz", "Lewandowski-Reid", "eleven days", "2 April 2015"];

  before(async () => {
    app = await testApp(ctx.database);
    const db = ctx.database.db;
    shared = await sharedCopy(app, db);
    disclosureId = shared.disclosureId;
    reference = `C-${disclosureId.slice(0, 8).toUpperCase()}`;
    const police = await newOrganisation(db, { name: "Westshire Police", type: "police" });
    otherIg = await signedInAs(app, db, await newUser(db, police, ["ig_lead"]));
  });
  after(() => app.close());

  test("a copy the agreement set no term for is due by the schedule, from the day it was received", async () => {
    // Received seven years ago under an agreement with no term for it: the council's rule, 6 years from receipt.
    await ctx.database.query("ALTER TABLE disclosure DISABLE TRIGGER disclosure_snapshot_frozen");
    const received = subYears(new Date(), 7);
    await ctx.database.db.update(disclosures).set({ sentAt: received, retainUntil: null }).where(eq(disclosures.id, disclosureId));
    await ctx.database.query("ALTER TABLE disclosure ENABLE TRIGGER disclosure_snapshot_frozen");
    const page = words((await shared.councilIg.get("/retention/review")).body);
    assert.match(page, /Copies of information other organisations shared 1 copy/);
    assert.match(
      page,
      new RegExp(
        `${reference} Tomasz Lewandowski-Reid Northbrook Primary ${ukDate(format(received, "yyyy-MM-dd"))} \\d+ \\w+ \\d{4}, by your schedule Overdue`,
      ),
    );
    assert.match(page, /Where the agreement sets none, your schedule's rule applies: it runs from the date it was received, kept 6 years/);
  });

  test("the queue shows a copy past its agreement's term in its own section, in words, to choose or keep", async () => {
    await ctx.database.db.update(disclosures).set({ retainUntil: "2025-06-30" }).where(eq(disclosures.id, disclosureId));
    const res = await shared.councilIg.get("/retention/review");
    assert.equal(res.statusCode, 200, res.body);
    const page = words(res.body);
    assert.match(
      page,
      new RegExp(`${reference} Tomasz Lewandowski-Reid Northbrook Primary \\d+ \\w+ \\d{4} 30 June 2025, by the agreement Overdue`),
    );
    assert.match(res.body, new RegExp(`name="disclosureIds" type="checkbox" value="${disclosureId}"`));
    assert.match(res.body, new RegExp(`href="/retention/review/${disclosureId}/keep"`));
    assert.match(page, /Select the copy about Tomasz Lewandowski-Reid from Northbrook Primary/);
    assert.doesNotMatch(page, /DISCLOSED_COPY|DISCLOSURE_RECEIPT|\d{4}-\d{2}-\d{2}/, "no enum names or ISO dates to read");
    assert.doesNotMatch(page, new RegExp(disclosureId), "no raw ids to read");
  });

  test("no other organisation sees the copy, its sender included, nor may keep or propose it", async () => {
    for (const client of [shared.schoolIg, otherIg]) {
      const queue = await client.get("/retention/review");
      assert.equal(queue.statusCode, 200);
      assert.doesNotMatch(queue.body, /Lewandowski-Reid/);
      assert.equal((await client.get(`/retention/review/${disclosureId}/keep`)).statusCode, 404);
      assert.equal((await client.post(`/retention/review/${disclosureId}/keep`, { months: "12", reason: "x" })).statusCode, 404);
      const proposing = await client.post("/retention/disposals", {
        category: "DISCLOSED_COPY",
        disclosureIds: [disclosureId],
        action: "DESTROY",
        reason: "x",
      });
      assert.equal(proposing.statusCode, 400, "another organisation's copy cannot be proposed");
      assert.doesNotMatch(proposing.body, /Lewandowski-Reid/);
    }
    assert.equal((await shared.councilLead.get(`/retention/review/${disclosureId}/keep`)).statusCode, 403);
    const denied = await ctx.database.db
      .select({ body: auditEvents.body })
      .from(auditEvents)
      .where(
        and(eq(auditEvents.type, "access.denied"), sql`${auditEvents.body}::jsonb->'details'->>'route' = '/retention/review/:id/keep'`),
      );
    assert.ok(
      denied.some((d) => JSON.stringify(d.body).includes(disclosureId) && JSON.stringify(d.body).includes("out_of_scope")),
      "an attempt on another organisation's copy is recorded",
    );
  });

  test("a copy under a legal hold is shown held and cannot be chosen", async () => {
    const [hold] = await ctx.database.db
      .insert(legalHolds)
      .values({
        organisationId: shared.council.id,
        scope: "CATEGORIES",
        name: "Child safeguarding practice review",
        instruction: "Keep what was shared about the family",
        categories: ["DISCLOSED_COPY"],
        setByUserId: shared.councilIgUserId,
      })
      .returning();
    const res = await shared.councilIg.get("/retention/review");
    assert.match(words(res.body), /Under legal hold “Child safeguarding practice review” Keep/);
    assert.doesNotMatch(res.body, new RegExp(`name="disclosureIds" type="checkbox" value="${disclosureId}"`));
    await ctx.database.db
      .update(legalHolds)
      .set({ liftedAt: new Date(), liftReason: "Review published" })
      .where(eq(legalHolds.id, hold!.id));
  });

  test("keeping a copy for longer keeps what was typed on error, then takes it out of the queue until then", async () => {
    const form = await shared.councilIg.get(`/retention/review/${disclosureId}/keep`);
    assert.equal(form.statusCode, 200);
    const page = words(form.body);
    assert.match(page, /Keep the copy about Tomasz Lewandowski-Reid for longer/);
    assert.match(page, new RegExp(`Copy ${reference} from Northbrook Primary, received \\d+ \\w+ \\d{4}`));
    assert.match(page, /Keep the copy/);
    const refused = await shared.councilIg.post(`/retention/review/${disclosureId}/keep`, {
      months: "",
      reason: "The assessment is still open",
    });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /href="#months"/);
    assert.match(refused.body, /The assessment is still open/);
    const kept = await shared.councilIg.post(`/retention/review/${disclosureId}/keep`, {
      months: "6",
      reason: "The assessment is still open",
    });
    assert.equal(kept.statusCode, 303);
    assert.equal(kept.headers.location, "/retention/review?outcome=kept-copy");
    const queue = words((await shared.councilIg.get("/retention/review?outcome=kept-copy")).body);
    assert.match(queue, /Copy kept for longer/);
    assert.doesNotMatch(queue, /Lewandowski-Reid/);
    // Back in the queue for the rest of these tests, as if the six months had passed.
    await ctx.database.db.delete(retentionKeeps).where(eq(retentionKeeps.disclosureId, disclosureId));
  });

  test("proposing needs a copy chosen, and the check page keeps the choice and the reason on error", async () => {
    const none = await shared.councilIg.post("/retention/review/propose", { category: "DISCLOSED_COPY" });
    assert.equal(none.statusCode, 400);
    assert.match(words(none.body), /Select at least one copy to propose for disposal/);
    assert.match(none.body, /href="#disclosed-copy-files"/);

    const check = await shared.councilIg.post("/retention/review/propose", { category: "DISCLOSED_COPY", disclosureIds: [disclosureId] });
    assert.equal(check.statusCode, 200);
    const page = words(check.body);
    assert.match(page, /Check the copies you are proposing for disposal/);
    assert.match(page, /Retention rule Copies of information other organisations shared/);
    assert.match(page, /Copies 1 copy/);
    assert.match(page, new RegExp(`Copy references ${reference}`));
    assert.match(page, /What happens to them Destroyed/);
    assert.match(page, /Why are these copies no longer needed\?/);
    assert.doesNotMatch(check.body, /type="radio"/, "a copy leaves no row for statistics: it is destroyed");

    const missing = await shared.councilIg.post("/retention/disposals", {
      category: "DISCLOSED_COPY",
      disclosureIds: [disclosureId],
      action: "DESTROY",
      reason: "",
    });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /href="#reason"/);
    assert.match(words(missing.body), /Enter why these records are no longer needed/);
    assert.match(missing.body, new RegExp(`name="disclosureIds" value="${disclosureId}"`));

    const res = await shared.councilIg.post("/retention/disposals", {
      category: "DISCLOSED_COPY",
      disclosureIds: [disclosureId],
      action: "DESTROY",
      reason: "The assessment is complete and the agreement's term has passed",
    });
    assert.equal(res.statusCode, 303, res.body);
    const location = res.headers.location as string;
    assert.match(location, /^\/retention\/disposals\/[0-9a-f-]{36}\?outcome=proposed$/);
    batchId = location.slice("/retention/disposals/".length, location.indexOf("?"));
  });

  test("the proposed batch lists its copies by reference and name; the queue says it is proposed; no other organisation opens it", async () => {
    const mine = words((await shared.councilIg.get(`/retention/disposals/${batchId}?outcome=proposed`)).body);
    assert.match(mine, /Disposal proposed/);
    assert.match(mine, /Copies 1 copy/);
    assert.match(mine, new RegExp(`The copies Copy About ${reference} Tomasz Lewandowski-Reid`));
    const theirs = words((await shared.secondCouncilIg.get(`/retention/disposals/${batchId}`)).body);
    assert.match(theirs, /Approving disposes of these copies now/);
    const list = words((await shared.councilIg.get("/retention/disposals")).body);
    assert.match(list, /D-\d+ Copy of information another organisation shared 1 copy Waiting for approval Amara Osei/);
    const queue = await shared.councilIg.get("/retention/review");
    assert.match(words(queue.body), new RegExp(`${reference} .*Proposed in disposal batch D-\\d+`));
    assert.doesNotMatch(queue.body, new RegExp(`name="disclosureIds" type="checkbox" value="${disclosureId}"`));
    for (const client of [shared.schoolIg, otherIg]) {
      assert.equal((await client.get(`/retention/disposals/${batchId}`)).statusCode, 404);
      assert.equal((await client.post(`/retention/disposals/${batchId}/approve`, {})).statusCode, 404);
    }
  });

  test("a second IG lead approves it: the certificate counts the copy and names no one, and the sender sees the date", async () => {
    const res = await shared.secondCouncilIg.post(`/retention/disposals/${batchId}/approve`, {});
    assert.equal(res.statusCode, 303, res.body);
    const page = words((await shared.secondCouncilIg.get(`/retention/disposals/${batchId}?outcome=disposed`)).body);
    assert.match(page, /Copies disposed of/);
    assert.doesNotMatch(page, /Files disposed of/);
    for (const personal of PERSONAL) assert.ok(!page.includes(personal), `no "${personal}" on the batch's page once disposed`);

    const certificate = words((await shared.secondCouncilIg.get(`/retention/disposals/${batchId}/certificate`)).body);
    assert.match(certificate, /Westshire Children's Services disposed of 1 copy of information other organisations shared with it/);
    assert.match(certificate, /What the copies held Copies of other organisations' information 1 copy Items 1 item/);
    assert.match(certificate, /Education: 1 item/);
    assert.match(certificate, /Destroyed: the personal data was removed/);
    assert.match(certificate, new RegExp(`Copy references ${reference}`));
    assert.doesNotMatch(certificate, /0 files|Chronology entries|File references/);
    for (const personal of PERSONAL) assert.ok(!certificate.includes(personal), `no "${personal}" on the certificate`);

    const pdf = await shared.secondCouncilIg.get(`/retention/disposals/${batchId}/certificate.pdf`);
    assert.equal(pdf.statusCode, 200);
    const { PDFParse } = await import("pdf-parse");
    const parser = new PDFParse({ data: pdf.rawPayload });
    const pdfText = (await parser.getText()).text.replace(/\s+/g, " ");
    await parser.destroy();
    assert.match(pdfText, /Copy references/);
    for (const personal of PERSONAL) assert.ok(!pdfText.includes(personal), `no "${personal}" in the PDF`);

    const decision = words((await shared.practitioner.get(`/share-decisions/${shared.decisionId}`)).body);
    assert.match(decision, new RegExp(`Recipient disposed of its copy on ${ukDate(new Date())}`));
    assert.doesNotMatch(decision, /Recipient keeps its copy until/);
    assert.doesNotMatch(words((await shared.councilIg.get("/retention/review")).body), new RegExp(reference));
  });
});

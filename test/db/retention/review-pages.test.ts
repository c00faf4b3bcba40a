import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { and, eq, sql } from "drizzle-orm";
import type { App } from "../../../src/app/build-app";
import { legalHolds } from "../../../src/features/retention/schema";
import { auditEvents } from "../../../src/platform/db/schema";
import { testApp } from "../../support/app";
import { describeEachDatabase } from "../../support/databases";
import { newOrganisation, newUser } from "../../support/factories";
import type { TestClient } from "../../support/http-client";
import { pageText as words } from "../../support/page-text";
import { signedInAs } from "../../support/sign-in";
import { assertTaggedDocument } from "../../support/tagged-pdf";

/**
 * The retention review pages (issue 21): the review queue, keeping a file for longer, proposing files
 * for disposal through a check page, a second IG lead approving, and the certificate as a page and a
 * tagged PDF without personal data. Only IG leads (403 for others), and never another organisation's
 * (404 on every route).
 */
describeEachDatabase("retention review pages", (ctx) => {
  let app: App;
  let practitioner: TestClient;
  let ig: TestClient;
  let secondIg: TestClient;
  let otherIg: TestClient;
  let schoolId: string;
  let igUserId: string;
  let leah: string;
  let callum: string;
  let ruby: string;
  let batchId: string;

  const source = { name: "Designated safeguarding lead", method: "OBSERVED" };
  const person = async (givenNames: string, familyName: string, dateOfBirth: string) => {
    const res = await practitioner.api("POST", "/api/v1/subjects", { kind: "CHILD", givenNames, familyName, dateOfBirth });
    assert.equal(res.statusCode, 201, res.body);
    return res.json().id as string;
  };
  const item = async (subjectId: string, text: string, eventDate: string, category = "education") => {
    const res = await practitioner.api("POST", `/api/v1/subjects/${subjectId}/items`, {
      category,
      kind: "FACT",
      text,
      eventDate,
      source: { ...source, obtainedOn: eventDate },
    });
    assert.equal(res.statusCode, 201, res.body);
  };
  const ref = (id: string) => `F-${id.slice(0, 8).toUpperCase()}`;
  const PERSONAL = ["Leah", "Callum", "Ruby", "Ashworth-Kamara", "bruising", "2000-03-14", "14 March 2000"];

  before(async () => {
    app = await testApp(ctx.database);
    const db = ctx.database.db;
    const school = await newOrganisation(db, { name: "Northbrook Primary" });
    schoolId = school.id;
    const other = await newOrganisation(db, { name: "Westshire Academy" });
    practitioner = await signedInAs(app, db, await newUser(db, school, ["practitioner"]));
    const first = await newUser(db, school, ["ig_lead"], { name: "Olusegun Adebayo" });
    igUserId = first.user.id;
    ig = await signedInAs(app, db, first);
    secondIg = await signedInAs(app, db, await newUser(db, school, ["ig_lead"], { name: "Catrin Lloyd" }));
    otherIg = await signedInAs(app, db, await newUser(db, other, ["ig_lead"]));
    // Born in 2000 and 1999: the school's child protection files reached date of birth + 25 years.
    leah = await person("Leah", "Ashworth-Kamara", "2000-03-14");
    await item(leah, "Leah told her teacher about bruising on her arm.", "2010-05-04");
    await item(leah, "Leah's attendance fell to 71 per cent.", "2011-01-20", "family_circumstances");
    callum = await person("Callum", "Ashworth-Kamara", "1999-10-02");
    await item(callum, "Callum was collected by an unknown adult.", "2009-11-12");
    ruby = await person("Ruby", "Ashworth-Kamara", "1998-06-18");
  });
  after(() => app.close());

  test("the queue shows each due file under its rule in plain English, and the navigation leads IG leads to it", async () => {
    const res = await ig.get("/retention/review");
    assert.equal(res.statusCode, 200, res.body);
    const page = words(res.body);
    assert.match(page, /Due for review by the end of [A-Z][a-z]+ \d{4}/);
    assert.match(page, /Child protection file \(school\) 3 files/);
    assert.match(page, /Runs from the child's date of birth, kept 25 years, then reviewed/);
    assert.match(page, /IRMS Information Management Toolkit for Schools/);
    assert.match(page, new RegExp(`${ref(leah)} Leah Ashworth-Kamara 14 March 2025 Overdue`));
    assert.match(res.body, new RegExp(`href="/retention/review/${leah}/keep"`));
    assert.match(res.body, new RegExp(`name="subjectIds" type="checkbox" value="${leah}"`));
    assert.doesNotMatch(page, /SCHOOL_CHILD_PROTECTION_FILE|DATE_OF_BIRTH|\d{4}-\d{2}-\d{2}/, "no enum names or ISO dates to read");
    assert.match(res.body, /<a [^>]*href="\/retention"[^>]*aria-current="(page|true)"/, "the service navigation's Retention is current");
    const [read] = await ctx.database.db
      .select({ body: auditEvents.body })
      .from(auditEvents)
      .where(
        and(eq(auditEvents.type, "personal_data.viewed"), sql`${auditEvents.body}::jsonb->'details'->>'view' = 'web.retention.review'`),
      );
    assert.ok(read, "showing the names is an audited read");
    assert.doesNotMatch((await practitioner.get("/")).body, /href="\/retention"/, "a practitioner is not offered it");
  });

  test("another organisation's IG lead sees the empty queue and none of these files; others may not open it", async () => {
    const res = await otherIg.get("/retention/review");
    assert.equal(res.statusCode, 200);
    assert.match(words(res.body), /Nothing is due for review/);
    assert.doesNotMatch(res.body, /Ashworth-Kamara/);
    assert.equal((await practitioner.get("/retention/review")).statusCode, 403);
    assert.equal((await practitioner.get("/retention/disposals")).statusCode, 403);
  });

  test("keeping a file for longer keeps what was typed on error, then takes it out of the queue", async () => {
    const form = await ig.get(`/retention/review/${ruby}/keep`);
    assert.equal(form.statusCode, 200);
    assert.match(words(form.body), /Keep Ruby Ashworth-Kamara's file for longer/);
    const refused = await ig.post(`/retention/review/${ruby}/keep`, {
      months: "",
      reason: "Her brother's care proceedings are still open",
    });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /govuk-error-summary/);
    assert.match(refused.body, /href="#months"/);
    assert.match(refused.body, /Her brother&#39;s care proceedings are still open/);
    const kept = await ig.post(`/retention/review/${ruby}/keep`, { months: "24", reason: "Her brother's care proceedings are still open" });
    assert.equal(kept.statusCode, 303);
    assert.equal(kept.headers.location, "/retention/review?outcome=kept");
    assert.doesNotMatch((await ig.get("/retention/review")).body, new RegExp(ruby));
  });

  test("keeping is not for another organisation (404) nor for someone who is not an IG lead (403)", async () => {
    assert.equal((await otherIg.get(`/retention/review/${leah}/keep`)).statusCode, 404);
    assert.equal((await otherIg.post(`/retention/review/${leah}/keep`, { months: "12", reason: "x" })).statusCode, 404);
    assert.equal((await practitioner.get(`/retention/review/${leah}/keep`)).statusCode, 403);
    assert.equal((await practitioner.post(`/retention/review/${leah}/keep`, { months: "12", reason: "x" })).statusCode, 403);
    const denied = await ctx.database.db
      .select({ body: auditEvents.body })
      .from(auditEvents)
      .where(and(eq(auditEvents.type, "access.denied"), sql`${auditEvents.body}::jsonb->'details'->>'reason' = 'out_of_scope'`));
    assert.ok(denied.length >= 1, "an attempt on another organisation's file is recorded");
  });

  test("proposing needs a file chosen, and the check page keeps the choice, the action and the reason on error", async () => {
    const none = await ig.post("/retention/review/propose", { category: "SCHOOL_CHILD_PROTECTION_FILE" });
    assert.equal(none.statusCode, 400);
    assert.match(words(none.body), /Select at least one file to propose for disposal/);
    assert.match(none.body, /href="#school-child-protection-file-files"/);

    const check = await ig.post("/retention/review/propose", { category: "SCHOOL_CHILD_PROTECTION_FILE", subjectIds: [leah, callum] });
    assert.equal(check.statusCode, 200);
    const page = words(check.body);
    assert.match(page, /Check the files you are proposing for disposal/);
    assert.match(page, /Child protection file \(school\)/);
    assert.match(page, /2 files/);
    assert.match(page, /Destroy .*Anonymise .*leaves a row for statistics/);
    const missing = await ig.post("/retention/disposals", {
      category: "SCHOOL_CHILD_PROTECTION_FILE",
      subjectIds: [leah, callum],
      reason: "Reviewed: no open proceedings",
    });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /href="#action"/);
    assert.match(missing.body, /Reviewed: no open proceedings/);
    assert.match(missing.body, new RegExp(`name="subjectIds" value="${callum}"`));
  });

  test("a file under a legal hold is refused on the check page, naming the hold, with the rule for IG leads", async () => {
    const [hold] = await ctx.database.db
      .insert(legalHolds)
      .values({
        organisationId: schoolId,
        scope: "SUBJECTS",
        name: "IICSA retention instruction",
        instruction: "Keep everything",
        subjectIds: [callum],
        setByUserId: igUserId,
      })
      .returning();
    const queue = words((await ig.get("/retention/review")).body);
    assert.match(queue, /Under legal hold “IICSA retention instruction”/);
    const res = await ig.post("/retention/disposals", {
      category: "SCHOOL_CHILD_PROTECTION_FILE",
      subjectIds: [leah, callum],
      action: "DESTROY",
      reason: "Reviewed: no open proceedings",
    });
    assert.equal(res.statusCode, 409);
    assert.match(words(res.body), /“IICSA retention instruction”/);
    assert.match(res.body, /data-details-for="ig"[\s\S]*RET-HOLD/);
    assert.match(res.body, /Reviewed: no open proceedings/);
    await ctx.database.db.update(legalHolds).set({ liftedAt: new Date(), liftReason: "Inquiry closed" }).where(eq(legalHolds.id, hold!.id));
  });

  describe("a proposed batch", () => {
    before(async () => {
      const res = await ig.post("/retention/disposals", {
        category: "SCHOOL_CHILD_PROTECTION_FILE",
        subjectIds: [leah, callum],
        action: "ANONYMISE",
        reason: "Reviewed: no open proceedings",
      });
      assert.equal(res.statusCode, 303, res.body);
      const location = res.headers.location as string;
      assert.match(location, /^\/retention\/disposals\/[0-9a-f-]{36}\?outcome=proposed$/);
      batchId = location.slice("/retention/disposals/".length, location.indexOf("?"));
    });

    test("its proposer is told another IG lead must approve it; a second IG lead is offered the approval with a warning", async () => {
      const mine = words((await ig.get(`/retention/disposals/${batchId}?outcome=proposed`)).body);
      assert.match(mine, /Disposal proposed/);
      assert.match(mine, /another IG lead in your organisation must approve it/);
      assert.doesNotMatch(mine, /Approve and dispose/);
      assert.match(mine, /Leah Ashworth-Kamara/);
      assert.match(mine, /Cancel this proposal/);
      const theirs = words((await secondIg.get(`/retention/disposals/${batchId}`)).body);
      assert.match(theirs, /Approve and dispose/);
      assert.match(theirs, /This cannot be undone/);
      assert.match(theirs, /Olusegun Adebayo/);
      assert.match(theirs, /Reviewed: no open proceedings/);
      const list = words((await ig.get("/retention/disposals")).body);
      assert.match(list, /D-\d+ Child protection file \(school\) 2 files Waiting for approval Olusegun Adebayo, \d+ \w+ \d{4} at/);
      const queue = words((await ig.get("/retention/review")).body);
      assert.match(queue, /Proposed in disposal batch D-\d+/);
    });

    test("approving it yourself is refused on the page, with the rule for IG leads; there is no certificate yet", async () => {
      const res = await ig.post(`/retention/disposals/${batchId}/approve`, {});
      assert.equal(res.statusCode, 409);
      assert.match(words(res.body), /You proposed this disposal, so another IG lead must approve it/);
      assert.match(res.body, /data-details-for="ig"[\s\S]*RET-SECOND-PERSON/);
      assert.equal((await ig.get(`/retention/disposals/${batchId}/certificate`)).statusCode, 404);
      assert.equal((await ig.get(`/retention/disposals/${batchId}/certificate.pdf`)).statusCode, 404);
    });

    test("another organisation's IG lead gets 404 on every route of it, and a practitioner 403", async () => {
      for (const url of ["", "/certificate", "/certificate.pdf"]) {
        assert.equal((await otherIg.get(`/retention/disposals/${batchId}${url}`)).statusCode, 404, url);
        assert.equal((await practitioner.get(`/retention/disposals/${batchId}${url}`)).statusCode, 403, url);
      }
      for (const action of ["approve", "cancel"]) {
        assert.equal((await otherIg.post(`/retention/disposals/${batchId}/${action}`, {})).statusCode, 404, action);
        assert.equal((await practitioner.post(`/retention/disposals/${batchId}/${action}`, {})).statusCode, 403, action);
      }
      assert.equal((await otherIg.get(`/api/v1/retention/disposals/${batchId}/certificate.pdf`)).statusCode, 404);
      const proposing = await otherIg.post("/retention/disposals", {
        category: "SCHOOL_CHILD_PROTECTION_FILE",
        subjectIds: [leah],
        action: "DESTROY",
        reason: "x",
      });
      assert.equal(proposing.statusCode, 400, "another organisation's file cannot be proposed");
      assert.doesNotMatch(proposing.body, /Ashworth-Kamara/);
      assert.equal(
        (await practitioner.post("/retention/review/propose", { category: "SCHOOL_CHILD_PROTECTION_FILE", subjectIds: [leah] })).statusCode,
        403,
      );
      assert.equal((await practitioner.post("/retention/disposals", { subjectIds: [leah] })).statusCode, 403);
      assert.doesNotMatch((await otherIg.get("/retention/disposals")).body, /D-\d+/, "nor is it in their list");
    });

    test("a second IG lead approves it: the page shows the certificate, a printable page and a tagged PDF, none with personal data", async () => {
      const res = await secondIg.post(`/retention/disposals/${batchId}/approve`, {});
      assert.equal(res.statusCode, 303, res.body);
      assert.equal(res.headers.location, `/retention/disposals/${batchId}?outcome=disposed`);
      const page = words((await secondIg.get(`/retention/disposals/${batchId}?outcome=disposed`)).body);
      assert.match(page, /Files disposed of/);
      assert.match(page, /Disposed of/);
      assert.match(page, /View the certificate to print/);
      assert.match(page, /Items 3 items/);
      for (const personal of PERSONAL) assert.ok(!page.includes(personal), `no "${personal}" on the batch's page once disposed`);

      const certificate = await secondIg.get(`/retention/disposals/${batchId}/certificate`);
      assert.equal(certificate.statusCode, 200);
      const text = words(certificate.body);
      assert.match(text, /Disposal certificate D-\d+/);
      assert.match(text, /Northbrook Primary/);
      assert.match(text, /IRMS Information Management Toolkit for Schools/);
      assert.match(text, /Anonymised: the personal data was removed and a row for statistics was kept/);
      assert.match(text, /Files 2 files/);
      assert.match(text, /Chronology entries \d+ entr/);
      assert.match(text, /Education: 2 items/);
      assert.match(text, /From 12 November 2009 to 20 January 2011/);
      assert.match(text, new RegExp(`${ref(leah)}|${ref(callum)}`));
      assert.match(text, /Proposed by Olusegun Adebayo/);
      assert.match(text, /Approved and carried out by Catrin Lloyd/);
      assert.match(text, /[0-9a-f]{64}/);
      for (const personal of PERSONAL) assert.ok(!text.includes(personal), `no "${personal}" on the certificate`);

      for (const [client, url] of [
        [secondIg, `/retention/disposals/${batchId}/certificate.pdf`],
        [ig, `/api/v1/retention/disposals/${batchId}/certificate.pdf`],
      ] as const) {
        const pdf = await client.get(url);
        assert.equal(pdf.statusCode, 200, url);
        assert.equal(pdf.headers["content-type"], "application/pdf");
        const tagged = assertTaggedDocument(pdf.rawPayload);
        assert.ok(tagged.structure.filter((s) => s === "H2").length >= 4, "each section is a heading");
        assert.ok(tagged.artifacts >= 1, "the footer is an artifact");
        const { PDFParse } = await import("pdf-parse");
        const parser = new PDFParse({ data: pdf.rawPayload });
        const pdfText = (await parser.getText()).text.replace(/\s+/g, " ");
        await parser.destroy();
        assert.match(pdfText, /Disposal certificate D-\d+/);
        assert.match(pdfText, /Approved and carried out by/);
        assert.match(pdfText, /Catrin Lloyd/);
        for (const personal of PERSONAL) assert.ok(!pdfText.includes(personal), `no "${personal}" in the PDF`);
        assert.doesNotMatch(pdfText, /\d{4}-\d{2}-\d{2}/, "dates in words");
      }
      assert.equal((await otherIg.get(`/retention/disposals/${batchId}/certificate`)).statusCode, 404);
      assert.equal((await otherIg.get(`/retention/disposals/${batchId}/certificate.pdf`)).statusCode, 404);
      const openapi = (await ig.get("/api/v1/openapi.json")).json();
      const operation = openapi.paths["/api/v1/retention/disposals/{id}/certificate.pdf"].get;
      assert.equal(operation.operationId, "getDisposalCertificatePdf");
      assert.deepEqual(Object.keys(operation.responses["200"].content), ["application/pdf"]);
    });
  });

  test("a proposal can be cancelled, and the file goes back to the queue", async () => {
    const due = await ig.api("GET", "/api/v1/retention/review-queue");
    const files = (due.json().groups as { rule: { category: string }; files: { subjectId: string }[] }[]).flatMap((g) => g.files);
    assert.equal(files.length, 0, "every file is kept or disposed of");
    const none = words((await ig.get("/retention/review")).body);
    assert.match(none, /Nothing is due for review/);

    const adult = await practitioner.api("POST", "/api/v1/subjects", { kind: "PARENT_CARER", givenNames: "Ade", familyName: "Kamara" });
    await item(adult.json().id, "Came to the office upset.", "2012-05-01");
    const proposed = await ig.post("/retention/disposals", {
      category: "ADULT_RECORD",
      subjectIds: [adult.json().id],
      action: "DESTROY",
      reason: "Six years since the last entry",
    });
    assert.equal(proposed.statusCode, 303, proposed.body);
    const id = (proposed.headers.location as string).split("/")[3]!.split("?")[0]!;
    const cancelled = await ig.post(`/retention/disposals/${id}/cancel`, {});
    assert.equal(cancelled.statusCode, 303);
    const page = words((await ig.get(`/retention/disposals/${id}?outcome=cancelled`)).body);
    assert.match(page, /Proposal cancelled/);
    assert.match(page, /This proposal was cancelled on \d+ \w+ \d{4}/);
    assert.doesNotMatch(page, /Approve and dispose|Cancel this proposal/);
    assert.match(words((await ig.get("/retention/review")).body), /Record about an adult 1 file/);
  });
});

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { and, count, eq } from "drizzle-orm";
import type { App } from "../../../src/app/build-app";
import type { Actor } from "../../../src/platform/auth/actor";
import { auditEvents } from "../../../src/platform/db/schema";
import { apiClientFor } from "../../support/api-client";
import { testApp } from "../../support/app";
import { auditEventsOfType } from "../../support/audit";
import { describeEachDatabase } from "../../support/databases";
import { newOrganisation, newUser } from "../../support/factories";
import type { TestClient } from "../../support/http-client";
import { pageText as words } from "../../support/page-text";
import { signedInAs } from "../../support/sign-in";
import { assertTaggedDocument } from "../../support/tagged-pdf";

const HOUR = 3_600_000;
const hoursAgo = (h: number) => new Date(Date.now() - h * HOUR).toISOString();
const CODES = /CONFIDENTIALITY|UNAUTHORISED_DISCLOSURE|SPECIAL_CATEGORY|\bCHILDREN\b|\bINITIAL\b|FOLLOW_UP|\d{4}-\d{2}-\d{2}/;

async function pdfText(pdf: Buffer): Promise<string> {
  const { PDFParse } = await import("pdf-parse");
  const parser = new PDFParse({ data: pdf });
  const text = (await parser.getText()).text.replace(/\s+/g, " ");
  await parser.destroy();
  return text;
}

/**
 * The ICO report pack (issue 22): the ICO's breach report form's fields for each kept report, from its
 * snapshot as reported, and a draft from the breach's facts now, as JSON, a page and a tagged PDF.
 * IG leads and auditors of the breach's organisation read it, each read recorded; no one else does.
 */
describeEachDatabase("the ICO report pack", (ctx) => {
  let app: App;
  let ig: TestClient;
  let igActor: Actor;
  let auditor: TestClient;
  let practitioner: TestClient;
  let otherIg: TestClient;
  let breachId: string;
  let reference: string;
  let reportId: string;
  let otherBreachId: string;

  const facts = {
    awareAt: hoursAgo(80),
    occurredAt: hoursAgo(90),
    howDiscovered: "The receiving school rang to say the email was not for them",
    whatHappened: "A child protection summary was emailed to the wrong school",
    types: ["CONFIDENTIALITY"],
    kinds: ["UNAUTHORISED_DISCLOSURE"],
    cyber: false,
    dataCategories: ["CHILDREN", "SPECIAL_CATEGORY"],
    approxPeople: 1,
    approxRecords: 3,
    consequences: "The family's new address could reach the father",
    physicalRisk: true,
    physicalRiskDetail: "The mother and child moved to escape him",
    measuresTaken: "The school confirmed deletion by phone",
    measuresProposed: "Address book autocomplete turned off",
  };

  const packReads = () => auditEventsOfType(ctx.database.db, "breach.ico_pack_read");
  const personalReads = async () =>
    (
      await ctx.database.db
        .select({ n: count() })
        .from(auditEvents)
        .where(and(eq(auditEvents.type, "personal_data.viewed")))
    )[0]!.n;

  before(async () => {
    app = await testApp(ctx.database);
    const db = ctx.database.db;
    const school = await newOrganisation(db, { name: "Northbrook Primary" });
    const other = await newOrganisation(db, { name: "Westshire Police", type: "police" });
    const igUser = await newUser(db, school, ["ig_lead"], { name: "Bernard Hale" });
    igActor = igUser.actor;
    ig = await signedInAs(app, db, igUser);
    auditor = await signedInAs(app, db, await newUser(db, school, ["auditor"]));
    practitioner = await signedInAs(app, db, await newUser(db, school, ["practitioner", "safeguarding_lead"]));
    otherIg = await signedInAs(app, db, await newUser(db, other, ["ig_lead"]));
    const childId = (
      await practitioner.api("POST", "/api/v1/subjects", {
        kind: "CHILD",
        givenNames: "Kai",
        familyName: "Okonkwo",
        dateOfBirth: "2014-05-01",
      })
    ).json().id;
    const res = await ig.api("POST", "/api/v1/breaches", { ...facts, subjectIds: [childId] });
    assert.equal(res.statusCode, 201, res.body);
    breachId = res.json().id;
    reference = res.json().reference;
    const reported = await ig.api("POST", `/api/v1/breaches/${breachId}/reports`, {
      phase: "INITIAL",
      reportedAt: hoursAgo(2),
      delayReasons: "The IG lead was away and the deputy had no access to the ICO's form",
      contact: "Bernard Hale, IG lead, 01632 960001",
    });
    assert.equal(reported.statusCode, 201, reported.body);
    reportId = reported.json().reports[0].id;
    const otherRes = await otherIg.api("POST", "/api/v1/breaches", { ...facts, subjectIds: [] });
    assert.equal(otherRes.statusCode, 201, otherRes.body);
    otherBreachId = otherRes.json().id;
  });
  after(() => app.close());

  test("a kept report's pack is its snapshot as reported, never recomputed: a later change to the breach does not touch it; each read is recorded", async () => {
    const breach = (await ig.api("GET", `/api/v1/breaches/${breachId}`)).json();
    const snapshot = breach.reports[0].form;
    const personalBefore = await personalReads();
    const res = await ig.api("GET", `/api/v1/breaches/${breachId}/reports/${reportId}/pack`);
    assert.equal(res.statusCode, 200, res.body);
    const pack = res.json();
    assert.deepEqual(pack.form, snapshot);
    assert.equal(pack.draft, false);
    assert.equal(pack.reportId, reportId);
    assert.equal(pack.reference, reference);
    assert.equal(pack.title, `ICO report pack: breach ${reference}, initial report`);
    const rows = pack.sections.flatMap((s: { rows: { label: string; value: string }[] }) => s.rows);
    const row = (label: string) => rows.find((r: { label: string }) => r.label === label)?.value;
    assert.equal(row("Reasons for the delay"), "The IG lead was away and the deputy had no access to the ICO's form");
    assert.equal(row("Contact for this report"), "Bernard Hale, IG lead, 01632 960001");
    assert.equal(row("Organisation"), "Northbrook Primary");
    assert.doesNotMatch(JSON.stringify(pack.sections), CODES);
    assert.doesNotMatch(JSON.stringify(pack), /Okonkwo/, "names no one affected");

    const [read] = await packReads();
    assert.deepEqual(read.entity, { type: "breach", id: breachId });
    assert.deepEqual(read.details, { reportId, draft: false, format: "json" });
    assert.equal(await personalReads(), personalBefore, "not a read of anyone's record");

    // The breach changes after the report: the kept pack still says what the ICO was told; the draft says what is known now.
    const changed = await ig.api("PATCH", `/api/v1/breaches/${breachId}`, {
      whatHappened: "Two summaries were emailed to the wrong school",
    });
    assert.equal(changed.statusCode, 200, changed.body);
    const again = (await ig.api("GET", `/api/v1/breaches/${breachId}/reports/${reportId}/pack`)).json();
    assert.deepEqual(again.form, snapshot);
    assert.equal(again.form.whatHappened, facts.whatHappened);
    const draft = await ig.api("GET", `/api/v1/breaches/${breachId}/ico-pack`);
    assert.equal(draft.statusCode, 200, draft.body);
    assert.equal(draft.json().form.whatHappened, "Two summaries were emailed to the wrong school");
  });

  test("the draft pack: titled a draft, from the facts now, a follow-up once the initial report is kept; a new breach's is the initial report", async () => {
    const draft = (await ig.api("GET", `/api/v1/breaches/${breachId}/ico-pack`)).json();
    assert.equal(draft.draft, true);
    assert.equal(draft.reportId, null);
    assert.equal(draft.title, `Draft ICO report pack: breach ${reference}`);
    assert.equal(draft.form.phase, "FOLLOW_UP");
    assert.equal(draft.form.contact, "Bernard Hale, IG lead, 01632 960001");
    assert.match(draft.introduction, /It has not been sent to the ICO/);
    const [read] = await packReads();
    assert.deepEqual(read.details, { reportId: null, draft: true, format: "json" });

    const fresh = await ig.api("POST", "/api/v1/breaches", { ...facts, awareAt: hoursAgo(3), occurredAt: hoursAgo(4), subjectIds: [] });
    const first = (await ig.api("GET", `/api/v1/breaches/${fresh.json().id}/ico-pack`)).json();
    assert.equal(first.form.phase, "INITIAL");
    assert.equal(first.form.late, false);
    assert.equal(first.form.contact, "Bernard Hale", "the person preparing it, until a report names a contact");
    assert.equal(first.form.organisation, "Northbrook Primary");
  });

  test("the PDFs, over the API and from the pages, are real tagged PDFs in words", async () => {
    for (const [client, url, title] of [
      [ig, `/api/v1/breaches/${breachId}/reports/${reportId}/pack.pdf`, `ICO report pack: breach ${reference}, initial report`],
      [auditor, `/breaches/${breachId}/reports/${reportId}/pack.pdf`, `ICO report pack: breach ${reference}, initial report`],
      [ig, `/api/v1/breaches/${breachId}/ico-pack.pdf`, `Draft ICO report pack: breach ${reference}`],
      [auditor, `/breaches/${breachId}/ico-pack.pdf`, `Draft ICO report pack: breach ${reference}`],
    ] as const) {
      const res = await client.get(url);
      assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
      assert.equal(res.headers["content-type"], "application/pdf");
      assert.match(String(res.headers["content-disposition"]), /^attachment; filename="BR-\d+-ico-report-(initial|draft)\.pdf"$/);
      assert.equal(res.rawPayload.subarray(0, 5).toString("latin1"), "%PDF-");
      const tagged = assertTaggedDocument(res.rawPayload);
      assert.equal(tagged.structure.filter((s) => s === "H2").length, 6, "each part of the ICO's form is a heading");
      assert.ok(tagged.artifacts >= 1, "the footer is an artifact");
      const text = await pdfText(res.rawPayload);
      assert.ok(text.includes(title), `${url}: ${text.slice(0, 200)}`);
      assert.match(text, /Children's data/);
      assert.match(text, /Northbrook Primary/);
      assert.doesNotMatch(text, CODES, `${url}: no codes or ISO dates`);
      assert.doesNotMatch(text, /Okonkwo/);
    }
    const formats = (await packReads()).slice(0, 4).map((r) => r.details.format);
    assert.deepEqual(formats, ["pdf", "pdf", "pdf", "pdf"]);
  });

  test("the breach's page links each report's pack and the draft; the pack pages say the form's fields in words", async () => {
    const page = await ig.get(`/breaches/${breachId}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(`href="/breaches/${breachId}/reports/${reportId}/pack.pdf"`));
    assert.match(page.body, new RegExp(`href="/breaches/${breachId}/ico-pack"`));
    assert.match(words(page.body), /Download the ICO report pack \(PDF\)/);
    assert.match(words(page.body), /Prepare the ICO report \(draft pack\)/);

    const kept = await auditor.get(`/breaches/${breachId}/reports/${reportId}/pack`);
    assert.equal(kept.statusCode, 200, kept.body);
    const keptText = words(kept.body);
    assert.match(keptText, new RegExp(`ICO report pack: breach ${reference}, initial report`));
    assert.match(keptText, /Confidentiality: seen by someone who should not have seen it/);
    assert.match(keptText, /Reasons for the delay The IG lead was away/);
    assert.match(kept.body, new RegExp(`href="/breaches/${breachId}/reports/${reportId}/pack.pdf"`));
    assert.doesNotMatch(keptText, CODES);

    const draft = await ig.get(`/breaches/${breachId}/ico-pack`);
    assert.equal(draft.statusCode, 200, draft.body);
    const draftText = words(draft.body);
    assert.match(draftText, new RegExp(`Draft ICO report pack: breach ${reference}`));
    assert.match(draftText, /This is a draft\. It has not been sent to the ICO\./);
    assert.match(draftText, /Follow-up report/);
    assert.doesNotMatch(draftText, CODES);
    assert.equal((await packReads())[0].details.format, "page");
  });

  test("only the breach's organisation's IG leads and auditors: another organisation finds nothing on any route, a practitioner is refused, a partner system's token too", async () => {
    const routes = (id: string, report: string) => [
      `/api/v1/breaches/${id}/ico-pack`,
      `/api/v1/breaches/${id}/ico-pack.pdf`,
      `/api/v1/breaches/${id}/reports/${report}/pack`,
      `/api/v1/breaches/${id}/reports/${report}/pack.pdf`,
      `/breaches/${id}/ico-pack`,
      `/breaches/${id}/ico-pack.pdf`,
      `/breaches/${id}/reports/${report}/pack`,
      `/breaches/${id}/reports/${report}/pack.pdf`,
    ];
    for (const url of routes(breachId, reportId)) {
      assert.equal((await auditor.get(url)).statusCode, 200, `auditor: ${url}`);
      assert.equal((await otherIg.get(url)).statusCode, 404, `another organisation: ${url}`);
      assert.equal((await practitioner.get(url)).statusCode, 403, `practitioner: ${url}`);
    }
    // A report of another breach, through this one: not found.
    for (const url of routes(otherBreachId, reportId).filter((u) => u.includes("/reports/")))
      assert.equal((await otherIg.get(url)).statusCode, 404, url);
    const { call } = await apiClientFor(app, ctx.database.db, { actor: igActor });
    for (const url of routes(breachId, reportId).filter((u) => u.startsWith("/api/"))) {
      const res = await call("GET", url);
      assert.equal(res.statusCode, 403, url);
      assert.equal(res.json().code, "INSUFFICIENT_SCOPE", url);
    }
  });

  test("the OpenAPI document declares the packs: JSON with its schema, the PDFs as application/pdf", async () => {
    const doc = (await ig.get("/api/v1/openapi.json")).json();
    const op = (path: string) => doc.paths[path].get;
    assert.equal(op("/api/v1/breaches/{id}/ico-pack").operationId, "getBreachIcoDraftPack");
    assert.equal(op("/api/v1/breaches/{id}/reports/{reportId}/pack").operationId, "getBreachReportPack");
    for (const path of ["/api/v1/breaches/{id}/ico-pack.pdf", "/api/v1/breaches/{id}/reports/{reportId}/pack.pdf"])
      assert.deepEqual(Object.keys(op(path).responses["200"].content), ["application/pdf"], path);
    assert.ok(doc.components.schemas.BreachIcoPack);
    assert.ok(doc.components.schemas.BreachIcoForm);
  });
});

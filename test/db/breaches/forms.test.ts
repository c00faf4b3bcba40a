import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { eq } from "drizzle-orm";
import type { App } from "../../../src/app/build-app";
import { breaches } from "../../../src/features/breaches/schema";
import { formDrafts } from "../../../src/features/form-drafts/schema";
import { datePartsOf, ukDateTime } from "../../../src/platform/dates/calendar";
import { ukDayAndTime } from "../../../src/platform/dates/uk-moment";
import { testApp } from "../../support/app";
import { describeEachDatabase } from "../../support/databases";
import { newUser } from "../../support/factories";
import type { TestClient } from "../../support/http-client";
import { pageText as words } from "../../support/page-text";
import { sharedCopy } from "../../support/shared-copy";
import { signedInAs } from "../../support/sign-in";

const HOUR = 3_600_000;
const hoursAgo = (h: number) => new Date(Date.now() - h * HOUR);

/** A moment as a person types it into the boxes: UK day, month, year and time. */
function typed(name: string, at: Date): Record<string, string> {
  const { day, time } = ukDayAndTime(at);
  const p = datePartsOf(day);
  return { [`${name}-day`]: p.day, [`${name}-month`]: p.month, [`${name}-year`]: p.year, [`${name}Time`]: time };
}

const FACTS = {
  howDiscovered: "The receiving school rang to say the email was not for them",
  whatHappened: "A child protection summary was emailed to the wrong school",
  types: ["CONFIDENTIALITY"],
  kinds: ["UNAUTHORISED_DISCLOSURE"],
  cyber: "no",
  dataCategories: ["CHILDREN"],
  approxPeople: "1",
  approxRecords: "",
  consequences: "",
  physicalRisk: "no",
  physicalRiskDetail: "",
  measuresTaken: "Asked the school to delete it",
  measuresProposed: "",
};

/**
 * The breach register's forms (issue 22): IG leads record a breach (keeping what they typed on a
 * refusal, and in a server-side draft), raise one from what they shared (which withdraws the
 * recipient's access), and change one a page at a time; auditors only read, and another
 * organisation finds none of it.
 */
describeEachDatabase("the breach register's forms", (ctx) => {
  let app: App;
  let shared: Awaited<ReturnType<typeof sharedCopy>>;
  let ig: TestClient;
  let auditor: TestClient;

  /** A breach recorded through the API, aware `hours` ago. */
  const apiBreach = async (hours: number) => {
    const res = await ig.api("POST", "/api/v1/breaches", {
      awareAt: hoursAgo(hours).toISOString(),
      howDiscovered: "Found in an audit",
      whatHappened: "A register was left on a train",
      types: ["AVAILABILITY"],
      kinds: ["LOSS"],
      cyber: false,
    });
    assert.equal(res.statusCode, 201, res.body);
    return res.json().id as string;
  };

  before(async () => {
    app = await testApp(ctx.database);
    const db = ctx.database.db;
    shared = await sharedCopy(app, db);
    ig = shared.schoolIg;
    auditor = await signedInAs(app, db, await newUser(db, shared.school, ["auditor"]));
  });
  after(() => app.close());

  test("recording through the form: a refusal keeps what was typed, in the summary's order with links, and in a draft", async () => {
    const register = await ig.get("/breaches");
    assert.match(register.body, /href="\/breaches\/new"/);
    assert.doesNotMatch(words(register.body), /through Safeshare's API/);
    assert.equal((await ig.get("/breaches/new")).statusCode, 200);

    const refused = await ig.post("/breaches/new", {
      ...typed("awareAt", hoursAgo(2)),
      awareAtTime: "25 o'clock",
      ...FACTS,
      howDiscovered: "",
      types: [],
      physicalRisk: "yes",
      physicalRiskDetail: "",
    });
    assert.equal(refused.statusCode, 400, refused.body);
    const text = words(refused.body);
    assert.match(text, /There is a problem/);
    const links = [...refused.body.matchAll(/<a href="(#[^"]+)">([^<]+)<\/a>/g)].map((m) => [m[1], m[2]!.trim()]);
    assert.deepEqual(
      links.map(([href]) => href),
      ["#awareAtTime", "#howDiscovered", "#types", "#physicalRiskDetail"],
      JSON.stringify(links),
    );
    assert.match(text, /Enter the time you became aware of the breach as a real time, like 9:30am or 14:30/);
    assert.match(refused.body, /value="25 o&#39;clock"/, "the time as typed");
    assert.match(text, /A child protection summary was emailed to the wrong school/, "the text as typed");
    assert.match(refused.body, /value="UNAUTHORISED_DISCLOSURE" checked/);

    // The typed values are kept on the server: coming back to the form shows them.
    const again = await ig.get("/breaches/new");
    assert.match(words(again.body), /A child protection summary was emailed to the wrong school/);

    const future = await ig.post("/breaches/new", { ...typed("awareAt", new Date(Date.now() + 26 * HOUR)), ...FACTS });
    assert.equal(future.statusCode, 400, future.body);
    assert.match(words(future.body), /The time you became aware of the breach must be now or in the past/);
    assert.match(future.body, /href="#awareAt-day"/);

    const aware = hoursAgo(3);
    const before = (await ctx.database.db.select({ id: breaches.id }).from(breaches)).length;
    const continued = await ig.post("/breaches/new", {
      ...typed("awareAt", aware),
      ...typed("occurredAt", hoursAgo(5)),
      ...FACTS,
      types: ["CONFIDENTIALITY", "INTEGRITY"],
      approxPeople: "1,200",
    });
    assert.equal(continued.statusCode, 303, continued.body);
    assert.equal(continued.headers.location, "/breaches/new/check");
    assert.equal((await ctx.database.db.select({ id: breaches.id }).from(breaches)).length, before, "Continue records nothing");

    // Check your answers: every answer in words, UK dates and times, nothing a person cannot read.
    const check = await ig.get("/breaches/new/check");
    assert.equal(check.statusCode, 200, check.body);
    assert.match(check.body, /<title>Check the breach before you record it – Safeshare<\/title>/);
    const checkText = words(check.body);
    assert.match(checkText, new RegExp(`When your organisation became aware ${ukDateTime(aware).replace(/[()]/g, "\\$&")} Change`));
    assert.match(checkText, /When the breach happened \d{1,2} \w+ \d{4} at \d{1,2}:\d{2}[ap]m Change/);
    assert.match(checkText, /How the breach was discovered The receiving school rang to say the email was not for them/);
    assert.match(
      checkText,
      /Type of breach Confidentiality: seen by someone who should not have seen it Integrity: changed without authority Change/,
    );
    assert.match(checkText, /What happened to the data Disclosed without authority Change/);
    assert.match(checkText, /A cyber incident No Change/);
    assert.match(checkText, /Kinds of data and people involved Children's data Change/);
    assert.match(checkText, /About how many people are affected 1,200 Change/);
    assert.match(checkText, /About how many records are affected Not known Change/);
    assert.match(checkText, /Likely consequences for the people affected Not known Change/);
    assert.match(checkText, /Anyone at risk of physical harm No Change/);
    assert.match(checkText, /What you have done so far Asked the school to delete it Change/);
    assert.match(checkText, /What else you plan to do None Change/);
    assert.doesNotMatch(checkText, /\d{4}-\d{2}-\d{2}/, "no ISO dates");
    assert.doesNotMatch(checkText, /\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b|\bCONFIDENTIALITY\b|\bINTEGRITY\b|\bLOSS\b/, "no codes");
    assert.doesNotMatch(checkText, /withdraw/, "nothing is withdrawn when not raised from a disclosure");
    // Each answer's "Change" goes to its field on the form, which keeps the draft's values.
    const changes = [
      ...check.body.matchAll(/<a class="govuk-link" href="([^"]+)">Change<span class="govuk-visually-hidden"> ([^<]+)<\/span>/g),
    ].map((m) => [m[1], m[2]]);
    assert.deepEqual(
      changes.map(([href]) => href),
      [
        "/breaches/new#awareAt-day",
        "/breaches/new#occurredAt-day",
        "/breaches/new#howDiscovered",
        "/breaches/new#whatHappened",
        "/breaches/new#types",
        "/breaches/new#kinds",
        "/breaches/new#cyber",
        "/breaches/new#dataCategories",
        "/breaches/new#approxPeople",
        "/breaches/new#approxRecords",
        "/breaches/new#consequences",
        "/breaches/new#physicalRisk",
        "/breaches/new#measuresTaken",
        "/breaches/new#measuresProposed",
      ],
      JSON.stringify(changes),
    );
    assert.equal(changes[0]![1], "when your organisation became aware");
    const back = await ig.get("/breaches/new");
    for (const id of ["awareAt-day", "occurredAt-day", "howDiscovered", "whatHappened", "types", "kinds", "cyber", "dataCategories"])
      assert.match(back.body, new RegExp(`id="${id}"`), id);
    for (const id of ["approxPeople", "approxRecords", "consequences", "physicalRisk", "measuresTaken", "measuresProposed"])
      assert.match(back.body, new RegExp(`id="${id}"`), id);
    assert.match(back.body, /value="1,200"/, "the form keeps the draft's values");
    assert.match(back.body, /value="INTEGRITY" checked/);

    await ig.get("/breaches/new/check");
    const saved = await ig.post("/breaches/new/check", {});
    assert.equal(saved.statusCode, 303, saved.body);
    const location = saved.headers.location as string;
    assert.match(location, /^\/breaches\/[0-9a-f-]{36}\?done=recorded$/);
    const id = location.slice("/breaches/".length, location.indexOf("?"));
    const [row] = await ctx.database.db.select().from(breaches).where(eq(breaches.id, id));
    assert.equal(row!.awareAt.getTime(), Math.floor(aware.getTime() / 60_000) * 60_000, "the UK time typed, as its instant");
    assert.equal(row!.measuresTaken, "Asked the school to delete it");
    const page = await ig.get(location);
    const pageText = words(page.body);
    assert.match(pageText, /Breach recorded\./);
    assert.match(
      pageText,
      /Actions Change the facts Change the people affected Assess the risk to people Record a report made to the ICO Start the investigation/,
    );
    assert.doesNotMatch(pageText, /through the API/);
    assert.equal(row!.approxPeople, 1200);
    assert.deepEqual(row!.types, ["CONFIDENTIALITY", "INTEGRITY"]);
    const drafts = await ctx.database.db.select().from(formDrafts).where(eq(formDrafts.form, "breach_new"));
    assert.equal(drafts.length, 0, "the draft goes once the breach is recorded");

    // Recorded once: pressing the button again finds no draft, and goes back to the form.
    const twice = await ig.post("/breaches/new/check", {});
    assert.equal(twice.statusCode, 303);
    assert.equal(twice.headers.location, "/breaches/new");
    assert.equal((await ctx.database.db.select({ id: breaches.id }).from(breaches)).length, before + 1);
  });

  test("the check page without a draft goes back to the form; with one no longer right, the form shows its errors", async () => {
    const lead = await signedInAs(app, ctx.database.db, await newUser(ctx.database.db, shared.school, ["ig_lead"]));
    const none = await lead.get("/breaches/new/check");
    assert.equal(none.statusCode, 303);
    assert.equal(none.headers.location, "/breaches/new");
    const before = (await ctx.database.db.select({ id: breaches.id }).from(breaches)).length;
    const posted = await lead.post("/breaches/new/check", {});
    assert.equal(posted.statusCode, 303);
    assert.equal(posted.headers.location, "/breaches/new");

    // Saved as a draft with T0 in the future (or judged so later): never a 500, the form with its errors.
    await lead.get("/breaches/new");
    await lead.post("/breaches/new", { ...typed("awareAt", new Date(Date.now() + 26 * HOUR)), ...FACTS, action: "save" });
    const wrong = await lead.get("/breaches/new/check");
    assert.equal(wrong.statusCode, 400, wrong.body);
    const text = words(wrong.body);
    assert.match(text, /There is a problem The time you became aware of the breach must be now or in the past/);
    assert.match(wrong.body, /href="#awareAt-day"/);
    assert.match(wrong.body, /<form method="post" action="\/breaches\/new"/);
    assert.match(text, /A child protection summary was emailed to the wrong school/, "the draft's values");
    const refused = await lead.post("/breaches/new/check", {});
    assert.equal(refused.statusCode, 400, refused.body);
    assert.match(words(refused.body), /The time you became aware of the breach must be now or in the past/);
    assert.equal((await ctx.database.db.select({ id: breaches.id }).from(breaches)).length, before, "nothing recorded");
  });

  test("Save as a draft keeps the form for later without recording anything", async () => {
    const before = (await ctx.database.db.select({ id: breaches.id }).from(breaches)).length;
    await ig.get("/breaches/new");
    const res = await ig.post("/breaches/new", { whatHappened: "Half-written: a laptop was stolen", action: "save" });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, "/breaches/new?saved=1");
    const back = await ig.get("/breaches/new?saved=1");
    assert.match(words(back.body), /Your draft is saved/);
    assert.match(back.body, /Half-written: a laptop was stolen/);
    assert.equal((await ctx.database.db.select({ id: breaches.id }).from(breaches)).length, before);
  });

  test("raising a breach from what was sent: the link on the share decision, the plain warning, and access withdrawn at once", async () => {
    const decision = await ig.get(`/share-decisions/${shared.decisionId}`);
    assert.equal(decision.statusCode, 200);
    assert.match(decision.body, new RegExp(`href="/breaches/new\\?disclosureId=${shared.disclosureId}"[^>]*>Report this as a breach`));
    assert.doesNotMatch((await shared.practitioner.get(`/share-decisions/${shared.decisionId}`)).body, /Report this as a breach/);
    assert.equal((await shared.councilIg.get(`/breaches/new?disclosureId=${shared.disclosureId}`)).statusCode, 404);
    assert.equal((await ig.get("/breaches/new?disclosureId=not-an-id")).statusCode, 404);

    const form = await ig.get(`/breaches/new?disclosureId=${shared.disclosureId}`);
    assert.equal(form.statusCode, 200);
    const text = words(form.body);
    assert.match(text, /Recording this breach will withdraw Westshire Children's Services's access to the information at once/);
    assert.match(
      text,
      /Information shared with Westshire Children's Services on \d{1,2} \w+ \d{4} at \d{1,2}:\d{2}[ap]m went where it should not have/,
    );
    assert.match(form.body, /value="CONFIDENTIALITY" checked/);
    assert.match(form.body, /value="UNAUTHORISED_DISCLOSURE" checked/);
    assert.equal((await shared.councilLead.api("GET", `/api/v1/disclosures/${shared.disclosureId}`)).statusCode, 200);

    const continued = await ig.post(`/breaches/new?disclosureId=${shared.disclosureId}`, {
      ...typed("awareAt", hoursAgo(1)),
      ...FACTS,
      whatHappened: "Attendance was sent to the wrong team",
    });
    assert.equal(continued.statusCode, 303, continued.body);
    assert.equal(continued.headers.location, `/breaches/new/check?disclosureId=${shared.disclosureId}`);
    assert.equal((await shared.councilIg.get(`/breaches/new/check?disclosureId=${shared.disclosureId}`)).statusCode, 404);
    assert.equal((await auditor.get(`/breaches/new/check?disclosureId=${shared.disclosureId}`)).statusCode, 403);
    assert.equal((await shared.councilLead.api("GET", `/api/v1/disclosures/${shared.disclosureId}`)).statusCode, 200, "not yet");

    const check = await ig.get(continued.headers.location as string);
    assert.equal(check.statusCode, 200, check.body);
    assert.match(words(check.body), /What happened Attendance was sent to the wrong team Change/);
    assert.match(check.body, new RegExp(`href="/breaches/new\\?disclosureId=${shared.disclosureId}#whatHappened"`));
    assert.match(check.body, new RegExp(`<form method="post" action="/breaches/new/check\\?disclosureId=${shared.disclosureId}"`));
    // The warning stands right above the button.
    assert.match(
      words(check.body),
      /Recording this breach will withdraw Westshire Children's Services's access to the information at once\. Record the breach Cancel/,
    );
    const res = await ig.post(`/breaches/new/check?disclosureId=${shared.disclosureId}`, {});
    assert.equal(res.statusCode, 303, res.body);
    assert.match(res.headers.location as string, /\?done=withdrawn$/);
    assert.equal((await shared.councilLead.api("GET", `/api/v1/disclosures/${shared.disclosureId}`)).statusCode, 404, "withdrawn");
    const page = words((await ig.get(res.headers.location as string)).body);
    assert.match(page, /Breach recorded\. The recipient can no longer open the information\./);
    assert.match(page, /Tomasz Lewandowski-Reid/);
    const afterwards = words((await ig.get(`/breaches/new?disclosureId=${shared.disclosureId}`)).body);
    assert.match(afterwards, /Westshire Children's Services's access to the information has already been withdrawn/);
  });

  test("changing the facts: prefilled in UK time, saved, and a time after awareness refused at its field", async () => {
    const id = await apiBreach(10);
    const form = await ig.get(`/breaches/${id}/facts`);
    assert.equal(form.statusCode, 200);
    const { time } = ukDayAndTime(hoursAgo(10));
    assert.match(form.body, new RegExp(`id="awareAtTime" name="awareAtTime" type="text" spellcheck="false" value="${time}"`));
    assert.match(form.body, /A register was left on a train/);
    assert.match(form.body, /value="LOSS" checked/);

    const refused = await ig.post(`/breaches/${id}/facts`, {
      ...typed("awareAt", hoursAgo(10)),
      ...typed("occurredAt", hoursAgo(2)),
      ...FACTS,
    });
    assert.equal(refused.statusCode, 400, refused.body);
    assert.match(words(refused.body), /The breach cannot have happened after you became aware of it/);
    assert.match(refused.body, /href="#occurredAt-day"/);

    const ok = await ig.post(`/breaches/${id}/facts`, { ...typed("awareAt", hoursAgo(10)), ...FACTS, whatHappened: "A register was lost" });
    assert.equal(ok.statusCode, 303, ok.body);
    assert.equal(ok.headers.location, `/breaches/${id}?done=facts`);
    const page = words((await ig.get(ok.headers.location)).body);
    assert.match(page, /The facts of the breach are changed\./);
    assert.match(page, /A register was lost/);
  });

  test("assessing the risk, and deciding not to report only once it is assessed as no risk", async () => {
    const id = await apiBreach(5);
    const riskPage = await ig.get(`/breaches/${id}/risk`);
    assert.match(riskPage.body, /<title>Assess the risk to people: breach BR-\d+ – Safeshare<\/title>/);
    assert.match(words(riskPage.body), /Breach BR-\d+ · Report to the ICO due in 2 days 18 hours/);
    const refused = await ig.post(`/breaches/${id}/risk`, { reasoning: "Encrypted" });
    assert.equal(refused.statusCode, 400);
    assert.match(words(refused.body), /Select the risk to the people affected/);
    assert.match(refused.body, /Encrypted/);

    // Not yet assessed: the decision not to report is refused on its page, in words.
    await ig.get(`/breaches/${id}/not-reported`);
    const early = await ig.post(`/breaches/${id}/not-reported`, { reasons: "Nothing was readable" });
    assert.equal(early.statusCode, 409, early.body);
    assert.match(words(early.body), /Assess the risk to people before deciding not to report the breach/);
    assert.doesNotMatch(words((await ig.get(`/breaches/${id}`)).body), /Record the decision not to report/);

    const assessed = await ig.post(`/breaches/${id}/risk`, { risk: "NO_RISK", reasoning: "The laptop was encrypted" });
    assert.equal(assessed.statusCode, 303);
    const page = words((await ig.get(`/breaches/${id}?done=risk`)).body);
    assert.match(page, /The risk to people is recorded\./);
    assert.match(page, /No risk to people: The laptop was encrypted/);
    assert.match(page, /Record the decision not to report/);

    const decided = await ig.post(`/breaches/${id}/not-reported`, { reasons: "Nothing was readable" });
    assert.equal(decided.statusCode, 303, decided.body);
    const after = words((await ig.get(decided.headers.location as string)).body);
    assert.match(after, /The decision not to report to the ICO is recorded\./);
    assert.match(after, /Not reported: decided no report is needed/);
  });

  test("recording reports to the ICO: a late initial report asks for the reasons, a follow-up for the ICO's case reference", async () => {
    const id = await apiBreach(80);
    const form = await ig.get(`/breaches/${id}/report`);
    assert.match(words(form.body), /More than 72 hours have passed/);
    assert.match(form.body, /name="delayReasons"/);

    const late = await ig.post(`/breaches/${id}/report`, { phase: "INITIAL", ...typed("reportedAt", hoursAgo(1)), delayReasons: "" });
    assert.equal(late.statusCode, 400, late.body);
    assert.match(
      words(late.body),
      /The report was made more than 72 hours after you became aware of the breach: enter the reasons for the delay/,
    );
    assert.match(late.body, /href="#delayReasons"/);

    const initial = await ig.post(`/breaches/${id}/report`, {
      phase: "INITIAL",
      ...typed("reportedAt", hoursAgo(1)),
      delayReasons: "The IG lead was on leave",
    });
    assert.equal(initial.statusCode, 303, initial.body);
    assert.match(
      words((await ig.get(initial.headers.location as string)).body),
      /The report to the ICO is recorded\. .*Reported to the ICO late/,
    );

    const again = await ig.get(`/breaches/${id}/report`);
    assert.match(again.body, /value="FOLLOW_UP" checked/, "a follow-up, once the initial report is made");
    assert.doesNotMatch(again.body, /name="delayReasons"/);
    const noReference = await ig.post(`/breaches/${id}/report`, { phase: "FOLLOW_UP", ...typed("reportedAt", hoursAgo(0.5)) });
    assert.equal(noReference.statusCode, 400);
    assert.match(words(noReference.body), /Enter the ICO's case reference for a follow-up report/);
    const followUp = await ig.post(`/breaches/${id}/report`, {
      phase: "FOLLOW_UP",
      ...typed("reportedAt", hoursAgo(0.5)),
      icoCaseReference: "IC-123456-A1B2",
    });
    assert.equal(followUp.statusCode, 303, followUp.body);
    assert.match(words((await ig.get(`/breaches/${id}`)).body), /Follow-up report, .*\(ICO case IC-123456-A1B2\)/);
  });

  test("starting the investigation, then closing with the lessons learned; a closed breach offers nothing and refuses changes", async () => {
    const id = await apiBreach(2);
    await ig.get(`/breaches/${id}/investigate`);
    const started = await ig.post(`/breaches/${id}/investigate`, {});
    assert.equal(started.statusCode, 303);
    assert.match(words((await ig.get(`/breaches/${id}?done=investigating`)).body), /The investigation has started\. .*Investigating/);
    const twice = await ig.post(`/breaches/${id}/investigate`, {});
    assert.equal(twice.statusCode, 409, twice.body);
    assert.match(words(twice.body), /A breach that is investigating cannot be moved to investigating/);

    await ig.post(`/breaches/${id}/risk`, { risk: "NO_RISK", reasoning: "Nothing readable" });
    await ig.post(`/breaches/${id}/not-reported`, { reasons: "Nothing readable" });
    await ig.get(`/breaches/${id}/close`);
    const noLessons = await ig.post(`/breaches/${id}/close`, { lessonsLearned: "  " });
    assert.equal(noLessons.statusCode, 400);
    assert.match(words(noLessons.body), /Enter the lessons learned before closing the breach/);
    const closed = await ig.post(`/breaches/${id}/close`, { lessonsLearned: "Registers stay in school" });
    assert.equal(closed.statusCode, 303);
    const page = words((await ig.get(`/breaches/${id}?done=closed`)).body);
    assert.match(page, /Breach closed\./);
    assert.doesNotMatch(page, /Actions/);
    const change = await ig.post(`/breaches/${id}/facts`, { ...typed("awareAt", hoursAgo(2)), ...FACTS });
    assert.equal(change.statusCode, 409);
    assert.match(words(change.body), /This breach is closed and can no longer be changed/);
  });

  test("an auditor reads the breach but is refused every form; another organisation's IG lead finds none of them", async () => {
    const id = await apiBreach(4);
    const auditorPage = await auditor.get(`/breaches/${id}`);
    assert.equal(auditorPage.statusCode, 200);
    assert.doesNotMatch(words(auditorPage.body), /Actions/);
    assert.doesNotMatch((await auditor.get("/breaches")).body, /href="\/breaches\/new"/);
    const paths = ["facts", "risk", "report", "not-reported", "investigate", "close"];
    assert.ok(auditor.csrfToken, "the auditor's own session token, from a page it read");
    assert.equal((await auditor.get("/breaches/new")).statusCode, 403);
    assert.equal((await auditor.post("/breaches/new", { ...typed("awareAt", hoursAgo(1)), ...FACTS })).statusCode, 403);
    assert.equal((await auditor.get("/breaches/new/check")).statusCode, 403);
    assert.equal((await auditor.post("/breaches/new/check", {})).statusCode, 403);
    for (const path of paths) {
      assert.equal((await auditor.get(`/breaches/${id}/${path}`)).statusCode, 403, path);
      assert.equal((await auditor.post(`/breaches/${id}/${path}`, { reasons: "x", lessonsLearned: "x" })).statusCode, 403, path);
    }
    const other = shared.councilIg;
    await other.get("/breaches");
    for (const path of paths) {
      assert.equal((await other.get(`/breaches/${id}/${path}`)).statusCode, 404, path);
      const res = await other.post(`/breaches/${id}/${path}`, {
        ...typed("awareAt", hoursAgo(1)),
        ...FACTS,
        risk: "NO_RISK",
        reasoning: "x",
        reasons: "x",
        lessonsLearned: "x",
        phase: "INITIAL",
        ...typed("reportedAt", hoursAgo(0.5)),
      });
      assert.equal(res.statusCode, 404, `${path}: ${res.statusCode}`);
    }
    const [row] = await ctx.database.db.select().from(breaches).where(eq(breaches.id, id));
    assert.equal(row!.state, "DISCOVERED", "nothing changed");
    assert.equal(row!.risk, null);
  });
});

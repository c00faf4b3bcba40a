import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { App } from "../../../src/app/build-app";
import { testApp } from "../../support/app";
import { auditEventsOfType } from "../../support/audit";
import { describeEachDatabase } from "../../support/databases";
import { newOrganisation, newUser } from "../../support/factories";
import type { TestClient } from "../../support/http-client";
import { pageText as words } from "../../support/page-text";
import { registeredRoutes } from "../../support/routes";
import { signedInAs } from "../../support/sign-in";

const HOUR = 3_600_000;
const hoursAgo = (h: number) => new Date(Date.now() - h * HOUR).toISOString();

/**
 * Notices telling the people affected by a breach (issue 22; Art 34; BR-NOTICE-SAFE): drafted in plain
 * English for a parent and for a young person, never to an alleged perpetrator towards the child (checked
 * at drafting and again at sending), withheld with a reason, and the first sent marks the people told.
 */
describeEachDatabase("breach notices to the people affected", (ctx) => {
  let app: App;
  let ig: TestClient;
  let auditor: TestClient;
  let practitioner: TestClient;
  let otherIg: TestClient;
  let breachId: string;
  let kai: string;
  let grace: string;
  let sam: string;
  let darren: string;
  let graceNotice: string;
  let samNotice: string;

  const events = (type: string) => auditEventsOfType(ctx.database.db, type);
  const link = async (fromSubjectId: string, toSubjectId: string, kind: string) =>
    assert.equal((await practitioner.api("POST", "/api/v1/subject-links", { fromSubjectId, toSubjectId, kind })).statusCode, 201);
  const notices = (id = breachId) => `/api/v1/breaches/${id}/notices`;
  const draft = (addresseeSubjectId: string, audience: string, client = ig) =>
    client.api("POST", notices(), { subjectId: kai, addresseeSubjectId, audience });

  before(async () => {
    app = await testApp(ctx.database);
    const db = ctx.database.db;
    const school = await newOrganisation(db, { name: "Northbrook Primary", type: "school" });
    const police = await newOrganisation(db, { name: "Westshire Police", type: "police" });
    ig = await signedInAs(app, db, await newUser(db, school, ["ig_lead"], { name: "Bernard Hale" }));
    auditor = await signedInAs(app, db, await newUser(db, school, ["auditor"]));
    practitioner = await signedInAs(app, db, await newUser(db, school, ["practitioner", "safeguarding_lead"]));
    otherIg = await signedInAs(app, db, await newUser(db, police, ["ig_lead"]));
    const person = async (kind: string, givenNames: string, familyName: string, dateOfBirth?: string) => {
      const res = await practitioner.api("POST", "/api/v1/subjects", {
        kind,
        givenNames,
        familyName,
        ...(dateOfBirth ? { dateOfBirth } : {}),
      });
      assert.equal(res.statusCode, 201, res.body);
      return res.json().id as string;
    };
    kai = await person("CHILD", "Kai", "Okonkwo", "2012-05-01");
    grace = await person("PARENT_CARER", "Grace", "Okonkwo");
    sam = await person("PARENT_CARER", "Sam", "Okonkwo");
    darren = await person("PARENT_CARER", "Darren", "Pike");
    await link(grace, kai, "PARENT_OF");
    await link(sam, kai, "PARENT_OF");
    await link(darren, kai, "PARENT_OF");
    await link(darren, kai, "ALLEGED_PERPETRATOR_TOWARDS");

    const res = await ig.api("POST", "/api/v1/breaches", {
      awareAt: hoursAgo(20),
      occurredAt: hoursAgo(30),
      howDiscovered: "The receiving school rang",
      whatHappened: "A child protection summary was emailed to the wrong school",
      types: ["CONFIDENTIALITY"],
      kinds: ["UNAUTHORISED_DISCLOSURE"],
      cyber: false,
      dataCategories: ["CHILDREN", "SPECIAL_CATEGORY"],
      physicalRisk: true,
      physicalRiskDetail: "The family moved to escape Darren",
      measuresTaken: "The other school deleted the email",
      subjectIds: [kai],
    });
    assert.equal(res.statusCode, 201, res.body);
    breachId = res.json().id;
    assert.equal(
      (
        await ig.api("POST", `/api/v1/breaches/${breachId}/risk-assessment`, {
          risk: "HIGH_RISK",
          reasoning: "An address could reach an abuser",
        })
      ).statusCode,
      200,
    );
    assert.equal(
      (await ig.api("POST", `/api/v1/breaches/${breachId}/reports`, { phase: "INITIAL", reportedAt: hoursAgo(1) })).statusCode,
      201,
    );
  });
  after(() => app.close());

  test("the choices: the young person themself, each parent or carer, and the alleged perpetrator refused in words", async () => {
    const res = await ig.api("GET", `/api/v1/breaches/${breachId}/notice-choices`);
    assert.equal(res.statusCode, 200, res.body);
    const choices = res.json().items as {
      addressee: { id: string };
      relation: string;
      audiences: string[];
      refusals: { message: string }[];
    }[];
    const of = (id: string) => choices.find((c) => c.addressee.id === id)!;
    assert.deepEqual(of(kai).audiences, ["YOUNG_PERSON", "PARENT"]);
    assert.equal(of(kai).relation, "SELF");
    assert.deepEqual(of(grace).audiences, ["PARENT"]);
    assert.deepEqual(of(grace).refusals, []);
    assert.deepEqual(
      of(darren).refusals.map((r) => r.message),
      ["Darren Pike is recorded as an alleged perpetrator of harm towards Kai Okonkwo: Safeshare will not send them a notice"],
    );
    const [viewed] = await events("personal_data.viewed");
    assert.equal(viewed.details.view, "api.breaches.notices");
    assert.ok(viewed.details.subjectIds.includes(darren));
  });

  test("drafts for a parent and for a young person, in plain English from the breach's facts, audited without their words", async () => {
    const parent = await draft(grace, "PARENT");
    assert.equal(parent.statusCode, 201, parent.body);
    const n = parent.json();
    graceNotice = n.id;
    assert.equal(parent.headers.location, `/api/v1/breaches/${breachId}/notices/${n.id}`);
    assert.equal(n.state, "DRAFT");
    assert.match(n.body, /^Dear Grace Okonkwo,/);
    assert.match(n.body, /Information about Kai Okonkwo was given to someone who should not have had it/);
    assert.match(n.body, /contact Bernard Hale, who looks after data protection at Northbrook Primary/);
    assert.match(n.body, /ico\.org\.uk/);
    assert.doesNotMatch(n.body, /escape Darren/, "the physical risk's detail is not put in a letter");

    const young = await draft(kai, "YOUNG_PERSON");
    assert.equal(young.statusCode, 201, young.body);
    assert.match(young.json().body, /^Dear Kai,\n\nWe made a mistake with some information about you\./);

    const [drafted] = await events("breach.notice_drafted");
    assert.deepEqual(drafted.details, { noticeId: young.json().id, subjectId: kai, addresseeSubjectId: kai, audience: "YOUNG_PERSON" });
    assert.doesNotMatch(JSON.stringify(drafted), /Okonkwo|mistake/);

    const wrongVersion = await draft(grace, "YOUNG_PERSON");
    assert.equal(wrongVersion.statusCode, 400);
    assert.deepEqual(
      wrongVersion.json().errors.map((e: { path: string }) => e.path),
      ["/audience"],
    );
    const notLinked = await ig.api("POST", notices(), { subjectId: grace, addresseeSubjectId: grace, audience: "PARENT" });
    assert.equal(notLinked.statusCode, 400, "Grace is not a person the breach affected");
  });

  test("refused for an alleged perpetrator towards the child when drafting: 409 with BR-NOTICE-SAFE, nothing drafted, the attempt audited", async () => {
    const before = (await ig.api("GET", notices())).json().total;
    const res = await draft(darren, "PARENT");
    assert.equal(res.statusCode, 409);
    const problem = res.json();
    assert.deepEqual(
      problem.rules.map((r: { code: string }) => r.code),
      ["BR-NOTICE-SAFE"],
    );
    assert.match(problem.detail, /Darren Pike is recorded as an alleged perpetrator of harm towards Kai Okonkwo/);
    assert.equal((await ig.api("GET", notices())).json().total, before);
    const [refused] = await events("breach.notice_refused");
    assert.equal(refused.details.when, "drafting");
    assert.equal(refused.details.addresseeSubjectId, darren);
  });

  test("refused at sending when a link recorded after the draft names the addressee an alleged perpetrator", async () => {
    const res = await draft(sam, "PARENT");
    assert.equal(res.statusCode, 201, res.body);
    samNotice = res.json().id;
    await link(sam, kai, "ALLEGED_PERPETRATOR_TOWARDS");
    const sent = await ig.api("POST", `${notices()}/${samNotice}/sent`, { how: "LETTER", sentAt: new Date().toISOString() });
    assert.equal(sent.statusCode, 409, sent.body);
    assert.deepEqual(
      sent.json().rules.map((r: { code: string }) => r.code),
      ["BR-NOTICE-SAFE"],
    );
    assert.equal((await ig.api("GET", `${notices()}/${samNotice}`)).json().state, "DRAFT");
    const [refused] = await events("breach.notice_refused");
    assert.deepEqual([refused.details.when, refused.details.noticeId], ["sending", samNotice]);

    // The page says so in plain English, the code only in the IG leads' details.
    const page = await ig.post(`/breaches/${breachId}/notices/${samNotice}/sent`, {
      how: "LETTER",
      "sentOn-day": "1",
      "sentOn-month": "1",
      "sentOn-year": String(new Date().getFullYear() + 1),
    });
    assert.equal(page.statusCode, 400, "a future date is refused first");
    const today = new Date();
    const refusedPage = await ig.post(`/breaches/${breachId}/notices/${samNotice}/sent`, {
      how: "LETTER",
      "sentOn-day": String(today.getDate()),
      "sentOn-month": String(today.getMonth() + 1),
      "sentOn-year": String(today.getFullYear()),
    });
    assert.equal(refusedPage.statusCode, 409, refusedPage.body);
    const text = words(refusedPage.body);
    assert.match(
      text,
      /Sam Okonkwo is recorded as an alleged perpetrator of harm towards Kai Okonkwo: Safeshare will not send them a notice/,
    );
    assert.match(refusedPage.body, /data-details-for="ig"[\s\S]*BR-NOTICE-SAFE/);
    assert.match(refusedPage.body, /value="LETTER" checked/, "what was chosen is kept");
  });

  test("withholding needs a reason; once withheld the notice no longer changes", async () => {
    const url = `${notices()}/${samNotice}`;
    const empty = await ig.api("POST", `${url}/withheld`, { reason: " " });
    assert.equal(empty.statusCode, 400);
    assert.deepEqual(
      empty.json().errors.map((e: { path: string }) => e.path),
      ["/reason"],
    );
    const page = await ig.post(`/breaches/${breachId}/notices/${samNotice}/withhold`, { reason: "" });
    assert.equal(page.statusCode, 400);
    assert.match(words(page.body), /There is a problem Enter why telling them would increase the risk/);
    const res = await ig.api("POST", `${url}/withheld`, { reason: "Telling Sam would tell him the family has moved" });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().state, "WITHHELD");
    assert.equal(res.json().withheldReason, "Telling Sam would tell him the family has moved");
    assert.equal((await ig.api("PATCH", url, { body: "Changed" })).statusCode, 409);
    const [withheld] = await events("breach.notice_withheld");
    assert.doesNotMatch(JSON.stringify(withheld), /family has moved/);
  });

  test("recording a notice sent: not in the future; the first moves the breach to people told", async () => {
    const url = `${notices()}/${graceNotice}`;
    const edited = await ig.api("PATCH", url, { body: "Dear Grace Okonkwo,\n\nWe are writing to tell you about a mistake." });
    assert.equal(edited.statusCode, 200, edited.body);
    assert.match(edited.json().body, /about a mistake\.$/);
    const future = await ig.api("POST", `${url}/sent`, { how: "LETTER", sentAt: new Date(Date.now() + HOUR).toISOString() });
    assert.deepEqual(
      future.json().errors.map((e: { path: string }) => e.path),
      ["/sentAt"],
    );
    const before = (await ig.api("GET", `/api/v1/breaches/${breachId}`)).json();
    assert.ok(before.warnings.some((w: { code: string }) => w.code === "BR-TELL-INDIVIDUALS"));

    const sentAt = new Date(Date.now() - 60_000).toISOString();
    const sent = await ig.api("POST", `${url}/sent`, { how: "LETTER", sentAt });
    assert.equal(sent.statusCode, 200, sent.body);
    assert.deepEqual([sent.json().state, sent.json().sentHow, sent.json().sentAt], ["SENT", "LETTER", sentAt]);
    const breach = (await ig.api("GET", `/api/v1/breaches/${breachId}`)).json();
    assert.equal(breach.state, "INDIVIDUALS_TOLD");
    assert.equal(breach.individualsToldAt, sentAt);
    assert.ok(!breach.warnings.some((w: { code: string }) => w.code === "BR-TELL-INDIVIDUALS"));
    const [moved] = await events("breach.state_changed");
    assert.deepEqual(moved.details, { from: "REPORTED_TO_ICO", to: "INDIVIDUALS_TOLD" });
    const [told] = await events("breach.notice_sent");
    assert.deepEqual([told.details.how, told.details.individualsTold], ["LETTER", true]);
    assert.equal((await ig.api("POST", `${url}/sent`, { how: "EMAIL", sentAt })).statusCode, 409, "sent once");

    // The audit log reads each in a sentence.
    const log = await ig.api("GET", "/api/v1/audit/events?pageSize=10");
    if (log.statusCode === 200) assert.match(log.body, /recorded that a notice about breach BR-\d+ was sent/);
  });

  test("the breach page lists the notices; the pages draft, show and keep what was typed", async () => {
    const page = await ig.get(`/breaches/${breachId}`);
    assert.equal(page.statusCode, 200, page.body);
    const text = words(page.body);
    assert.match(text, /Telling the people affected/);
    assert.match(text, /Notice to Grace Okonkwo about Kai Okonkwo : Sent/);
    assert.match(text, /Notice to Sam Okonkwo about Kai Okonkwo : Withheld/);
    assert.match(text, /Draft a notice/);

    const choose = await ig.get(`/breaches/${breachId}/notices/new`);
    assert.equal(choose.statusCode, 200, choose.body);
    const chooseText = words(choose.body);
    assert.match(chooseText, /Grace Okonkwo, parent or carer of Kai Okonkwo/);
    assert.match(chooseText, /Kai Okonkwo, the person affected The letter for a young person, in simpler words/);
    assert.match(
      chooseText,
      /Darren Pike is recorded as an alleged perpetrator of harm towards Kai Okonkwo: Safeshare will not send them a notice/,
    );
    assert.doesNotMatch(choose.body, new RegExp(`value="${kai}\\|${darren}`), "not offered");

    const nothing = await ig.post(`/breaches/${breachId}/notices/new`, {});
    assert.equal(nothing.statusCode, 400);
    const tampered = await ig.post(`/breaches/${breachId}/notices/new`, { choice: `${kai}|${darren}|PARENT` });
    assert.equal(tampered.statusCode, 409);
    assert.match(words(tampered.body), /There is a problem Darren Pike is recorded as an alleged perpetrator/);

    const drafted = await ig.post(`/breaches/${breachId}/notices/new`, { choice: `${kai}|${kai}|PARENT` });
    assert.equal(drafted.statusCode, 303, drafted.body);
    const noticeUrl = String(drafted.headers.location);
    const shown = await ig.get(noticeUrl);
    assert.equal(shown.statusCode, 200);
    assert.match(words(shown.body), /Notice to Kai Okonkwo/);
    assert.match(shown.body, /Dear Kai Okonkwo,/);
    const blank = await ig.post(noticeUrl, { body: "" });
    assert.equal(blank.statusCode, 400);
    assert.match(words(blank.body), /Enter the notice/);
    const saved = await ig.post(noticeUrl, { body: "Dear Kai, a shorter letter." });
    assert.equal(saved.statusCode, 303);
    assert.match((await ig.get(String(saved.headers.location))).body, /Notice saved/);
  });

  test("an auditor reads notices but cannot change them", async () => {
    assert.equal((await auditor.api("GET", notices())).statusCode, 200);
    assert.equal((await auditor.api("GET", `${notices()}/${graceNotice}`)).statusCode, 200);
    assert.equal((await auditor.get(`/breaches/${breachId}/notices/${graceNotice}`)).statusCode, 200);
    assert.equal((await draft(grace, "PARENT", auditor)).statusCode, 403);
    const young = (await ig.api("GET", notices())).json().items.find((n: { state: string }) => n.state === "DRAFT").id;
    assert.equal((await auditor.api("PATCH", `${notices()}/${young}`, { body: "x" })).statusCode, 403);
    assert.equal((await auditor.api("POST", `${notices()}/${young}/withheld`, { reason: "x" })).statusCode, 403);
    assert.equal((await auditor.get(`/breaches/${breachId}/notices/new`)).statusCode, 403);
    assert.equal((await auditor.get(`/breaches/${breachId}/notices/${young}/sent`)).statusCode, 403);
    assert.doesNotMatch((await auditor.get(`/breaches/${breachId}`)).body, /Draft a notice/);
  });

  test("another organisation's IG lead gets 404 on every notice route, API and pages, and changes nothing", async () => {
    const routes = registeredRoutes(app).filter((r) => /^(\/api\/v1)?\/breaches\/:id\/notice/.test(r.url) && r.method !== "HEAD");
    for (const expected of [
      "GET /api/v1/breaches/:id/notice-choices",
      "GET /api/v1/breaches/:id/notices",
      "POST /api/v1/breaches/:id/notices",
      "GET /api/v1/breaches/:id/notices/:noticeId",
      "PATCH /api/v1/breaches/:id/notices/:noticeId",
      "POST /api/v1/breaches/:id/notices/:noticeId/sent",
      "POST /api/v1/breaches/:id/notices/:noticeId/withheld",
      "GET /breaches/:id/notices/new",
      "POST /breaches/:id/notices/new",
      "GET /breaches/:id/notices/:noticeId",
      "POST /breaches/:id/notices/:noticeId",
      "GET /breaches/:id/notices/:noticeId/sent",
      "POST /breaches/:id/notices/:noticeId/sent",
      "GET /breaches/:id/notices/:noticeId/withhold",
      "POST /breaches/:id/notices/:noticeId/withhold",
    ])
      assert.ok(
        routes.some((r) => `${r.method} ${r.url}` === expected),
        `${expected} found`,
      );
    const young = (await ig.api("GET", notices())).json().items.find((n: { state: string }) => n.state === "DRAFT");
    const bodyFor = (url: string, method: string) =>
      method === "PATCH"
        ? { body: "x" }
        : url.endsWith("/sent")
          ? { how: "LETTER", sentAt: hoursAgo(1) }
          : url.endsWith("/withheld")
            ? { reason: "x" }
            : { subjectId: kai, addresseeSubjectId: grace, audience: "PARENT" };
    for (const r of routes) {
      const url = r.url.replace(":id", breachId).replace(":noticeId", young.id);
      const res = url.startsWith("/api/")
        ? await otherIg.api(r.method as "GET" | "POST" | "PATCH", url, r.method === "GET" ? undefined : bodyFor(url, r.method))
        : r.method === "GET"
          ? await otherIg.get(url)
          : await otherIg.post(url, { choice: `${kai}|${grace}|PARENT`, body: "x", how: "LETTER", reason: "x" });
      assert.equal(res.statusCode, 404, `${r.method} ${r.url}: ${res.body.slice(0, 200)}`);
    }
    const after = (await ig.api("GET", `${notices()}/${young.id}`)).json();
    assert.deepEqual([after.state, after.body], [young.state, young.body]);
  });

  test("refused for someone recorded as an alleged perpetrator towards a child's parent, as when Kai's mother fled him", async () => {
    const person = async (kind: string, givenNames: string, familyName: string, dateOfBirth?: string) => {
      const res = await practitioner.api("POST", "/api/v1/subjects", {
        kind,
        givenNames,
        familyName,
        ...(dateOfBirth ? { dateOfBirth } : {}),
      });
      assert.equal(res.statusCode, 201, res.body);
      return res.json().id as string;
    };
    const maya = await person("CHILD", "Maya", "Hollis", "2016-02-11");
    const leah = await person("PARENT_CARER", "Leah", "Hollis");
    const lee = await person("ALLEGED_PERPETRATOR", "Lee", "Dunmore", "1985-07-30");
    await link(leah, maya, "PARENT_OF");
    await link(lee, leah, "ALLEGED_PERPETRATOR_TOWARDS");
    const recorded = await ig.api("POST", "/api/v1/breaches", {
      awareAt: hoursAgo(3),
      howDiscovered: "A parent rang",
      whatHappened: "A letter naming Maya and Lee went to the wrong address",
      types: ["CONFIDENTIALITY"],
      kinds: ["UNAUTHORISED_DISCLOSURE"],
      cyber: false,
      subjectIds: [maya, lee],
    });
    assert.equal(recorded.statusCode, 201, recorded.body);
    const id = recorded.json().id;
    const choices = (await ig.api("GET", `/api/v1/breaches/${id}/notice-choices`)).json().items as {
      addressee: { id: string };
      refusals: { message: string }[];
    }[];
    const toLee = choices.filter((c) => c.addressee.id === lee);
    assert.ok(toLee.length, "Lee is a person affected, an adult");
    for (const c of toLee)
      assert.deepEqual(
        c.refusals.map((r) => r.message),
        ["Lee Dunmore is recorded as an alleged perpetrator of harm towards Leah Hollis: Safeshare will not send them a notice"],
      );
    assert.deepEqual(choices.find((c) => c.addressee.id === leah)?.refusals, [], "Maya's mother may be told");
    const res = await ig.api("POST", notices(id), { subjectId: lee, addresseeSubjectId: lee, audience: "PARENT" });
    assert.equal(res.statusCode, 409, res.body);
    assert.deepEqual(
      res.json().rules.map((r: { code: string }) => r.code),
      ["BR-NOTICE-SAFE"],
    );
  });
});

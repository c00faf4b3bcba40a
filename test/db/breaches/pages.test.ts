import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { App } from "../../../src/app/build-app";
import { testApp } from "../../support/app";
import { describeEachDatabase } from "../../support/databases";
import { newOrganisation, newUser } from "../../support/factories";
import type { TestClient } from "../../support/http-client";
import { pageText as words } from "../../support/page-text";
import { signedInAs } from "../../support/sign-in";

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

describeEachDatabase("the breach register's pages: where Your work sends an IG lead whose ICO report is due", (ctx) => {
  let app: App;
  let ig: TestClient;
  let auditor: TestClient;
  let practitioner: TestClient;
  let otherIg: TestClient;
  let breachId: string;
  let reference: string;

  before(async () => {
    app = await testApp(ctx.database);
    const db = ctx.database.db;
    const school = await newOrganisation(db, { name: "Northbrook Primary" });
    const other = await newOrganisation(db, { name: "Westshire Police", type: "police" });
    ig = await signedInAs(app, db, await newUser(db, school, ["ig_lead"]));
    auditor = await signedInAs(app, db, await newUser(db, school, ["auditor"]));
    practitioner = await signedInAs(app, db, await newUser(db, school, ["practitioner"]));
    otherIg = await signedInAs(app, db, await newUser(db, other, ["ig_lead"]));
    const res = await ig.api("POST", "/api/v1/breaches", {
      awareAt: hoursAgo(80),
      occurredAt: hoursAgo(90),
      howDiscovered: "The receiving school rang to say the email was not for them",
      whatHappened: "A child protection summary was emailed to the wrong school",
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
    assert.equal(res.statusCode, 201, res.body);
    breachId = res.json().id;
    reference = res.json().reference;
  });
  after(() => app.close());

  test("the home page's work item leads to the breach, which says in words that the report is overdue", async () => {
    const home = await ig.get("/");
    assert.match(home.body, new RegExp(`href="/breaches/${breachId}"`));
    const page = await ig.get(`/breaches/${breachId}`);
    assert.equal(page.statusCode, 200, page.body);
    const text = words(page.body);
    assert.match(text, /Report to the ICO overdue by/);
    assert.match(text, new RegExp(`Breach ${reference}`));
    assert.match(text, /A child protection summary was emailed to the wrong school/);
    assert.match(text, /Confidentiality: seen by someone who should not have seen it/);
    assert.doesNotMatch(text, /CONFIDENTIALITY|UNAUTHORISED_DISCLOSURE|\d{4}-\d{2}-\d{2}/, "no enum names or ISO dates to read");
    const register = await ig.get("/breaches");
    assert.equal(register.statusCode, 200);
    assert.match(words(register.body), new RegExp(`${reference} A child protection summary was emailed to the wrong school`));
  });

  test("an auditor reads them; a practitioner may not; another organisation's IG lead finds neither the breach nor it in its register", async () => {
    assert.equal((await auditor.get(`/breaches/${breachId}`)).statusCode, 200);
    assert.equal((await practitioner.get(`/breaches/${breachId}`)).statusCode, 403);
    assert.equal((await practitioner.get("/breaches")).statusCode, 403);
    assert.equal((await otherIg.get(`/breaches/${breachId}`)).statusCode, 404);
    assert.doesNotMatch((await otherIg.get("/breaches")).body, new RegExp(reference));
  });
});

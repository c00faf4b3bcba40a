import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { App } from "../../../src/app/build-app";
import { testApp } from "../../support/app";
import { describeEachDatabase } from "../../support/databases";
import { newOrganisation, newUser } from "../../support/factories";
import type { TestClient } from "../../support/http-client";
import { signedInAs } from "../../support/sign-in";

describeEachDatabase("sharing settings: deadlines and the bank holiday calendar", (ctx) => {
  let app: App;
  let admin: TestClient;
  let practitioner: TestClient;
  let councilId: string;
  let childId: string;
  let itemId: string;

  before(async () => {
    app = await testApp(ctx.database);
    const db = ctx.database.db;
    const school = await newOrganisation(db, { name: "Northbrook Primary" });
    const council = await newOrganisation(db, { name: "Westshire Children's Services", type: "childrens_social_care" });
    councilId = council.id;
    admin = await signedInAs(app, db, await newUser(db, council, ["partnership_admin"]));
    practitioner = await signedInAs(app, db, await newUser(db, school, ["practitioner"]));
    childId = (
      await practitioner.api("POST", "/api/v1/subjects", {
        kind: "CHILD",
        givenNames: "Kai",
        familyName: "Mensah",
        dateOfBirth: "2018-05-04",
      })
    ).json().id;
    itemId = (
      await practitioner.api("POST", `/api/v1/subjects/${childId}/items`, {
        category: "education",
        kind: "FACT",
        text: "Attendance 62%.",
        eventDate: "2026-11-02",
        source: { name: "Attendance officer", method: "DOCUMENT", obtainedOn: "2026-11-03" },
      })
    ).json().id;
  });
  after(() => app.close());

  test("the defaults: 24 hours for an emergency record, England and Wales bank holidays", async () => {
    const settings = (await practitioner.api("GET", "/api/v1/settings/sharing")).json();
    assert.deepEqual(settings, {
      emergencyRecordHours: 24,
      acknowledgementChaseHours: 24,
      defaultAccessDays: 90,
      nation: "england-and-wales",
    });
  });

  test("only a partnership administrator changes them; a bad value names the field; an emergency record is then due on the new deadline", async () => {
    const next = { emergencyRecordHours: 8, acknowledgementChaseHours: 48, defaultAccessDays: 30, nation: "scotland" };
    assert.equal((await practitioner.api("PUT", "/api/v1/settings/sharing", next)).statusCode, 403);
    const bad = await admin.api("PUT", "/api/v1/settings/sharing", { ...next, emergencyRecordHours: 0 });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().errors[0].path, "/emergencyRecordHours");
    assert.equal((await admin.api("PUT", "/api/v1/settings/sharing", next)).statusCode, 200);
    const res = await practitioner.api(
      "POST",
      "/api/v1/share-decisions",
      {
        subjectId: childId,
        emergency: { immediateRisk: true, reason: "Missing from home tonight" },
        recipient: { organisationId: councilId },
        items: { items: [{ itemId, share: true }] },
      },
      { "idempotency-key": "emergency-settings-1" },
    );
    assert.equal(res.statusCode, 201, res.body);
    const decision = res.json();
    assert.equal(Math.round((Date.parse(decision.fullRecord.dueAt) - Date.parse(decision.decidedAt)) / 3_600_000), 8);
    assert.equal(Math.round((Date.parse(decision.disclosure.expiresAt) - Date.parse(decision.disclosure.sentAt)) / 86_400_000), 30);
  });
});

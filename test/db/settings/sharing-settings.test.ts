import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import PgBoss from "pg-boss";
import type { App } from "../../../src/app/build-app";
import { sharingJobs } from "../../../src/features/sharing";
import { JOB_SCHEMA } from "../../../src/platform/jobs/queue";
import { QUEUES } from "../../../src/platform/jobs/queues";
import { jobSqlOn } from "../../../src/platform/jobs/sql";
import { TEST_PUBLIC_URL, testApp } from "../../support/app";
import { describeEachDatabase } from "../../support/databases";
import { newOrganisation, newUser } from "../../support/factories";
import type { TestClient } from "../../support/http-client";
import { runQueuedJobs } from "../../support/jobs";
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

  test("the defaults: 24 hours for an emergency record, escalation after 30 minutes, England and Wales bank holidays", async () => {
    const settings = (await practitioner.api("GET", "/api/v1/settings/sharing")).json();
    assert.deepEqual(settings, {
      emergencyRecordHours: 24,
      acknowledgementChaseHours: 24,
      emergencyEscalationMinutes: 30,
      defaultAccessDays: 90,
      nation: "england-and-wales",
    });
  });

  test("only a partnership administrator changes them; a bad value names the field; an emergency record is then due on the new deadline", async () => {
    const next = {
      emergencyRecordHours: 8,
      acknowledgementChaseHours: 48,
      emergencyEscalationMinutes: 10,
      defaultAccessDays: 30,
      nation: "scotland",
    };
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

    // Its recipients are told by a job, which queues the escalation for the partnership's time: 10 minutes after it went.
    const context = { database: ctx.database, db: ctx.database.db, mailer: null, publicUrl: TEST_PUBLIC_URL };
    await runQueuedJobs(
      context,
      sharingJobs.filter((j) => j.name === QUEUES.notifyDisclosure),
    );
    const reader = new PgBoss({ db: jobSqlOn(ctx.database.db), schema: JOB_SCHEMA });
    const escalation = await reader.getJobById(QUEUES.escalateEmergencyShare, decision.disclosure.id);
    assert.ok(escalation, "an escalation is queued");
    assert.equal(Math.round((escalation.startAfter.getTime() - Date.parse(decision.disclosure.sentAt)) / 60_000), 10);
  });

  test("the escalation time says what it is for, and a time out of range is refused with the field named", async () => {
    const doc = (await app.inject({ method: "GET", url: "/api/v1/openapi.json" })).json();
    const hint = doc.components.schemas.SharingSettings.properties.emergencyEscalationMinutes.description as string;
    assert.match(hint, /not opened|has opened/);
    assert.match(hint, /safeguarding leads/);
    const current = (await admin.api("GET", "/api/v1/settings/sharing")).json();
    for (const [minutes, message] of [
      [4, "At least 5 minutes"],
      [1441, "At most a day (1,440 minutes)"],
      [7.5, "Enter a whole number of minutes"],
      ["thirty", "Enter the number of minutes, like 30"],
    ] as const) {
      const res = await admin.api("PUT", "/api/v1/settings/sharing", { ...current, emergencyEscalationMinutes: minutes });
      assert.equal(res.statusCode, 400, String(minutes));
      assert.match(res.headers["content-type"] as string, /application\/problem\+json/);
      assert.deepEqual(res.json().errors, [{ path: "/emergencyEscalationMinutes", message }]);
    }
    assert.deepEqual((await admin.api("GET", "/api/v1/settings/sharing")).json(), current, "nothing changed");
  });
});

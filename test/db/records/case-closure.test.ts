import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { desc, eq } from "drizzle-orm";
import type { App } from "../../../src/app/build-app";
import { closeCase, reopenCase } from "../../../src/features/records";
import { chronologyEntries, subjects } from "../../../src/features/records/schema";
import { addDaysIso, today } from "../../../src/platform/dates/calendar";
import { auditEvents } from "../../../src/platform/db/schema";
import { ConflictError, NotFoundError, NotPermittedError } from "../../../src/platform/errors";
import { apiClientFor } from "../../support/api-client";
import { testApp } from "../../support/app";
import { describeEachDatabase } from "../../support/databases";
import { newOrganisation, newUser } from "../../support/factories";
import type { TestClient } from "../../support/http-client";
import { signedInAs } from "../../support/sign-in";

/**
 * Closing a person's case (issue 21): closure-triggered retention runs from the date it closed. A
 * safeguarding lead or IG lead records it (never in the future, never before the person was born)
 * and can reopen it; each is audited and reaches the chronology. Another organisation's person is not found.
 */
describeEachDatabase("case closure", (ctx) => {
  let app: App;
  let dsl: TestClient;
  let practitioner: TestClient;
  let outsider: TestClient;
  let dslUser: Awaited<ReturnType<typeof newUser>>;
  let dslActor: Awaited<ReturnType<typeof newUser>>["actor"];
  let igActor: Awaited<ReturnType<typeof newUser>>["actor"];
  let outsiderActor: Awaited<ReturnType<typeof newUser>>["actor"];
  let childId: string;

  const newChild = async (familyName: string) =>
    (await dsl.api("POST", "/api/v1/subjects", { kind: "CHILD", givenNames: "Kai", familyName, dateOfBirth: "2016-09-01" })).json()
      .id as string;

  const lastEvent = async (type: string) => {
    const [row] = await ctx.database.db
      .select({ body: auditEvents.body })
      .from(auditEvents)
      .where(eq(auditEvents.type, type))
      .orderBy(desc(auditEvents.seq))
      .limit(1);
    return row ? JSON.parse(row.body) : undefined;
  };

  before(async () => {
    app = await testApp(ctx.database);
    const db = ctx.database.db;
    const council = await newOrganisation(db, { name: "Westshire Council", type: "childrens_social_care" });
    const police = await newOrganisation(db, { name: "Westshire Police", type: "police" });
    const lead = await newUser(db, council, ["practitioner", "safeguarding_lead"], { name: "Joanna Kowalczyk" });
    dslUser = lead;
    dslActor = lead.actor;
    dsl = await signedInAs(app, db, lead);
    igActor = (await newUser(db, council, ["ig_lead"])).actor;
    practitioner = await signedInAs(app, db, await newUser(db, council, ["practitioner"]));
    const o = await newUser(db, police, ["practitioner", "safeguarding_lead", "ig_lead"]);
    outsiderActor = o.actor;
    outsider = await signedInAs(app, db, o);
    childId = await newChild("Okonkwo");
  });
  after(() => app.close());

  test("a safeguarding lead closes the case: 200 with the closure, shown on the record, audited and in the chronology", async () => {
    const res = await dsl.api("POST", `/api/v1/subjects/${childId}/case-closure`, { closedOn: "2026-01-15" });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), {
      subjectId: childId,
      closedOn: "2026-01-15",
      closedBy: { id: dslActor.userId, name: "Joanna Kowalczyk" },
    });
    assert.equal((await dsl.api("GET", `/api/v1/subjects/${childId}`)).json().caseClosedOn, "2026-01-15");
    const event = await lastEvent("subject.case_closed");
    assert.deepEqual(event.entity, { type: "subject", id: childId });
    assert.deepEqual(event.details, { closedOn: "2026-01-15" });
    const [entry] = await ctx.database.db
      .select()
      .from(chronologyEntries)
      .where(eq(chronologyEntries.subjectId, childId))
      .orderBy(desc(chronologyEntries.recordedAt));
    assert.equal(entry!.kind, "CASE_CLOSED");
    assert.equal(entry!.occurredOn, "2026-01-15");
    const chronology = (await dsl.api("GET", `/api/v1/subjects/${childId}/chronology`)).json();
    assert.ok(chronology.items.some((e: { title: string }) => e.title === "Case closed"));

    const summary = await dsl.get(`/subjects/${childId}`);
    assert.match(summary.body, /Case closed on 15 January 2026/);
    assert.match(summary.body, /Reopen case/);

    // Closing it again is a conflict that says so.
    const again = await dsl.api("POST", `/api/v1/subjects/${childId}/case-closure`, { closedOn: "2026-01-20" });
    assert.equal(again.statusCode, 409);
    assert.match(again.json().detail, /already closed on 15 January 2026/);
  });

  test("reopening: 204, audited, in the chronology; reopening an open case is a 409", async () => {
    const res = await dsl.api("DELETE", `/api/v1/subjects/${childId}/case-closure`);
    assert.equal(res.statusCode, 204, res.body);
    assert.equal((await dsl.api("GET", `/api/v1/subjects/${childId}`)).json().caseClosedOn, null);
    assert.deepEqual((await lastEvent("subject.case_reopened")).entity, { type: "subject", id: childId });
    const chronology = (await dsl.api("GET", `/api/v1/subjects/${childId}/chronology`)).json();
    assert.ok(chronology.items.some((e: { title: string }) => e.title === "Case reopened"));
    const again = await dsl.api("DELETE", `/api/v1/subjects/${childId}/case-closure`);
    assert.equal(again.statusCode, 409);
    assert.match(again.json().detail, /This case is open/);
    await assert.rejects(reopenCase(ctx.database.db, igActor, childId), ConflictError);
  });

  test("the date is required, not in the future and not before their date of birth (field paths); the form keeps what was typed", async () => {
    const missing = await dsl.api("POST", `/api/v1/subjects/${childId}/case-closure`, {});
    assert.equal(missing.statusCode, 400);
    assert.deepEqual(missing.json().errors, [{ path: "/closedOn", message: "Enter the date the case closed" }]);
    const future = await dsl.api("POST", `/api/v1/subjects/${childId}/case-closure`, { closedOn: addDaysIso(today(), 1) });
    assert.equal(future.json().errors[0].message, "The date the case closed must be today or in the past");
    const beforeBirth = await dsl.api("POST", `/api/v1/subjects/${childId}/case-closure`, { closedOn: "2015-01-01" });
    assert.equal(beforeBirth.statusCode, 400);
    assert.deepEqual(beforeBirth.json().errors, [
      { path: "/closedOn", message: "The date the case closed must be on or after their date of birth, 1 September 2016" },
    ]);
    assert.equal((await dsl.api("POST", `/api/v1/subjects/${childId}/case-closure`, { closedOn: "2026-02-30" })).statusCode, 400);

    const form = await dsl.post(`/subjects/${childId}/case-closure`, {
      "closedOn-day": "31",
      "closedOn-month": "2",
      "closedOn-year": "2026",
    });
    assert.equal(form.statusCode, 400);
    assert.match(form.body, /There is a problem/);
    assert.match(form.body, /href="#closedOn-day"/);
    assert.match(form.body, /value="31"/);

    const closed = await dsl.post(`/subjects/${childId}/case-closure`, {
      "closedOn-day": "3",
      "closedOn-month": "3",
      "closedOn-year": "2026",
    });
    assert.equal(closed.statusCode, 303, closed.body);
    assert.match((await dsl.get(String(closed.headers.location))).body, /Case closed\./);
    assert.match((await dsl.get(`/subjects/${childId}/case-closure`)).body, /Reopen the case/);
    const reopened = await dsl.post(`/subjects/${childId}/case-closure/reopen`, {});
    assert.equal(reopened.statusCode, 303);
    assert.match((await dsl.get(String(reopened.headers.location))).body, /Case reopened\./);
  });

  test("IG leads may close cases; practitioners may not (403), and are not offered it", async () => {
    const id = await newChild("Ellis");
    const closed = await closeCase(ctx.database.db, igActor, id, { closedOn: "2026-02-01" });
    assert.equal(closed.closedOn, "2026-02-01");
    const refused = await practitioner.api("POST", `/api/v1/subjects/${id}/case-closure`, { closedOn: "2026-02-01" });
    assert.equal(refused.statusCode, 403);
    assert.equal((await practitioner.api("DELETE", `/api/v1/subjects/${id}/case-closure`)).statusCode, 403);
    assert.equal((await practitioner.get(`/subjects/${id}/case-closure`)).statusCode, 403);
    const summary = await practitioner.get(`/subjects/${id}`);
    assert.match(summary.body, /Case closed on 1 February 2026/);
    assert.doesNotMatch(summary.body, /Reopen case/);
  });

  test("a partner system closes a case with subjects:write; subjects:read alone is refused", async () => {
    const id = await newChild("System");
    const reader = await apiClientFor(app, ctx.database.db, dslUser, ["subjects:read"]);
    const refused = await reader.call("POST", `/api/v1/subjects/${id}/case-closure`, { closedOn: "2026-02-01" });
    assert.equal(refused.statusCode, 403);
    assert.equal(refused.json().code, "INSUFFICIENT_SCOPE");
    const writer = await apiClientFor(app, ctx.database.db, dslUser, ["subjects:write"]);
    assert.equal((await writer.call("POST", `/api/v1/subjects/${id}/case-closure`, { closedOn: "2026-02-01" })).statusCode, 200);
    assert.equal((await writer.call("DELETE", `/api/v1/subjects/${id}/case-closure`)).statusCode, 204);
  });

  test("a disposed file's case cannot be closed or reopened (409)", async () => {
    const id = await newChild("Disposed");
    await ctx.database.db.update(subjects).set({ disposedAt: new Date() }).where(eq(subjects.id, id));
    const res = await dsl.api("POST", `/api/v1/subjects/${id}/case-closure`, { closedOn: "2026-02-01" });
    assert.equal(res.statusCode, 409);
    assert.match(res.json().detail, /disposed of/);
    assert.equal((await dsl.api("DELETE", `/api/v1/subjects/${id}/case-closure`)).statusCode, 409);
  });

  test("another organisation cannot close or reopen this organisation's person's case on any route: 404, and nothing changes", async () => {
    const id = await newChild("Kept");
    await dsl.api("POST", `/api/v1/subjects/${id}/case-closure`, { closedOn: "2026-01-05" });
    assert.equal((await outsider.api("POST", `/api/v1/subjects/${childId}/case-closure`, { closedOn: "2026-01-05" })).statusCode, 404);
    assert.equal((await outsider.api("DELETE", `/api/v1/subjects/${id}/case-closure`)).statusCode, 404);
    assert.equal((await outsider.get(`/subjects/${id}/case-closure`)).statusCode, 404);
    const form = await outsider.post(`/subjects/${childId}/case-closure`, {
      "closedOn-day": "1",
      "closedOn-month": "1",
      "closedOn-year": "2026",
    });
    assert.equal(form.statusCode, 404);
    assert.doesNotMatch(form.body, /Okonkwo/);
    assert.equal((await outsider.post(`/subjects/${id}/case-closure/reopen`, {})).statusCode, 404);
    await assert.rejects(closeCase(ctx.database.db, outsiderActor, childId, { closedOn: "2026-01-05" }), NotFoundError);
    await assert.rejects(reopenCase(ctx.database.db, outsiderActor, id), NotFoundError);
    assert.equal((await dsl.api("GET", `/api/v1/subjects/${id}`)).json().caseClosedOn, "2026-01-05", "still closed");
    assert.equal((await dsl.api("GET", `/api/v1/subjects/${childId}`)).json().caseClosedOn, null, "still open");
    await assert.rejects(closeCase(ctx.database.db, { ...outsiderActor, roles: ["practitioner"] }, childId, {}), NotPermittedError);
  });
});

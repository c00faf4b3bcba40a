import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { App } from "../../../src/app/build-app";
import { countWorkDue, yourWork } from "../../../src/app/your-work";
import type { Actor } from "../../../src/platform/auth/actor";
import { apiClientFor } from "../../support/api-client";
import { testApp } from "../../support/app";
import { auditEventsOfType } from "../../support/audit";
import { describeEachDatabase } from "../../support/databases";
import { newOrganisation, newUser } from "../../support/factories";
import type { TestClient } from "../../support/http-client";
import { signedInAs } from "../../support/sign-in";

const HOUR = 3_600_000;
const hoursAgo = (h: number) => new Date(Date.now() - h * HOUR).toISOString();

/**
 * The breach register (issue 22): an IG lead records a breach, assesses the risk, reports it to the
 * ICO (late reports with reasons, follow-ups with the ICO's case reference) or decides not to with
 * reasons, and closes it with the lessons learned; it stays on the register. Auditors read it; no one
 * else does, and another organisation finds nothing.
 */
describeEachDatabase("breach register", (ctx) => {
  let app: App;
  let ig: TestClient;
  let igActor: Actor;
  let auditor: TestClient;
  let practitioner: TestClient;
  let policeIg: TestClient;
  let childId: string;
  let policeChildId: string;

  const breach = (overrides: Record<string, unknown> = {}) => ({
    awareAt: hoursAgo(2),
    occurredAt: hoursAgo(30),
    howDiscovered: "The receiving school rang to say the email was not for them",
    whatHappened: "A child protection summary was emailed to the wrong school",
    types: ["CONFIDENTIALITY"],
    kinds: ["UNAUTHORISED_DISCLOSURE"],
    cyber: false,
    dataCategories: ["CHILDREN", "SPECIAL_CATEGORY"],
    approxPeople: 1,
    approxRecords: 1,
    consequences: "The family's new address could reach the father, who is subject to a non-molestation order",
    physicalRisk: true,
    physicalRiskDetail: "The mother and child moved to escape the father",
    measuresTaken: "The school confirmed deletion by phone",
    measuresProposed: "Address book autocomplete turned off",
    subjectIds: [childId],
    ...overrides,
  });

  const events = (type: string) => auditEventsOfType(ctx.database.db, type);

  const record = async (overrides: Record<string, unknown> = {}) => {
    const res = await ig.api("POST", "/api/v1/breaches", breach(overrides));
    assert.equal(res.statusCode, 201, res.body);
    return res.json();
  };
  const errorPaths = (res: { json: () => { errors?: { path: string }[] } }) => (res.json().errors ?? []).map((e) => e.path).sort();

  before(async () => {
    app = await testApp(ctx.database);
    const db = ctx.database.db;
    const school = await newOrganisation(db, { name: "Northbrook Primary", type: "school" });
    const police = await newOrganisation(db, { name: "Westshire Police", type: "police" });
    const igUser = await newUser(db, school, ["ig_lead"], { name: "Bernard Hale" });
    igActor = igUser.actor;
    ig = await signedInAs(app, db, igUser);
    auditor = await signedInAs(app, db, await newUser(db, school, ["auditor"]));
    practitioner = await signedInAs(app, db, await newUser(db, school, ["practitioner", "safeguarding_lead"]));
    policeIg = await signedInAs(app, db, await newUser(db, police, ["ig_lead", "practitioner"]));
    const person = async (client: TestClient, givenNames: string, familyName: string) =>
      (await client.api("POST", "/api/v1/subjects", { kind: "CHILD", givenNames, familyName, dateOfBirth: "2014-05-01" })).json().id;
    childId = await person(practitioner, "Kai", "Okonkwo");
    policeChildId = await person(policeIg, "Ana", "Other");
  });
  after(() => app.close());

  test("an IG lead records a breach: 201 with its address and reference, its clock running, the person named, audited without words", async () => {
    const res = await ig.api("POST", "/api/v1/breaches", breach());
    assert.equal(res.statusCode, 201, res.body);
    const b = res.json();
    assert.equal(res.headers.location, `/api/v1/breaches/${b.id}`);
    assert.match(b.reference, /^BR-\d+$/);
    assert.equal(b.state, "DISCOVERED");
    assert.equal(b.risk, null);
    assert.equal(b.clock.state, "DUE");
    assert.match(b.clock.text, /^Report to the ICO due in 2 days 2[12] hours$/);
    assert.deepEqual(b.nextStates, ["INVESTIGATING", "REPORTED_TO_ICO", "NOT_REPORTED"]);
    assert.deepEqual(b.people, [{ id: childId, name: "Kai Okonkwo" }]);
    assert.equal(b.recordedBy, "Bernard Hale");
    const [recorded] = await events("breach.recorded");
    assert.equal(recorded.entity.id, b.id);
    assert.deepEqual(recorded.details.subjectIds, [childId]);
    assert.doesNotMatch(JSON.stringify(recorded), /Okonkwo|wrong school|father/, "ids and counts only");
    const [viewed] = await events("personal_data.viewed");
    assert.deepEqual(viewed.entity, { type: "breach", id: b.id });
    assert.deepEqual(viewed.details.subjectIds, [childId]);

    // The audit log names it by its reference.
    const log = await ig.api("GET", "/api/v1/audit/events?pageSize=5");
    if (log.statusCode === 200) assert.match(log.body, new RegExp(`recorded breach ${b.reference} on the breach register`));
  });

  test("bad input is refused at its path: T0 in the future, the incident after T0, missing facts, another organisation's person, an unknown field", async () => {
    const future = await ig.api("POST", "/api/v1/breaches", breach({ awareAt: new Date(Date.now() + HOUR).toISOString() }));
    assert.equal(future.statusCode, 400);
    assert.match(String(future.headers["content-type"]), /application\/problem\+json/);
    assert.deepEqual(future.json().errors, [
      { path: "/awareAt", message: "The time you became aware of the breach must be now or in the past" },
    ]);

    const after72 = await ig.api("POST", "/api/v1/breaches", breach({ occurredAt: hoursAgo(1) }));
    assert.deepEqual(errorPaths(after72), ["/occurredAt"]);
    assert.equal(
      (await ig.api("POST", "/api/v1/breaches", breach({ occurredAt: hoursAgo(24 * 400) }))).statusCode,
      201,
      "long before T0 is fine",
    );

    const empty = await ig.api("POST", "/api/v1/breaches", {
      awareAt: "yesterday",
      howDiscovered: "",
      whatHappened: " ",
      types: [],
      kinds: [],
    });
    assert.equal(empty.statusCode, 400);
    assert.deepEqual(errorPaths(empty), ["/awareAt", "/cyber", "/howDiscovered", "/kinds", "/types", "/whatHappened"]);

    const physical = await ig.api("POST", "/api/v1/breaches", breach({ physicalRiskDetail: "" }));
    assert.deepEqual(errorPaths(physical), ["/physicalRiskDetail"]);

    const theirs = await ig.api("POST", "/api/v1/breaches", breach({ subjectIds: [childId, policeChildId] }));
    assert.equal(theirs.statusCode, 400);
    assert.deepEqual(theirs.json().errors, [{ path: "/subjectIds/1", message: "Select people from your organisation's records" }]);

    const surprise = await ig.api("POST", "/api/v1/breaches", breach({ severity: "bad" }));
    assert.equal(surprise.statusCode, 400);
    assert.match(surprise.body, /severity/);

    const id = (await record()).id;
    const patch = await ig.api("PATCH", `/api/v1/breaches/${id}`, { awareAt: new Date(Date.now() + HOUR).toISOString() });
    assert.deepEqual(errorPaths(patch), ["/awareAt"]);
    const changed = await ig.api("PATCH", `/api/v1/breaches/${id}`, { approxPeople: 3, measuresTaken: "Deletion confirmed in writing" });
    assert.equal(changed.statusCode, 200, changed.body);
    assert.equal(changed.json().approxPeople, 3);
    const [facts] = await events("breach.facts_changed");
    assert.deepEqual(facts.details, { fields: ["approxPeople", "measuresTaken"] });
  });

  test("ICO reports: not before T0; late needs reasons; one initial report, then follow-ups with the ICO's case reference, each kept as reported", async () => {
    const b = await record({ awareAt: hoursAgo(100), occurredAt: null });
    assert.equal(b.clock.state, "OVERDUE");
    assert.deepEqual(
      b.warnings.map((w: { code: string }) => w.code),
      ["BR-72H"],
    );
    const url = `/api/v1/breaches/${b.id}/reports`;

    const early = await ig.api("POST", url, { phase: "INITIAL", reportedAt: hoursAgo(101) });
    assert.equal(early.statusCode, 400);
    assert.deepEqual(early.json().errors, [
      { path: "/reportedAt", message: "The report cannot have been made before you became aware of the breach" },
    ]);
    const noReasons = await ig.api("POST", url, { phase: "INITIAL", reportedAt: hoursAgo(1) });
    assert.deepEqual(errorPaths(noReasons), ["/delayReasons"]);
    const followFirst = await ig.api("POST", url, { phase: "FOLLOW_UP", reportedAt: hoursAgo(1), icoCaseReference: "IC-1" });
    assert.equal(followFirst.statusCode, 409);

    const initial = await ig.api("POST", url, {
      phase: "INITIAL",
      reportedAt: hoursAgo(1),
      delayReasons: "The breach was found on a Friday evening and the IG lead was not told until Monday",
    });
    assert.equal(initial.statusCode, 201, initial.body);
    assert.equal(initial.headers.location, `/api/v1/breaches/${b.id}`);
    const reported = initial.json();
    assert.equal(reported.state, "REPORTED_TO_ICO");
    assert.equal(reported.clock.state, "REPORTED");
    assert.equal(reported.clock.late, true);
    assert.equal(reported.clock.text, "Reported to the ICO late");
    assert.equal(reported.reports[0].late, true);
    assert.equal(reported.reports[0].form.whatHappened, "A child protection summary was emailed to the wrong school");
    assert.equal(reported.reports[0].form.contact, "Bernard Hale");
    assert.equal(reported.reports[0].form.organisation, "Northbrook Primary");
    const [event] = await events("breach.ico_reported");
    assert.deepEqual({ phase: event.details.phase, late: event.details.late }, { phase: "INITIAL", late: true });

    assert.equal((await ig.api("POST", url, { phase: "INITIAL", reportedAt: hoursAgo(1), delayReasons: "Again" })).statusCode, 409);
    const noCase = await ig.api("POST", url, { phase: "FOLLOW_UP", reportedAt: hoursAgo(0.5) });
    assert.deepEqual(errorPaths(noCase), ["/icoCaseReference"]);

    // A later edit does not rewrite what the ICO was told.
    await ig.api("PATCH", `/api/v1/breaches/${b.id}`, { approxPeople: 4 });
    const follow = await ig.api("POST", url, { phase: "FOLLOW_UP", reportedAt: hoursAgo(0.5), icoCaseReference: "IC-123456-A1B2" });
    assert.equal(follow.statusCode, 201, follow.body);
    const reports = follow.json().reports;
    assert.deepEqual(
      reports.map((r: { phase: string; form: { approxPeople: number } }) => [r.phase, r.form.approxPeople]),
      [
        ["INITIAL", 1],
        ["FOLLOW_UP", 4],
      ],
    );
    assert.equal(reports[1].icoCaseReference, "IC-123456-A1B2");
  });

  test("no risk with reasons: not reported and closed with the lessons learned, still on the register; a risk must be reported", async () => {
    const b = await record();
    const base = `/api/v1/breaches/${b.id}`;
    assert.equal((await ig.api("POST", `${base}/not-reported`, { reasons: "Nothing sensitive" })).statusCode, 409, "assess first");
    const risky = await ig.api("POST", `${base}/risk-assessment`, { risk: "RISK", reasoning: "Special category data about a child" });
    assert.equal(risky.statusCode, 200, risky.body);
    const mustReport = await ig.api("POST", `${base}/not-reported`, { reasons: "We would rather not" });
    assert.equal(mustReport.statusCode, 409);
    assert.match(mustReport.json().detail, /must be reported to the ICO/);

    const noRisk = await ig.api("POST", `${base}/risk-assessment`, {
      risk: "NO_RISK",
      reasoning: "The recipient is a DSL who deleted it unread",
    });
    assert.equal(noRisk.json().clock.state, "NOT_NEEDED");
    assert.equal(noRisk.json().clock.text, "No report to the ICO needed");
    assert.deepEqual(errorPaths(await ig.api("POST", `${base}/not-reported`, { reasons: " " })), ["/reasons"]);
    assert.equal((await ig.api("POST", `${base}/close`, { lessonsLearned: "Check addresses" })).statusCode, 409, "not yet decided");

    const decided = await ig.api("POST", `${base}/not-reported`, { reasons: "Deleted unread by a DSL within the hour" });
    assert.equal(decided.statusCode, 200, decided.body);
    assert.equal(decided.json().state, "NOT_REPORTED");
    assert.equal(decided.json().notReportedReasons, "Deleted unread by a DSL within the hour");

    const noLessons = await ig.api("POST", `${base}/close`, { lessonsLearned: "" });
    assert.equal(noLessons.statusCode, 400);
    assert.deepEqual(noLessons.json().errors, [
      { path: "/lessonsLearned", message: "Enter the lessons learned before closing the breach" },
    ]);
    const closed = await ig.api("POST", `${base}/close`, { lessonsLearned: "Turn off address autocomplete for safeguarding email" });
    assert.equal(closed.statusCode, 200, closed.body);
    assert.equal(closed.json().state, "CLOSED");
    assert.deepEqual(closed.json().nextStates, []);
    const [event] = await events("breach.closed");
    assert.deepEqual(event.details, { from: "NOT_REPORTED" });

    const register = (await ig.api("GET", "/api/v1/breaches?pageSize=200")).json();
    const listed = register.items.find((i: { id: string }) => i.id === b.id);
    assert.equal(listed.state, "CLOSED", "a closed, unreported breach stays on the register");
    assert.equal((await ig.api("PATCH", base, { approxPeople: 2 })).statusCode, 409);
    assert.equal((await ig.api("POST", `${base}/risk-assessment`, { risk: "RISK", reasoning: "x" })).statusCode, 409);
    assert.equal((await ig.api("POST", `${base}/state`, { to: "INVESTIGATING" })).statusCode, 409);
  });

  test("a high risk warns until the people affected are told; the register lists what is due soonest first", async () => {
    const later = await record({ awareAt: hoursAgo(1), occurredAt: null });
    const sooner = await record({ awareAt: hoursAgo(50), occurredAt: null });
    const base = `/api/v1/breaches/${sooner.id}`;
    assert.equal((await ig.api("POST", `${base}/state`, { to: "INVESTIGATING" })).json().state, "INVESTIGATING");
    assert.equal((await ig.api("POST", `${base}/state`, { to: "INDIVIDUALS_TOLD" })).statusCode, 409, "not before the ICO report");
    const high = await ig.api("POST", `${base}/risk-assessment`, { risk: "HIGH_RISK", reasoning: "A refuge address was revealed" });
    assert.deepEqual(
      high.json().warnings.map((w: { code: string; source: string }) => [w.code, /Art 34/.test(w.source)]),
      [["BR-TELL-INDIVIDUALS", true]],
    );

    const register = (await ig.api("GET", "/api/v1/breaches?pageSize=200")).json();
    const order = register.items.map((i: { id: string }) => i.id);
    assert.ok(order.indexOf(sooner.id) < order.indexOf(later.id), "soonest due first");
    const due = register.items.filter((i: { clock: { state: string } }) => ["DUE", "OVERDUE"].includes(i.clock.state));
    const dueAts = due.map((i: { clock: { dueAt: string } }) => i.clock.dueAt);
    assert.deepEqual(dueAts, [...dueAts].sort(), "running clocks in due order");
    assert.ok(register.items.indexOf(due.at(-1)) === due.length - 1, "every running clock before those stopped");
    assert.equal(register.pageSize, 200);
    assert.equal(register.total, register.items.length);

    await ig.api("POST", `${base}/reports`, { phase: "INITIAL", reportedAt: hoursAgo(0.1) });
    const told = await ig.api("POST", `${base}/state`, { to: "INDIVIDUALS_TOLD" });
    assert.equal(told.json().state, "INDIVIDUALS_TOLD");
    assert.deepEqual(told.json().warnings, []);
    assert.ok(told.json().individualsToldAt);
  });

  test("a breach whose ICO report is due is on its IG lead's work, due at T0 + 72 hours, and counted by the daily reminder when overdue", async () => {
    const overdue = await record({ awareAt: hoursAgo(80), occurredAt: null });
    const work = await yourWork(ctx.database.db, igActor);
    const item = work.find((w) => w.href === `/breaches/${overdue.id}`);
    assert.ok(item, JSON.stringify(work));
    assert.equal(item.title, `Report breach ${overdue.reference} to the ICO`);
    assert.equal(item.overdue, true);
    assert.ok((await countWorkDue(ctx.database.db, igActor)).overdue >= 1);

    await ig.api("POST", `/api/v1/breaches/${overdue.id}/risk-assessment`, { risk: "NO_RISK", reasoning: "Encrypted device" });
    const after = await yourWork(ctx.database.db, igActor);
    assert.ok(!after.some((w) => w.href === `/breaches/${overdue.id}`), "no report needed: off the list");
  });

  test("an auditor reads the register but changes nothing (403); other roles cannot see it", async () => {
    const b = await record();
    assert.equal((await auditor.api("GET", "/api/v1/breaches")).statusCode, 200);
    const read = await auditor.api("GET", `/api/v1/breaches/${b.id}`);
    assert.equal(read.statusCode, 200);
    assert.equal(read.json().people[0].name, "Kai Okonkwo");
    const writes: ["POST" | "PATCH", string, unknown][] = [
      ["POST", "/api/v1/breaches", breach()],
      ["PATCH", `/api/v1/breaches/${b.id}`, { approxPeople: 2 }],
      ["POST", `/api/v1/breaches/${b.id}/risk-assessment`, { risk: "RISK", reasoning: "x" }],
      ["POST", `/api/v1/breaches/${b.id}/reports`, { phase: "INITIAL", reportedAt: hoursAgo(1) }],
      ["POST", `/api/v1/breaches/${b.id}/not-reported`, { reasons: "x" }],
      ["POST", `/api/v1/breaches/${b.id}/state`, { to: "INVESTIGATING" }],
      ["POST", `/api/v1/breaches/${b.id}/close`, { lessonsLearned: "x" }],
    ];
    for (const [method, url, body] of writes) assert.equal((await auditor.api(method, url, body)).statusCode, 403, `${method} ${url}`);
    assert.equal((await practitioner.api("GET", "/api/v1/breaches")).statusCode, 403);
    assert.equal((await practitioner.api("GET", `/api/v1/breaches/${b.id}`)).statusCode, 403);
  });

  test("another organisation's IG lead finds nothing: every breach route is a 404, recorded as an attempt, and its register is its own", async () => {
    const b = await record();
    const routes: ["GET" | "POST" | "PATCH", string, unknown?][] = [
      ["GET", `/api/v1/breaches/${b.id}`],
      ["PATCH", `/api/v1/breaches/${b.id}`, { approxPeople: 2 }],
      ["POST", `/api/v1/breaches/${b.id}/risk-assessment`, { risk: "RISK", reasoning: "x" }],
      ["POST", `/api/v1/breaches/${b.id}/reports`, { phase: "INITIAL", reportedAt: hoursAgo(1) }],
      ["POST", `/api/v1/breaches/${b.id}/not-reported`, { reasons: "x" }],
      ["POST", `/api/v1/breaches/${b.id}/state`, { to: "INVESTIGATING" }],
      ["POST", `/api/v1/breaches/${b.id}/close`, { lessonsLearned: "x" }],
    ];
    for (const [method, url, body] of routes) {
      const res = await policeIg.api(method, url, body);
      assert.equal(res.statusCode, 404, `${method} ${url}: ${res.body}`);
    }
    const denied = (await events("access.denied")).filter((e) => e.details.ids?.id === b.id);
    assert.equal(denied.length, routes.length);
    assert.ok(denied.every((e) => e.details.reason === "out_of_scope"));
    const theirs = (await policeIg.api("GET", "/api/v1/breaches?pageSize=200")).json();
    assert.ok(!theirs.items.some((i: { id: string }) => i.id === b.id));
    assert.equal((await ig.api("GET", `/api/v1/breaches/${b.id}`)).json().state, "DISCOVERED", "nothing changed");
  });

  test("the register is for people only: a partner system's token, whatever its scopes, is refused on every route", async () => {
    const b = await record();
    const { call } = await apiClientFor(app, ctx.database.db, { actor: igActor });
    for (const [method, url, body] of [
      ["GET", "/api/v1/breaches"],
      ["POST", "/api/v1/breaches", breach()],
      ["GET", `/api/v1/breaches/${b.id}`],
      ["PATCH", `/api/v1/breaches/${b.id}`, { approxPeople: 2 }],
      ["POST", `/api/v1/breaches/${b.id}/risk-assessment`, { risk: "NO_RISK", reasoning: "A system may not" }],
      ["POST", `/api/v1/breaches/${b.id}/reports`, { phase: "INITIAL", reportedAt: hoursAgo(1) }],
      ["POST", `/api/v1/breaches/${b.id}/not-reported`, { reasons: "x" }],
      ["POST", `/api/v1/breaches/${b.id}/state`, { to: "INVESTIGATING" }],
      ["POST", `/api/v1/breaches/${b.id}/close`, { lessonsLearned: "x" }],
    ] as const) {
      const res = await call(method, url, body);
      assert.equal(res.statusCode, 403, `${method} ${url}`);
      assert.equal(res.json().code, "INSUFFICIENT_SCOPE", `${method} ${url}`);
    }
  });
});

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { addDays, format } from "date-fns";
import { eq } from "drizzle-orm";
import type { App } from "../../../src/app/build-app";
import { rightsDueDate } from "../../../src/features/rights/domain/deadlines";
import { rightsRequests } from "../../../src/features/rights/schema";
import { submitPublicRequest } from "../../../src/features/rights/services/receive-request";
import { transitionRightsRequest } from "../../../src/features/rights/services/transition-request";
import type { Actor } from "../../../src/platform/auth/actor";
import { dueIn, today } from "../../../src/platform/dates/calendar";
import { testApp } from "../../support/app";
import { describeEachDatabase } from "../../support/databases";
import { newOrganisation, newUser } from "../../support/factories";
import { TestClient } from "../../support/http-client";
import { signedInAs } from "../../support/sign-in";

const daysAgo = (n: number) => format(addDays(new Date(), -n), "yyyy-MM-dd");

const request = (overrides: Record<string, unknown> = {}) => ({
  type: "ACCESS",
  requester: { name: "Darren Pike", email: "darren@example.org" },
  relationship: "PARENTAL_RESPONSIBILITY",
  about: { name: "Kai Mensah", dateOfBirth: "2018-05-04" },
  details: "Everything the school holds about my son",
  receivedVia: "LETTER",
  receivedOn: today(),
  ...overrides,
});

describeEachDatabase("rights requests: intake, the clock and its states", (ctx) => {
  let app: App;
  let ig: TestClient;
  let practitioner: TestClient;
  let otherIg: TestClient;
  let igActor: Actor;
  let childId: string;
  let schoolId: string;
  let policeId: string;

  before(async () => {
    app = await testApp(ctx.database);
    const db = ctx.database.db;
    const school = await newOrganisation(db, { name: "Northbrook Primary" });
    const police = await newOrganisation(db, { name: "Westshire Police", type: "police" });
    schoolId = school.id;
    policeId = police.id;
    const bernard = await newUser(db, school, ["ig_lead"], { name: "Bernard Hale" });
    igActor = bernard.actor;
    ig = await signedInAs(app, db, bernard);
    practitioner = await signedInAs(app, db, await newUser(db, school, ["practitioner"]));
    otherIg = await signedInAs(app, db, await newUser(db, police, ["ig_lead"]));
    childId = (
      await practitioner.api("POST", "/api/v1/subjects", {
        kind: "CHILD",
        givenNames: "Kai",
        familyName: "Mensah",
        dateOfBirth: "2018-05-04",
      })
    ).json().id;
    const darren = (
      await practitioner.api("POST", "/api/v1/subjects", { kind: "ALLEGED_PERPETRATOR", givenNames: "Darren", familyName: "Pike" })
    ).json().id;
    const link = await practitioner.api("POST", "/api/v1/subject-links", {
      fromSubjectId: darren,
      toSubjectId: childId,
      kind: "ALLEGED_PERPETRATOR_TOWARDS",
    });
    assert.equal(link.statusCode, 201, link.body);
  });
  after(() => app.close());

  test("a request is due one calendar month after receipt, on a working day; bad dates are field errors and save nothing", async () => {
    const future = format(addDays(new Date(), 2), "yyyy-MM-dd");
    const bad = await ig.api("POST", "/api/v1/rights-requests", request({ receivedOn: future }));
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().errors[0].path, "/receivedOn");
    const missing = await ig.api("POST", "/api/v1/rights-requests", request({ receivedOn: undefined }));
    assert.equal(missing.statusCode, 400);
    assert.deepEqual((await ig.api("GET", "/api/v1/rights-requests")).json().items, []);
    assert.equal((await practitioner.api("POST", "/api/v1/rights-requests", request())).statusCode, 403);

    const res = await ig.api("POST", "/api/v1/rights-requests", request({ receivedOn: "2026-01-31" }));
    assert.equal(res.statusCode, 201, res.body);
    const r = res.json();
    assert.equal(r.state, "RECEIVED");
    assert.equal(r.dueOn, "2026-03-02", "28 February 2026 is a Saturday");
    assert.match(r.reference, /^SR-[0-9A-F]{8}$/);
  });

  describe("one request through its life", () => {
    let id: string;
    const move = (body: Record<string, unknown>) => ig.api("POST", `/api/v1/rights-requests/${id}/transitions`, body);

    before(async () => {
      id = (await ig.api("POST", "/api/v1/rights-requests", request())).json().id;
    });

    test("attaching the child flags a requester recorded as an alleged perpetrator towards them", async () => {
      const res = await ig.api("POST", `/api/v1/rights-requests/${id}/subjects`, { subjectId: childId });
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json(), { harmRisk: true });
      const r = (await ig.api("GET", `/api/v1/rights-requests/${id}`)).json();
      assert.equal(r.harmRisk, true);
      assert.deepEqual(
        r.subjects.map((s: { name: string }) => s.name),
        ["Kai Mensah"],
      );
    });

    test("impossible moves are a 409 that says why; waiting for identity stops the clock, and it starts on the day the ID arrives, never a day before the request", async () => {
      const impossible = await move({ to: "EXTENDED" });
      assert.equal(impossible.statusCode, 409);
      assert.match(impossible.json().detail, /received cannot become extended/);
      assert.equal((await move({ to: "AWAITING_IDENTITY" })).statusCode, 204);
      assert.equal((await ig.api("GET", `/api/v1/rights-requests/${id}`)).json().paused, true);
      // The request arrived today: an ID dated yesterday would make it due before the request arrived.
      const early = await move({ to: "IN_PROGRESS", receivedOn: daysAgo(1) });
      assert.equal(early.statusCode, 400, early.body);
      assert.equal(early.json().errors[0].path, "/receivedOn");
      assert.match(early.json().errors[0].message, /before the request was received/);
      assert.equal((await ig.api("GET", `/api/v1/rights-requests/${id}`)).json().paused, true, "nothing changed");
      assert.equal((await move({ to: "IN_PROGRESS" })).statusCode, 204, "the day it arrived is today unless given");
      const r = (await ig.api("GET", `/api/v1/rights-requests/${id}`)).json();
      assert.equal(r.paused, false);
      assert.equal(r.clockStartedOn, today());
      assert.equal(r.dueOn, rightsDueDate(today(), "england-and-wales"));
    });

    test("an extension needs its reason and the day the requester was told, within the first month", async () => {
      assert.equal((await move({ to: "EXTENDED" })).statusCode, 400);
      const res = await move({ to: "EXTENDED", reason: "Six years of records across three services", requesterToldOn: today() });
      assert.equal(res.statusCode, 204, res.body);
      const r = (await ig.api("GET", `/api/v1/rights-requests/${id}`)).json();
      assert.deepEqual(r.extension, { reason: "Six years of records across three services", requesterToldOn: today() });
      assert.ok(r.dueOn > rightsDueDate(r.clockStartedOn, "england-and-wales"));
    });

    test("nothing is sent until the identity is verified, and, for this requester, a safety check is recorded", async () => {
      const unverified = await move({ to: "RESPONDED", outcome: "PARTIAL", reason: "Some information is about others" });
      assert.equal(unverified.statusCode, 409);
      assert.match(unverified.json().detail, /identity has not been verified/);
      const noAuthority = await ig.api("POST", `/api/v1/rights-requests/${id}/identity`, { evidence: "Passport seen" });
      assert.equal(noAuthority.statusCode, 400, "someone acting for a child must show their authority");
      assert.equal(
        (
          await ig.api("POST", `/api/v1/rights-requests/${id}/identity`, {
            evidence: "Passport seen",
            authorityEvidence: "Birth certificate names him as father",
          })
        ).statusCode,
        204,
      );
      const noCheck = await move({ to: "RESPONDED", outcome: "PARTIAL", reason: "Some information is about others" });
      assert.equal(noCheck.statusCode, 400);
      assert.equal(noCheck.json().errors[0].path, "/safetyCheck");
      const noReasons = await move({ to: "RESPONDED", outcome: "REFUSED", safetyCheck: "Discussed with the DSL" });
      assert.equal(noReasons.json().errors[0].path, "/reason");
      assert.equal(
        (
          await move({
            to: "RESPONDED",
            outcome: "REFUSED",
            reason: "Not in the child's best interests (EX-CHILD-ABUSE-DATA)",
            safetyCheck: "DSL agreed nothing should go to him",
          })
        ).statusCode,
        204,
      );
      assert.equal((await move({ to: "CLOSED" })).statusCode, 204);
      assert.equal((await move({ to: "IN_PROGRESS" })).statusCode, 409, "a closed request stays closed");
    });

    test("the steps are on the child's chronology for IG leads only", async () => {
      const forIg = (await ig.api("GET", `/api/v1/subjects/${childId}/chronology?category=rights`)).json();
      assert.ok(forIg.items.length >= 4, `${forIg.items.length} entries`);
      const forPractitioner = (await practitioner.api("GET", `/api/v1/subjects/${childId}/chronology`)).json();
      assert.ok(forPractitioner.items.every((e: { category: string }) => e.category !== "rights"));
    });
  });

  test("a link recording the requester as an alleged perpetrator, made after the person was attached, flags the request: the API, the dashboard and the page say so, and it is not answered without a safety check", async () => {
    const id = (
      await ig.api("POST", "/api/v1/rights-requests", request({ requester: { name: "Connor Walsh", email: "c@example.org" } }))
    ).json().id as string;
    const move = (body: Record<string, unknown>) => ig.api("POST", `/api/v1/rights-requests/${id}/transitions`, body);
    assert.deepEqual((await ig.api("POST", `/api/v1/rights-requests/${id}/subjects`, { subjectId: childId })).json(), { harmRisk: false });
    const connor = (
      await practitioner.api("POST", "/api/v1/subjects", { kind: "ALLEGED_PERPETRATOR", givenNames: "Connor", familyName: "Walsh" })
    ).json().id;
    const link = await practitioner.api("POST", "/api/v1/subject-links", {
      fromSubjectId: connor,
      toSubjectId: childId,
      kind: "ALLEGED_PERPETRATOR_TOWARDS",
    });
    assert.equal(link.statusCode, 201, link.body);

    assert.equal((await ig.api("GET", `/api/v1/rights-requests/${id}`)).json().harmRisk, true);
    const listed = (await ig.api("GET", "/api/v1/rights-requests")).json().items.find((r: { id: string }) => r.id === id);
    assert.equal(listed.harmRisk, true);
    const dashboard = (await ig.get("/rights")).body;
    assert.match(dashboard.split("<tr").find((tr) => tr.includes(`/rights/${id}"`)) ?? "", /Safety check needed/);
    assert.match((await ig.get(`/rights/${id}`)).body, /id="safetyCheck"/, "the page asks for the safety check");

    await ig.api("POST", `/api/v1/rights-requests/${id}/identity`, { evidence: "Passport seen", authorityEvidence: "Birth certificate" });
    assert.equal((await move({ to: "IN_PROGRESS" })).statusCode, 204);
    const unchecked = await move({ to: "RESPONDED", outcome: "FULL" });
    assert.equal(unchecked.statusCode, 400, unchecked.body);
    assert.equal(unchecked.json().errors[0].path, "/safetyCheck");
    assert.equal((await move({ to: "RESPONDED", outcome: "FULL", safetyCheck: "DSL agreed the pack is safe to send" })).statusCode, 204);
    const [saved] = await ctx.database.db
      .select({ harmRisk: rightsRequests.harmRisk })
      .from(rightsRequests)
      .where(eq(rightsRequests.id, id));
    assert.equal(saved?.harmRisk, true, "the response records that it needed the check");
    assert.match((await ig.get(`/rights/${id}`)).body, /Safety check: DSL agreed the pack is safe to send/, "and the check made");
  });

  test("an access request with no one attached is not answered with an empty pack: only refused with reasons, or on confirming the records hold nothing about the person", async () => {
    const id = (
      await ig.api("POST", "/api/v1/rights-requests", request({ requester: { name: "Nell Quinn", email: "n@example.org" } }))
    ).json().id as string;
    const move = (body: Record<string, unknown>) => ig.api("POST", `/api/v1/rights-requests/${id}/transitions`, body);
    await ig.api("POST", `/api/v1/rights-requests/${id}/identity`, { evidence: "Passport seen", authorityEvidence: "Birth certificate" });
    assert.equal((await move({ to: "IN_PROGRESS" })).statusCode, 204);
    const empty = await move({ to: "RESPONDED", outcome: "FULL" });
    assert.equal(empty.statusCode, 409, empty.body);
    assert.match(empty.json().detail, /No one from your records is attached to this access request/);
    const page = (await ig.get(`/rights/${id}`)).body;
    assert.match(page, /name="nothingHeld"/, "the page offers to confirm that nothing is held");
    const held = await ig.post(`/rights/${id}/transitions`, { to: "RESPONDED", outcome: "FULL", nothingHeld: "yes" });
    assert.equal(held.statusCode, 303, held.body.slice(0, 400));
    const answered = (await ig.api("GET", `/api/v1/rights-requests/${id}`)).json();
    assert.deepEqual([answered.state, answered.outcome], ["RESPONDED", "FULL"]);
    assert.match((await ig.get(`/rights/${id}`)).body, /Responded: the records hold nothing about the person/);
  });

  describe("the clock against the calendar", () => {
    const logged = async (receivedOn: string) => {
      const res = await ig.api("POST", "/api/v1/rights-requests", request({ receivedOn }));
      assert.equal(res.statusCode, 201, res.body);
      return res.json().id as string;
    };
    const view = async (id: string) => (await ig.api("GET", `/api/v1/rights-requests/${id}`)).json();

    test("waiting for clarification pauses the clock: the due date moves on by the days paused; a reply dated before it was asked for is a field error", async () => {
      const received = daysAgo(20);
      const id = await logged(received);
      await transitionRightsRequest(ctx.database.db, igActor, id, { to: "IN_PROGRESS" });
      // Clarification was asked for ten days ago.
      await transitionRightsRequest(ctx.database.db, igActor, id, { to: "AWAITING_CLARIFICATION" }, addDays(new Date(), -10));
      const move = (body: Record<string, unknown>) => ig.api("POST", `/api/v1/rights-requests/${id}/transitions`, body);
      const early = await move({ to: "IN_PROGRESS", receivedOn: daysAgo(12) });
      assert.equal(early.statusCode, 400, early.body);
      assert.equal(early.json().errors[0].path, "/receivedOn");
      assert.match(early.json().errors[0].message, /before the clock was stopped to wait for it/);
      const future = await move({ to: "IN_PROGRESS", receivedOn: format(addDays(new Date(), 1), "yyyy-MM-dd") });
      assert.equal(future.json().errors[0].path, "/receivedOn");
      assert.equal((await move({ to: "IN_PROGRESS", receivedOn: today() })).statusCode, 204);
      const r = await view(id);
      assert.equal(r.clockStartedOn, received, "a pause does not restart the month");
      assert.equal(r.dueOn, rightsDueDate(received, "england-and-wales", 10));
    });

    test("an extension the requester was told of before the request was received is a field error, and nothing changes", async () => {
      const id = await logged(daysAgo(5));
      await transitionRightsRequest(ctx.database.db, igActor, id, { to: "IN_PROGRESS" });
      const early = await ig.api("POST", `/api/v1/rights-requests/${id}/transitions`, {
        to: "EXTENDED",
        reason: "Records held across three services",
        requesterToldOn: daysAgo(6),
      });
      assert.equal(early.statusCode, 400, early.body);
      assert.equal(early.json().errors[0].path, "/requesterToldOn");
      assert.match(early.json().errors[0].message, /cannot have been told before the request was received/);
      const r = await view(id);
      assert.deepEqual([r.state, r.extension], ["IN_PROGRESS", null]);
    });

    test("while waiting for proof of identity the clock has not started: no due date in the API, the list or another organisation's view, the pages say not started, and the list puts such requests after those with a due date", async () => {
      const reference = await submitPublicRequest(ctx.database.db, {
        type: "ACCESS",
        requester: { name: "Megan Brennan", email: "megan@example.org" },
        relationship: "SELF",
        about: { name: "Megan Brennan" },
        organisationIds: [schoolId, policeId],
      });
      const partOf = async (client: TestClient) =>
        (await client.api("GET", "/api/v1/rights-requests")).json().items.find((r: { reference: string }) => r.reference === reference)
          .id as string;
      const theirs = await partOf(otherIg);
      assert.equal(
        (await otherIg.api("POST", `/api/v1/rights-requests/${theirs}/transitions`, { to: "AWAITING_IDENTITY" })).statusCode,
        204,
      );
      const mine = await partOf(ig);
      assert.deepEqual((await view(mine)).partners, [{ organisation: "Westshire Police", state: "AWAITING_IDENTITY", dueOn: null }]);
      assert.match(
        (await ig.get(`/rights/${mine}`)).body,
        /Westshire Police: Waiting for proof of identity \(clock stopped\), clock not started/,
      );

      // Received 20 days ago, it would be due before requests received since, were its clock running.
      const waiting = await logged(daysAgo(20));
      await transitionRightsRequest(ctx.database.db, igActor, waiting, { to: "AWAITING_IDENTITY" });
      assert.equal((await view(waiting)).dueOn, null);
      const listed = (await ig.api("GET", "/api/v1/rights-requests")).json().items as { id: string; dueOn: string | null }[];
      assert.equal(listed.find((r) => r.id === waiting)?.dueOn, null);
      const firstNotStarted = listed.findIndex((r) => r.dueOn === null);
      assert.ok(firstNotStarted > 0, "requests with a due date come first");
      assert.ok(
        listed.slice(firstNotStarted).every((r) => r.dueOn === null),
        "then those whose clock has not started",
      );
      const dated = listed.slice(0, firstNotStarted).map((r) => r.dueOn as string);
      assert.deepEqual(dated, [...dated].sort(), "soonest due first");
      const dashboard = (await ig.get("/rights")).body;
      assert.match(dashboard.split("<tr").find((tr) => tr.includes(`/rights/${waiting}"`)) ?? "", /Not started/);
      assert.ok(
        dashboard.indexOf(`/rights/${waiting}"`) > dashboard.indexOf(`/rights/${mine}"`),
        "the dashboard lists it after a request whose clock runs",
      );
    });

    test("on the request page, an arrival dated before the request is an error beside the date, which keeps what was typed", async () => {
      const id = await logged(today());
      assert.equal((await ig.api("POST", `/api/v1/rights-requests/${id}/transitions`, { to: "AWAITING_IDENTITY" })).statusCode, 204);
      const d = addDays(new Date(), -3);
      const refused = await ig.post(`/rights/${id}/transitions`, {
        to: "IN_PROGRESS",
        "receivedOn-day": String(d.getDate()),
        "receivedOn-month": String(d.getMonth() + 1),
        "receivedOn-year": String(d.getFullYear()),
      });
      assert.equal(refused.statusCode, 400);
      assert.match(refused.body, /href="#receivedOn-day"[^>]*>It cannot have arrived before the request was received/);
      assert.match(refused.body, new RegExp(`name="receivedOn-day" type="text" value="${d.getDate()}"`));
      assert.match(refused.body, new RegExp(`name="receivedOn-year" type="text" value="${d.getFullYear()}"`));
      assert.equal((await view(id)).state, "AWAITING_IDENTITY");
    });

    test("the dashboard and the request say how far off a running clock's due date is, in working days", async () => {
      const fresh = await logged(today());
      const late = await logged(daysAgo(70));
      const paused = await logged(daysAgo(70));
      await transitionRightsRequest(ctx.database.db, igActor, paused, { to: "AWAITING_CLARIFICATION" });
      const phrase = async (id: string) => dueIn((await view(id)).dueOn, today(), "england-and-wales");
      assert.match(await phrase(fresh), /^due in \d+ working days$/);
      assert.match(await phrase(late), /^\d+ working days overdue$/);
      const dashboard = (await ig.get("/rights")).body;
      const row = (id: string) => dashboard.split("<tr").find((tr) => tr.includes(`/rights/${id}"`)) ?? "";
      assert.ok(row(fresh).includes(`(${await phrase(fresh)})`), row(fresh));
      assert.ok(row(late).includes(`(${await phrase(late)})`), row(late));
      assert.doesNotMatch(row(paused), /working day/, "a stopped clock is not counting down");
      assert.ok((await ig.get(`/rights/${fresh}`)).body.includes(`, ${await phrase(fresh)} (clock started`));
      assert.ok((await ig.get(`/rights/${late}`)).body.includes(`, ${await phrase(late)} (clock started`));
      assert.doesNotMatch((await ig.get(`/rights/${paused}`)).body, /working days? overdue|due in \d/);
    });

    test("overdue and paused are the same in the list, on the request and on the dashboard", async () => {
      const late = await logged(daysAgo(70));
      const paused = await logged(daysAgo(70));
      await transitionRightsRequest(ctx.database.db, igActor, paused, { to: "AWAITING_CLARIFICATION" });
      const listed = (await ig.api("GET", "/api/v1/rights-requests")).json().items as { id: string; overdue: boolean; paused: boolean }[];
      const inList = (id: string) => listed.find((r) => r.id === id)!;
      assert.deepEqual([inList(late).overdue, inList(late).paused], [true, false]);
      assert.deepEqual([(await view(late)).overdue, (await view(late)).paused], [true, false]);
      assert.deepEqual([inList(paused).overdue, inList(paused).paused], [false, true]);
      assert.deepEqual([(await view(paused)).overdue, (await view(paused)).paused], [false, true]);
      const dashboard = (await ig.get("/rights")).body;
      const row = (id: string) => dashboard.split("<tr").find((tr) => tr.includes(`/rights/${id}"`)) ?? "";
      assert.match(row(late), /Overdue/);
      assert.doesNotMatch(row(paused), /Overdue/);
      assert.match(row(paused), /Clock stopped/);
      assert.match((await ig.get(`/rights/${late}`)).body, /Overdue/);
      assert.match(
        (await ig.get(`/rights/${paused}`)).body,
        /Clock stopped<\/strong> \d+ [A-Z][a-z]+ \d{4}, moved on by the days it stays paused/,
      );
    });

    test("on the boundaries (due today, due yesterday, extended, not started) the list, the request and the dashboard agree", async () => {
      const dueOn = async (id: string, day: string) =>
        ctx.database.db.update(rightsRequests).set({ dueOn: day }).where(eq(rightsRequests.id, id));
      const dueToday = await logged(daysAgo(5));
      await dueOn(dueToday, today());
      const dueYesterday = await logged(daysAgo(5));
      await dueOn(dueYesterday, daysAgo(1));
      const extended = await logged(daysAgo(40));
      await transitionRightsRequest(ctx.database.db, igActor, extended, { to: "IN_PROGRESS" });
      await transitionRightsRequest(
        ctx.database.db,
        igActor,
        extended,
        { to: "EXTENDED", reason: "Many records across three schools", requesterToldOn: daysAgo(39) },
        addDays(new Date(), -39),
      );
      // Waiting for proof of identity, the stored date says nothing: the month has not started.
      const notStarted = await logged(daysAgo(70));
      await transitionRightsRequest(ctx.database.db, igActor, notStarted, { to: "AWAITING_IDENTITY" });

      const expected = {
        [dueToday]: { overdue: false, paused: false },
        [dueYesterday]: { overdue: true, paused: false },
        [extended]: { overdue: false, paused: false },
        [notStarted]: { overdue: false, paused: true },
      };
      const listed = (await ig.api("GET", "/api/v1/rights-requests")).json().items as {
        id: string;
        overdue: boolean;
        paused: boolean;
        dueOn: string | null;
      }[];
      const dashboard = (await ig.get("/rights")).body;
      for (const [id, clock] of Object.entries(expected)) {
        const inList = listed.find((r) => r.id === id)!;
        const detail = await view(id);
        assert.deepEqual({ overdue: inList.overdue, paused: inList.paused }, clock, `list ${id}`);
        assert.deepEqual({ overdue: detail.overdue, paused: detail.paused, dueOn: detail.dueOn }, { ...clock, dueOn: inList.dueOn });
        const row = dashboard.split("<tr").find((tr) => tr.includes(`/rights/${id}"`)) ?? "";
        assert.equal(/Overdue/.test(row), clock.overdue, `dashboard row ${id}`);
        assert.equal(/Overdue/.test((await ig.get(`/rights/${id}`)).body), clock.overdue, `request page ${id}`);
      }
      assert.equal((await view(notStarted)).dueOn, null);
      assert.ok((await view(extended)).dueOn > today(), "an extension gives up to two further months");
    });
  });

  test("another organisation's IG lead cannot see or touch the request", async () => {
    const id = (await ig.api("POST", "/api/v1/rights-requests", request())).json().id;
    assert.equal((await otherIg.api("GET", `/api/v1/rights-requests/${id}`)).statusCode, 404);
    assert.equal((await otherIg.api("POST", `/api/v1/rights-requests/${id}/transitions`, { to: "IN_PROGRESS" })).statusCode, 404);
    assert.equal((await otherIg.api("POST", `/api/v1/rights-requests/${id}/subjects`, { subjectId: childId })).statusCode, 404);
    assert.equal(
      (await ig.api("POST", `/api/v1/rights-requests/${id}/subjects`, { subjectId: "00000000-0000-4000-8000-000000000000" })).statusCode,
      400,
    );
  });
});

describeEachDatabase("rights request pages: the public form and the IG lead's dashboard", (ctx) => {
  let app: App;
  let ig: TestClient;
  let schoolId: string;

  before(async () => {
    app = await testApp(ctx.database);
    const db = ctx.database.db;
    const school = await newOrganisation(db, { name: "Northbrook Primary" });
    schoolId = school.id;
    ig = await signedInAs(app, db, await newUser(db, school, ["ig_lead"]));
  });
  after(() => app.close());

  const form = {
    type: "ACCESS",
    name: "Megan Brennan",
    email: "megan@example.org",
    relationship: "SELF",
    aboutName: "Megan Brennan",
    details: "What the school holds about me",
  };

  const publicBody = {
    type: "ACCESS",
    requester: { name: "Megan Brennan", email: "megan@example.org" },
    relationship: "SELF",
    about: { name: "Megan Brennan" },
    details: "What you hold about me",
  };

  test("a person with no account asks, and gets a reference; a form sent back too quickly, or with the hidden field filled, is refused", async () => {
    const visitor = new TestClient(app);
    const page = await visitor.get("/your-information");
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Northbrook Primary/);
    const started = /name="started" value="([^"]+)"/.exec(page.body)![1]!;
    const tooQuick = await visitor.post("/your-information", { ...form, organisationIds: schoolId, started });
    assert.equal(tooQuick.statusCode, 400);
    // Too quick says what happened and what to do, so a person who was simply quick can send it.
    assert.match(tooQuick.body, /sent a few seconds after it opened/);
    assert.match(tooQuick.body, /wait a moment, then select ‘Send your request’ again/);
    assert.match(tooQuick.body, /value="Megan Brennan"/, "what was typed is kept");
    const [t] = started.split(".");
    // A start time that is not ours (here, forged to look old enough) is refused as well.
    const forged = await visitor.post("/your-information", { ...form, organisationIds: schoolId, started: `${Number(t) - 60_000}.forged` });
    assert.equal(forged.statusCode, 400);
    await new Promise((resolve) => setTimeout(resolve, 3100));
    const bot = await visitor.post("/your-information", { ...form, organisationIds: schoolId, started, website: "http://spam.example" });
    assert.equal(bot.statusCode, 400);
    assert.match(bot.body, /The form could not be sent/);
    // Nothing answered: each error names the question as the form asks it, to the person asking.
    const blank = await visitor.post("/your-information", { started });
    assert.equal(blank.statusCode, 400);
    for (const error of [
      "Select what you would like to do",
      "Enter your name",
      "Select who the information is about",
      "Enter the full name of the person the information is about",
      "Select at least one organisation to ask",
    ]) {
      assert.ok(blank.body.includes(error), error);
    }
    const noContact = await visitor.post("/your-information", { ...form, email: "", organisationIds: schoolId, started });
    assert.equal(noContact.statusCode, 400);
    assert.match(noContact.body, /Enter an email address, phone number or address, so they can reply to you/);
    const sent = await visitor.post("/your-information", { ...form, organisationIds: schoolId, started });
    assert.equal(sent.statusCode, 200, sent.body.slice(0, 400));
    const reference = /<strong>(SR-[0-9A-F]{8})<\/strong>/.exec(sent.body)?.[1];
    assert.ok(reference);
    const items = (await ig.api("GET", "/api/v1/rights-requests")).json().items;
    assert.equal(items.length, 1);
    assert.equal(items[0].reference, reference);
    assert.equal(items[0].state, "RECEIVED");
    assert.equal(items[0].receivedVia, "ONLINE_FORM");
  });

  test("asked of two organisations at once, each IG lead answers for their own and sees where the other has got to", async () => {
    const clinic = await newOrganisation(ctx.database.db, { name: "Millfield Clinic" });
    const reference = await submitPublicRequest(ctx.database.db, { ...publicBody, organisationIds: [schoolId, clinic.id] });
    const mine = (await ig.api("GET", "/api/v1/rights-requests"))
      .json()
      .items.find((r: { reference: string }) => r.reference === reference);
    const view = (await ig.api("GET", `/api/v1/rights-requests/${mine.id}`)).json();
    assert.deepEqual(view.partners, [{ organisation: "Millfield Clinic", state: "RECEIVED", dueOn: view.dueOn }]);
    const page = await ig.get(`/rights/${mine.id}`);
    assert.match(page.body, /Other organisations asked/);
    assert.match(page.body, /Millfield Clinic: Received/);
  });

  test("the IG lead's dashboard lists it with its due date; logging one by hand keeps what was typed when something is wrong", async () => {
    const dashboard = await ig.get("/rights");
    assert.equal(dashboard.statusCode, 200);
    assert.match(dashboard.body, /Megan Brennan/);
    await ig.get("/rights/new");
    const wrong = await ig.post("/rights/new", {
      type: "ERASURE",
      name: "Darren Pike",
      relationship: "SELF",
      aboutName: "Darren Pike",
      receivedVia: "LETTER",
    });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /govuk-error-summary/);
    assert.match(wrong.body, /href="#receivedOn-day"/);
    assert.match(wrong.body, /value="Darren Pike"/);
    const d = new Date();
    const logged = await ig.post("/rights/new", {
      type: "ERASURE",
      name: "Darren Pike",
      relationship: "SELF",
      aboutName: "Darren Pike",
      receivedVia: "LETTER",
      "receivedOn-day": String(d.getDate()),
      "receivedOn-month": String(d.getMonth() + 1),
      "receivedOn-year": String(d.getFullYear()),
    });
    assert.equal(logged.statusCode, 303, logged.body.slice(0, 300));
    const page = await ig.get(logged.headers.location as string);
    assert.match(page.body, /Erasing information/);
    const moved = await ig.post(`${(logged.headers.location as string).split("?")[0]}/transitions`, { to: "RESPONDED", outcome: "FULL" });
    assert.equal(moved.statusCode, 409);
    assert.match(moved.body, /received cannot become responded/);
  });
});

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { and, desc, eq } from "drizzle-orm";
import type { App } from "../../../src/app/build-app";
import { auditEvents } from "../../../src/platform/db/schema";
import { apiClientFor } from "../../support/api-client";
import { testApp } from "../../support/app";
import { auditEventsOfType } from "../../support/audit";
import { describeEachDatabase } from "../../support/databases";
import { newOrganisation, newUser } from "../../support/factories";
import type { TestClient } from "../../support/http-client";
import { signedInAs } from "../../support/sign-in";

/**
 * Legal holds (issue 21): an IG lead holds chosen people's files, categories or everything their
 * organisation holds; a partnership administrator holds every member's. Lifting needs a reason.
 * Another organisation's hold is not found; a partnership-wide one is seen by every member and lifted
 * only by a partnership administrator.
 */
describeEachDatabase("legal holds", (ctx) => {
  let app: App;
  let ig: TestClient;
  let igUser: Awaited<ReturnType<typeof newUser>>;
  let auditor: TestClient;
  let practitioner: TestClient;
  let policeIg: TestClient;
  let admin: TestClient;
  let schoolId: string;
  let childId: string;
  let otherChildId: string;
  let policeChildId: string;

  const hold = (overrides: Record<string, unknown> = {}) => ({
    name: "Independent inquiry retention instruction",
    instruction: "Do not destroy any record about a child who attended between 2010 and 2020.",
    scope: "ORGANISATION",
    ...overrides,
  });

  const events = (type: string) => auditEventsOfType(ctx.database.db, type);

  before(async () => {
    app = await testApp(ctx.database);
    const db = ctx.database.db;
    const school = await newOrganisation(db, { name: "Northbrook Primary", type: "school" });
    schoolId = school.id;
    const police = await newOrganisation(db, { name: "Westshire Police", type: "police" });
    const council = await newOrganisation(db, { name: "Westshire Council", type: "childrens_social_care" });
    igUser = await newUser(db, school, ["ig_lead", "practitioner"], { name: "Bernard Hale" });
    ig = await signedInAs(app, db, igUser);
    auditor = await signedInAs(app, db, await newUser(db, school, ["auditor"]));
    practitioner = await signedInAs(app, db, await newUser(db, school, ["practitioner", "safeguarding_lead"]));
    policeIg = await signedInAs(app, db, await newUser(db, police, ["ig_lead", "practitioner"]));
    admin = await signedInAs(app, db, await newUser(db, council, ["partnership_admin"], { name: "Amara Okafor" }));
    const person = async (client: TestClient, givenNames: string, familyName: string) =>
      (await client.api("POST", "/api/v1/subjects", { kind: "CHILD", givenNames, familyName, dateOfBirth: "2012-05-01" })).json().id;
    childId = await person(ig, "Kai", "Okonkwo");
    otherChildId = await person(ig, "Lena", "Fairbairn");
    policeChildId = await person(policeIg, "Ana", "Other");
  });
  after(() => app.close());

  test("an IG lead sets a hold over chosen people: 201 with its address, audited, and its page names them only to that IG lead", async () => {
    const res = await ig.api("POST", "/api/v1/retention/holds", hold({ scope: "SUBJECTS", subjectIds: [childId, otherChildId, childId] }));
    assert.equal(res.statusCode, 201, res.body);
    const id = res.json().id;
    assert.equal(res.headers.location, `/api/v1/retention/holds/${id}`);
    assert.equal(res.json().subjects, 2, "each person once");
    assert.deepEqual(
      res.json().people.map((p: { name: string }) => p.name),
      ["Lena Fairbairn", "Kai Okonkwo"],
    );
    const [set] = await events("retention.hold_set");
    assert.deepEqual(set.details, { scope: "SUBJECTS", subjects: 2, categories: [] });
    assert.equal(set.entity.id, id);
    assert.doesNotMatch(JSON.stringify(set), /Okonkwo|inquiry/, "ids and counts only");

    // Reading the names is a recorded read of those people's records.
    const page = await ig.get(`/retention/holds/${id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Kai Okonkwo/);
    assert.match(page.body, /2 people&#39;s files|2 people's files/);
    const [viewed] = await events("personal_data.viewed");
    assert.equal(viewed.details.view, "web.retention.hold");
    assert.deepEqual([...viewed.details.subjectIds].sort(), [childId, otherChildId].sort());

    // An auditor sees the hold and how many it covers, never who.
    const audited = await auditor.api("GET", `/api/v1/retention/holds/${id}`);
    assert.equal(audited.statusCode, 200);
    assert.equal(audited.json().people, null);
    assert.equal(audited.json().subjects, 2);
    assert.doesNotMatch((await auditor.get(`/retention/holds/${id}`)).body, /Okonkwo/);
  });

  test("bad input is refused with field paths: missing name and instruction, another organisation's person, a category not held", async () => {
    const empty = await ig.api("POST", "/api/v1/retention/holds", { name: "", instruction: "", scope: "SUBJECTS", subjectIds: [] });
    assert.equal(empty.statusCode, 400);
    assert.match(String(empty.headers["content-type"]), /application\/problem\+json/);
    assert.deepEqual(
      empty
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
      ["/instruction", "/name", "/subjectIds"],
    );

    const theirs = await ig.api("POST", "/api/v1/retention/holds", hold({ scope: "SUBJECTS", subjectIds: [childId, policeChildId] }));
    assert.equal(theirs.statusCode, 400);
    assert.deepEqual(theirs.json().errors, [{ path: "/subjectIds/1", message: "Select people from your organisation's records" }]);

    const notHeld = await ig.api("POST", "/api/v1/retention/holds", hold({ scope: "CATEGORIES", categories: ["EARLY_HELP_RECORD"] }));
    assert.equal(notHeld.statusCode, 400);
    assert.equal(notHeld.json().errors[0].path, "/categories/0");

    const long = await ig.api("POST", "/api/v1/retention/holds", hold({ name: "x".repeat(201), instruction: "y".repeat(2001) }));
    assert.deepEqual(
      long
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
      ["/instruction", "/name"],
    );
    assert.equal((await ig.api("POST", "/api/v1/retention/holds", hold({ surprise: true }))).statusCode, 400);

    // The form shows the errors at their fields and keeps what was typed.
    const form = await ig.post("/retention/holds/new", { name: "Practice review hold", instruction: "", scope: "CATEGORIES" });
    assert.equal(form.statusCode, 400);
    assert.match(form.body, /There is a problem/);
    assert.match(form.body, /href="#instruction"/);
    assert.match(form.body, /Select at least one category of record/);
    assert.match(form.body, /value="Practice review hold"/);
  });

  test("holds over categories and the whole organisation are set through the form; searching for people keeps what was typed", async () => {
    const search = await ig.post("/retention/holds/new", {
      name: "Review of Kai",
      instruction: "Keep everything.",
      q: "Okonkwo",
      action: "search",
    });
    assert.equal(search.statusCode, 200);
    assert.match(search.body, /Kai Okonkwo/);
    assert.match(search.body, /value="Review of Kai"/);
    const saved = await ig.post("/retention/holds/new", {
      name: "Review of Kai",
      instruction: "Keep everything.",
      scope: "SUBJECTS",
      subjectIds: [childId],
    });
    assert.equal(saved.statusCode, 303, saved.body);
    assert.match((await ig.get(String(saved.headers.location))).body, /Legal hold set/);

    const categories = await ig.post("/retention/holds/new", {
      name: "Litigation: child protection files",
      instruction: "A claim is expected.",
      scope: "CATEGORIES",
      categories: ["SCHOOL_CHILD_PROTECTION_FILE"],
    });
    assert.equal(categories.statusCode, 303, categories.body);
    const page = await ig.get(String(categories.headers.location));
    assert.match(page.body, /Child protection file \(school\)/);
    assert.doesNotMatch(page.body, /SCHOOL_CHILD_PROTECTION_FILE/);

    // The whole-organisation scope is offered; the partnership-wide one is not, to an IG lead.
    const blank = await ig.get("/retention/holds/new");
    assert.match(blank.body, /Everything your organisation holds/);
    assert.doesNotMatch(blank.body, /Everything every member organisation holds/);
  });

  test("lifting needs a reason, is audited, and a lifted hold cannot be lifted again (409)", async () => {
    const id = (await ig.api("POST", "/api/v1/retention/holds", hold())).json().id;
    const noReason = await ig.api("POST", `/api/v1/retention/holds/${id}/lift`, { reason: "  " });
    assert.equal(noReason.statusCode, 400);
    assert.equal(noReason.json().errors[0].path, "/reason");
    const form = await ig.post(`/retention/holds/${id}/lift`, { reason: "" });
    assert.equal(form.statusCode, 400);
    assert.match(form.body, /Enter why the hold is being lifted/);

    const lifted = await ig.api("POST", `/api/v1/retention/holds/${id}/lift`, { reason: "The inquiry has published its report." });
    assert.equal(lifted.statusCode, 200, lifted.body);
    assert.equal(lifted.json().lifted.reason, "The inquiry has published its report.");
    assert.equal(lifted.json().lifted.by, "Bernard Hale");
    assert.equal(lifted.json().mayLift, false);
    const [event] = await events("retention.hold_lifted");
    assert.equal(event.entity.id, id);
    assert.deepEqual(event.details, {});

    const again = await ig.api("POST", `/api/v1/retention/holds/${id}/lift`, { reason: "Again" });
    assert.equal(again.statusCode, 409);
    assert.match(again.json().detail, /already been lifted/);

    // The list shows it among the lifted holds; ?lifted=false leaves it out.
    const active = (await ig.api("GET", "/api/v1/retention/holds?lifted=false")).json();
    assert.ok(!active.items.some((h: { id: string }) => h.id === id));
    const liftedList = (await ig.api("GET", "/api/v1/retention/holds?lifted=true")).json();
    assert.ok(liftedList.items.some((h: { id: string }) => h.id === id));
    const page = await ig.get("/retention/holds");
    assert.match(page.body, /Lifted/);
  });

  test("only IG leads set holds over their organisation, and only partnership administrators partnership-wide", async () => {
    const byAuditor = await auditor.api("POST", "/api/v1/retention/holds", hold());
    assert.equal(byAuditor.statusCode, 403);
    assert.equal((await practitioner.api("POST", "/api/v1/retention/holds", hold())).statusCode, 403);
    assert.equal((await practitioner.api("GET", "/api/v1/retention/holds")).statusCode, 403);
    assert.equal((await practitioner.get("/retention/holds")).statusCode, 403);
    const partnership = await ig.api("POST", "/api/v1/retention/holds", hold({ scope: "PARTNERSHIP" }));
    assert.equal(partnership.statusCode, 403);
    assert.match(partnership.json().detail, /Only a partnership administrator/);
    assert.equal((await admin.api("POST", "/api/v1/retention/holds", hold())).statusCode, 403, "an organisation's hold is its IG lead's");
  });

  test("a partnership-wide hold is seen by every member, and lifted only by a partnership administrator", async () => {
    const made = await admin.api("POST", "/api/v1/retention/holds", hold({ name: "Partnership practice review", scope: "PARTNERSHIP" }));
    assert.equal(made.statusCode, 201, made.body);
    const id = made.json().id;
    for (const member of [ig, policeIg, auditor]) {
      assert.equal((await member.api("GET", `/api/v1/retention/holds/${id}`)).statusCode, 200);
      assert.ok((await member.api("GET", "/api/v1/retention/holds")).json().items.some((h: { id: string }) => h.id === id));
    }
    const page = await ig.get(`/retention/holds/${id}`);
    assert.match(page.body, /Everything every member organisation holds/);
    assert.doesNotMatch(page.body, /Lift hold/, "no lift form for an IG lead");
    const refused = await ig.api("POST", `/api/v1/retention/holds/${id}/lift`, { reason: "Not ours to keep" });
    assert.equal(refused.statusCode, 403);
    assert.match(refused.json().detail, /Only a partnership administrator can lift/);

    // The partnership administrator's pages: the holds (no schedule of their own to read), the form offers the partnership-wide hold.
    assert.equal((await admin.get("/retention")).headers.location, "/retention/holds");
    assert.match((await admin.get("/retention/holds/new")).body, /Everything every member organisation holds/);
    const lifted = await admin.post(`/retention/holds/${id}/lift`, { reason: "The review has reported." });
    assert.equal(lifted.statusCode, 303, lifted.body);
    assert.match((await admin.get(`/retention/holds/${id}`)).body, /The review has reported\./);
  });

  test("another organisation's hold is not found on any route, is in none of its lists, and cannot be lifted", async () => {
    const id = (await ig.api("POST", "/api/v1/retention/holds", hold({ name: "Northbrook only" }))).json().id;
    assert.equal((await policeIg.api("GET", `/api/v1/retention/holds/${id}`)).statusCode, 404);
    assert.equal((await policeIg.api("POST", `/api/v1/retention/holds/${id}/lift`, { reason: "Because" })).statusCode, 404);
    assert.equal((await policeIg.get(`/retention/holds/${id}`)).statusCode, 404);
    const form = await policeIg.post(`/retention/holds/${id}/lift`, { reason: "Because" });
    assert.equal(form.statusCode, 404);
    assert.doesNotMatch(form.body, /Northbrook only/);
    const theirList = (await policeIg.api("GET", "/api/v1/retention/holds?pageSize=200")).json();
    assert.ok(theirList.items.every((h: { organisation: { id: string }; scope: string }) => h.organisation.id !== schoolId));
    assert.doesNotMatch((await policeIg.get("/retention/holds")).body, /Northbrook only/);
    // The refusal is recorded in their organisation's trail as an attempt on another's data.
    const denied = await ctx.database.db
      .select({ body: auditEvents.body })
      .from(auditEvents)
      .where(and(eq(auditEvents.type, "access.denied")))
      .orderBy(desc(auditEvents.seq))
      .limit(1);
    assert.equal(JSON.parse(denied[0]!.body).details.reason, "out_of_scope");
    // Still in force for its own organisation.
    assert.equal((await ig.api("GET", `/api/v1/retention/holds/${id}`)).json().lifted, null);
  });

  test("retention is for people only: a partner system's token is refused on every retention route, with every scope", async () => {
    const { call } = await apiClientFor(app, ctx.database.db, igUser);
    const id = (await ig.api("POST", "/api/v1/retention/holds", hold({ name: "Token test" }))).json().id;
    for (const [method, url, body] of [
      ["GET", "/api/v1/retention/schedule"],
      [
        "PUT",
        "/api/v1/retention/schedule/ADULT_RECORD",
        { trigger: "LAST_ENTRY", periodMonths: 72, action: "REVIEW", disposalMethod: "x", source: "y" },
      ],
      ["DELETE", "/api/v1/retention/schedule/ADULT_RECORD"],
      ["GET", "/api/v1/retention/holds"],
      ["POST", "/api/v1/retention/holds", hold()],
      ["GET", `/api/v1/retention/holds/${id}`],
      ["POST", `/api/v1/retention/holds/${id}/lift`, { reason: "A system may not" }],
    ] as const) {
      const res = await call(method, url, body);
      assert.equal(res.statusCode, 403, `${method} ${url}`);
      assert.equal(res.json().code, "INSUFFICIENT_SCOPE", `${method} ${url}`);
    }
    assert.equal((await ig.api("GET", `/api/v1/retention/holds/${id}`)).json().lifted, null);
  });

  test("the list is one paged envelope", async () => {
    const first = (await ig.api("GET", "/api/v1/retention/holds?page=1&pageSize=2")).json();
    assert.equal(first.page, 1);
    assert.equal(first.pageSize, 2);
    assert.equal(first.items.length, 2);
    assert.ok(first.total >= 4);
    const second = (await ig.api("GET", "/api/v1/retention/holds?page=2&pageSize=2")).json();
    assert.notEqual(second.items[0].id, first.items[0].id);
    assert.equal((await ig.api("GET", "/api/v1/retention/holds?lifted=maybe")).statusCode, 400);
  });
});

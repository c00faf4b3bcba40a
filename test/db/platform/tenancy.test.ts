import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, test } from "node:test";
import { getUser, listUsers } from "../../../src/features/organisations-and-users/services/users";
import { NotFoundError } from "../../../src/platform/errors";
import type { App } from "../../../src/platform/http/app";
import { client, testApp } from "../../support/app";
import { describeEachDatabase } from "../../support/databases";
import { newOrganisation, newUser } from "../../support/factories";
import { signedInAs } from "../../support/sign-in";

describeEachDatabase("tenancy: what another organisation may not see is not found", (ctx) => {
  let app: App;
  let orgA: Awaited<ReturnType<typeof newOrganisation>>;
  let orgB: Awaited<ReturnType<typeof newOrganisation>>;
  let userA: Awaited<ReturnType<typeof newUser>>;
  let adminB: Awaited<ReturnType<typeof newUser>>;
  before(async () => {
    app = await testApp(ctx.database);
    orgA = await newOrganisation(ctx.database.db, { name: "Organisation A" });
    orgB = await newOrganisation(ctx.database.db, { name: "Organisation B" });
    userA = await newUser(ctx.database.db, orgA, ["practitioner"], { name: "Alice of A" });
    adminB = await newUser(ctx.database.db, orgB, ["org_admin"], { name: "Bob of B" });
  });
  after(() => app.close());

  test("services: B's admin gets NotFound for A's user and never lists them", async () => {
    await assert.rejects(getUser(ctx.database.db, adminB.actor, userA.user.id), NotFoundError);
    const { users } = await listUsers(ctx.database.db, adminB.actor);
    assert.deepEqual(
      users.map((u) => u.name),
      ["Bob of B"],
    );
  });

  test("web and API: B's admin gets 404 for A's user, 200 for their own", async () => {
    const browser = await signedInAs(app, ctx.database.db, adminB);
    assert.equal((await browser.get(`/users/${userA.user.id}`)).statusCode, 404);
    assert.equal((await browser.api("GET", `/api/v1/users/${userA.user.id}`)).statusCode, 404);
    assert.equal((await browser.post(`/users/${userA.user.id}/roles`, { roles: "auditor" })).statusCode, 404);
    assert.equal((await browser.post(`/users/${userA.user.id}/deactivate`, {})).statusCode, 404);
    assert.equal((await browser.api("PUT", `/api/v1/users/${userA.user.id}/roles`, { roles: ["auditor"] })).statusCode, 404);
    assert.equal((await browser.get(`/users/${adminB.user.id}`)).statusCode, 200);
    const list = await browser.api("GET", "/api/v1/users");
    assert.deepEqual(
      list.json().items.map((u: { name: string }) => u.name),
      ["Bob of B"],
    );
    const page = await browser.get("/users");
    assert.doesNotMatch(page.body, /Alice of A/);
  });

  test("an org admin's new user always joins the admin's own organisation", async () => {
    const browser = await signedInAs(app, ctx.database.db, adminB);
    const res = await browser.api("POST", "/api/v1/users", {
      name: "Carol",
      email: "carol@example.org",
      organisationId: orgA.id,
      roles: ["practitioner"],
    });
    assert.equal(res.statusCode, 201);
    assert.equal(res.json().user.organisation.id, orgB.id);
  });

  test("an org admin cannot create a partnership admin", async () => {
    const browser = await signedInAs(app, ctx.database.db, adminB);
    const res = await browser.api("POST", "/api/v1/users", { name: "Dan", email: "dan@example.org", roles: ["partnership_admin"] });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().errors[0].path, "/roles");
  });

  test("a partnership admin sees every organisation's users", async () => {
    const partnership = await newUser(ctx.database.db, orgA, ["partnership_admin"], { name: "Pat Partnership" });
    const browser = await signedInAs(app, ctx.database.db, partnership);
    assert.equal((await browser.get(`/users/${adminB.user.id}`)).statusCode, 200);
  });

  test("practitioners cannot reach user administration", async () => {
    const browser = await signedInAs(app, ctx.database.db, userA);
    assert.equal((await browser.get("/users")).statusCode, 403);
    assert.equal((await browser.api("GET", "/api/v1/users")).statusCode, 403);
  });

  /** The access-denied events a user caused, oldest first. */
  async function deniedEventsOf(userId: string) {
    const rows = await ctx.database.query<{ body: string }>(
      "SELECT body FROM audit_event WHERE type = 'access.denied' AND body::jsonb -> 'actor' ->> 'userId' = $1 ORDER BY seq",
      [userId],
    );
    return rows.map((r) => JSON.parse(r.body) as { details: Record<string, unknown>; organisationId: string });
  }

  test("asking for another organisation's person is the same 404 as a made-up id, and only the first is audited as access denied", async () => {
    const db = ctx.database.db;
    const practitionerB = await newUser(db, orgB, ["practitioner"]);
    const created = await (await signedInAs(app, db, userA)).api("POST", "/api/v1/subjects", {
      kind: "CHILD",
      givenNames: "Kai",
      familyName: "Denholm",
      dateOfBirth: "2016-02-03",
    });
    assert.equal(created.statusCode, 201, created.body);
    const subjectOfA = created.json().id as string;
    const browser = await signedInAs(app, db, practitionerB);
    const elsewhere = await browser.api("GET", `/api/v1/subjects/${subjectOfA}`);
    const nowhere = await browser.api("GET", `/api/v1/subjects/${randomUUID()}`);
    assert.equal(elsewhere.statusCode, 404);
    assert.equal(elsewhere.body, nowhere.body, "the response does not reveal that the person exists");
    assert.equal(elsewhere.headers["content-type"], nowhere.headers["content-type"]);
    const denied = await deniedEventsOf(practitionerB.user.id);
    assert.equal(denied.length, 1, JSON.stringify(denied));
    assert.deepEqual(denied[0]!.details, { reason: "out_of_scope", method: "GET", route: "/api/v1/subjects/:id", ids: { id: subjectOfA } });
    assert.equal(denied[0]!.organisationId, orgB.id, "in the trail of the organisation whose user asked");
  });

  test("a 403 by role is audited as access denied, with the same response as before", async () => {
    const practitioner = await signedInAs(app, ctx.database.db, userA);
    const res = await practitioner.api("GET", `/api/v1/users/${adminB.user.id}`);
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().code, "NOT_PERMITTED");
    const denied = (await deniedEventsOf(userA.user.id)).filter((e) => e.details.route === "/api/v1/users/:id");
    assert.deepEqual(
      denied.map((e) => e.details),
      [{ reason: "role", method: "GET", route: "/api/v1/users/:id", ids: { id: adminB.user.id } }],
    );
  });

  test("an auditor sees their organisation's trail, including failed sign-ins on its accounts, and nothing else", async () => {
    const auditorB = await newUser(ctx.database.db, orgB, ["auditor"]);
    await client(app).signIn(adminB.email, "a wrong password attempt");
    await client(app).signIn(userA.email, "a wrong password attempt");
    const browser = await signedInAs(app, ctx.database.db, auditorB);
    const events = (await browser.api("GET", "/api/v1/audit/events?pageSize=200")).json().items as {
      event: { type: string; organisationId?: string; entity?: { id: string } };
    }[];
    assert.ok(events.some((e) => e.event.type === "auth.sign_in_failed" && e.event.entity?.id === adminB.user.id));
    assert.ok(events.every((e) => e.event.organisationId === orgB.id));
    assert.ok(!events.some((e) => e.event.entity?.id === userA.user.id));
  });
});

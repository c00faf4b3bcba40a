import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { desc, eq } from "drizzle-orm";
import type { App } from "../../../src/app/build-app";
import { demoActors } from "../../../src/demo/demo-actors";
import { seedDemoPartnership } from "../../../src/demo/seed-demo";
import { agreements } from "../../../src/features/agreements/schema";
import { apiClients, apiTokens } from "../../../src/features/api-clients/schema";
import { createApiClient, loadApiClient, loadApiClients, rotateApiToken } from "../../../src/features/api-clients/services/clients";
import { revokeApiClient } from "../../../src/features/api-clients/services/revoke";
import { users } from "../../../src/features/organisations-and-users/schema";
import { addDaysIso, today } from "../../../src/platform/dates/calendar";
import { auditEvents } from "../../../src/platform/db/schema";
import { NotFoundError, type ValidationError } from "../../../src/platform/errors";
import { callWithToken } from "../../support/api-client";
import { testApp } from "../../support/app";
import { describeEachDatabase } from "../../support/databases";
import { newOrganisation, newUser } from "../../support/factories";
import { signedInAs } from "../../support/sign-in";

/**
 * Partner systems call the API with a bearer token (issue 20): no cookie, no CSRF token; the token
 * reaches only its client's scopes, acts with no role its responsible person lacks, and stops when
 * rotated, revoked, expired, or when its agreement leaves force.
 */
describeEachDatabase("API clients: bearer tokens", (ctx) => {
  let app: App;
  let people: Awaited<ReturnType<typeof demo>>;
  const demo = (db: typeof ctx.database.db) =>
    demoActors(db, {
      bernard: "bernard.hale@northbrook.example",
      tomasz: "tomasz.wojcik@northbrook.example",
      joanna: "joanna.kowalczyk@westshire.example",
    });
  const inAMonth = () => addDaysIso(today(), 30);
  const newClient = (input: Partial<Parameters<typeof createApiClient>[2]> = {}) =>
    createApiClient(ctx.database.db, people.bernard, {
      name: "Northbrook MIS",
      responsibleUserId: people.tomasz.userId,
      roles: ["practitioner"],
      scopes: ["subjects:read", "subjects:write"],
      expiresOn: inAMonth(),
      agreementId: null,
      ...input,
    });
  /** A call as a partner system makes it: the token alone, no cookie, no CSRF header. */
  const call = (token: string, method: "GET" | "POST", url: string, json?: unknown) => callWithToken(app, token)(method, url, json);
  const child = { kind: "CHILD", givenNames: "Ada", familyName: "Partner", dateOfBirth: "2017-02-03" };

  before(async () => {
    await seedDemoPartnership(ctx.database.db);
    people = await demo(ctx.database.db);
    app = await testApp(ctx.database);
  });
  after(() => app.close());

  test("a token records and reads with no cookie or CSRF token, and the audit log names the client and its responsible person", async () => {
    const { client, token } = await newClient();
    assert.match(token, /^safeshare_[A-Za-z0-9_-]{43}$/);
    const created = await call(token, "POST", "/api/v1/subjects", child);
    assert.equal(created.statusCode, 201, created.body);
    const listed = await call(token, "GET", "/api/v1/subjects?q=Partner");
    assert.equal(listed.statusCode, 200);
    assert.ok(listed.json().items.some((s: { id: string }) => s.id === created.json().id));

    const [event] = await ctx.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.entityId, created.json().id))
      .orderBy(desc(auditEvents.seq))
      .limit(1);
    const actor = JSON.parse(event!.body).actor;
    assert.equal(actor.userId, people.tomasz.userId, "the person who answers for it");
    assert.deepEqual(actor.apiClient, { id: client.id, name: "Northbrook MIS", agreement: null });
    // Only the hash is kept.
    const stored = await ctx.database.db.select().from(apiTokens).where(eq(apiTokens.clientId, client.id));
    assert.equal(stored.length, 1);
    assert.ok(!stored[0]!.tokenHash.toString("utf8").includes(token.slice(10, 30)));
    assert.ok(stored[0]!.lastUsedAt, "last use written");
    assert.ok(stored[0]!.lastUsedAddress);
  });

  test("outside its scopes a token is refused with the scope it would need, and the refusal is audited", async () => {
    const { token } = await newClient({ scopes: ["subjects:read"] });
    const refused = await call(token, "POST", "/api/v1/subjects", child);
    assert.equal(refused.statusCode, 403);
    assert.equal(refused.headers["content-type"], "application/problem+json; charset=utf-8");
    assert.equal(refused.json().code, "INSUFFICIENT_SCOPE");
    assert.match(refused.json().detail, /may not change people's records: its scopes would need subjects:write/);
    assert.match(String(refused.headers["www-authenticate"]), /error="insufficient_scope", scope="subjects:write"/);
    // Routes that are for people (users, the audit log, one's own password) are not for any client.
    const users = await call(token, "GET", "/api/v1/users");
    assert.equal(users.statusCode, 403);
    assert.match(users.json().detail, /for people signed in to Safeshare/);
    const [denied] = await ctx.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.type, "access.denied"))
      .orderBy(desc(auditEvents.seq))
      .limit(1);
    assert.equal(JSON.parse(denied!.body).details.reason, "token_scope");
  });

  test("an unknown, rotated, revoked or expired token is a 401 that says which", async () => {
    const unknown = await call("safeshare_" + "A".repeat(43), "GET", "/api/v1/subjects");
    assert.equal(unknown.statusCode, 401);
    assert.equal(unknown.json().code, "INVALID_TOKEN");
    assert.match(String(unknown.headers["www-authenticate"]), /Bearer realm="safeshare", error="invalid_token"/);
    assert.equal((await app.inject({ method: "GET", url: "/api/v1/subjects", headers: { authorization: "Basic abc" } })).statusCode, 401);

    const { client, token } = await newClient();
    const rotated = await rotateApiToken(ctx.database.db, people.bernard, client.id);
    assert.match((await call(token, "GET", "/api/v1/subjects")).json().detail, /replaced by a newer one/);
    assert.equal((await call(rotated, "GET", "/api/v1/subjects")).statusCode, 200);

    await ctx.database.db
      .update(apiClients)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(apiClients.id, client.id));
    assert.match((await call(rotated, "GET", "/api/v1/subjects")).json().detail, /has expired/);

    const other = await newClient();
    await revokeApiClient(ctx.database.db, people.bernard, other.client.id);
    const revoked = await call(other.token, "GET", "/api/v1/subjects");
    assert.equal(revoked.statusCode, 401);
    assert.match(revoked.json().detail, /was revoked/);
  });

  test("a client acts with no role its responsible person lacks: refused at creation, and a role lost later is lost to the token", async () => {
    await assert.rejects(newClient({ roles: ["practitioner", "safeguarding_lead"] }), (error: ValidationError) => {
      assert.deepEqual(
        error.fieldErrors.map((e) => e.path),
        ["/roles"],
      );
      assert.match(error.fieldErrors[0]!.message, /Tomasz Wójcik does not hold the role/);
      return true;
    });
    const { token } = await newClient();
    await ctx.database.db
      .update(users)
      .set({ roles: ["auditor"] })
      .where(eq(users.id, people.tomasz.userId));
    try {
      // With no practitioner role left, the records are not the token's to read.
      assert.equal((await call(token, "GET", "/api/v1/subjects")).statusCode, 403);
    } finally {
      await ctx.database.db
        .update(users)
        .set({ roles: ["practitioner"] })
        .where(eq(users.id, people.tomasz.userId));
    }
    assert.equal((await call(token, "GET", "/api/v1/subjects")).statusCode, 200);
  });

  test("a client serving an agreement is revoked when the agreement leaves force", async () => {
    const [agreement] = await ctx.database.db
      .select({ id: agreements.id, status: agreements.status })
      .from(agreements)
      .where(eq(agreements.title, "Westshire Safeguarding Partnership information sharing agreement"));
    await assert.rejects(
      newClient({ agreementId: agreement!.id, scopes: ["subjects:read", "rights-requests:read"] }),
      /an agreement does not cover them/,
    );
    const { client, token } = await newClient({ agreementId: agreement!.id });
    assert.equal((await call(token, "GET", "/api/v1/subjects")).statusCode, 200);
    await ctx.database.db.update(agreements).set({ status: "TERMINATED" }).where(eq(agreements.id, agreement!.id));
    try {
      const refused = await call(token, "GET", "/api/v1/subjects");
      assert.equal(refused.statusCode, 401);
      assert.match(refused.json().detail, /agreement this API client serves is no longer in force/);
      const [row] = await ctx.database.db.select().from(apiClients).where(eq(apiClients.id, client.id));
      assert.equal(row!.revocation, "agreement_not_in_force");
      // Once revoked, it stays revoked even if the agreement comes back into force.
    } finally {
      await ctx.database.db.update(agreements).set({ status: agreement!.status }).where(eq(agreements.id, agreement!.id));
    }
    assert.match((await call(token, "GET", "/api/v1/subjects")).json().detail, /was revoked/);
    const revocations = await ctx.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, client.id));
    assert.equal(revocations.filter((e) => e.type === "api_client.revoked").length, 1, "revoked once, audited once");
  });

  test("a token's request is never also a cookie session, and a cookie session still needs its CSRF token", async () => {
    const { token } = await newClient({ scopes: ["subjects:read"] });
    const joanna = await signedInAs(app, ctx.database.db, { user: { id: people.joanna.userId } });
    // Joanna's cookie rides along, but the token's client (scoped to reading) is who asks.
    const withBoth = await app.inject({
      method: "POST",
      url: "/api/v1/subjects",
      headers: {
        authorization: `Bearer ${token}`,
        cookie: `safeshare_session=${joanna.cookies.get("safeshare_session")}`,
        "content-type": "application/json",
      },
      payload: JSON.stringify(child),
    });
    assert.equal(withBoth.statusCode, 403);
    const noCsrf = await app.inject({
      method: "POST",
      url: "/api/v1/subjects",
      headers: { cookie: `safeshare_session=${joanna.cookies.get("safeshare_session")}`, "content-type": "application/json" },
      payload: JSON.stringify(child),
    });
    assert.equal(noCsrf.json().code, "CSRF_REJECTED");
  });

  test("another organisation's administrator cannot see, rotate or revoke a client: not found, and not listed", async () => {
    const db = ctx.database.db;
    const { client, token } = await newClient();
    const elsewhere = await newUser(db, await newOrganisation(db, { name: "Another Administration" }), ["org_admin"]);
    await assert.rejects(loadApiClient(db, elsewhere.actor, client.id), NotFoundError);
    await assert.rejects(rotateApiToken(db, elsewhere.actor, client.id), NotFoundError);
    await assert.rejects(revokeApiClient(db, elsewhere.actor, client.id), NotFoundError);
    assert.deepEqual(await loadApiClients(db, elsewhere.actor), []);
    const browser = await signedInAs(app, db, elsewhere);
    assert.equal((await browser.get(`/api-clients/${client.id}`)).statusCode, 404);
    assert.equal((await browser.post(`/api-clients/${client.id}/token`, {})).statusCode, 404);
    assert.equal((await browser.post(`/api-clients/${client.id}/revoke`, {})).statusCode, 404);
    assert.doesNotMatch((await browser.get("/api-clients")).body, /Northbrook MIS/);
    assert.equal((await call(token, "GET", "/api/v1/subjects")).statusCode, 200, "the client still works");
  });

  test("an administrator sets up a client on its page, sees the token once, then rotates and revokes it", async () => {
    const bernard = await signedInAs(app, ctx.database.db, { user: { id: people.bernard.userId } });
    const form = await bernard.get("/api-clients/new");
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /Tomasz Wójcik/, "the school's people can be made responsible");
    assert.doesNotMatch(form.body, /Joanna Kowalczyk/, "another organisation's cannot");

    const refused = await bernard.post("/api-clients/new", {
      name: "Northbrook MIS",
      "access-subjects": "write",
      "expiresOn-day": "1",
      "expiresOn-month": "1",
      "expiresOn-year": "2020",
    });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /govuk-error-summary/);
    assert.match(refused.body, /Select the person responsible for this system/);
    assert.match(refused.body, /The expiry date must be in the future/);
    assert.match(refused.body, /value="Northbrook MIS"/, "what was typed is kept");
    assert.match(refused.body, /name="access-subjects"[^>]*value="write" checked/);

    const [year, month, day] = inAMonth().split("-");
    const created = await bernard.post("/api-clients/new", {
      name: "Northbrook MIS",
      responsibleUserId: people.tomasz.userId,
      roles: "practitioner",
      "access-subjects": "read",
      "expiresOn-day": day!,
      "expiresOn-month": month!,
      "expiresOn-year": year!,
    });
    assert.equal(created.statusCode, 200, created.body);
    const token = /id="api-token">(safeshare_[A-Za-z0-9_-]{43})</.exec(created.body)?.[1];
    assert.ok(token, "the token is shown");
    assert.match(created.body, /You will not be shown this token again/);
    assert.equal((await call(token, "GET", "/api/v1/subjects")).statusCode, 200);

    const id = /href="\/api-clients\/([0-9a-f-]{36})"/.exec(created.body)![1]!;
    const page = await bernard.get(`/api-clients/${id}`);
    assert.match(page.body, /Read people's records/);
    assert.match(page.body, /from 127\.0\.0\.1/, "last used, and from where");
    assert.doesNotMatch(page.body, new RegExp(token.slice(14)), "never shown again");

    const rotated = await bernard.post(`/api-clients/${id}/token`, {});
    const newToken = /id="api-token">(safeshare_[A-Za-z0-9_-]{43})</.exec(rotated.body)?.[1];
    assert.ok(newToken && newToken !== token);
    assert.equal((await call(token, "GET", "/api/v1/subjects")).statusCode, 401);
    assert.equal((await call(newToken, "GET", "/api/v1/subjects")).statusCode, 200);

    const revoked = await bernard.post(`/api-clients/${id}/revoke`, {});
    assert.equal(revoked.statusCode, 302);
    assert.match((await bernard.get(`/api-clients/${id}?revoked=1`)).body, /Revoked by an administrator/);
    assert.equal((await call(newToken, "GET", "/api/v1/subjects")).statusCode, 401);

    // A practitioner has no business here.
    const tomasz = await signedInAs(app, ctx.database.db, { user: { id: people.tomasz.userId } });
    assert.equal((await tomasz.get("/api-clients")).statusCode, 403);
  });

  test("a system serving an agreement may share only under it (DSA-API-CLIENT)", async () => {
    const db = ctx.database.db;
    const [agreement] = await db
      .select({ id: agreements.id })
      .from(agreements)
      .where(eq(agreements.title, "Westshire Safeguarding Partnership information sharing agreement"));
    const { token } = await newClient({ agreementId: agreement!.id, scopes: ["subjects:write", "items:write", "share-decisions:write"] });
    const subject = await call(token, "POST", "/api/v1/subjects", child);
    const item = await call(token, "POST", `/api/v1/subjects/${subject.json().id}/items`, {
      category: "education",
      kind: "FACT",
      text: "Absent all of last week.",
      eventDate: "2026-10-01",
      source: { name: "Class teacher", method: "OBSERVED", obtainedOn: "2026-10-01" },
    });
    assert.equal(item.statusCode, 201, item.body);
    const proposed = (agreementId?: string) => ({
      subjectId: subject.json().id,
      purpose: { code: "CHILD_IN_NEED_S17", description: "Assessment" },
      information: { personal: true, confidential: false },
      recipient: { organisationId: people.joanna.organisationId, role: "SOCIAL_WORKER", ...(agreementId ? { agreementId } : {}) },
      transparency: { informed: true, consentStatus: "NOT_SOUGHT", consentNotSoughtReason: "UNSAFE_TO_SEEK" },
      lawfulBasis: { article6: "A6_1E_PUBLIC_TASK" },
      items: { items: [{ itemId: item.json().id, share: true }] },
      advice: { sought: false },
      decision: { outcome: "SHARE", reasons: "r", necessityAndProportionality: "n" },
    });
    const without = await call(token, "POST", "/api/v1/share-decisions/evaluate", proposed());
    assert.equal(without.statusCode, 200, without.body);
    const finding = without.json().findings.find((f: { code: string }) => f.code === "DSA-API-CLIENT");
    assert.equal(finding?.severity, "block");
    assert.match(finding.message, /may share only under DSA-\d+, the agreement it serves/);
    const under = await call(token, "POST", "/api/v1/share-decisions/evaluate", proposed(agreement!.id));
    assert.ok(!under.json().findings.some((f: { code: string }) => f.code === "DSA-API-CLIENT"), under.body);
  });
});

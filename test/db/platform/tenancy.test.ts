import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { getTableName, is } from "drizzle-orm";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import type { App } from "../../../src/app/build-app";
import { loadUser, loadUsers } from "../../../src/features/organisations-and-users/services/users";
import { acknowledgeNotice, viewNoticesReceived } from "../../../src/features/rights/services/recipient-notices";
import { addAddendum } from "../../../src/features/sharing/services/addenda";
import { viewDecision, viewDecisions } from "../../../src/features/sharing/services/decisions";
import {
  acknowledgeDisclosure,
  loadReceived,
  loadSent,
  openReceived,
  revokeDisclosure,
  viewSent,
} from "../../../src/features/sharing/services/disclosures";
import { fileDisclosure } from "../../../src/features/sharing/services/file-disclosure";
import {
  acknowledgeAnswer,
  loadInformationRequest,
  loadInformationRequests,
  withdrawInformationRequest,
} from "../../../src/features/sharing/services/information-requests";
import { today } from "../../../src/platform/dates/calendar";
import { hasOwnershipRule } from "../../../src/platform/db/scope";
import { NotFoundError } from "../../../src/platform/errors";
import { apiClientFor } from "../../support/api-client";
import { client, testApp } from "../../support/app";
import { describeEachDatabase } from "../../support/databases";
import { newOrganisation, newUser } from "../../support/factories";
import { signedInAs } from "../../support/sign-in";

/**
 * Tables with a column naming an organisation that have no ownership rule in src/platform/db/scope.ts, on
 * purpose. Each is read only through a row that has a rule, or is narrower than an organisation.
 */
const NOT_ORGANISATION_SCOPED: Record<string, string> = {
  // The agreement rule's own list of parties: read with its agreement, never on its own.
  agreement_party: "read through its agreement",
  // Who signed which version: shown with the agreement to whoever may see the agreement.
  agreement_signature: "read through its agreement",
  // Where a filed item came from (the disclosing organisation), not who holds it: read with its record item.
  record_item_origin: "read through its record item",
  // One user's unfinished form: read only by that user's id, narrower than their organisation.
  form_draft: "read only by the user it belongs to",
};

const SCHEMA_FILES = [
  ...fs
    .readdirSync("src/platform/db")
    .filter((file) => /^schema.*\.ts$/.test(file))
    .map((file) => `src/platform/db/${file}`),
  ...fs
    .readdirSync("src/features")
    .map((feature) => `src/features/${feature}/schema.ts`)
    .filter((file) => fs.existsSync(file)),
];
const ORGANISATION_COLUMN = /^(.+_)?organisation_id$/;

test("every table with a column naming an organisation has an ownership rule, or says why not", async () => {
  // The same files drizzle-kit reads (drizzle.config.ts): every table of the platform and of every feature.
  const modules = await Promise.all(SCHEMA_FILES.map((file) => import(path.resolve(file))));
  const tables = (modules.flatMap((module) => Object.values(module)) as unknown[]).filter((value): value is PgTable => is(value, PgTable));
  const owned = tables.filter((table) => getTableConfig(table).columns.some((column) => ORGANISATION_COLUMN.test(column.name)));
  assert.ok(owned.length >= 20, `found ${owned.length} tables naming an organisation: is the schema read whole?`);
  const missing = owned
    .filter((table) => !hasOwnershipRule(table) && !(getTableName(table) in NOT_ORGANISATION_SCOPED))
    .map((table) => getTableName(table));
  assert.deepEqual(missing, [], "give each an ownership rule in src/platform/db/scope.ts, or list it here with the reason");
  // The list stays true: nothing in it has since gained a rule, lost its organisation column or been dropped.
  const stale = Object.keys(NOT_ORGANISATION_SCOPED).filter(
    (name) => !owned.some((table) => getTableName(table) === name && !hasOwnershipRule(table)),
  );
  assert.deepEqual(stale, []);
});

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
    await assert.rejects(loadUser(ctx.database.db, adminB.actor, userA.user.id), NotFoundError);
    const { users } = await loadUsers(ctx.database.db, adminB.actor);
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

describeEachDatabase("tenancy: what passes between two organisations is not found by a third", (ctx) => {
  let app: App;
  let senderLead: Awaited<ReturnType<typeof newUser>>;
  let recipientLead: Awaited<ReturnType<typeof newUser>>;
  let outsider: Awaited<ReturnType<typeof newUser>>;
  let decisionId: string;
  let disclosureId: string;
  let requestId: string;
  let noticeId: string;
  let childId: string;
  let itemId: string;

  before(async () => {
    app = await testApp(ctx.database);
    const db = ctx.database.db;
    const school = await newOrganisation(db, { name: "School A" });
    const council = await newOrganisation(db, { name: "Council B", type: "childrens_social_care" });
    const police = await newOrganisation(db, { name: "Police C", type: "police" });
    senderLead = await newUser(db, school, ["practitioner", "safeguarding_lead", "ig_lead"]);
    recipientLead = await newUser(db, council, ["practitioner", "safeguarding_lead", "ig_lead"]);
    // Every role that works with records: what keeps them out is the organisation, not the role.
    outsider = await newUser(db, police, ["practitioner", "safeguarding_lead", "ig_lead"]);
    const a = await signedInAs(app, db, senderLead);
    const b = await signedInAs(app, db, recipientLead);
    childId = (
      await a.api("POST", "/api/v1/subjects", { kind: "CHILD", givenNames: "Ola", familyName: "Brandt", dateOfBirth: "2016-02-03" })
    ).json().id as string;
    const item = await a.api("POST", `/api/v1/subjects/${childId}/items`, {
      category: "education",
      kind: "FACT",
      text: "Ola was absent all of last week.",
      eventDate: "2026-10-01",
      source: { name: "Class teacher", method: "OBSERVED", obtainedOn: "2026-10-01" },
    });
    assert.equal(item.statusCode, 201, item.body);
    itemId = item.json().id as string;
    const shared = await a.api(
      "POST",
      "/api/v1/share-decisions",
      {
        subjectId: childId,
        purpose: { code: "CHILD_IN_NEED_S17", description: "Assessment" },
        information: { personal: true, confidential: false },
        recipient: { organisationId: council.id, role: "SOCIAL_WORKER" },
        transparency: { informed: true, consentStatus: "NOT_SOUGHT", consentNotSoughtReason: "UNSAFE_TO_SEEK" },
        lawfulBasis: { article6: "A6_1E_PUBLIC_TASK" },
        items: { items: [{ itemId, share: true }] },
        advice: { sought: false },
        decision: { outcome: "SHARE", reasons: "r", necessityAndProportionality: "n" },
        acknowledgedWarnings: ["GR4-SEEK-ADVICE", "ICO6-AGREEMENT"],
      },
      { "idempotency-key": randomUUID() },
    );
    assert.equal(shared.statusCode, 201, shared.body);
    decisionId = shared.json().id as string;
    disclosureId = shared.json().disclosure.id as string;
    const asked = await b.api("POST", "/api/v1/information-requests", {
      requestedOrganisationId: school.id,
      subject: { givenNames: "Ola", familyName: "Brandt" },
      purposeCode: "CHILD_IN_NEED_S17",
      purpose: "Assessment",
      urgency: "ROUTINE",
    });
    assert.equal(asked.statusCode, 201, asked.body);
    requestId = asked.json().id as string;
    // A restriction of the item the school shared tells the council: a notice from A to B.
    const logged = await a.api("POST", "/api/v1/rights-requests", {
      type: "RESTRICTION",
      requester: { name: "Mia Brandt", email: "m@example.org" },
      relationship: "PARENTAL_RESPONSIBILITY",
      about: { name: "Ola Brandt" },
      details: "Please stop using what you hold until it is checked",
      receivedVia: "EMAIL",
      receivedOn: today(),
    });
    assert.equal(logged.statusCode, 201, logged.body);
    const rightsId = logged.json().id as string;
    assert.equal((await a.api("POST", `/api/v1/rights-requests/${rightsId}/subjects`, { subjectId: childId })).statusCode, 200);
    const verified = await a.api("POST", `/api/v1/rights-requests/${rightsId}/identity`, {
      evidence: "Passport seen",
      authorityEvidence: "Birth certificate",
    });
    assert.equal(verified.statusCode, 204, verified.body);
    assert.equal((await a.api("POST", `/api/v1/rights-requests/${rightsId}/transitions`, { to: "IN_PROGRESS" })).statusCode, 204);
    const restricted = await a.api("POST", `/api/v1/rights-requests/${rightsId}/items/${itemId}/restrict`, { reason: "Checking" });
    assert.equal(restricted.statusCode, 200, restricted.body);
    const [notice] = await viewNoticesReceived(db, recipientLead.actor, "test");
    assert.ok(notice, "the council was told");
    noticeId = notice.id;
  });
  after(() => app.close());

  test("both sides see what passed between them", async () => {
    const db = ctx.database.db;
    assert.equal((await viewDecision(db, senderLead.actor, decisionId, "test")).id, decisionId);
    assert.equal((await viewSent(db, senderLead.actor, disclosureId, "test")).disclosure.id, disclosureId);
    assert.equal((await openReceived(db, recipientLead.actor, disclosureId)).disclosure.id, disclosureId);
    assert.equal((await loadInformationRequest(db, senderLead.actor, requestId)).id, requestId);
    assert.equal((await loadInformationRequest(db, recipientLead.actor, requestId)).id, requestId);
  });

  test("a third organisation's user gets NotFound for the decision, the disclosure, the request and the notice", async () => {
    const db = ctx.database.db;
    const actor = outsider.actor;
    await assert.rejects(viewDecision(db, actor, decisionId, "test"), NotFoundError);
    await assert.rejects(addAddendum(db, actor, decisionId, { kind: "OUTCOME", text: "Seen" }), NotFoundError);
    await assert.rejects(viewSent(db, actor, disclosureId, "test"), NotFoundError);
    await assert.rejects(openReceived(db, actor, disclosureId), NotFoundError);
    await assert.rejects(acknowledgeDisclosure(db, actor, disclosureId), NotFoundError);
    await assert.rejects(revokeDisclosure(db, actor, disclosureId, { reason: "Mistake" }), NotFoundError);
    await assert.rejects(fileDisclosure(db, actor, disclosureId, { newSubject: true, kind: "CHILD" }), NotFoundError);
    await assert.rejects(loadInformationRequest(db, actor, requestId), NotFoundError);
    await assert.rejects(acknowledgeAnswer(db, actor, requestId), NotFoundError);
    await assert.rejects(withdrawInformationRequest(db, actor, requestId), NotFoundError);
    await assert.rejects(acknowledgeNotice(db, actor, noticeId), NotFoundError);
  });

  test("and none of it is in a third organisation's lists", async () => {
    const db = ctx.database.db;
    const actor = outsider.actor;
    assert.deepEqual(await viewDecisions(db, actor, {}, "test"), []);
    assert.deepEqual(await loadSent(db, actor), []);
    assert.deepEqual(await loadReceived(db, actor), []);
    assert.deepEqual(await loadInformationRequests(db, actor, "incoming"), []);
    assert.deepEqual(await loadInformationRequests(db, actor, "outgoing"), []);
    assert.deepEqual(await viewNoticesReceived(db, actor, "test"), []);
  });

  test("each side acts only as the side it is: the recipient cannot revoke, the sender cannot open it as received", async () => {
    const db = ctx.database.db;
    await assert.rejects(revokeDisclosure(db, recipientLead.actor, disclosureId, { reason: "Mistake" }), NotFoundError);
    await assert.rejects(viewSent(db, recipientLead.actor, disclosureId, "test"), NotFoundError);
    await assert.rejects(openReceived(db, senderLead.actor, disclosureId), NotFoundError);
    await assert.rejects(viewDecision(db, recipientLead.actor, decisionId, "test"), NotFoundError);
    await assert.rejects(acknowledgeNotice(db, senderLead.actor, noticeId), NotFoundError);
    await assert.rejects(withdrawInformationRequest(db, senderLead.actor, requestId), NotFoundError);
  });

  /**
   * The same again through the API with partner systems' bearer tokens (issue 20): a token of one
   * organisation, with every scope, sees exactly what a user of that organisation would.
   */
  test("with tokens: the two sides' systems see what passed between them, a third organisation's system gets 404s and empty lists", async () => {
    const db = ctx.database.db;
    const sender = await apiClientFor(app, db, senderLead);
    const recipient = await apiClientFor(app, db, recipientLead);
    const third = await apiClientFor(app, db, outsider);

    assert.equal((await sender.call("GET", `/api/v1/share-decisions/${decisionId}`)).statusCode, 200);
    assert.equal((await sender.call("GET", `/api/v1/subjects/${childId}/items/${itemId}`)).statusCode, 200);
    assert.equal((await recipient.call("GET", `/api/v1/disclosures/${disclosureId}`)).statusCode, 200);
    assert.equal((await sender.call("GET", `/api/v1/disclosures/${disclosureId}`)).statusCode, 200, "the sender reads what it sent");
    assert.equal((await recipient.call("GET", `/api/v1/information-requests/${requestId}`)).statusCode, 200);
    assert.equal((await sender.call("GET", `/api/v1/information-requests/${requestId}`)).statusCode, 200);

    const notFound: [string, "GET" | "POST", string, unknown?][] = [
      ["the child", "GET", `/api/v1/subjects/${childId}`],
      ["the item", "GET", `/api/v1/subjects/${childId}/items/${itemId}`],
      ["the decision", "GET", `/api/v1/share-decisions/${decisionId}`],
      ["an addendum", "POST", `/api/v1/share-decisions/${decisionId}/addenda`, { kind: "OUTCOME", text: "Seen" }],
      ["the disclosure", "GET", `/api/v1/disclosures/${disclosureId}`],
      ["the disclosure as sent", "GET", `/api/v1/disclosures/${disclosureId}?box=sent`],
      ["its acknowledgement", "POST", `/api/v1/disclosures/${disclosureId}/acknowledgement`, {}],
      ["its revocation", "POST", `/api/v1/disclosures/${disclosureId}/revocation`, { reason: "Mistake" }],
      ["its filing", "POST", `/api/v1/disclosures/${disclosureId}/filing`, { newSubject: true, kind: "CHILD" }],
      ["the request", "GET", `/api/v1/information-requests/${requestId}`],
      ["its withdrawal", "POST", `/api/v1/information-requests/${requestId}/withdrawal`, {}],
      ["the notice", "POST", `/api/v1/recipient-notices/${noticeId}/acknowledge`, {}],
    ];
    for (const [what, method, url, body] of notFound) {
      const response = await third.call(method, url, body);
      assert.equal(response.statusCode, 404, `${what}: ${response.body}`);
    }
    for (const list of [
      "/api/v1/share-decisions",
      "/api/v1/disclosures?box=received",
      "/api/v1/disclosures?box=sent",
      "/api/v1/information-requests?box=incoming",
      "/api/v1/information-requests?box=outgoing",
      "/api/v1/recipient-notices",
    ]) {
      const response = await third.call("GET", list);
      assert.equal(response.statusCode, 200, `${list}: ${response.body}`);
      assert.deepEqual(response.json().items, [], list);
    }
    // Each side acts only as the side it is.
    assert.equal((await recipient.call("POST", `/api/v1/disclosures/${disclosureId}/revocation`, { reason: "Mistake" })).statusCode, 404);
    assert.equal((await recipient.call("GET", `/api/v1/share-decisions/${decisionId}`)).statusCode, 404);
  });
});

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { and, eq, sql } from "drizzle-orm";
import type { App } from "../../../src/app/build-app";
import { agreementVersions } from "../../../src/features/agreements/schema";
import { breachPartyJobs } from "../../../src/features/breaches";
import { breaches, breachItems, breachParties } from "../../../src/features/breaches/schema";
import { notifications } from "../../../src/features/notifications/schema";
import { disclosures, shareDecisions } from "../../../src/features/sharing/schema";
import { enqueue, type JobContext } from "../../../src/platform/jobs/queue";
import { QUEUES } from "../../../src/platform/jobs/queues";
import { apiClientFor } from "../../support/api-client";
import { testApp } from "../../support/app";
import { auditEventsOfType } from "../../support/audit";
import { describeEachDatabase } from "../../support/databases";
import { newOrganisation, newUser } from "../../support/factories";
import type { TestClient } from "../../support/http-client";
import { runQueuedJobs } from "../../support/jobs";
import { pageText as words } from "../../support/page-text";
import { sharedCopy } from "../../support/shared-copy";
import { signedInAs } from "../../support/sign-in";

const HOUR = 3_600_000;

/**
 * The other organisations a breach involves (issue 22): a share sent by mistake asks its recipient to
 * confirm it deleted every copy (BR-CONTAIN), and an organisation whose information a breach involves
 * is told within its agreement's term and sees where the breach stands, its part only
 * (BR-TELL-CONTROLLER). A third organisation finds none of it.
 */
describeEachDatabase("the organisations a breach involves", (ctx) => {
  let app: App;
  let shared: Awaited<ReturnType<typeof sharedCopy>>;
  let context: JobContext;
  let thirdIg: TestClient;
  let councilAuditor: TestClient;
  let schoolAuditor: TestClient;
  let filedSubjectId: string;
  let councilBreachId: string;
  let originatorPartyId: string;
  let schoolBreachId: string;
  let wrongRecipientPartyId: string;
  const awareAt = new Date(Date.now() - 2 * HOUR);

  const facts = (extra: Record<string, unknown>) => ({
    awareAt: awareAt.toISOString(),
    howDiscovered: "A colleague noticed",
    whatHappened: "A laptop holding case notes was left on a train",
    types: ["CONFIDENTIALITY"],
    kinds: ["LOSS"],
    cyber: false,
    dataCategories: ["CHILDREN"],
    approxPeople: 1,
    ...extra,
  });

  const notified = async (kind: string, href: string) =>
    ctx.database.db
      .select({ userId: notifications.userId, organisationId: notifications.organisationId })
      .from(notifications)
      .where(and(eq(notifications.kind, kind as never), eq(notifications.href, href)));

  const events = (type: string) => auditEventsOfType(ctx.database.db, type, { withOrganisationId: true });

  before(async () => {
    app = await testApp(ctx.database);
    const db = ctx.database.db;
    shared = await sharedCopy(app, db);
    context = { database: ctx.database, db, mailer: null, publicUrl: "https://safeshare.example" };
    const third = await newOrganisation(db, { name: "Eastmoor NHS Trust", type: "health_trust" });
    thirdIg = await signedInAs(app, db, await newUser(db, third, ["ig_lead"]));
    councilAuditor = await signedInAs(app, db, await newUser(db, shared.council, ["auditor"]));
    schoolAuditor = await signedInAs(app, db, await newUser(db, shared.school, ["auditor"]));
    // The agreement the school shared under says a breach is told to the originator within 12 hours.
    const [decision] = await db
      .select({ agreementId: shareDecisions.agreementId })
      .from(shareDecisions)
      .where(eq(shareDecisions.id, shared.decisionId));
    await db
      .update(agreementVersions)
      .set({ content: sql`jsonb_set(${agreementVersions.content}, '{breach,notifyOriginatorWithinHours}', '12')` })
      .where(eq(agreementVersions.agreementId, decision!.agreementId!));
    // The council files what it received onto a record of its own: the items' origin is the school.
    const filed = await shared.councilLead.api("POST", `/api/v1/disclosures/${shared.disclosureId}/filing`, {
      newSubject: true,
      kind: "CHILD",
    });
    assert.equal(filed.statusCode, 201, filed.body);
    filedSubjectId = filed.json().subjectId;
  });
  after(() => app.close());

  test("a breach involving information another organisation shared makes it a party, told within its agreement's term", async () => {
    const res = await shared.councilIg.api("POST", "/api/v1/breaches", facts({ subjectIds: [filedSubjectId] }));
    assert.equal(res.statusCode, 201, res.body);
    const b = res.json();
    councilBreachId = b.id;
    assert.equal(b.parties.length, 1, res.body);
    const [party] = b.parties;
    originatorPartyId = party.id;
    assert.equal(party.role, "ORIGINATOR");
    assert.equal(party.organisationId, shared.school.id);
    assert.equal(party.disclosureId, shared.disclosureId);
    assert.equal(party.termHours, 12);
    assert.equal(new Date(party.tellBy).getTime(), awareAt.getTime() + 12 * HOUR);
    assert.equal(party.toldAt, null);

    // The job tells the school's IG leads straight away (not its practitioner), and marks the party told.
    await runQueuedJobs(context, breachPartyJobs);
    const told = await notified("breach_involves_your_data", `/breaches-involving-us/${party.id}`);
    assert.equal(told.length, 1, "the school's one IG lead");
    assert.ok(told.every((n) => n.organisationId === shared.school.id));
    const after = (await shared.councilIg.api("GET", `/api/v1/breaches/${councilBreachId}`)).json();
    assert.ok(after.parties[0].toldAt);
    assert.equal(after.parties[0].toldLate, false);
    const page = words((await shared.councilIg.get(`/breaches/${councilBreachId}`)).body);
    assert.match(
      page,
      /Northbrook Primary The breach involves information it shared\. Within 12 hours, as the agreement says\. Told on .+, within the time allowed/,
    );

    // Changing the people again does not add it twice.
    const patched = await shared.councilIg.api("PATCH", `/api/v1/breaches/${councilBreachId}`, { subjectIds: [filedSubjectId] });
    assert.equal(patched.statusCode, 200, patched.body);
    assert.equal(patched.json().parties.length, 1);
    const [added] = await events("breach.party_added");
    assert.deepEqual(added.details, { partyId: party.id, role: "ORIGINATOR", partyOrganisationId: shared.school.id, termHours: 12 });
  });

  test("the originator's IG lead sees where the breach stands and which of its disclosures it involves, nothing more; every read recorded", async () => {
    const list = await shared.schoolIg.api("GET", "/api/v1/breaches-involving-us");
    assert.equal(list.statusCode, 200, list.body);
    assert.equal(list.json().total, 1);
    const res = await shared.schoolIg.api("GET", `/api/v1/breaches-involving-us/${originatorPartyId}`);
    assert.equal(res.statusCode, 200, res.body);
    const b = res.json();
    assert.equal(b.reportingOrganisation, "Westshire Children's Services");
    assert.equal(b.state, "DISCOVERED");
    assert.equal(b.reportedToIco, false);
    assert.equal(b.whatHappened, "A laptop holding case notes was left on a train");
    assert.equal(b.disclosure.id, shared.disclosureId);
    assert.equal(b.disclosure.decision.id, shared.decisionId);
    assert.match(b.disclosure.decision.reference, /^SD-\d{6}$/);
    assert.deepEqual(b.disclosure.items, [{ category: "education", eventDate: "2026-10-01" }]);
    assert.equal(b.people, undefined);
    assert.doesNotMatch(res.body, /Tomasz|Lewandowski/, "no one's name");

    const page = await shared.schoolIg.get(`/breaches-involving-us/${originatorPartyId}`);
    assert.equal(page.statusCode, 200, page.body);
    const text = words(page.body);
    assert.match(text, /Recorded by Westshire Children's Services/);
    assert.match(text, /Where it stands Discovered/);
    assert.match(text, /Reported to the ICO Not yet/);
    assert.match(text, /Education, 1 October 2026/);
    assert.match(page.body, new RegExp(`href="/share-decisions/${shared.decisionId}"`));
    const outsidePanel = page.body.replace(/<details[\s\S]*?<\/details>/g, "");
    assert.doesNotMatch(words(outsidePanel), /DISCOVERED|ORIGINATOR|BR-TELL|\d{4}-\d{2}-\d{2}/, "no codes or ISO dates outside the panel");
    assert.equal((await shared.schoolIg.get("/breaches-involving-us")).statusCode, 200);

    // An auditor reads it; a practitioner may not; the school's own register does not list the council's breach.
    assert.equal((await schoolAuditor.api("GET", `/api/v1/breaches-involving-us/${originatorPartyId}`)).statusCode, 200);
    assert.equal((await shared.practitioner.api("GET", `/api/v1/breaches-involving-us/${originatorPartyId}`)).statusCode, 403);
    assert.equal((await shared.schoolIg.api("GET", `/api/v1/breaches/${councilBreachId}`)).statusCode, 404);
    assert.equal((await shared.schoolIg.api("GET", "/api/v1/breaches")).json().total, 0);

    const viewed = (await events("breach.party_viewed")).filter((e) => e.organisationId === shared.school.id);
    assert.ok(viewed.length >= 4, "each read recorded in the reader's trail");
    assert.ok(viewed.every((e) => e.entity.id === councilBreachId));
  });

  test("raising a breach from a disclosure links its decision and items and asks the recipient to delete every copy", async () => {
    const res = await shared.schoolIg.api(
      "POST",
      "/api/v1/breaches",
      facts({ disclosureId: shared.disclosureId, whatHappened: "Attendance was shared with the wrong organisation" }),
    );
    assert.equal(res.statusCode, 201, res.body);
    const b = res.json();
    schoolBreachId = b.id;
    assert.equal(b.decision.id, shared.decisionId);
    assert.match(b.decision.reference, /^SD-\d{6}$/);
    assert.deepEqual(
      b.recordItems.map((i: { category: string; eventDate: string }) => [i.category, i.eventDate]),
      [["education", "2026-10-01"]],
    );
    const [row] = await ctx.database.db.select({ decisionId: breaches.decisionId }).from(breaches).where(eq(breaches.id, b.id));
    assert.equal(row!.decisionId, shared.decisionId);
    assert.equal((await ctx.database.db.select().from(breachItems).where(eq(breachItems.breachId, b.id))).length, 1);
    const wrong = b.parties.find((p: { role: string }) => p.role === "WRONG_RECIPIENT");
    assert.ok(wrong, res.body);
    wrongRecipientPartyId = wrong.id;
    assert.equal(wrong.organisationId, shared.council.id);
    assert.equal(wrong.toldAt, null);
    assert.ok(Math.abs(new Date(wrong.tellBy).getTime() - Date.now()) < 60_000, "to be told at once");

    await runQueuedJobs(context, breachPartyJobs);
    const told = await notified("breach_delete_copy", `/breach-requests/${wrong.id}`);
    assert.equal(told.length, 3, "the council's two IG leads and its safeguarding lead");
    assert.ok(told.every((n) => n.organisationId === shared.council.id));
    const [party] = await ctx.database.db.select().from(breachParties).where(eq(breachParties.id, wrong.id));
    assert.ok(party!.toldAt);

    const page = words((await shared.schoolIg.get(`/breaches/${schoolBreachId}`)).body);
    assert.match(page, /Raised from what was shared under decision SD-\d{6}/);
    assert.match(page, /Education, 1 October 2026/);
    assert.match(
      page,
      /Westshire Children's Services Sent the information by mistake\. Asked to confirm deletion on .+ Deletion: Not yet confirmed/,
    );
    // The recipient's disclosure is revoked: it is gone from the recipient's view.
    const [d] = await ctx.database.db
      .select({ revokedAt: disclosures.revokedAt })
      .from(disclosures)
      .where(eq(disclosures.id, shared.disclosureId));
    assert.ok(d!.revokedAt);
  });

  test("the recipient's leads find the request in Your work; an auditor reads it but cannot confirm; a lead confirms and the sender sees who and when", async () => {
    const home = await shared.councilLead.get("/");
    assert.match(home.body, new RegExp(`href="/breach-requests/${wrongRecipientPartyId}"`));
    assert.match(words(home.body), /Confirm you deleted information Northbrook Primary sent by mistake/);

    const read = await councilAuditor.api("GET", `/api/v1/breach-requests/${wrongRecipientPartyId}`);
    assert.equal(read.statusCode, 200, read.body);
    assert.equal(read.json().reportingOrganisation, "Northbrook Primary");
    assert.deepEqual(read.json().disclosure.items, [{ category: "education", eventDate: "2026-10-01" }]);
    assert.equal((await councilAuditor.get(`/breach-requests/${wrongRecipientPartyId}`)).statusCode, 200);
    const refused = await councilAuditor.api("POST", `/api/v1/breach-requests/${wrongRecipientPartyId}/deletion-confirmation`, {
      confirmed: true,
    });
    assert.equal(refused.statusCode, 403, refused.body);
    assert.equal((await councilAuditor.api("GET", "/api/v1/breach-requests")).json().total, 1);

    // The form asks for the confirmation itself.
    const unticked = await shared.councilLead.post(`/breach-requests/${wrongRecipientPartyId}`, { note: "" });
    assert.equal(unticked.statusCode, 400, unticked.body);
    assert.match(words(unticked.body), /Confirm that your organisation has deleted every copy/);
    const done = await shared.councilLead.post(`/breach-requests/${wrongRecipientPartyId}`, {
      confirmed: "yes",
      note: "The one printout was shredded",
    });
    assert.equal(done.statusCode, 303, done.body);
    const again = await shared.councilIg.api("POST", `/api/v1/breach-requests/${wrongRecipientPartyId}/deletion-confirmation`, {
      confirmed: true,
    });
    assert.equal(again.statusCode, 409, again.body);
    const shown = words((await shared.councilLead.get(`/breach-requests/${wrongRecipientPartyId}`)).body);
    assert.match(shown, /Deletion confirmed/);
    assert.doesNotMatch((await shared.councilLead.get("/")).body, new RegExp(`/breach-requests/${wrongRecipientPartyId}`), "off Your work");

    const breach = (await shared.schoolIg.api("GET", `/api/v1/breaches/${schoolBreachId}`)).json();
    const party = breach.parties.find((p: { id: string }) => p.id === wrongRecipientPartyId);
    assert.ok(party.deletionConfirmedAt);
    assert.equal(party.deletionNote, "The one printout was shredded");
    const page = words((await shared.schoolIg.get(`/breaches/${schoolBreachId}`)).body);
    assert.match(page, /Deletion: Confirmed by .+ on .+The one printout was shredded/);

    const confirmed = await events("breach.deletion_confirmed");
    assert.deepEqual(confirmed.map((e) => e.organisationId).sort(), [shared.council.id, shared.school.id].sort(), "in both trails");
    assert.equal(confirmed[0].entity.id, schoolBreachId);
  });

  test("a third organisation finds none of it, on every route; the sender is not the recipient of its own request", async () => {
    const routes: [string, string][] = [
      ["GET", `/api/v1/breach-requests/${wrongRecipientPartyId}`],
      ["POST", `/api/v1/breach-requests/${wrongRecipientPartyId}/deletion-confirmation`],
      ["GET", `/api/v1/breaches-involving-us/${originatorPartyId}`],
      ["GET", `/api/v1/breaches/${schoolBreachId}`],
    ];
    for (const [method, url] of routes) {
      const res = await thirdIg.api(method as "GET" | "POST", url, method === "POST" ? { confirmed: true } : undefined);
      assert.equal(res.statusCode, 404, `${method} ${url}: ${res.body}`);
    }
    assert.equal((await thirdIg.get(`/breach-requests/${wrongRecipientPartyId}`)).statusCode, 404);
    assert.equal((await thirdIg.post(`/breach-requests/${wrongRecipientPartyId}`, { confirmed: "yes", note: "" })).statusCode, 404);
    assert.equal((await thirdIg.get(`/breaches-involving-us/${originatorPartyId}`)).statusCode, 404);
    assert.equal((await thirdIg.api("GET", "/api/v1/breach-requests")).json().total, 0);
    assert.equal((await thirdIg.api("GET", "/api/v1/breaches-involving-us")).json().total, 0);
    assert.doesNotMatch((await thirdIg.get("/breach-requests")).body, new RegExp(wrongRecipientPartyId));
    assert.doesNotMatch((await thirdIg.get("/breaches-involving-us")).body, new RegExp(originatorPartyId));

    // Each side sees only its own part: the sender cannot open the request as if it were the recipient, nor the originator a deletion request.
    assert.equal((await shared.schoolIg.api("GET", `/api/v1/breach-requests/${wrongRecipientPartyId}`)).statusCode, 404);
    assert.equal((await shared.councilIg.api("GET", `/api/v1/breaches-involving-us/${wrongRecipientPartyId}`)).statusCode, 404);
    assert.equal((await shared.schoolIg.api("GET", `/api/v1/breach-requests/${originatorPartyId}`)).statusCode, 404);

    // Each cross-organisation attempt is recorded as a refusal in the third organisation's trail.
    const denied = await events("access.denied");
    assert.ok(denied.some((e) => e.details.route === "/api/v1/breach-requests/:id" && e.details.reason === "out_of_scope"));
    assert.ok(denied.some((e) => e.details.route === "/breaches-involving-us/:id" && e.details.reason === "out_of_scope"));
  });

  test("a party whose job was lost is told by the sweep a minute later, and only once", async () => {
    const db = ctx.database.db;
    const res = await shared.councilIg.api(
      "POST",
      "/api/v1/breaches",
      facts({ subjectIds: [filedSubjectId], whatHappened: "A second laptop" }),
    );
    assert.equal(res.statusCode, 201, res.body);
    const [party] = res.json().parties;
    // The job queued with the party is lost, and a minute passes.
    await db.execute(sql`delete from pgboss.job where name = ${QUEUES.tellBreachParty}`);
    await db
      .update(breachParties)
      .set({ createdAt: new Date(Date.now() - 2 * 60_000) })
      .where(eq(breachParties.id, party.id));
    await runQueuedJobs(context, breachPartyJobs);
    assert.equal((await notified("breach_involves_your_data", `/breaches-involving-us/${party.id}`)).length, 0, "nothing ran");

    await enqueue(db, { name: QUEUES.sweepBreachParties }, {});
    await runQueuedJobs(context, breachPartyJobs);
    assert.equal((await notified("breach_involves_your_data", `/breaches-involving-us/${party.id}`)).length, 1);
    const [told] = await db.select().from(breachParties).where(eq(breachParties.id, party.id));
    assert.ok(told!.toldAt);

    // Swept again (another minute, another node): no one is told twice.
    await enqueue(db, { name: QUEUES.sweepBreachParties }, {});
    await runQueuedJobs(context, breachPartyJobs);
    assert.equal((await notified("breach_involves_your_data", `/breaches-involving-us/${party.id}`)).length, 1);
  });

  test("the parties' routes are for people only: a partner system's token, whatever its scopes, is refused on each", async () => {
    const db = ctx.database.db;
    const { call } = await apiClientFor(app, db, await newUser(db, shared.council, ["ig_lead", "safeguarding_lead"]));
    for (const [method, url, body] of [
      ["GET", "/api/v1/breach-requests"],
      ["GET", `/api/v1/breach-requests/${wrongRecipientPartyId}`],
      ["POST", `/api/v1/breach-requests/${wrongRecipientPartyId}/deletion-confirmation`, { confirmed: true }],
      ["GET", "/api/v1/breaches-involving-us"],
      ["GET", `/api/v1/breaches-involving-us/${originatorPartyId}`],
    ] as const) {
      const res = await call(method, url, body);
      assert.equal(res.statusCode, 403, `${method} ${url}`);
      assert.equal(res.json().code, "INSUFFICIENT_SCOPE", `${method} ${url}`);
    }
  });
});

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { eq } from "drizzle-orm";
import type { App } from "../../../src/app/build-app";
import { breaches } from "../../../src/features/breaches/schema";
import { testApp } from "../../support/app";
import { auditEventsOfType } from "../../support/audit";
import { describeEachDatabase } from "../../support/databases";
import { sharedCopy } from "../../support/shared-copy";

const HOUR = 3_600_000;

/**
 * Containment through Safeshare (issue 22): a breach raised from a disclosure the organisation sent
 * withdraws the recipient's access in the transaction that records it, and links the disclosure and
 * the person it was about. A disclosure the organisation received, or another's, is not one it can raise from.
 */
describeEachDatabase("a breach raised from a disclosure", (ctx) => {
  let app: App;
  let shared: Awaited<ReturnType<typeof sharedCopy>>;

  const breach = (disclosureId: string) => ({
    awareAt: new Date(Date.now() - HOUR).toISOString(),
    howDiscovered: "The practitioner noticed the wrong recipient in the sent list",
    whatHappened: "Attendance information was shared with the wrong team",
    types: ["CONFIDENTIALITY"],
    kinds: ["UNAUTHORISED_DISCLOSURE"],
    cyber: false,
    dataCategories: ["CHILDREN"],
    approxPeople: 1,
    disclosureId,
  });

  const events = (type: string) => auditEventsOfType(ctx.database.db, type);

  before(async () => {
    app = await testApp(ctx.database);
    shared = await sharedCopy(app, ctx.database.db);
  });
  after(() => app.close());

  test("the recipient's organisation cannot raise a breach from what it received, and nothing is recorded", async () => {
    const before = (await ctx.database.db.select({ id: breaches.id }).from(breaches)).length;
    const res = await shared.councilIg.api("POST", "/api/v1/breaches", breach(shared.disclosureId));
    assert.equal(res.statusCode, 400, res.body);
    assert.deepEqual(res.json().errors, [{ path: "/disclosureId", message: "Select information your organisation shared" }]);
    assert.equal((await ctx.database.db.select({ id: breaches.id }).from(breaches)).length, before);
    assert.equal((await shared.councilLead.api("GET", `/api/v1/disclosures/${shared.disclosureId}`)).statusCode, 200, "still open");
  });

  test("raising it revokes the recipient's access at once and links the disclosure and its person, in one transaction", async () => {
    assert.equal((await shared.councilLead.api("GET", `/api/v1/disclosures/${shared.disclosureId}`)).statusCode, 200);
    const res = await shared.schoolIg.api("POST", "/api/v1/breaches", breach(shared.disclosureId));
    assert.equal(res.statusCode, 201, res.body);
    const b = res.json();
    assert.equal(b.disclosureId, shared.disclosureId);
    assert.deepEqual(
      b.people.map((p: { name: string }) => p.name),
      ["Tomasz Lewandowski-Reid"],
    );

    // The recipient can no longer open it.
    assert.equal((await shared.councilLead.api("GET", `/api/v1/disclosures/${shared.disclosureId}`)).statusCode, 404);
    const sent = await shared.schoolIg.api("GET", `/api/v1/disclosures/${shared.disclosureId}?box=sent`);
    assert.equal(sent.json().state, "REVOKED", sent.body);

    const [revoked] = await events("disclosure.revoked");
    const [recorded] = await events("breach.recorded");
    assert.equal(revoked.entity.id, shared.disclosureId);
    assert.deepEqual(
      { disclosureId: recorded.details.disclosureId, accessRevoked: recorded.details.accessRevoked, subjects: recorded.details.subjects },
      { disclosureId: shared.disclosureId, accessRevoked: true, subjects: 1 },
    );
    assert.equal(recorded.seq, revoked.seq + 1, "appended together, as one transaction's events");

    // A second breach about the same disclosure links it; there is no access left to withdraw.
    const again = await shared.schoolIg.api("POST", "/api/v1/breaches", breach(shared.disclosureId));
    assert.equal(again.statusCode, 201, again.body);
    const [second] = await events("breach.recorded");
    assert.equal(second.details.accessRevoked, false);
  });

  test("another organisation finds neither the breach nor the disclosure through it; the recipient's IG lead sees no breach", async () => {
    const [row] = await ctx.database.db.select({ id: breaches.id }).from(breaches).where(eq(breaches.disclosureId, shared.disclosureId));
    assert.ok(row);
    assert.equal((await shared.councilIg.api("GET", `/api/v1/breaches/${row.id}`)).statusCode, 404);
    const theirs = (await shared.councilIg.api("GET", "/api/v1/breaches")).json();
    assert.equal(theirs.total, 0);
    // The sender's practitioner, who shared it, is not an IG lead: the register is not theirs to see.
    assert.equal((await shared.practitioner.api("GET", `/api/v1/breaches/${row.id}`)).statusCode, 403);
  });
});

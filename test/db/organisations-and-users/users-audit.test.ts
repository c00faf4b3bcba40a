import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { App } from "../../../src/app/build-app";
import { testApp } from "../../support/app";
import { describeEachDatabase } from "../../support/databases";
import { newOrganisation, newUser } from "../../support/factories";
import { signedInAs } from "../../support/sign-in";

/**
 * Reading the list of users is audited once, by one service, whichever door it came through: the
 * event names the organisation whose staff the list could show, never one the reader cannot see.
 */
describeEachDatabase("the user list's audit event", (ctx) => {
  let app: App;
  let home: Awaited<ReturnType<typeof newOrganisation>>;
  let other: Awaited<ReturnType<typeof newOrganisation>>;
  let orgAdmin: Awaited<ReturnType<typeof newUser>>;
  let partnershipAdmin: Awaited<ReturnType<typeof newUser>>;
  before(async () => {
    app = await testApp(ctx.database);
    home = await newOrganisation(ctx.database.db, { name: "Eastmoor Academy" });
    other = await newOrganisation(ctx.database.db, { name: "Westshire Police" });
    orgAdmin = await newUser(ctx.database.db, home, ["org_admin"]);
    partnershipAdmin = await newUser(ctx.database.db, home, ["partnership_admin"]);
    await newUser(ctx.database.db, other, ["practitioner"]);
  });
  after(() => app.close());

  /** The organisation and view of the user's latest user-list read. */
  async function lastListRead(userId: string) {
    const rows = await ctx.database.query<{ entity_id: string; body: string }>(
      "SELECT entity_id, body FROM audit_event WHERE type = 'personal_data.viewed' AND actor_user_id = $1 ORDER BY seq DESC LIMIT 1",
      [userId],
    );
    const details = JSON.parse(rows[0]!.body).details as { view: string; count: number };
    return { organisationId: rows[0]!.entity_id, view: details.view, count: details.count };
  }

  test("an organisation administrator's list, from the page or the API, is recorded against their own organisation", async () => {
    const browser = await signedInAs(app, ctx.database.db, orgAdmin);
    assert.equal((await browser.get("/users")).statusCode, 200);
    const fromPage = await lastListRead(orgAdmin.user.id);
    assert.deepEqual(fromPage, { organisationId: home.id, view: "web.users.list", count: 2 });

    // Asking for another organisation's staff shows none of them (the list is scoped to their own).
    const res = await browser.api("GET", `/api/v1/users?organisationId=${other.id}`);
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json().items, []);
    const fromApi = await lastListRead(orgAdmin.user.id);
    assert.deepEqual(fromApi, { organisationId: home.id, view: "api.users.list", count: 0 }, "not the organisation it could not see");
  });

  test("a partnership administrator's list of one organisation is recorded against that organisation", async () => {
    const browser = await signedInAs(app, ctx.database.db, partnershipAdmin);
    const res = await browser.api("GET", `/api/v1/users?organisationId=${other.id}`);
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().items.length, 1);
    assert.deepEqual(await lastListRead(partnershipAdmin.user.id), { organisationId: other.id, view: "api.users.list", count: 1 });
  });
});

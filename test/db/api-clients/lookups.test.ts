import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { eq } from "drizzle-orm";
import type { App } from "../../../src/app/build-app";
import { demoActors } from "../../../src/demo/demo-actors";
import { seedDemoPartnership } from "../../../src/demo/seed-demo";
import { agreements } from "../../../src/features/agreements/schema";
import { apiClientFor } from "../../support/api-client";
import { testApp } from "../../support/app";
import { describeEachDatabase } from "../../support/databases";
import { newOrganisation } from "../../support/factories";

/**
 * What a partner system looks up before it shares (issue 20): an agreement's flows in force, and the
 * people at another organisation a share can be addressed to, by name and role, only across an
 * agreement in force.
 */
describeEachDatabase("API lookups for partner systems", (ctx) => {
  let app: App;
  let people: Awaited<ReturnType<typeof demo>>;
  const demo = (db: typeof ctx.database.db) =>
    demoActors(db, { siobhan: "siobhan.oconnor@northbrook.example", joanna: "joanna.kowalczyk@westshire.example" });

  before(async () => {
    await seedDemoPartnership(ctx.database.db);
    people = await demo(ctx.database.db);
    app = await testApp(ctx.database);
  });
  after(() => app.close());

  test("an agreement's flows say who may share what with whom, for which purposes, under the version in force", async () => {
    const [partnership] = await ctx.database.db
      .select({ id: agreements.id })
      .from(agreements)
      .where(eq(agreements.title, "Westshire Safeguarding Partnership information sharing agreement"));
    const school = await apiClientFor(app, ctx.database.db, { actor: people.siobhan }, ["agreements:read"]);
    const response = await school.call("GET", `/api/v1/agreements/${partnership!.id}/flows`);
    assert.equal(response.statusCode, 200, response.body);
    const flows = response.json();
    assert.equal(flows.inForce, true);
    assert.match(flows.reference, /^DSA-\d{4}$/);
    assert.ok(flows.purposes.length > 0);
    assert.ok(flows.flows.length > 0);
    const fromSchool = flows.flows.find((f: { from: { name: string }[] }) => f.from.some((o) => o.name === "Northbrook Primary School"));
    assert.ok(fromSchool, "a flow from the school");
    assert.ok(fromSchool.dataItems.length > 0 && fromSchool.to.length > 0);
    assert.equal((await school.call("GET", "/api/v1/agreements/00000000-0000-4000-8000-000000000000/flows")).statusCode, 404);
  });

  test("the people a share can be addressed to at another organisation: across an agreement in force only, by name and role", async () => {
    const school = await apiClientFor(app, ctx.database.db, { actor: people.siobhan }, ["share-decisions:read"]);
    const council = await school.call("GET", `/api/v1/share-decisions/recipients?organisationId=${people.joanna.organisationId}`);
    assert.equal(council.statusCode, 200, council.body);
    const joanna = council.json().items.find((p: { name: string }) => p.name === "Joanna Kowalczyk");
    assert.deepEqual(joanna, { userId: people.joanna.userId, name: "Joanna Kowalczyk", roles: ["practitioner", "safeguarding_lead"] });
    assert.ok(!council.json().items.some((p: { name: string }) => p.name === "Rosa Martínez"), "an auditor is not someone a share goes to");
    assert.ok(!council.body.includes("@"), "names and roles, not email addresses");

    const stranger = await newOrganisation(ctx.database.db, { name: "Not In The Partnership" });
    assert.equal((await school.call("GET", `/api/v1/share-decisions/recipients?organisationId=${stranger.id}`)).statusCode, 404);
    assert.equal(
      (await school.call("GET", `/api/v1/share-decisions/recipients?organisationId=${people.siobhan.organisationId}`)).statusCode,
      404,
    );
    assert.equal((await school.call("GET", "/api/v1/share-decisions/recipients?organisationId=nope")).statusCode, 400);
  });
});

import assert from "node:assert/strict";
import { before, test } from "node:test";
import { eq } from "drizzle-orm";
import { demoActors } from "../../../src/demo/demo-actors";
import { seedDemoPartnership } from "../../../src/demo/seed-demo";
import { SIGNATORY_ROLES } from "../../../src/features/agreements";
import { users } from "../../../src/features/organisations-and-users/schema";
import { loadOrganisationsWork } from "../../../src/features/organisations-and-users/services/load-work";
import type { Actor } from "../../../src/platform/auth/actor";
import { describeEachDatabase } from "../../support/databases";

/** For administrators, "Your work" (issue 18) names the organisations missing a safeguarding lead, an IG lead or a signatory. */
describeEachDatabase("administrators' work for the home page", (ctx) => {
  let people: Record<"amara" | "bernard" | "tomasz", Actor>;
  const titles = async (actor: Actor) => (await loadOrganisationsWork(ctx.database.db, actor, SIGNATORY_ROLES)).map((w) => w.title);

  before(async () => {
    await seedDemoPartnership(ctx.database.db);
    people = await demoActors(ctx.database.db, {
      amara: "amara.okafor@westshire.example",
      bernard: "bernard.hale@northbrook.example",
      tomasz: "tomasz.wojcik@northbrook.example",
    });
  });

  test("the partnership admin sees every organisation that lacks someone; an organisation admin only their own; others nothing", async () => {
    assert.deepEqual(await titles(people.amara), [
      "Eastmoor NHS Foundation Trust needs a safeguarding lead",
      "Haven Domestic Abuse Service needs an IG lead and someone who can sign agreements for it",
      "Millfield Medical Practice needs an IG lead and someone who can sign agreements for it",
      "Westshire Early Help needs a safeguarding lead and an IG lead and someone who can sign agreements for it",
    ]);
    // Northbrook has Siobhán (safeguarding lead) and Bernard (IG lead and admin, who may sign).
    assert.deepEqual(await titles(people.bernard), []);
    assert.deepEqual(await titles(people.tomasz), []);
    const [gap] = await loadOrganisationsWork(ctx.database.db, people.amara, SIGNATORY_ROLES);
    assert.equal(gap?.href, "/users/new");
    assert.equal(gap?.dueOn, null);
  });

  test("a deactivated lead leaves a gap", async () => {
    const db = ctx.database.db;
    await db.update(users).set({ deactivatedAt: new Date() }).where(eq(users.email, "siobhan.oconnor@northbrook.example"));
    assert.deepEqual(await titles(people.bernard), ["Northbrook Primary School needs a safeguarding lead"]);
  });
});

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { App } from "../../../src/app/build-app";
import { testApp } from "../../support/app";
import { describeEachDatabase } from "../../support/databases";
import { newOrganisation, newUser } from "../../support/factories";
import { signedInAs } from "../../support/sign-in";

/**
 * A form refused for what was typed answers with the status the API gives for the same error (one
 * table, src/platform/http/problem.ts): a duplicate is a conflict, 409, on every form as through the API.
 * The administration forms once answered 400 where the records forms and the API answered 409.
 */
describeEachDatabase("a refused form answers with the API's status", (ctx) => {
  let app: App;
  let home: Awaited<ReturnType<typeof newOrganisation>>;
  let admin: Awaited<ReturnType<typeof newUser>>;
  before(async () => {
    app = await testApp(ctx.database);
    home = await newOrganisation(ctx.database.db, { name: "Eastbrook Borough Council" });
    admin = await newUser(ctx.database.db, home, ["partnership_admin"], { name: "Priya Raman" });
  });
  after(() => app.close());

  test("a user whose email address is already taken: 409 from the API and from the form, which keeps what was typed", async () => {
    const browser = await signedInAs(app, ctx.database.db, admin);
    const taken = { name: "Sam Lee", email: "sam.lee@eastbrook.example", organisationId: home.id, roles: ["practitioner"] };
    assert.equal((await browser.api("POST", "/api/v1/users", taken)).statusCode, 201);

    const api = await browser.api("POST", "/api/v1/users", { ...taken, name: "Samuel Lee" });
    assert.equal(api.statusCode, 409);

    await browser.get("/users/new");
    const form = await browser.post("/users/new", { ...taken, name: "Samuel Lee", email: "SAM.LEE@eastbrook.example" });
    assert.equal(form.statusCode, api.statusCode, "the same status as the API");
    assert.match(form.body, /There is a problem/);
    assert.match(form.body, /href="#email">A user with this email address already exists/);
    assert.match(form.body, /value="Samuel Lee"/);
    assert.match(form.body, /value="SAM.LEE@eastbrook.example"/);
  });

  test("an organisation whose name is already a member: 409 from the API and from the form", async () => {
    const browser = await signedInAs(app, ctx.database.db, admin);
    const api = await browser.api("POST", "/api/v1/organisations", {
      name: "eastbrook borough council",
      type: "other",
      isPublicAuthority: true,
    });
    assert.equal(api.statusCode, 409);

    await browser.get("/organisations/new");
    const form = await browser.post("/organisations/new", { name: "eastbrook borough council", type: "other", isPublicAuthority: "yes" });
    assert.equal(form.statusCode, api.statusCode, "the same status as the API");
    assert.match(form.body, /href="#name">An organisation with this name is already a member of the partnership/);
  });

  test("a form that cannot be read is the API's 400, as a validation error is everywhere", async () => {
    const browser = await signedInAs(app, ctx.database.db, admin);
    const api = await browser.api("POST", "/api/v1/organisations", { name: "", type: "castle", isPublicAuthority: true });
    await browser.get("/organisations/new");
    const form = await browser.post("/organisations/new", { name: "", type: "castle", isPublicAuthority: "yes" });
    assert.equal(api.statusCode, 400);
    assert.equal(form.statusCode, api.statusCode);
  });
});

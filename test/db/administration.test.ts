import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { App } from "../../src/http/app";
import { client, TEST_PUBLIC_URL, testApp } from "../support/app";
import { describeEachDatabase } from "../support/databases";
import { newOrganisation, newUser } from "../support/factories";
import { signedInAs } from "../support/sign-in";

describeEachDatabase("administering organisations and users", (ctx) => {
  let app: App;
  let home: Awaited<ReturnType<typeof newOrganisation>>;
  let admin: Awaited<ReturnType<typeof newUser>>;
  before(async () => {
    app = await testApp(ctx.database);
    home = await newOrganisation(ctx.database.db, { name: "Westshire County Council" });
    admin = await newUser(ctx.database.db, home, ["partnership_admin"], { name: "Amara Okafor" });
  });
  after(() => app.close());

  test("a rejected organisation form shows the error summary and keeps what was typed", async () => {
    const browser = await signedInAs(app, ctx.database.db, admin);
    await browser.get("/organisations/new");
    const res = await browser.post("/organisations/new", {
      name: "Haven Domestic Abuse Service",
      type: "",
      icoRegistration: "not-a-number",
      isPublicAuthority: "no",
      dpoEmail: "dpo@haven.example",
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /There is a problem/);
    assert.match(res.body, /href="#type">Select the type of organisation/);
    assert.match(res.body, /href="#icoRegistration">Enter an ICO registration number in the correct format/);
    assert.match(res.body, /value="Haven Domestic Abuse Service"/);
    assert.match(res.body, /value="dpo@haven.example"/);
    assert.match(res.body, /value="no" checked/);
    const count = await ctx.database.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM organisation WHERE name = 'Haven Domestic Abuse Service'",
    );
    assert.equal(count[0]!.n, 0, "nothing half-saved");
  });

  test("a valid organisation is created, audited, and shown", async () => {
    const browser = await signedInAs(app, ctx.database.db, admin);
    await browser.get("/organisations/new");
    const res = await browser.post("/organisations/new", {
      name: "Millfield Medical Practice",
      type: "gp_practice",
      icoRegistration: "z5550005",
      isPublicAuthority: "yes",
    });
    assert.equal(res.statusCode, 302);
    const page = await browser.get(res.headers.location as string);
    assert.match(page.body, /Organisation added/);
    assert.match(page.body, /Z5550005/);
    const [event] = await ctx.database.query<{ body: string }>(
      "SELECT body FROM audit_event WHERE type = 'organisation.created' ORDER BY seq DESC LIMIT 1",
    );
    const body = JSON.parse(event!.body);
    assert.equal(body.actor.name, "Amara Okafor");
    assert.equal(body.actor.roles[0], "partnership_admin");
  });

  test("a duplicate organisation name is a field error, not a crash", async () => {
    const browser = await signedInAs(app, ctx.database.db, admin);
    await browser.get("/organisations/new");
    const res = await browser.post("/organisations/new", { name: "westshire county council", type: "other", isPublicAuthority: "yes" });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /already a member of the partnership/);
  });

  test("an invited user chooses a password through a one-time link and can then sign in", async () => {
    const browser = await signedInAs(app, ctx.database.db, admin);
    await browser.get("/users/new");
    const created = await browser.post("/users/new", {
      name: "Chloé Dubois",
      email: "chloe@earlyhelp.example",
      organisationId: home.id,
      roles: ["practitioner"],
    });
    assert.equal(created.statusCode, 200);
    const link = /<code class="app-invitation-link" id="invitation-link">https?:\/\/[^/]+(\/invitations\/[^<]+)<\/code>/.exec(
      created.body,
    )![1]!;

    const invitee = client(app);
    await invitee.get(link);
    const weak = await invitee.post(link, { password: "qwerty123456", confirmPassword: "qwerty123456" });
    assert.equal(weak.statusCode, 400);
    assert.match(weak.body, /Password is too easy to guess. This is a commonly used password/);
    const short = await invitee.post(link, { password: "short", confirmPassword: "short" });
    assert.match(short.body, /12 characters or more/);
    const ok = await invitee.post(link, { password: "glacier mango violin ember", confirmPassword: "glacier mango violin ember" });
    assert.equal(ok.headers.location, "/sign-in?passwordSet=1");
    assert.equal((await invitee.get(link)).statusCode, 404, "the link works once");
    assert.equal((await invitee.signIn("chloe@earlyhelp.example", "glacier mango violin ember")).headers.location, "/");
  });

  test("the invitation link shown is at the configured public address, whatever Host header the request came with", async () => {
    const browser = await signedInAs(app, ctx.database.db, admin);
    await browser.get("/users/new");
    const created = await browser.post(
      "/users/new",
      { name: "Dev Patel", email: "dev@earlyhelp.example", organisationId: home.id, roles: ["practitioner"] },
      { headers: { host: "attacker.example", "x-forwarded-host": "attacker.example" } },
    );
    assert.equal(created.statusCode, 200);
    const shown = /<code class="app-invitation-link" id="invitation-link">([^<]+)<\/code>/.exec(created.body)?.[1] ?? "";
    assert.match(shown, new RegExp(`^${TEST_PUBLIC_URL.replaceAll(".", "\\.")}/invitations/[^/]+$`));
    assert.doesNotMatch(created.body, /attacker\.example/);
  });

  test("listing and viewing users are audited as reads of personal data", async () => {
    const browser = await signedInAs(app, ctx.database.db, admin);
    await browser.get("/users");
    await browser.get(`/users/${admin.user.id}`);
    const rows = await ctx.database.query<{ body: string }>(
      "SELECT body FROM audit_event WHERE type = 'personal_data.viewed' AND actor_user_id = $1 ORDER BY seq",
      [admin.user.id],
    );
    const views = rows.map((r) => JSON.parse(r.body).details.view);
    assert.deepEqual(views.slice(-2), ["web.users.list", "web.users.show"]);
  });

  test("deactivating a user ends their sessions", async () => {
    const victim = await newUser(ctx.database.db, home, ["practitioner"]);
    const theirBrowser = await signedInAs(app, ctx.database.db, victim);
    const browser = await signedInAs(app, ctx.database.db, admin);
    await browser.get(`/users/${victim.user.id}`);
    assert.equal((await browser.post(`/users/${victim.user.id}/deactivate`, {})).statusCode, 302);
    assert.equal((await theirBrowser.get("/")).headers.location, "/sign-in");
  });
});

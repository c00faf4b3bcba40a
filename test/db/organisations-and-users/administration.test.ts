import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { eq } from "drizzle-orm";
import type { App } from "../../../src/app/build-app";
import { users } from "../../../src/features/organisations-and-users/schema";
import { recoveryCodes } from "../../../src/features/sign-in/schema";
import { client, TEST_PUBLIC_URL, testApp } from "../../support/app";
import { describeEachDatabase } from "../../support/databases";
import { newOrganisation, newUser, TEST_PASSWORD } from "../../support/factories";
import type { TestClient } from "../../support/http-client";
import { signedInAs } from "../../support/sign-in";

/** The one-time link shown on an invitation or password reset page, as a path. */
function shownLink(body: string): string {
  return /<code class="app-invitation-link app-wrap-anywhere" id="invitation-link">https?:\/\/[^/]+(\/invitations\/[^<]+)<\/code>/.exec(
    body,
  )![1]!;
}

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
    // A conflict, as the API says (409); this form once answered 400 (test/db/form-status.test.ts).
    assert.equal(res.statusCode, 409);
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
    const link = shownLink(created.body);

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
    const shown = /<code class="app-invitation-link app-wrap-anywhere" id="invitation-link">([^<]+)<\/code>/.exec(created.body)?.[1] ?? "";
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

  async function auditBodies(type: string, userId: string) {
    const rows = await ctx.database.query<{ body: string }>(
      "SELECT body FROM audit_event WHERE type = $1 AND entity_id = $2 ORDER BY seq",
      [type, userId],
    );
    return rows.map((r) => r.body);
  }

  const signedOut = async (browser: TestClient) => (await browser.get("/")).headers.location === "/sign-in";

  test("a signed-in person changes their own password: current one re-checked, new one under the policy, other sessions ended, a fresh token here", async () => {
    const person = await newUser(ctx.database.db, home, ["practitioner"], { name: "Tomasz Wójcik" });
    const elsewhere = await signedInAs(app, ctx.database.db, person);
    const browser = await signedInAs(app, ctx.database.db, person);
    assert.match((await browser.get("/")).body, /href="\/account\/password"/, "linked beside sign out");
    const form = await browser.get("/account/password");
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /Change your password/);

    const wrong = await browser.post("/account/password", {
      currentPassword: "not my password",
      newPassword: "glacier mango violin ember",
      confirmPassword: "glacier mango violin ember",
    });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /href="#currentPassword">The password is not correct/);
    assert.doesNotMatch(wrong.body, /glacier mango|not my password/, "passwords are never typed back into the page");
    const [counted] = await ctx.database.db.select({ n: users.failedSignIns }).from(users).where(eq(users.id, person.user.id));
    assert.equal(counted!.n, 1, "a wrong current password counts towards lockout");

    const weak = await browser.post("/account/password", {
      currentPassword: TEST_PASSWORD,
      newPassword: "tomasz wojcik 1990",
      confirmPassword: "tomasz wojcik 1990",
    });
    assert.match(weak.body, /href="#newPassword">Password must not contain your name/);
    const mismatch = await browser.post("/account/password", {
      currentPassword: TEST_PASSWORD,
      newPassword: "glacier mango violin ember",
      confirmPassword: "glacier mango violin embers",
    });
    assert.match(mismatch.body, /href="#confirmPassword">Passwords do not match/);

    const before = browser.cookies.get("safeshare_session");
    const changed = await browser.post("/account/password", {
      currentPassword: TEST_PASSWORD,
      newPassword: "glacier mango violin ember",
      confirmPassword: "glacier mango violin ember",
    });
    assert.equal(changed.statusCode, 302);
    assert.notEqual(browser.cookies.get("safeshare_session"), before, "a fresh session token");
    const confirmation = await browser.get(changed.headers.location as string);
    assert.match(confirmation.body, /Password changed/);
    assert.ok(await signedOut(elsewhere), "other sessions are ended");
    assert.equal((await client(app).signIn(person.email, TEST_PASSWORD)).statusCode, 400, "the old password no longer works");
    assert.equal((await client(app).signIn(person.email, "glacier mango violin ember")).headers.location, "/");
    const [event] = await auditBodies("auth.password_changed", person.user.id);
    assert.ok(event);
    assert.doesNotMatch(event, /glacier|violet|password"/, "no password in the audit log");
  });

  test("the API changes the caller's own password with field errors for a wrong current or weak new password", async () => {
    const person = await newUser(ctx.database.db, home, ["practitioner"], { name: "Nia Williams" });
    const api = await signedInAs(app, ctx.database.db, person);
    const wrong = await api.api("POST", "/api/v1/me/password", {
      currentPassword: "not my password",
      newPassword: "quartz meadow falcon sixteen",
    });
    assert.equal(wrong.statusCode, 400);
    assert.equal(wrong.headers["content-type"], "application/problem+json; charset=utf-8");
    assert.equal(wrong.json().errors[0].path, "/currentPassword");
    const weak = await api.api("POST", "/api/v1/me/password", { currentPassword: TEST_PASSWORD, newPassword: "password1234" });
    assert.equal(weak.json().errors[0].path, "/newPassword");
    assert.match(weak.json().errors[0].message, /too easy to guess/);
    const before = api.cookies.get("safeshare_session");
    const ok = await api.api("POST", "/api/v1/me/password", {
      currentPassword: TEST_PASSWORD,
      newPassword: "quartz meadow falcon sixteen",
    });
    assert.equal(ok.statusCode, 204);
    assert.notEqual(api.cookies.get("safeshare_session"), before);
    assert.equal((await api.api("GET", "/api/v1/subjects")).statusCode, 200, "still signed in with the fresh token");
  });

  test("an organisation admin resets a user's password with a one-time link: sessions end when it is issued and when it is used", async () => {
    const orgAdmin = await newUser(ctx.database.db, home, ["org_admin"], { name: "Bernard Hale" });
    const person = await newUser(ctx.database.db, home, ["practitioner"], { name: "Siobhán O'Connor" });
    const theirs = await signedInAs(app, ctx.database.db, person);
    const browser = await signedInAs(app, ctx.database.db, orgAdmin);
    assert.match((await browser.get(`/users/${person.user.id}`)).body, /Reset password/);
    const issued = await browser.post(`/users/${person.user.id}/password-reset`, { passwordForReset: TEST_PASSWORD });
    assert.equal(issued.statusCode, 200);
    assert.equal(issued.headers["cache-control"], "no-store");
    assert.match(issued.body, /works once and expires in 24 hours/);
    const link = shownLink(issued.body);
    assert.ok(await signedOut(theirs), "issuing the reset ends their sessions");
    assert.equal((await auditBodies("user.password_reset_issued", person.user.id)).length, 1);

    const meanwhile = client(app);
    await meanwhile.signIn(person.email, TEST_PASSWORD);
    const invitee = client(app);
    const page = await invitee.get(link);
    assert.match(page.body, /Choose a new password/);
    const weak = await invitee.post(link, { password: "aaaaaaaaaaaa", confirmPassword: "aaaaaaaaaaaa" });
    assert.equal(weak.statusCode, 400);
    assert.match(weak.body, /too easy to guess/);
    // Someone guessing at the account had locked it; wrong second-factor codes are another matter.
    const anHourAway = new Date(Date.now() + 3600_000);
    await ctx.database.db
      .update(users)
      .set({ failedSignIns: 5, lockedUntil: anHourAway, failedSecondFactors: 2 })
      .where(eq(users.id, person.user.id));
    const done = await invitee.post(link, { password: "harbour lemon quilt sparrow", confirmPassword: "harbour lemon quilt sparrow" });
    assert.equal(done.headers.location, "/sign-in?passwordSet=1");
    const [counters] = await ctx.database.db
      .select({ failedSignIns: users.failedSignIns, lockedUntil: users.lockedUntil, failedSecondFactors: users.failedSecondFactors })
      .from(users)
      .where(eq(users.id, person.user.id));
    assert.deepEqual(counters, { failedSignIns: 0, lockedUntil: null, failedSecondFactors: 2 }, "the new password is not locked out");
    assert.ok(await signedOut(meanwhile), "using the link ends sessions too");
    assert.equal((await invitee.get(link)).statusCode, 404, "the link works once");
    assert.equal((await client(app).signIn(person.email, TEST_PASSWORD)).statusCode, 400);
    assert.equal((await client(app).signIn(person.email, "harbour lemon quilt sparrow")).headers.location, "/");
    assert.equal((await auditBodies("auth.password_reset", person.user.id)).length, 1);
    assert.equal((await auditBodies("auth.password_set", person.user.id)).length, 0, "a reset is not recorded as an invitation");
  });

  test("resetting someone's password or authenticator app asks for the administrator's own password, on the page and over the API; without it nothing changes", async () => {
    const orgAdmin = await newUser(ctx.database.db, home, ["org_admin"], { name: "Grace Adeyemi" });
    const person = await newUser(ctx.database.db, home, ["ig_lead"], { name: "Rhys Morgan" });
    await ctx.database.db
      .update(users)
      .set({ totpSecret: "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", mfaEnabledAt: new Date() })
      .where(eq(users.id, person.user.id));
    const theirs = await signedInAs(app, ctx.database.db, person);
    const browser = await signedInAs(app, ctx.database.db, orgAdmin);
    const page = await browser.get(`/users/${person.user.id}`);
    assert.match(page.body, /id="passwordForReset" name="passwordForReset" type="password"/);
    assert.match(page.body, /id="passwordForMfaReset" name="passwordForMfaReset" type="password"/);

    for (const [action, field] of [
      ["password-reset", "passwordForReset"],
      ["mfa-reset", "passwordForMfaReset"],
    ] as const) {
      const missing = await browser.post(`/users/${person.user.id}/${action}`, {});
      assert.equal(missing.statusCode, 400, action);
      assert.match(missing.body, new RegExp(`href="#${field}">Enter your password`));
      const wrong = await browser.post(`/users/${person.user.id}/${action}`, { [field]: "not my password" });
      assert.equal(wrong.statusCode, 400, action);
      assert.match(wrong.body, new RegExp(`href="#${field}">The password is not correct`));
      assert.match(wrong.body, /<h1 class="govuk-heading-l">Rhys Morgan<\/h1>/, "the user's page again");
      assert.doesNotMatch(wrong.body, /not my password/);

      const noPassword = await browser.api("POST", `/api/v1/users/${person.user.id}/${action}`, {});
      assert.equal(noPassword.statusCode, 400, action);
      assert.equal(noPassword.json().errors[0].path, "/password");
      const wrongOverApi = await browser.api("POST", `/api/v1/users/${person.user.id}/${action}`, { password: "not my password" });
      assert.equal(wrongOverApi.statusCode, 400, action);
      assert.deepEqual(wrongOverApi.json().errors, [{ path: "/password", message: "The password is not correct" }]);
    }
    const [counted] = await ctx.database.db.select({ n: users.failedSignIns }).from(users).where(eq(users.id, orgAdmin.user.id));
    assert.equal(counted!.n, 4, "wrong passwords count towards the administrator's lockout");
    assert.equal((await theirs.get("/")).statusCode, 200, "still signed in");
    const [untouched] = await ctx.database.db.select({ mfaEnabledAt: users.mfaEnabledAt }).from(users).where(eq(users.id, person.user.id));
    assert.ok(untouched!.mfaEnabledAt, "authenticator app not reset");
    assert.equal((await auditBodies("user.password_reset_issued", person.user.id)).length, 0);
    assert.equal((await auditBodies("user.mfa_reset", person.user.id)).length, 0);

    const reset = await browser.api("POST", `/api/v1/users/${person.user.id}/mfa-reset`, { password: TEST_PASSWORD });
    assert.equal(reset.statusCode, 200);
    assert.equal(reset.json().mfaEnabled, false);
    const issued = await browser.api("POST", `/api/v1/users/${person.user.id}/password-reset`, { password: TEST_PASSWORD });
    assert.equal(issued.statusCode, 200, "a one-time link, not a new resource to read");
    const [cleared] = await ctx.database.db.select({ n: users.failedSignIns }).from(users).where(eq(users.id, orgAdmin.user.id));
    assert.equal(cleared!.n, 0, "the right password clears the count");

    // Locked out by wrong passwords: refused, but that is not an attempt on anyone's data.
    await ctx.database.db
      .update(users)
      .set({ lockedUntil: new Date(Date.now() + 3600_000) })
      .where(eq(users.id, orgAdmin.user.id));
    const locked = await browser.api("POST", `/api/v1/users/${person.user.id}/password-reset`, { password: TEST_PASSWORD });
    assert.equal(locked.statusCode, 403);
    assert.match(locked.json().detail, /Your account is locked/);
    const denied = await ctx.database.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_event WHERE type = 'access.denied' AND actor_user_id = $1",
      [orgAdmin.user.id],
    );
    assert.equal(denied[0]!.n, 0, "a lockout is not recorded as access denied");
  });

  test("only an administrator of the user's own organisation can reset their password or authenticator app", async () => {
    const elsewhere = await newOrganisation(ctx.database.db);
    const otherAdmin = await newUser(ctx.database.db, elsewhere, ["org_admin"]);
    const person = await newUser(ctx.database.db, home, ["practitioner"]);
    const outsider = await signedInAs(app, ctx.database.db, otherAdmin);
    const withPassword = { password: TEST_PASSWORD };
    assert.equal((await outsider.api("POST", `/api/v1/users/${person.user.id}/password-reset`, withPassword)).statusCode, 404);
    assert.equal((await outsider.api("POST", `/api/v1/users/${person.user.id}/mfa-reset`, withPassword)).statusCode, 404);
    const colleague = await signedInAs(app, ctx.database.db, person);
    assert.equal((await colleague.api("POST", `/api/v1/users/${person.user.id}/password-reset`, withPassword)).statusCode, 403);
    const partnershipAdmin = await signedInAs(app, ctx.database.db, admin);
    const reset = await partnershipAdmin.api("POST", `/api/v1/users/${otherAdmin.user.id}/password-reset`, withPassword);
    assert.equal(reset.statusCode, 200, "a partnership admin administers every organisation's users");
    assert.ok(reset.json().resetToken.length >= 40);
    assert.doesNotMatch(
      JSON.stringify((await auditBodies("user.password_reset_issued", otherAdmin.user.id))[0]),
      new RegExp(reset.json().resetToken),
    );
  });

  test("an administrator resets a user's authenticator app: secret and recovery codes cleared, sessions ended, enrolment again at next sign-in; never their own", async () => {
    const igLead = await newUser(ctx.database.db, home, ["ig_lead"], { name: "Dafydd Pryce" });
    await ctx.database.db
      .update(users)
      .set({ totpSecret: "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", mfaEnabledAt: new Date(), totpLastStep: 123 })
      .where(eq(users.id, igLead.user.id));
    await ctx.database.db.insert(recoveryCodes).values({ userId: igLead.user.id, codeHash: Buffer.alloc(32, 1) });
    const theirs = await signedInAs(app, ctx.database.db, igLead);
    const browser = await signedInAs(app, ctx.database.db, admin);
    assert.match((await browser.get(`/users/${igLead.user.id}`)).body, /Reset authenticator app/);
    const reset = await browser.post(`/users/${igLead.user.id}/mfa-reset`, { passwordForMfaReset: TEST_PASSWORD });
    assert.equal(reset.statusCode, 302);
    assert.match(
      (await browser.get(reset.headers.location as string)).body,
      /They will set up an authenticator app again the next time they sign in/,
    );
    const [row] = await ctx.database.db.select().from(users).where(eq(users.id, igLead.user.id));
    assert.deepEqual([row!.totpSecret, row!.mfaEnabledAt, row!.totpLastStep], [null, null, null]);
    assert.equal((await ctx.database.db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, igLead.user.id))).length, 0);
    assert.ok(await signedOut(theirs));
    assert.equal((await client(app).signIn(igLead.email, TEST_PASSWORD)).headers.location, "/mfa/setup");
    const [event] = await auditBodies("user.mfa_reset", igLead.user.id);
    assert.ok(event);
    assert.doesNotMatch(event, /JBSWY3DP/);

    const own = await browser.api("POST", `/api/v1/users/${admin.user.id}/mfa-reset`, { password: TEST_PASSWORD });
    assert.equal(own.statusCode, 403);
    assert.match(own.json().detail, /cannot reset your own authenticator app/);
    assert.doesNotMatch((await browser.get(`/users/${admin.user.id}`)).body, /Reset authenticator app/);
  });
});

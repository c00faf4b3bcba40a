import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { eq } from "drizzle-orm";
import { keyringOf, newSecretKey } from "../../src/crypto/secret-box";
import { sessions, users } from "../../src/db/schema";
import { useSecretKeys } from "../../src/db/secret-keys";
import type { App } from "../../src/http/app";
import { appSecret } from "../../src/services/app-secrets";
import { currentTotpCode } from "../../src/services/mfa";
import { rotateSecretKey, sealSecretsAtRest } from "../../src/services/secrets-at-rest";
import { client, TEST_PUBLIC_URL, testApp } from "../support/app";
import { describeEachDatabase, TEST_SECRET_KEYS } from "../support/databases";
import { newOrganisation, newUser, TEST_PASSWORD } from "../support/factories";

async function auditTypes(ctx: { database: { query: <T>(q: string, p?: unknown[]) => Promise<T[]> } }, userId: string) {
  const rows = await ctx.database.query<{ type: string }>("SELECT type FROM audit_event WHERE entity_id = $1 ORDER BY seq", [userId]);
  return rows.map((r) => r.type);
}

describeEachDatabase("sign-in, sessions and MFA", (ctx) => {
  let app: App;
  let org: Awaited<ReturnType<typeof newOrganisation>>;
  before(async () => {
    app = await testApp(ctx.database);
    org = await newOrganisation(ctx.database.db, { name: "Northbrook Primary School" });
  });
  after(() => app.close());

  test("signing in sets an HttpOnly, SameSite=Lax session cookie and shows the home page", async () => {
    const { email, user } = await newUser(ctx.database.db, org, ["practitioner"], { name: "Tomasz Wójcik" });
    const browser = client(app);
    const res = await browser.signIn(email, TEST_PASSWORD);
    assert.equal(res.statusCode, 302);
    assert.equal(res.headers.location, "/");
    const cookie = String(res.headers["set-cookie"]);
    assert.match(cookie, /safeshare_session=.+HttpOnly; SameSite=Lax/);
    assert.doesNotMatch(cookie, /Secure/, "plain http gets no Secure flag");
    const home = await browser.get("/");
    assert.equal(home.statusCode, 200);
    assert.match(home.body, /Welcome, Tomasz Wójcik/);
    assert.deepEqual(await auditTypes(ctx, user.id), ["auth.signed_in"]);
  });

  test("behind a TLS proxy the session cookie is Secure", async () => {
    const { buildApp } = await import("../../src/http/app");
    const proxied = await buildApp({
      database: ctx.database,
      session: { idleMinutes: 30, absoluteHours: 12 },
      publicUrl: TEST_PUBLIC_URL,
      trustProxy: true,
      signInRateLimit: 100,
    });
    const { email } = await newUser(ctx.database.db, org);
    const page = await proxied.inject({ method: "GET", url: "/sign-in", headers: { "x-forwarded-proto": "https" } });
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const csrfCookie = String(page.headers["set-cookie"]).split(";")[0];
    const res = await proxied.inject({
      method: "POST",
      url: "/sign-in",
      headers: { "x-forwarded-proto": "https", cookie: csrfCookie, "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({ _csrf: token, email, password: TEST_PASSWORD }).toString(),
    });
    assert.match(String(res.headers["set-cookie"]), /safeshare_session=.+Secure/);
    await proxied.close();
  });

  test("a wrong password shows the same message as an unknown email, and keeps the email typed", async () => {
    const { email } = await newUser(ctx.database.db, org);
    const wrong = await client(app).signIn(email, "not the password at all");
    const unknown = await client(app).signIn("nobody@example.org", "not the password at all");
    for (const res of [wrong, unknown]) {
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /govuk-error-summary/);
      assert.match(res.body, /Enter a correct email address and password/);
    }
    assert.match(wrong.body, new RegExp(`value="${email}"`));
  });

  test("five wrong passwords lock the account, even against the right password", async () => {
    const { email, user } = await newUser(ctx.database.db, org);
    const browser = client(app);
    for (let i = 0; i < 5; i++) await browser.signIn(email, `wrong password ${i}`);
    const locked = await browser.signIn(email, TEST_PASSWORD);
    assert.equal(locked.statusCode, 400);
    assert.equal(browser.cookies.has("safeshare_session"), false);
    const types = await auditTypes(ctx, user.id);
    assert.equal(types.filter((t) => t === "auth.sign_in_failed").length, 6);
    assert.ok(types.includes("auth.locked_out"));
    // Once the lock expires the right password works again.
    await ctx.database.db
      .update(users)
      .set({ lockedUntil: new Date(Date.now() - 1000) })
      .where(eq(users.id, user.id));
    assert.equal((await browser.signIn(email, TEST_PASSWORD)).headers.location, "/");
  });

  test("a form posted without the CSRF token is rejected and changes nothing", async () => {
    const { email } = await newUser(ctx.database.db, org);
    const browser = client(app);
    await browser.get("/sign-in");
    const res = await browser.post("/sign-in", { email, password: TEST_PASSWORD }, { csrf: false });
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /form may have been open too long/);
    assert.equal(browser.cookies.has("safeshare_session"), false);
  });

  test("sessions end after the idle timeout and after the absolute timeout", async () => {
    const { email } = await newUser(ctx.database.db, org);
    const idle = client(app);
    await idle.signIn(email, TEST_PASSWORD);
    await ctx.database.db.update(sessions).set({ lastSeenAt: new Date(Date.now() - 31 * 60_000) });
    const afterIdle = await idle.get("/");
    assert.equal(afterIdle.headers.location, "/sign-in");

    const long = client(app);
    await long.signIn(email, TEST_PASSWORD);
    await ctx.database.db.update(sessions).set({ createdAt: new Date(Date.now() - 13 * 3600_000) });
    assert.equal((await long.get("/")).headers.location, "/sign-in");
  });

  test("sign out ends the session server-side", async () => {
    const { email } = await newUser(ctx.database.db, org);
    const browser = client(app);
    await browser.signIn(email, TEST_PASSWORD);
    const stolen = browser.cookies.get("safeshare_session")!;
    await browser.get("/");
    const out = await browser.post("/sign-out", {});
    assert.equal(out.headers.location, "/sign-in?signedOut=1");
    const replay = await app.inject({ method: "GET", url: "/", headers: { cookie: `safeshare_session=${stolen}` } });
    assert.equal(replay.headers.location, "/sign-in");
  });

  test("an IG lead must enrol an authenticator app, then needs a code at every sign-in", async () => {
    const { email, user } = await newUser(ctx.database.db, org, ["ig_lead"]);
    const browser = client(app);
    const signIn = await browser.signIn(email, TEST_PASSWORD);
    assert.equal(signIn.headers.location, "/mfa/setup");
    assert.equal((await browser.get("/")).headers.location, "/mfa/setup", "no way round enrolment");
    const api = await browser.api("GET", "/api/v1/organisations");
    assert.equal(api.statusCode, 401);

    const setup = await browser.get("/mfa/setup");
    assert.match(setup.body, /<svg/);
    const seed = /id="setup-key">([A-Z2-7 ]+)</.exec(setup.body)![1]!.replace(/ /g, "");
    const wrong = await browser.post("/mfa/setup", { code: "000000" });
    assert.equal(wrong.statusCode, 400);
    const enrolledAt = Date.now();
    const done = await browser.post("/mfa/setup", { code: currentTotpCode(seed, enrolledAt) });
    assert.equal(done.statusCode, 200);
    const codes = [...done.body.matchAll(/<li><code>([0-9a-f-]+)<\/code><\/li>/g)].map((m) => m[1]!);
    assert.equal(codes.length, 10);
    assert.equal((await browser.get("/")).statusCode, 200);
    await browser.post("/sign-out", {});

    // Second sign-in: the same TOTP code cannot be replayed, a recovery code works once.
    const again = client(app);
    assert.equal((await again.signIn(email, TEST_PASSWORD)).headers.location, "/sign-in/second-factor");
    await again.get("/sign-in/second-factor");
    const replayed = await again.post("/sign-in/second-factor", { code: currentTotpCode(seed, enrolledAt) });
    assert.equal(replayed.statusCode, 400);
    assert.match(replayed.body, /The code is not correct or has already been used/);
    assert.equal((await again.post("/sign-in/second-factor", { code: codes[0]! })).headers.location, "/");
    assert.equal((await again.get("/")).statusCode, 200);

    const third = client(app);
    await third.signIn(email, TEST_PASSWORD);
    await third.get("/sign-in/second-factor");
    assert.equal((await third.post("/sign-in/second-factor", { code: codes[0]! })).statusCode, 400, "recovery codes are single-use");
    const types = await auditTypes(ctx, user.id);
    assert.ok(types.includes("auth.mfa_enrolled"));
  });

  test("TOTP seeds and app secrets are sealed in the database; TOTP sign-in works before and after the key is rotated, and not with the old key alone", async () => {
    const { email, user } = await newUser(ctx.database.db, org, ["ig_lead"]);
    const browser = client(app);
    await browser.signIn(email, TEST_PASSWORD);
    const setup = await browser.get("/mfa/setup");
    const seed = /id="setup-key">([A-Z2-7 ]+)</.exec(setup.body)![1]!.replace(/ /g, "");
    const enrolledAt = Date.now();
    assert.equal((await browser.post("/mfa/setup", { code: currentTotpCode(seed, enrolledAt) })).statusCode, 200);

    const storedSeed = async () =>
      (await ctx.database.query<{ totp_secret: string }>("SELECT totp_secret FROM app_user WHERE id = $1", [user.id]))[0]!.totp_secret;
    const dumped = async () => {
      const secrets = await ctx.database.query<{ value: Uint8Array }>("SELECT value FROM app_secret");
      return [await storedSeed(), ...secrets.map((r) => Buffer.from(r.value).toString("latin1"))].join("\n");
    };
    const cookieKey = await appSecret(ctx.database.db, "cookie-signing");
    for (const text of [await dumped()]) {
      assert.ok(!text.includes(seed), "no TOTP seed in plaintext");
      for (const form of [cookieKey.toString("latin1"), cookieKey.toString("hex"), cookieKey.toString("base64")]) {
        assert.ok(!text.includes(form), "no app secret in plaintext");
      }
    }
    assert.match(await storedSeed(), /^v1:/, "sealed, and the enrolment code above was checked against it");

    const newKey = newSecretKey();
    const rotated = await rotateSecretKey(ctx.database, keyringOf(newKey));
    assert.ok(rotated.values >= 2, "the seed and the app secrets were sealed again");
    assert.ok(!(await dumped()).includes(seed));
    const [event] = await ctx.database.query<{ body: string }>("SELECT body FROM audit_event WHERE type = 'secrets.key_rotated'");
    assert.ok(event, "the rotation is audited");
    assert.ok(!event.body.includes(newKey.toString("base64")) && !event.body.includes(newKey.toString("base64url")), "never the key");

    useSecretKeys(ctx.database.db, keyringOf(newKey));
    try {
      const again = client(app);
      await again.signIn(email, TEST_PASSWORD);
      await again.get("/sign-in/second-factor");
      const signedIn = await again.post("/sign-in/second-factor", { code: currentTotpCode(seed, enrolledAt + 30_000) });
      assert.equal(signedIn.headers.location, "/", "signed in with a code under the new key");
      useSecretKeys(ctx.database.db, TEST_SECRET_KEYS);
      await assert.rejects(sealSecretsAtRest(ctx.database), /not configured/, "the old key alone opens nothing");
    } finally {
      useSecretKeys(ctx.database.db, keyringOf(newKey, [TEST_SECRET_KEYS.current.key]));
      await sealSecretsAtRest(ctx.database);
      await rotateSecretKey(ctx.database, TEST_SECRET_KEYS);
      useSecretKeys(ctx.database.db, TEST_SECRET_KEYS);
    }
  });

  test("secrets stored in plaintext before sealing existed are sealed at start-up, once, and still open to the same values", async () => {
    const { user } = await newUser(ctx.database.db, org, ["ig_lead"]);
    const legacySeed = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
    const legacyKey = Buffer.alloc(32, 7);
    await ctx.database.query("UPDATE app_user SET totp_secret = $1 WHERE id = $2", [legacySeed, user.id]);
    await ctx.database.query("INSERT INTO app_secret (name, value) VALUES ('legacy-test', $1)", [legacyKey]);

    const first = await sealSecretsAtRest(ctx.database);
    assert.equal(first.values, 2);
    const rows = async () => ({
      seed: (await ctx.database.query<{ totp_secret: string }>("SELECT totp_secret FROM app_user WHERE id = $1", [user.id]))[0]!
        .totp_secret,
      key: Buffer.from(
        (await ctx.database.query<{ value: Uint8Array }>("SELECT value FROM app_secret WHERE name = 'legacy-test'"))[0]!.value,
      ),
    });
    const sealed = await rows();
    assert.match(sealed.seed, /^v1:/);
    assert.ok(!sealed.seed.includes(legacySeed));
    assert.ok(!sealed.key.equals(legacyKey) && sealed.key.toString("latin1").startsWith("v1:"));
    assert.ok((await appSecret(ctx.database.db, "legacy-test")).equals(legacyKey), "the app secret opens to the same key");

    const second = await sealSecretsAtRest(ctx.database);
    assert.equal(second.values, 0, "nothing left to seal");
    assert.deepEqual(await rows(), sealed, "a second start-up changes nothing");
    const events = await ctx.database.query<{ body: string }>("SELECT body FROM audit_event WHERE type = 'secrets.sealed'");
    assert.equal(events.length, 1);
    assert.ok(!events[0]!.body.includes(legacySeed));
  });

  test("sign-in attempts are rate limited per client", async () => {
    const limited = await testApp(ctx.database, { signInRateLimit: 3 });
    const browser = client(limited);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await browser.signIn("someone@example.org", "wrong password here")).statusCode);
    assert.deepEqual(statuses, [400, 400, 400, 429]);
    await limited.close();
  });
});

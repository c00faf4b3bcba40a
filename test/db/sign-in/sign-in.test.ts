import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, test } from "node:test";
import { eq } from "drizzle-orm";
import type { App } from "../../../src/app/build-app";
import { users } from "../../../src/features/organisations-and-users/schema";
import { changeRoles } from "../../../src/features/organisations-and-users/services/users";
import { sessions } from "../../../src/features/sign-in/schema";
import { beginEnrolment, confirmEnrolment, currentTotpCode, verifySecondFactor } from "../../../src/features/sign-in/services/mfa";
import { createSession, loadSession } from "../../../src/features/sign-in/services/sessions";
import { signInWithPassword } from "../../../src/features/sign-in/services/sign-in";
import { loadConfig } from "../../../src/platform/config";
import { appSecret } from "../../../src/platform/crypto/app-secrets";
import { keyringOf, newSecretKey } from "../../../src/platform/crypto/secret-box";
import { openTotpSeed, rotateSecretKey, sealSecretsAtRest } from "../../../src/platform/crypto/secrets-at-rest";
import { useSecretKeys } from "../../../src/platform/db/secret-keys";
import { hitRateLimit, purgeExpiredRateLimits } from "../../../src/platform/http/rate-limit-store";
import { client, TEST_PUBLIC_URL, testApp } from "../../support/app";
import { describeEachDatabase, TEST_SECRET_KEYS } from "../../support/databases";
import { newOrganisation, newUser, TEST_PASSWORD } from "../../support/factories";
import { TestClient } from "../../support/http-client";
import { signedInAs } from "../../support/sign-in";

async function failureReasons(ctx: { database: { query: <T>(q: string, p?: unknown[]) => Promise<T[]> } }, userId: string) {
  const rows = await ctx.database.query<{ reason: string }>(
    "SELECT body::jsonb->'details'->>'reason' AS reason FROM audit_event WHERE entity_id = $1 AND type = 'auth.sign_in_failed'",
    [userId],
  );
  return rows.map((r) => r.reason);
}

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

  test("behind a TLS proxy the session and CSRF cookies are Secure", async () => {
    const { buildApp } = await import("../../../src/app/build-app");
    const proxied = await buildApp({
      database: ctx.database,
      session: { idleMinutes: 30, absoluteHours: 12 },
      publicUrl: TEST_PUBLIC_URL,
      trustProxy: 1,
      signInRateLimit: 100,
    });
    const { email } = await newUser(ctx.database.db, org);
    const page = await proxied.inject({ method: "GET", url: "/sign-in", headers: { "x-forwarded-proto": "https" } });
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    assert.match(String(page.headers["set-cookie"]), /safeshare_csrf=.+Secure/);
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

  test("ten wrong passwords sent at once: only five are checked, the account locks, and the right password is then refused", async () => {
    const { email, user } = await newUser(ctx.database.db, org);
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => signInWithPassword(ctx.database.db, email, `wrong guess ${i}`)));
    assert.ok(results.every((r) => !r.ok));
    const reasons = await failureReasons(ctx, user.id);
    assert.equal(reasons.filter((r) => r === "wrong_password").length, 5, "no more than five passwords are checked");
    assert.equal(reasons.filter((r) => r === "locked").length, 5);
    const right = await signInWithPassword(ctx.database.db, email, TEST_PASSWORD);
    assert.deepEqual(right, { ok: false, reason: "locked" });
  });

  test("nine wrong passwords and the right one sent at once: five are checked, and the right one is refused unless it was one of them", async () => {
    const { email, user } = await newUser(ctx.database.db, org);
    const attempts = [...Array.from({ length: 9 }, (_, i) => `wrong guess ${i}`), TEST_PASSWORD];
    const results = await Promise.all(attempts.map((password) => signInWithPassword(ctx.database.db, email, password)));
    const right = results.at(-1)!;
    const wrongChecked = (await failureReasons(ctx, user.id)).filter((r) => r === "wrong_password").length;
    assert.equal(wrongChecked + (right.ok ? 1 : 0), 5, "exactly five passwords are checked");
    if (!right.ok) assert.equal(right.reason, "locked");
    const [row] = await ctx.database.db.select({ lockedUntil: users.lockedUntil }).from(users).where(eq(users.id, user.id));
    assert.equal(!!row!.lockedUntil, wrongChecked === 5, "five failures lock the account, fewer do not");
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

  test("a CSRF token obtained before sign-in does not work after it", async () => {
    const { email } = await newUser(ctx.database.db, org);
    const browser = client(app);
    await browser.get("/sign-in");
    const before = browser.csrfToken!;
    assert.equal((await browser.post("/sign-in", { email, password: TEST_PASSWORD })).headers.location, "/");
    const forged = await browser.post("/sign-out", { _csrf: before }, { csrf: false });
    assert.equal(forged.statusCode, 403);
    await browser.get("/");
    assert.notEqual(browser.csrfToken, before);
    assert.equal((await browser.post("/sign-out", {})).headers.location, "/sign-in?signedOut=1", "the page's new token works");
  });

  test("idle expiry counts from the last request, not from the last time it was written down", async () => {
    const { user } = await newUser(ctx.database.db, org);
    const token = await createSession(ctx.database.db, user.id, false);
    const oneMinuteIdle = { idleMinutes: 1, absoluteHours: 12 };
    const start = Date.now();
    const at = (seconds: number) => loadSession(ctx.database.db, token, oneMinuteIdle, new Date(start + seconds * 1000));
    assert.ok(await at(40), "used 40 seconds after signing in");
    assert.ok(await at(80), "used again 40 seconds later, within the minute");
    assert.equal(await at(145), undefined, "then idle for more than a minute");
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

  test("a practitioner promoted to IG lead and administrator in the same session must enrol a second factor before reaching either", async () => {
    const admin = await newUser(ctx.database.db, org, ["org_admin"]);
    const { email, user } = await newUser(ctx.database.db, org, ["practitioner"]);
    const browser = client(app);
    assert.equal((await browser.signIn(email, TEST_PASSWORD)).headers.location, "/");
    assert.equal((await browser.api("GET", "/api/v1/rights-requests")).statusCode, 403, "a practitioner is not an IG lead");

    await changeRoles(ctx.database.db, admin.actor, user.id, ["practitioner", "ig_lead", "org_admin"]);
    for (const url of ["/api/v1/rights-requests", "/api/v1/users"]) {
      const res = await browser.api("GET", url);
      assert.equal(res.statusCode, 401, url);
      assert.match(String(res.headers["content-type"]), /application\/problem\+json/);
      assert.equal(res.json().code, "SECOND_FACTOR_REQUIRED");
      assert.match(res.json().detail, /second factor/);
    }
    assert.equal((await browser.get("/")).headers.location, "/mfa/setup", "the web sends the session to enrolment");
  });

  test("changing the password keeps a password-only session password-only and keeps its start: promotion still asks for a second factor, and the 12-hour limit still counts from signing in", async () => {
    const admin = await newUser(ctx.database.db, org, ["org_admin"]);
    const { email, user } = await newUser(ctx.database.db, org, ["practitioner"], { name: "Ines Carvalho" });
    const browser = client(app);
    assert.equal((await browser.signIn(email, TEST_PASSWORD)).headers.location, "/");
    const signedInAt = new Date(Date.now() - 11 * 3600_000);
    await ctx.database.db.update(sessions).set({ createdAt: signedInAt }).where(eq(sessions.userId, user.id));

    await browser.get("/account/password");
    const web = await browser.post("/account/password", {
      currentPassword: TEST_PASSWORD,
      newPassword: "glacier mango violin ember",
      confirmPassword: "glacier mango violin ember",
    });
    assert.equal(web.headers.location, "/account/password/changed");
    await browser.get(web.headers.location); // the new session's CSRF token, as the browser would have
    const api = await browser.api("POST", "/api/v1/me/password", {
      currentPassword: "glacier mango violin ember",
      newPassword: "quartz meadow falcon sixteen",
    });
    assert.equal(api.statusCode, 204);

    await changeRoles(ctx.database.db, admin.actor, user.id, ["practitioner", "ig_lead", "org_admin"]);
    const listed = await browser.api("GET", "/api/v1/users");
    assert.equal(listed.statusCode, 401);
    assert.equal(listed.json().code, "SECOND_FACTOR_REQUIRED");
    assert.equal((await browser.get("/")).headers.location, "/mfa/setup");

    // An hour later (idle limit aside) 12 hours have passed since signing in, however often the password changed.
    const token = browser.cookies.get("safeshare_session")!;
    const anHourLater = new Date(Date.now() + 3600_000);
    assert.equal(await loadSession(ctx.database.db, token, { idleMinutes: 120, absoluteHours: 12 }, anHourLater), undefined);
  });

  test("an IG lead whose role is taken away loses access on the very next request", async () => {
    const admin = await newUser(ctx.database.db, org, ["org_admin"]);
    const igLead = await newUser(ctx.database.db, org, ["ig_lead"]);
    const browser = await signedInAs(app, ctx.database.db, igLead);
    assert.equal((await browser.api("GET", "/api/v1/rights-requests")).statusCode, 200);
    await changeRoles(ctx.database.db, admin.actor, igLead.user.id, ["practitioner"]);
    assert.equal((await browser.api("GET", "/api/v1/rights-requests")).statusCode, 403);
  });

  test("wrong second-factor codes lock the second factor even when the right password is entered between them, until a right code after the lock", async () => {
    const who = await newUser(ctx.database.db, org, ["ig_lead"]);
    const { email, user } = who;
    await beginEnrolment(ctx.database.db, user.id, email);
    const [stored] = await ctx.database.db.select({ secret: users.totpSecret }).from(users).where(eq(users.id, user.id));
    const codes = (await confirmEnrolment(
      ctx.database.db,
      who.actor,
      currentTotpCode(openTotpSeed(ctx.database.db, user.id, stored!.secret!)),
    ))!;
    const wrongCodes = async (browser: ReturnType<typeof client>, count: number) => {
      await browser.get("/sign-in/second-factor");
      for (let i = 0; i < count; i++) assert.equal((await browser.post("/sign-in/second-factor", { code: "000000" })).statusCode, 400);
    };

    // Four wrong codes a round, the right password between rounds: the count carries over.
    const first = client(app);
    assert.equal((await first.signIn(email, TEST_PASSWORD)).headers.location, "/sign-in/second-factor");
    await wrongCodes(first, 4);
    const second = client(app);
    assert.equal((await second.signIn(email, TEST_PASSWORD)).headers.location, "/sign-in/second-factor");
    await wrongCodes(second, 1);

    // Locked: an unused recovery code is refused, and so is the right password, with the usual message.
    const refused = await second.post("/sign-in/second-factor", { code: codes[0]! });
    assert.equal(refused.statusCode, 400);
    const third = client(app);
    const again = await third.signIn(email, TEST_PASSWORD);
    assert.equal(again.statusCode, 400);
    assert.match(again.body, /Enter a correct email address and password/);
    assert.equal(third.cookies.has("safeshare_session"), false);
    const types = await auditTypes(ctx, user.id);
    assert.equal(types.filter((t) => t === "auth.second_factor_locked_out").length, 1);

    // When the lock has passed, a right code signs in and starts the count again.
    await ctx.database.db
      .update(users)
      .set({ secondFactorLockedUntil: new Date(Date.now() - 1000) })
      .where(eq(users.id, user.id));
    const fourth = client(app);
    assert.equal((await fourth.signIn(email, TEST_PASSWORD)).headers.location, "/sign-in/second-factor");
    await fourth.get("/sign-in/second-factor");
    assert.equal((await fourth.post("/sign-in/second-factor", { code: codes[1]! })).headers.location, "/");
    const [after] = await ctx.database.db.select({ failed: users.failedSecondFactors }).from(users).where(eq(users.id, user.id));
    assert.equal(after!.failed, 0);
  });

  test("the same authenticator code posted twice at once is accepted only once", async () => {
    const who = await newUser(ctx.database.db, org, ["ig_lead"]);
    await beginEnrolment(ctx.database.db, who.user.id, who.email);
    const [stored] = await ctx.database.db.select({ secret: users.totpSecret }).from(users).where(eq(users.id, who.user.id));
    const enrolledAt = Date.now() - 10 * 60_000; // an earlier step, so the code below is fresh
    await confirmEnrolment(
      ctx.database.db,
      who.actor,
      currentTotpCode(openTotpSeed(ctx.database.db, who.user.id, stored!.secret!), enrolledAt),
      enrolledAt,
    );
    const now = Date.now();
    const code = currentTotpCode(openTotpSeed(ctx.database.db, who.user.id, stored!.secret!), now);
    const results = await Promise.all([0, 1].map(() => verifySecondFactor(ctx.database.db, who.user.id, code, now)));
    assert.equal(results.filter((r) => r.ok).length, 1);
  });

  /** A client behind the one trusted proxy (the test's loopback connection), at `address`. */
  const behindProxy = (on: App, address: string, leftmost = "") =>
    new TestClient(on, { "x-forwarded-for": leftmost ? `${leftmost}, ${address}` : address });
  const someone = () => `someone-${randomBytes(4).toString("hex")}@example.org`;

  test("two app instances over one database share the sign-in and public form limits: the sixth attempt across both is refused", async () => {
    const [first, second] = [
      await testApp(ctx.database, { signInRateLimit: 5, trustProxy: 1 }),
      await testApp(ctx.database, { signInRateLimit: 5, trustProxy: 1 }),
    ];
    try {
      const clients = [behindProxy(first!, "203.0.113.10"), behindProxy(second!, "203.0.113.10")];
      const signIns: number[] = [];
      for (let i = 0; i < 6; i++) signIns.push((await clients[i % 2]!.signIn(someone(), "wrong password here")).statusCode);
      assert.deepEqual(signIns, [400, 400, 400, 400, 400, 429]);

      const forms: number[] = [];
      for (let i = 0; i < 6; i++) {
        const browser = clients[i % 2]!;
        await browser.get("/your-information");
        forms.push((await browser.post("/your-information", { fullName: "A robot" })).statusCode);
      }
      assert.deepEqual(forms, [400, 400, 400, 400, 400, 429]);
    } finally {
      await first!.close();
      await second!.close();
    }
  });

  test("behind one trusted proxy hop, rotating the leftmost X-Forwarded-For does not escape the per-address limit", async () => {
    const proxied = await testApp(ctx.database, { signInRateLimit: 3, trustProxy: loadConfig({ SAFESHARE_TRUST_PROXY: "1" }).trustProxy });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        const spoofed = behindProxy(proxied, "198.51.100.7", `10.9.${i}.${i + 1}`);
        statuses.push((await spoofed.signIn(someone(), "wrong password here")).statusCode);
      }
      assert.deepEqual(statuses, [400, 400, 400, 429]);
      const neighbour = await behindProxy(proxied, "198.51.100.8").signIn(someone(), "wrong password here");
      assert.equal(neighbour.statusCode, 400, "another client behind the same proxy has its own limit");
    } finally {
      await proxied.close();
    }
  });

  test("the per-account limit holds when the address rotates, and keeps no email address in the limiter's table", async () => {
    const proxied = await testApp(ctx.database, { signInRateLimit: 3, trustProxy: 1 });
    try {
      const target = someone();
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        statuses.push(
          (await behindProxy(proxied, `192.0.2.${i + 1}`).signIn(` ${target.toUpperCase()}`, "wrong password here")).statusCode,
        );
      }
      assert.deepEqual(statuses, [400, 400, 400, 429]);
      const another = await behindProxy(proxied, "192.0.2.4").signIn(someone(), "wrong password here");
      assert.equal(another.statusCode, 400, "another account from the same address is not held back");
      const keys = await ctx.database.query<{ key: string }>("SELECT key FROM rate_limit_bucket");
      assert.ok(keys.length > 0);
      assert.ok(!keys.some((k) => k.key.toLowerCase().includes("example.org")), "emails are hashed");
    } finally {
      await proxied.close();
    }
  });

  test("a rate limit window that has ended starts counting again, and housekeeping deletes it", async () => {
    const key = `test bucket ${randomBytes(4).toString("hex")}`;
    assert.deepEqual((await hitRateLimit(ctx.database.db, key, 60_000)).hits, 1);
    assert.deepEqual((await hitRateLimit(ctx.database.db, key, 60_000)).hits, 2);
    const bucketCount = async () =>
      (await ctx.database.query<{ n: number }>("SELECT count(*)::int AS n FROM rate_limit_bucket WHERE key = $1", [key]))[0]!.n;
    await ctx.database.query("UPDATE rate_limit_bucket SET resets_at = now() - interval '1 second' WHERE key = $1", [key]);
    const again = await hitRateLimit(ctx.database.db, key, 60_000);
    assert.equal(again.hits, 1, "a new window");
    assert.ok(again.ttlMs > 59_000 && again.ttlMs <= 60_000);
    await purgeExpiredRateLimits(ctx.database.db);
    assert.equal(await bucketCount(), 1, "a live bucket is kept");
    await ctx.database.query("UPDATE rate_limit_bucket SET resets_at = now() - interval '1 second' WHERE key = $1", [key]);
    await purgeExpiredRateLimits(ctx.database.db);
    assert.equal(await bucketCount(), 0);
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
      // A node with the wrong key fails loudly, and does not use up the person's attempts at a code.
      for (let i = 0; i < 5; i++) await assert.rejects(verifySecondFactor(ctx.database.db, user.id, "000000"), /not configured/);
      const [counters] = await ctx.database.db
        .select({ failed: users.failedSecondFactors, lockedUntil: users.secondFactorLockedUntil })
        .from(users)
        .where(eq(users.id, user.id));
      assert.deepEqual(counters, { failed: 0, lockedUntil: null });
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
});

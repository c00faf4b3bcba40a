import assert from "node:assert/strict";
import { test } from "node:test";
import { ConfigError, loadConfig } from "../../../src/platform/config";

/** The public base URL: what identifiers and links in served documents are built from, never a request's Host header. */

test("the public base URL defaults to the address Safeshare listens on, a wildcard address read as localhost", () => {
  assert.equal(loadConfig({}).publicUrl, "http://localhost:3000");
  assert.equal(loadConfig({ HOST: "127.0.0.1", PORT: "8080" }).publicUrl, "http://127.0.0.1:8080");
  assert.equal(loadConfig({ HOST: "0.0.0.0", PORT: "8080" }).publicUrl, "http://localhost:8080");
  assert.equal(loadConfig({ HOST: "::", PORT: "8080" }).publicUrl, "http://localhost:8080");
  assert.equal(loadConfig({ HOST: "::1", PORT: "8080" }).publicUrl, "http://[::1]:8080");
  assert.equal(loadConfig({}, { port: 4321 }).publicUrl, "http://localhost:4321", "a port given on the command line counts too");
});

test("SAFESHARE_PUBLIC_URL is used as given, with or without a trailing slash", () => {
  const publicUrl = (value: string) => loadConfig({ SAFESHARE_PUBLIC_URL: value }).publicUrl;
  assert.equal(publicUrl("https://safeshare.westshire.gov.uk"), "https://safeshare.westshire.gov.uk");
  assert.equal(publicUrl("https://safeshare.westshire.gov.uk/"), "https://safeshare.westshire.gov.uk");
  assert.equal(publicUrl("  https://Safeshare.Westshire.gov.uk:8443/ "), "https://safeshare.westshire.gov.uk:8443");
});

test("a public base URL that is not an absolute http(s) address of the site itself stops start-up with a clear message", () => {
  for (const bad of [
    "safeshare.westshire.gov.uk",
    "/safeshare",
    "ftp://safeshare.westshire.gov.uk",
    "javascript:alert(1)",
    "https://safeshare.westshire.gov.uk/sharing",
    "https://safeshare.westshire.gov.uk/?a=b",
    "https://safeshare.westshire.gov.uk/#top",
    "https://admin:secret@safeshare.westshire.gov.uk",
  ]) {
    assert.throws(
      () => loadConfig({ SAFESHARE_PUBLIC_URL: bad }),
      (error: unknown) => error instanceof ConfigError && /^SAFESHARE_PUBLIC_URL must be/.test(error.message),
      bad,
    );
  }
});

test("SAFESHARE_TRUST_PROXY takes a number of proxy hops or the proxies' addresses and ranges; unset trusts none", () => {
  const trust = (value: string | undefined) => loadConfig({ SAFESHARE_TRUST_PROXY: value }).trustProxy;
  assert.equal(trust(undefined), false);
  assert.equal(trust("false"), false);
  assert.equal(trust("1"), 1);
  assert.equal(trust(" 2 "), 2);
  assert.deepEqual(trust("10.0.0.5"), ["10.0.0.5"]);
  assert.deepEqual(trust("10.0.0.0/8, 192.168.1.1,fd00::/8"), ["10.0.0.0/8", "192.168.1.1", "fd00::/8"]);
});

test("SAFESHARE_TRUST_PROXY=true, which would believe any X-Forwarded-For a client writes, stops start-up saying what to set instead", () => {
  assert.throws(
    () => loadConfig({ SAFESHARE_TRUST_PROXY: "true" }),
    (error: Error) => {
      assert.ok(error instanceof ConfigError);
      assert.match(error.message, /would believe any X-Forwarded-For/);
      assert.match(error.message, /number of proxies in front of Safeshare \(usually 1\)/);
      return true;
    },
  );
  for (const bad of ["yes", "10.0.0.0/33", "proxy.example.org", "10.0.0.1/8/2", "-1", "11"]) {
    assert.throws(() => loadConfig({ SAFESHARE_TRUST_PROXY: bad }), ConfigError, bad);
  }
});

test("Server-Timing is off unless SAFESHARE_SERVER_TIMING is true; any other value stops start-up with a clear message", () => {
  assert.equal(loadConfig({}).serverTiming, false);
  assert.equal(loadConfig({ SAFESHARE_SERVER_TIMING: "true" }).serverTiming, true);
  assert.equal(loadConfig({ SAFESHARE_SERVER_TIMING: "false" }).serverTiming, false);
  assert.throws(
    () => loadConfig({ SAFESHARE_SERVER_TIMING: "yes" }),
    (error: unknown) => error instanceof ConfigError && error.message === 'SAFESHARE_SERVER_TIMING must be "true" or "false", got "yes"',
  );
});

test("database and request timeouts have working defaults, can be set in milliseconds, and a nonsense value stops start-up", () => {
  const config = loadConfig({});
  assert.deepEqual(config.databaseTimeouts, { connectMs: 5_000, statementMs: 30_000, idleInTransactionMs: 60_000 });
  assert.equal(config.requestTimeoutMs, 60_000);
  const set = loadConfig({
    SAFESHARE_DB_CONNECT_TIMEOUT_MS: "2000",
    SAFESHARE_DB_STATEMENT_TIMEOUT_MS: "10000",
    SAFESHARE_DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: "20000",
    SAFESHARE_REQUEST_TIMEOUT_MS: "90000",
  });
  assert.deepEqual(set.databaseTimeouts, { connectMs: 2_000, statementMs: 10_000, idleInTransactionMs: 20_000 });
  assert.equal(set.requestTimeoutMs, 90_000);
  assert.throws(
    () => loadConfig({ SAFESHARE_DB_STATEMENT_TIMEOUT_MS: "30s" }),
    (error: unknown) => error instanceof ConfigError && /^SAFESHARE_DB_STATEMENT_TIMEOUT_MS must be a whole number/.test(error.message),
  );
});

test("SAFESHARE_SECRET_KEY must be 32 bytes in base64; a bad one stops start-up with a one-line message that does not repeat it", () => {
  const key = Buffer.alloc(32, 9);
  assert.deepEqual(loadConfig({ SAFESHARE_SECRET_KEY: key.toString("base64") }).secretKey, key);
  assert.equal(loadConfig({}).secretKey, undefined, "unset: the key file in the data folder");
  for (const bad of ["hunter2", Buffer.alloc(16, 1).toString("base64"), "not base64 at all!!"]) {
    assert.throws(
      () => loadConfig({ SAFESHARE_SECRET_KEY: bad }),
      (error: unknown) =>
        error instanceof ConfigError &&
        /^SAFESHARE_SECRET_KEY must be/.test(error.message) &&
        !error.message.includes(bad) &&
        !error.message.includes("\n"),
      bad,
    );
  }
  assert.throws(
    () => loadConfig({ SAFESHARE_PREVIOUS_SECRET_KEYS: `${key.toString("base64")},short` }),
    /^Error: SAFESHARE_PREVIOUS_SECRET_KEYS must be/,
  );
});

test("background jobs run on every node with their own timings unless SAFESHARE_RUN_JOBS and SAFESHARE_JOBS_* say otherwise", () => {
  assert.deepEqual(loadConfig({}).jobs, { run: true, maintenanceSeconds: 60, expireSeconds: undefined, retryDelaySeconds: undefined });
  assert.deepEqual(
    loadConfig({
      SAFESHARE_RUN_JOBS: "false",
      SAFESHARE_JOBS_MAINTENANCE_SECONDS: "1",
      SAFESHARE_JOBS_EXPIRE_SECONDS: "3",
      SAFESHARE_JOBS_RETRY_DELAY_SECONDS: "1",
    }).jobs,
    { run: false, maintenanceSeconds: 1, expireSeconds: 3, retryDelaySeconds: 1 },
  );
  for (const [name, bad] of [
    ["SAFESHARE_RUN_JOBS", "no"],
    ["SAFESHARE_JOBS_MAINTENANCE_SECONDS", "0"],
    ["SAFESHARE_JOBS_MAINTENANCE_SECONDS", "a minute"],
    ["SAFESHARE_JOBS_EXPIRE_SECONDS", "86400"],
    ["SAFESHARE_JOBS_RETRY_DELAY_SECONDS", "0.5"],
  ] as const) {
    assert.throws(
      () => loadConfig({ [name]: bad }),
      (error: unknown) => error instanceof ConfigError && error.message.startsWith(`${name} must be`),
      `${name}=${bad}`,
    );
  }
});

import assert from "node:assert/strict";
import { test } from "node:test";
import { ConfigError, loadConfig } from "../../src/config";

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

import assert from "node:assert/strict";
import { test } from "node:test";
import { keyringOf, newSecretKey, open, SecretKeyError, seal } from "../../../src/platform/crypto/secret-box";

const keyring = keyringOf(newSecretKey());
const place = "app_user.totp_secret:0b5c3f0e-6a43-4d57-9a57-6c1e0f0d2a11";
const seed = Buffer.from("JBSWY3DPEHPK3PXP", "utf8");

/** A sealed value's parts, to alter one of them. */
function parts(sealed: string) {
  const [version, keyId, nonce, body] = sealed.split(":") as [string, string, string, string];
  return { version, keyId, nonce, body: Buffer.from(body, "base64url") };
}
const join = (p: ReturnType<typeof parts>) => [p.version, p.keyId, p.nonce, p.body.toString("base64url")].join(":");

test("a sealed secret opens to the same bytes in its own place, and does not show them", () => {
  const sealed = seal(keyring, place, seed);
  assert.doesNotMatch(sealed, /JBSWY3DP/);
  assert.deepEqual(open(keyring, place, sealed), seed);
});

test("a sealed secret copied onto another user does not open", () => {
  const sealed = seal(keyring, place, seed);
  assert.throws(() => open(keyring, "app_user.totp_secret:5d2b1c9a-0000-4000-8000-000000000000", sealed), SecretKeyError);
});

test("a sealed secret altered by one bit does not open", () => {
  const altered = parts(seal(keyring, place, seed));
  altered.body[0]! ^= 1;
  assert.throws(() => open(keyring, place, join(altered)), SecretKeyError);
});

test("a sealed secret with its authentication tag cut short does not open", () => {
  // An empty secret seals to a tag alone; GCM accepts any prefix of a tag as a shorter tag unless told its length.
  const sealed = parts(seal(keyring, place, Buffer.alloc(0)));
  assert.equal(sealed.body.length, 16);
  for (const length of [4, 8, 12, 15]) {
    const truncated = { ...sealed, body: sealed.body.subarray(0, length) };
    assert.throws(() => open(keyring, place, join(truncated)), SecretKeyError, `a ${length}-byte tag`);
  }
});

test("a sealed secret with a nonce that is not 12 bytes does not open", () => {
  const sealed = parts(seal(keyring, place, seed));
  const longer = { ...sealed, nonce: Buffer.concat([Buffer.from(sealed.nonce, "base64url"), Buffer.alloc(4)]).toString("base64url") };
  assert.throws(() => open(keyring, place, join(longer)), SecretKeyError);
});

test("a secret sealed under a key not in the ring says which key to configure", () => {
  const sealed = seal(keyringOf(newSecretKey()), place, seed);
  assert.throws(() => open(keyring, place, sealed), /which is not configured/);
});

import assert from "node:assert/strict";
import { test } from "node:test";
import { checkPassword } from "../../src/domain/password-policy";
import { isCommonPassword } from "../../src/services/common-passwords";

const check = (pw: string, ctx = {}) => checkPassword(pw, ctx, isCommonPassword);

test("NCSC: length matters, composition does not", () => {
  assert.equal(check("short"), "too_short");
  assert.equal(check("elevenchars"), "too_short");
  assert.equal(check("all lower case words ok"), undefined, "no uppercase/digit/symbol rules");
  assert.equal(check("x".repeat(257)), "too_long");
  assert.equal(check("ééééééééééé"), "too_short", "counts characters, not bytes");
});

test("common passwords from the deny-list are refused, whatever their case", () => {
  assert.equal(check("qwerty123456"), "common");
  assert.equal(check("QWERTY123456"), "common");
});

test("the service name and the person's own name or email are refused", () => {
  assert.equal(check("my safeshare password"), "contextual");
  assert.equal(check("siobhan-likes-tea-2026", { email: "siobhan@northbrook.example" }), "contextual");
  assert.equal(check("wojcik rules the world", { name: "Tomasz Wojcik" }), "contextual");
  assert.equal(check("river stone candle oak", { name: "Al Bo" }), undefined, "short name parts are not matched");
});

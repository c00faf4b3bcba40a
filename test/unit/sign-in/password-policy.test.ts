import assert from "node:assert/strict";
import { test } from "node:test";
import { assertAcceptablePassword } from "../../../src/features/sign-in/services/passwords";
import { ValidationError } from "../../../src/platform/errors";

const tomasz = { name: "Tomasz Wójcik", email: "tomasz.wojcik@northbrook.example", organisationName: "Northbrook Primary School" };

/** The field error a person would see for this password, or undefined when it is accepted. */
function refusal(password: string, context: Parameters<typeof assertAcceptablePassword>[1] = tomasz): string | undefined {
  try {
    assertAcceptablePassword(password, context);
    return undefined;
  } catch (error) {
    assert.ok(error instanceof ValidationError, "a refusal is a field error");
    assert.equal(error.fieldErrors[0]!.path, "/password");
    return error.fieldErrors[0]!.message;
  }
}

/** Messages to people: plain English, no codes, no trailing full stop (GOV.UK error message style). */
function assertPlainEnglish(message: string | undefined): void {
  assert.ok(message, "refused");
  assert.match(message, /^Password /);
  assert.doesNotMatch(message, /[a-z]+_[a-z]+|\.$/);
}

test("NCSC: length matters, composition does not", () => {
  assert.match(refusal("short") ?? "", /12 characters or more/);
  assert.match(refusal("elevenchars") ?? "", /12 characters or more/);
  assert.equal(refusal("all lower case words ok"), undefined, "no uppercase/digit/symbol rules");
  assert.match(refusal("x".repeat(257)) ?? "", /256 characters or fewer/);
  assert.match(refusal("ééééééééééé") ?? "", /12 characters or more/, "counts characters, not bytes");
});

test("long but guessable passwords are refused with the estimator's reason in plain English", () => {
  for (const password of ["password1234", "qwerty123456", "QWERTY123456"]) {
    const message = refusal(password);
    assertPlainEnglish(message);
    assert.match(message!, /too easy to guess.*commonly used password/i, password);
  }
  const repeated = refusal("aaaaaaaaaaaa");
  assertPlainEnglish(repeated);
  assert.match(repeated!, /too easy to guess.*repeated characters/i);
});

test("a password that is the organisation's name and a year is refused as built on the organisation's name", () => {
  const message = refusal("Northbrook Primary 2026!");
  assertPlainEnglish(message);
  assert.match(message!, /organisation's name/);
  assert.equal(
    refusal("Northbrook Primary 2026!", {
      name: "Tomasz Wójcik",
      email: "tomasz.wojcik@eastmoor.example",
      organisationName: "Eastmoor NHS Trust",
    }),
    undefined,
    "for someone elsewhere it is not a context word",
  );
  assert.equal(
    refusal("my old school had a blue cockatoo"),
    undefined,
    "ordinary words of the organisation's name in a strong passphrase are fine",
  );
});

test("the service name and the person's own name or email are refused", () => {
  const own = refusal("wojcik rules the world");
  assertPlainEnglish(own);
  assert.match(own!, /must not contain your name, email address or the name of this service/);
  assert.ok(refusal("Tomasz mango violin ember"), "first name, any case");
  assert.ok(refusal("my safeshare password is long"), "the service name");
  assert.ok(refusal("siobhan-likes-tea-2026", { email: "siobhan@northbrook.example" }), "email local part");
  assert.equal(refusal("river stone candle oak", { name: "Al Bo" }), undefined, "short name parts are not matched");
});

test("a long random passphrase is accepted, and so is the published demo password for a demo account", () => {
  assert.equal(refusal("glacier mango violin ember"), undefined);
  assert.equal(refusal("k7#Vq9!rTz2@wLp4"), undefined);
  assert.equal(
    refusal("amber kettle orchard lantern", {
      name: "Amara Okafor",
      email: "amara.okafor@westshire.example",
      organisationName: "Westshire County Council Children's Services",
    }),
    undefined,
  );
});

test("a long password made of look-alike characters is judged in seconds, not minutes", () => {
  const started = performance.now();
  assert.ok(refusal("p@$$w0rd".repeat(32)));
  assert.ok(performance.now() - started < 5_000, "the forms that set passwords cannot be used to tie up the server");
  assert.ok(refusal("P@ssw0rd1234!"), "look-alikes of a common password are still refused");
});

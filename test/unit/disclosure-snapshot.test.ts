import assert from "node:assert/strict";
import { test } from "node:test";
import { disclosedPerson, REDACTED, redact } from "../../src/domain/sharing/disclosure-snapshot";

test("redaction takes out every occurrence of each phrase, longest first", () => {
  assert.deepEqual(redact("Mrs Ann Lee (neighbour, 4 Elm Rd) saw Ann hit him", ["Ann", "Mrs Ann Lee", "4 Elm Rd"]), {
    text: `${REDACTED} (neighbour, ${REDACTED}) saw ${REDACTED} hit him`,
    redacted: true,
  });
  assert.deepEqual(redact("Nothing to hide", []), { text: "Nothing to hide", redacted: false });
  assert.deepEqual(redact("Nothing to hide", [""]), { text: "Nothing to hide", redacted: false });
});

const subject = {
  givenNames: "Kai",
  familyName: "Mensah",
  kind: "CHILD",
  dateOfBirth: "2018-05-04",
  expectedDate: null,
  nhsNumber: "9434765919",
  upn: "A123456789012",
  phone: "07700 900123",
  email: null,
};
const addresses = [
  { lines: "12 Mill Lane, Northbrook", postcode: "NB1 2AB", protected: false },
  { lines: "Refuge, address withheld", postcode: "WS9 9ZZ", protected: true },
];

test("only the name and kind go unless details are chosen", () => {
  assert.deepEqual(disclosedPerson(subject, [], addresses, undefined), {
    name: "Kai Mensah",
    givenNames: "Kai",
    familyName: "Mensah",
    kind: "CHILD",
  });
  const some = disclosedPerson(subject, ["dateOfBirth", "nhsNumber"], addresses, undefined);
  assert.equal(some.nhsNumber, "9434765919");
  assert.equal(some.upn, undefined);
  assert.equal(some.addresses, undefined);
});

test("a protected address goes only with a reason; without one it is not there at all", () => {
  const without = disclosedPerson(subject, ["addresses"], addresses, "  ");
  assert.deepEqual(without.addresses, [addresses[0]]);
  assert.ok(!JSON.stringify(without).includes("WS9"));
  const withReason = disclosedPerson(subject, ["addresses"], addresses, "Police are visiting today to check she is safe");
  assert.equal(withReason.addresses?.length, 2);
});

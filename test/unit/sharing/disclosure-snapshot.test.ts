import assert from "node:assert/strict";
import { test } from "node:test";
import { shareDecisionInput } from "../../../src/features/sharing/domain/decision-input";
import {
  disclosedPerson,
  personForViewer,
  protectedDetailsGo,
  REDACTED,
  redact,
  redactionsOf,
  withProtectedRedactions,
} from "../../../src/features/sharing/domain/disclosure-snapshot";

const ITEM = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa";
const OTHER = "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb";

test("redaction takes out every occurrence of each phrase, longest first", () => {
  assert.deepEqual(redact("Mrs Ann Lee (neighbour, 4 Elm Rd) saw Ann hit him", ["Ann", "Mrs Ann Lee", "4 Elm Rd"]), {
    text: `${REDACTED} (neighbour, ${REDACTED}) saw ${REDACTED} hit him`,
    redacted: true,
  });
  assert.deepEqual(redact("Nothing to hide", []), { text: "Nothing to hide", redacted: false });
  assert.deepEqual(redact("Nothing to hide", [""]), { text: "Nothing to hide", redacted: false });
});

test("a decider's own redaction overlapping part of a protected address cannot leave the rest of it behind", () => {
  const text = "Mum has been living with the children at Haven refuge, 2 Alder Mews, WS8 1HZ since May.";
  const decider = "living with the children at Haven refuge, 2 Alder Mews";
  const protectedAddress = "Haven refuge, 2 Alder Mews, WS8 1HZ";
  for (const phrases of [
    [decider, protectedAddress],
    [protectedAddress, decider],
  ]) {
    assert.deepEqual(redact(text, phrases), { text: `Mum has been ${REDACTED} since May.`, redacted: true });
  }
});

test("phrases that overlap or touch are taken out as one [redacted], and every occurrence of each goes", () => {
  assert.equal(redact("Ann Lee and Ann Lee", ["Ann ", "Lee"]).text, `${REDACTED} and ${REDACTED}`);
  assert.equal(redact("Sam Carter-Jones saw it", ["Sam Carter", "Carter-Jones"]).text, `${REDACTED} saw it`);
  assert.equal(redact("aaa", ["aa"]).text, REDACTED, "overlapping occurrences of one phrase leave nothing behind");
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
  assert.deepEqual(disclosedPerson(subject, [], addresses, false), {
    name: "Kai Mensah",
    givenNames: "Kai",
    familyName: "Mensah",
    kind: "CHILD",
  });
  const some = disclosedPerson(subject, ["dateOfBirth", "nhsNumber"], addresses, false);
  assert.equal(some.nhsNumber, "9434765919");
  assert.equal(some.upn, undefined);
  assert.equal(some.addresses, undefined);
});

test("a protected address goes only with a safeguarding or IG lead's reason; without one it is not there at all", () => {
  const reason = "Police are visiting today to check she is safe";
  for (const go of [protectedDetailsGo("  ", true), protectedDetailsGo(reason, false), protectedDetailsGo(undefined, true)]) {
    const without = disclosedPerson(subject, ["addresses"], addresses, go);
    assert.deepEqual(without.addresses, [addresses[0]]);
    assert.ok(!JSON.stringify(without).includes("WS9"), "left out altogether");
  }
  const withReason = disclosedPerson(subject, ["addresses"], addresses, protectedDetailsGo(reason, true));
  assert.equal(withReason.addresses?.length, 2);
});

test("the record says what Safeshare took out of each item and how many protected addresses were left out; delivery redacts exactly that", () => {
  const input = shareDecisionInput.parse({
    subjectId: "77777777-7777-4777-8777-777777777777",
    items: {
      items: [
        {
          itemId: ITEM,
          share: true,
          redactions: ["Mrs Lee"],
          protectedRedactions: [{ phrase: "sent by a client", kind: "name", ofSubject: true }],
        },
        { itemId: OTHER, share: false, withheldReason: "Not needed" },
      ],
      subjectDetails: ["addresses"],
      protectedAddressReason: "Police visit today",
    },
  });
  const mentions = (id: string) => (id === ITEM ? [{ phrase: "2 Alder Mews", kind: "address" as const, ofSubject: false }] : []);
  const byPractitioner = withProtectedRedactions(input, mentions, 1, false);
  assert.deepEqual(byPractitioner.items.items?.[0]?.protectedRedactions, [{ phrase: "2 Alder Mews", kind: "address", ofSubject: false }]);
  assert.equal(byPractitioner.items.items?.[1]?.protectedRedactions, undefined, "nothing of a withheld item goes");
  assert.equal(byPractitioner.items.protectedAddressesLeftOut, 1, "a practitioner's reason leaves the refuge out");
  assert.deepEqual(redactionsOf(byPractitioner.items.items![0]!), ["Mrs Lee", "2 Alder Mews"]);

  const leftIn = { ...input, items: { ...input.items, items: [{ itemId: ITEM, share: true, protectedDetailsReason: "Visit today" }] } };
  const byLead = withProtectedRedactions(leftIn, mentions, 1, true);
  assert.deepEqual(byLead.items.items?.[0]?.protectedRedactions, []);
  assert.equal(byLead.items.protectedAddressesLeftOut, 0);
  const noAddresses = withProtectedRedactions({ ...input, items: { ...input.items, subjectDetails: [] } }, mentions, 1, false);
  assert.equal(noAddresses.items.protectedAddressesLeftOut, undefined, "addresses were not chosen at all");
});

test("someone at the sender who may not decide about protected addresses is shown what went without them", () => {
  const went = disclosedPerson(subject, ["addresses"], addresses, true);
  const forPractitioner = personForViewer(went, false);
  assert.deepEqual(forPractitioner.addresses, [addresses[0]]);
  assert.equal(forPractitioner.protectedAddressesWithheld, 1);
  assert.ok(!JSON.stringify(forPractitioner).includes("WS9"), "absent from the data, not hidden");
  assert.deepEqual(personForViewer(went, true), went);
});

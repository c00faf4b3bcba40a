import assert from "node:assert/strict";
import { test } from "node:test";
import {
  describeMentions,
  findProtectedMentions,
  type ProtectedDetail,
  typedProtectedDetails,
} from "../../../src/features/sharing/domain/protected-details";

const refuge: ProtectedDetail = {
  kind: "address",
  lines: "Haven refuge\n2 Alder Mews, Westshire",
  postcode: "WS8 1HZ",
  ofSubject: false,
};
const alias: ProtectedDetail = { kind: "name", name: "Jordan Ellis-Pike", ofSubject: false };

const phrases = (text: string, details: readonly ProtectedDetail[] = [refuge]) => findProtectedMentions(text, details).map((m) => m.phrase);

test("a protected address written into text is found however it is spaced, punctuated or capitalised", () => {
  assert.deepEqual(phrases("Mum said they are living at Haven refuge, 2 Alder Mews, WS8 1HZ for now."), [
    "Haven refuge, 2 Alder Mews, WS8 1HZ",
  ]);
  assert.deepEqual(phrases("now at HAVEN REFUGE 2 alder mews westshire ws81hz."), ["HAVEN REFUGE 2 alder mews westshire ws81hz"]);
  assert.deepEqual(phrases("moved to 2  Alder-Mews last week"), ["2  Alder-Mews"]);
});

test("the street line or the postcode on its own is found, in any UK postcode format", () => {
  assert.deepEqual(phrases("Visited Kai at 2 Alder Mews today."), ["2 Alder Mews"]);
  assert.deepEqual(phrases("The refuge is in ws8  1hz; staff were helpful."), ["ws8  1hz"]);
  assert.deepEqual(phrases("postcode WS81HZ and again ws8-1hz"), ["WS81HZ", "ws8-1hz"]);
  assert.deepEqual(phrases("The first line alone: Haven Refuge."), ["Haven Refuge"]);
});

test("only whole words match: a detail inside a longer word, or the town alone, is not a mention", () => {
  assert.deepEqual(phrases("The family lives in Westshire; the Haven refugees project helped."), []);
  assert.deepEqual(phrases("Code XWS81HZ9 on the form"), []);
  assert.deepEqual(phrases("Nothing protected here."), []);
});

test("a protected name is found in any case and with accents or spacing typed differently", () => {
  assert.deepEqual(phrases("Seen with jordan  ellis pike at the gate.", [alias]), ["jordan  ellis pike"]);
  const accented: ProtectedDetail = { kind: "name", name: "Zoë Wójcik", ofSubject: false };
  assert.deepEqual(phrases("Collected by Zoe Wojcik.", [accented]), ["Zoe Wojcik"]);
  assert.deepEqual(phrases("Collected by Zoë Wójcik.", [accented]), ["Zoë Wójcik"]);
});

test("each mention says what it is and whose, so a finding can describe it without repeating it", () => {
  const mentions = findProtectedMentions("At 2 Alder Mews with Jordan Ellis-Pike", [refuge, alias]);
  assert.deepEqual(
    mentions.map((m) => [m.phrase, m.kind, m.ofSubject]),
    [
      ["2 Alder Mews", "address", false],
      ["Jordan Ellis-Pike", "name", false],
    ],
  );
  assert.equal(
    describeMentions(mentions),
    "a protected address of someone linked to this person and the name of someone whose identity is protected",
  );
  assert.equal(
    describeMentions(findProtectedMentions("2 Alder Mews", [{ ...refuge, ofSubject: true }])),
    "this person's protected address (such as a refuge)",
  );
});

test("details too short to tell apart from ordinary words are not searched for", () => {
  assert.deepEqual(phrases("No 2 is empty", [{ kind: "address", lines: "No 2", postcode: null, ofSubject: true }]), []);
  assert.deepEqual(phrases("Bo said hello", [{ kind: "name", name: "Bo", ofSubject: false }]), []);
});

test("typing a protected detail into a field is a GR5 warning at that field, saying what it is without repeating it", () => {
  const warnings = typedProtectedDetails(
    [
      { path: "/text", text: "Seen at 2 Alder Mews." },
      { path: "/reason", text: "Nothing protected." },
    ],
    [refuge],
  );
  assert.deepEqual(
    warnings.map((w) => [w.code, w.severity, w.path]),
    [["GR5-PROTECT-IDENTITIES", "warning", "/text"]],
  );
  assert.match(warnings[0]!.message, /^What you have written mentions a protected address of someone linked to this person\./);
  assert.doesNotMatch(warnings[0]!.message, /Alder/);
  assert.deepEqual(typedProtectedDetails([{ path: "/text", text: "Seen at 2 Alder Mews." }], []), []);
});

test("two different details side by side stay two mentions, each saying what it is", () => {
  assert.deepEqual(
    findProtectedMentions("at 2 Alder Mews; Jordan Ellis-Pike collects", [refuge, alias]).map((m) => [m.phrase, m.kind]),
    [
      ["2 Alder Mews", "address"],
      ["Jordan Ellis-Pike", "name"],
    ],
  );
});

test("a protected name written family name first, as records and police systems often write it, is found too", () => {
  const dave: ProtectedDetail = { kind: "name", name: "Dave Smith", givenNames: "Dave", familyName: "Smith", ofSubject: false };
  assert.deepEqual(phrases("Called by smith, dave at 9pm; SMITH Dave again later.", [dave]), ["smith, dave", "SMITH Dave"]);
  const twoPartFamily: ProtectedDetail = {
    kind: "name",
    name: "Kai Brennan Nowak",
    givenNames: "Kai",
    familyName: "Brennan Nowak",
    ofSubject: false,
  };
  assert.deepEqual(phrases("Listed as BRENNAN NOWAK, Kai on the register.", [twoPartFamily]), ["BRENNAN NOWAK, Kai"]);
  // Another name typed as one (an alias): its last word is taken as the family name.
  assert.deepEqual(phrases("Seen with Ellis-Pike, Jordan.", [alias]), ["Ellis-Pike, Jordan"]);
});

test("a given or family name on its own is not a mention: it would match everyone who shares it", () => {
  const dave: ProtectedDetail = { kind: "name", name: "Dave Smith", givenNames: "Dave", familyName: "Smith", ofSubject: false };
  assert.deepEqual(phrases("Mrs Smith phoned; Dave from the garage came round.", [dave]), []);
});

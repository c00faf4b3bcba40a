import assert from "node:assert/strict";
import { test } from "node:test";
import {
  draftNoticeText,
  type NoticeFacts,
  noticeSentInput,
  noticeWithheldInput,
  selfAudiences,
} from "../../../src/features/breaches/domain/notices";

const facts = (overrides: Partial<NoticeFacts> = {}): NoticeFacts => ({
  organisation: "Northbrook Primary School",
  contact: { name: "Bernard Hale", email: "bernard.hale@northbrook.example" },
  person: { givenNames: "Kai", familyName: "Okonkwo" },
  addressee: { givenNames: "Grace", familyName: "Okonkwo" },
  toThePerson: false,
  occurredAt: new Date("2026-03-02T10:00:00Z"),
  awareAt: new Date("2026-03-03T09:00:00Z"),
  kinds: ["UNAUTHORISED_DISCLOSURE"],
  dataCategories: ["CHILDREN", "SPECIAL_CATEGORY"],
  whatHappened: "A summary was emailed to the wrong school",
  consequences: "",
  physicalRisk: false,
  measuresTaken: "The other school deleted the email and confirmed it in writing",
  measuresProposed: "",
  ...overrides,
});

const sentences = (text: string) =>
  text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => /[a-z]/i.test(s) && !/^(Dear|From|Yours)/.test(s));
const averageWords = (text: string) => {
  const all = sentences(text);
  return all.reduce((n, s) => n + s.split(/\s+/).length, 0) / all.length;
};

test("a parent's notice says what happened, when, what information, what it could mean, what was done, what to do, who to contact and the ICO", () => {
  const text = draftNoticeText("PARENT", facts());
  assert.match(text, /^Dear Grace Okonkwo,/);
  assert.match(
    text,
    /Information about Kai Okonkwo was given to someone who should not have had it\. A summary was emailed to the wrong school\./,
  );
  assert.match(text, /This happened on 2 March 2026\. We found out about it on 3 March 2026\./);
  assert.match(text, /including private information such as health\./);
  assert.match(text, /People may know things about Kai Okonkwo that they should not know\./, "a general consequence when none is recorded");
  assert.match(text, /The other school deleted the email and confirmed it in writing\./);
  assert.match(text, /We are checking how it happened/, "a general promise when no measures are proposed");
  assert.match(
    text,
    /contact Bernard Hale, who looks after data protection at Northbrook Primary School\. You can email bernard\.hale@northbrook\.example\./,
  );
  assert.match(text, /Information Commissioner's Office \(ICO\)/);
  assert.match(text, /ico\.org\.uk/);
  assert.match(text, /0303 123 1113/);
  assert.doesNotMatch(text, /UNAUTHORISED|SPECIAL_CATEGORY|CHILDREN|BR-|Art(icle)? 3/, "no codes, no law");
});

test("an adult told about themself is 'you'; recorded consequences and a physical risk are said, the risk's detail is not", () => {
  const text = draftNoticeText(
    "PARENT",
    facts({
      person: { givenNames: "Grace", familyName: "Okonkwo" },
      toThePerson: true,
      consequences: "Your new address could become known",
      physicalRisk: true,
      occurredAt: null,
      kinds: ["LOSS", "UNAUTHORISED_ACCESS"],
    }),
  );
  assert.match(text, /Information about you was lost\. Someone who should not have seen information about you was able to see it\./);
  assert.match(text, /Your new address could become known\./);
  assert.match(text, /We are thinking carefully about your safety/);
  assert.doesNotMatch(text, /This happened on/, "no incident date when it is not known");
  assert.doesNotMatch(text, /Kai/);
});

test("a young person's notice is shorter and simpler: first name, 'you', short sentences, Childline, still the contact and the ICO", () => {
  const young = draftNoticeText(
    "YOUNG_PERSON",
    facts({ addressee: { givenNames: "Kai", familyName: "Okonkwo" }, toThePerson: true, physicalRisk: true }),
  );
  const adult = draftNoticeText("PARENT", facts());
  assert.match(young, /^Dear Kai,/);
  assert.match(young, /Information about you was given to someone who should not have had it\./);
  assert.doesNotMatch(young, /emailed to the wrong school/, "the register's own words are left to the IG lead to explain");
  assert.match(young, /We want to make sure you are safe/);
  assert.match(young, /Childline for free, at any time, on 0800 1111/);
  assert.match(young, /you can ask Bernard Hale at Northbrook Primary School/);
  assert.match(young, /ico\.org\.uk/);
  assert.match(young, /0303 123 1113/);
  assert.ok(young.length < adult.length, "shorter than the adult's");
  assert.ok(averageWords(young) < averageWords(adult), `shorter sentences (${averageWords(young)} words against ${averageWords(adult)})`);
  assert.ok(averageWords(young) <= 12, `about 12 words a sentence at most (${averageWords(young)})`);
  assert.doesNotMatch(young, /Information Commissioner|sincerely|data protection/, "no long words a young person needs explained");
});

test("who may be written to themself: 12 to 17 in the young person's words first; adults in the adult's; not under 12, age unknown, or unborn", () => {
  const today = "2026-03-10";
  assert.deepEqual(selfAudiences({ kind: "CHILD", dateOfBirth: "2014-03-10" }, today), ["YOUNG_PERSON", "PARENT"], "12 today");
  assert.deepEqual(selfAudiences({ kind: "CHILD", dateOfBirth: "2014-03-11" }, today), [], "12 tomorrow");
  assert.deepEqual(selfAudiences({ kind: "SIBLING", dateOfBirth: "2011-01-01" }, today), ["YOUNG_PERSON", "PARENT"]);
  assert.deepEqual(selfAudiences({ kind: "CHILD", dateOfBirth: "2008-03-10" }, today), ["PARENT", "YOUNG_PERSON"], "18: an adult");
  assert.deepEqual(selfAudiences({ kind: "CHILD", dateOfBirth: null }, today), []);
  assert.deepEqual(selfAudiences({ kind: "UNBORN_CHILD", dateOfBirth: null }, today), []);
  assert.deepEqual(selfAudiences({ kind: "PARENT_CARER", dateOfBirth: null }, today), ["PARENT", "YOUNG_PERSON"]);
});

test("sending needs how and when; withholding needs a reason", () => {
  assert.equal(noticeSentInput.safeParse({ how: "LETTER", sentAt: "2026-03-04T10:00:00Z" }).success, true);
  assert.deepEqual(
    noticeSentInput.safeParse({ how: "PIGEON", sentAt: "yesterday" }).error?.issues.map((i) => i.message),
    ["Select how the notice was sent", "Enter when the notice was sent, as a date and time"],
  );
  assert.deepEqual(
    noticeWithheldInput.safeParse({ reason: "  " }).error?.issues.map((i) => i.message),
    ["Enter why telling them would increase the risk"],
  );
});

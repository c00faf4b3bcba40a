import assert from "node:assert/strict";
import { test } from "node:test";
import { clockState } from "../../../src/features/breaches/domain/clock";
import { countdownText } from "../../../src/features/breaches/domain/clock-text";
import { icoFormOf } from "../../../src/features/breaches/domain/ico-form";
import { draftIcoForm, icoPackOutline } from "../../../src/features/breaches/domain/ico-pack";
import { renderIcoPackPdf } from "../../../src/features/breaches/services/render-ico-pack-pdf";
import { assertTaggedDocument } from "../../support/tagged-pdf";

const HOUR = 3_600_000;
const awareAt = new Date("2026-01-12T09:00:00Z");
const facts = {
  awareAt,
  occurredAt: new Date("2026-01-11T16:30:00Z"),
  howDiscovered: "The receiving school rang to say the email was not for them",
  whatHappened: "A child protection summary was emailed to the wrong school",
  cyber: false,
  types: ["CONFIDENTIALITY" as const],
  kinds: ["UNAUTHORISED_DISCLOSURE" as const],
  dataCategories: ["CHILDREN" as const, "SPECIAL_CATEGORY" as const],
  approxPeople: 1,
  approxRecords: 1200,
  consequences: "The family's new address could reach someone it was hidden from",
  physicalRisk: true,
  physicalRiskDetail: "The family moved to be safe",
  measuresTaken: "The school confirmed deletion by phone",
  measuresProposed: "",
};
const text = (outline: ReturnType<typeof icoPackOutline>) =>
  [outline.title, outline.introduction, ...outline.sections.flatMap((s) => [s.heading, ...s.rows.flatMap((r) => [r.label, r.value])])].join(
    "\n",
  );
const value = (outline: ReturnType<typeof icoPackOutline>, label: string) =>
  outline.sections.flatMap((s) => s.rows).find((r) => r.label === label)?.value;

test("a kept report's pack says the ICO form's fields in words, from the snapshot: no codes, no ISO dates", () => {
  const form = icoFormOf(facts, {
    phase: "INITIAL",
    reportedAt: new Date(awareAt.getTime() + 80 * HOUR),
    icoCaseReference: null,
    delayReasons: "The IG lead was on leave over the weekend",
    organisation: "Northbrook Primary",
    contact: "Bernard Hale, IG lead",
  });
  const outline = icoPackOutline(form, 12, { draft: false });
  assert.equal(outline.title, "ICO report pack: breach BR-12, initial report");
  assert.equal(outline.footer, "Breach BR-12");
  assert.match(
    outline.introduction,
    /Northbrook Primary told the Information Commissioner's Office \(ICO\) about breach BR-12 in this report, made on 15 January 2026 at 5:00pm/,
  );
  assert.deepEqual(
    outline.sections.map((s) => s.heading),
    ["About the report", "Your organisation", "What happened", "The data and the people involved", "Consequences", "What you have done"],
  );
  assert.equal(value(outline, "Reported more than 72 hours after becoming aware"), "Yes");
  assert.equal(value(outline, "Reasons for the delay"), "The IG lead was on leave over the weekend");
  assert.equal(value(outline, "ICO case reference"), "Not yet given by the ICO");
  assert.equal(value(outline, "When you became aware of it"), "12 January 2026 at 9:00am");
  assert.equal(value(outline, "Due to be reported by (72 hours after becoming aware)"), "15 January 2026 at 9:00am");
  assert.equal(value(outline, "Categories of data and of people"), "Children's data\nSpecial category data (such as health)");
  assert.equal(value(outline, "Number of records affected (approximately)"), "1,200");
  assert.equal(value(outline, "A risk to someone's physical safety"), "Yes: The family moved to be safe");
  assert.equal(value(outline, "Measures proposed"), "Not yet recorded");
  assert.equal(value(outline, "Contact for this report"), "Bernard Hale, IG lead");
  assert.doesNotMatch(text(outline), /CONFIDENTIALITY|UNAUTHORISED|SPECIAL_CATEGORY|INITIAL|FOLLOW_UP|\d{4}-\d{2}-\d{2}|true|false/);
});

test("a report made on time has no reasons for delay; a follow-up cites the ICO's case reference and asks nothing of lateness", () => {
  const onTime = icoFormOf(facts, {
    phase: "INITIAL",
    reportedAt: new Date(awareAt.getTime() + 72 * HOUR),
    icoCaseReference: null,
    delayReasons: "",
    organisation: "Northbrook Primary",
    contact: "Bernard Hale",
  });
  const outline = icoPackOutline(onTime, 3, { draft: false });
  assert.equal(value(outline, "Reported more than 72 hours after becoming aware"), "No");
  assert.equal(value(outline, "Reasons for the delay"), undefined);
  const followUp = icoFormOf(facts, {
    phase: "FOLLOW_UP",
    reportedAt: new Date(awareAt.getTime() + 120 * HOUR),
    icoCaseReference: "IC-123456-A1B2",
    delayReasons: "",
    organisation: "Northbrook Primary",
    contact: "Bernard Hale",
  });
  const later = icoPackOutline(followUp, 3, { draft: false });
  assert.equal(later.title, "ICO report pack: breach BR-3, follow-up report");
  assert.equal(value(later, "ICO case reference"), "IC-123456-A1B2");
  assert.equal(value(later, "Reported more than 72 hours after becoming aware"), undefined);
});

test("the draft is titled a draft, not yet reported; it is the initial report until there is one, then a follow-up with the latest case reference", () => {
  const now = new Date(awareAt.getTime() + 10 * HOUR);
  const first = draftIcoForm(facts, [], "Northbrook Primary", "Bernard Hale", now);
  assert.equal(first.phase, "INITIAL");
  assert.equal(first.contact, "Bernard Hale");
  const outline = icoPackOutline(first, 7, { draft: true, now });
  assert.equal(outline.title, "Draft ICO report pack: breach BR-7");
  assert.match(outline.introduction, /as they stood on 12 January 2026 at 7:00pm\. It has not been sent to the ICO/);
  assert.equal(value(outline, "When the report was made"), "Not yet reported");
  assert.equal(value(outline, "Reported more than 72 hours after becoming aware"), "Not if it is reported by the time above");

  const lateNow = new Date(awareAt.getTime() + 73 * HOUR);
  const late = icoPackOutline(draftIcoForm(facts, [], "Northbrook Primary", "Bernard Hale", lateNow), 7, { draft: true, now: lateNow });
  assert.match(value(late, "Reported more than 72 hours after becoming aware")!, /^Yes: the 72 hours have passed/);
  assert.equal(value(late, "Reasons for the delay"), "Give the reasons for the delay on the ICO's form");

  const reports = [
    { phase: "INITIAL" as const, icoCaseReference: null, contact: "Catrin Lloyd" },
    { phase: "FOLLOW_UP" as const, icoCaseReference: "IC-1", contact: "" },
  ];
  const next = draftIcoForm(facts, reports, "Northbrook Primary", "Bernard Hale", lateNow);
  assert.equal(next.phase, "FOLLOW_UP");
  assert.equal(next.icoCaseReference, "IC-1");
  assert.equal(next.contact, "Catrin Lloyd");
  const noRef = icoPackOutline(draftIcoForm(facts, reports.slice(0, 1), "N", "B", lateNow), 7, { draft: true, now: lateNow });
  assert.equal(value(noRef, "ICO case reference"), "Enter the case reference the ICO gave you for the initial report");
});

test("Your work's countdown: time left while due, time over once overdue, nothing once the clock has stopped", () => {
  const at = (h: number) => new Date(awareAt.getTime() + h * HOUR);
  assert.equal(
    countdownText(clockState({ awareAt, risk: null, initialReportAt: null }, at(41))),
    "1 day 7 hours left to report to the ICO",
  );
  assert.equal(
    countdownText(clockState({ awareAt, risk: "RISK", initialReportAt: null }, at(71.5))),
    "30 minutes left to report to the ICO",
  );
  assert.equal(countdownText(clockState({ awareAt, risk: "HIGH_RISK", initialReportAt: null }, at(77))), "Overdue by 5 hours");
  assert.equal(countdownText(clockState({ awareAt, risk: "NO_RISK", initialReportAt: null }, at(77))), undefined);
  assert.equal(countdownText(clockState({ awareAt, risk: "RISK", initialReportAt: at(10) }, at(77))), undefined);
});

test("the pack's PDF is tagged: one H1, a H2 for each part of the form, the footer an artifact", async () => {
  const form = icoFormOf(facts, {
    phase: "INITIAL",
    reportedAt: new Date(awareAt.getTime() + 20 * HOUR),
    icoCaseReference: null,
    delayReasons: "",
    organisation: "Ysgol Gymraeg Aberhonddu",
    contact: "Siobhán Ní Bhriain",
  });
  const pdf = await renderIcoPackPdf(icoPackOutline(form, 12, { draft: false }), form.organisation);
  assert.equal(pdf.subarray(0, 5).toString("latin1"), "%PDF-");
  const tagged = assertTaggedDocument(pdf);
  assert.equal(tagged.structure.filter((s) => s === "H2").length, 6);
  assert.ok(tagged.structure.filter((s) => s === "P").length > 20);
  assert.ok(tagged.artifacts >= 1, "the footer and rules are artifacts");
});

import assert from "node:assert/strict";
import { test } from "node:test";
import { renderDecisionRecordPdf } from "../../../src/features/sharing/services/render-record-pdf";
import { assertTaggedDocument } from "../../support/tagged-pdf";

test("the share decision record PDF is tagged: language, title shown, the title as H1, each section a H2, page footers as artifacts", async () => {
  const sections = ["The decision", "Who it is about", "The lawful basis", "Who recorded it"].map((title, s) => ({
    title,
    rows: Array.from({ length: 8 }, (_, r) => ({ label: `Question ${s}.${r}`, value: `Siân Prydderch's answer ${r} `.repeat(6) })),
  }));
  const pdf = await renderDecisionRecordPdf({
    reference: "SD-0042",
    title: "Share with Westshire children's social care",
    organisationName: "Northbrook Primary",
    generatedAt: new Date("2026-12-02T10:15:00Z"),
    generatedBy: "Tomasz Wójcik",
    link: "https://safeshare.westshire.test/decisions/x",
    sections,
  });
  const tagged = assertTaggedDocument(pdf);
  assert.equal(tagged.structure.filter((s) => s === "H2").length, sections.length);
  assert.ok(tagged.structure.filter((s) => s === "P").length >= 64, "every label and answer is a paragraph in reading order");
  assert.ok(tagged.artifacts >= 2, "the footer (and the rules under headings) are artifacts");
});

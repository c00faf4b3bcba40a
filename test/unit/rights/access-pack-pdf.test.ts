import assert from "node:assert/strict";
import { test } from "node:test";
import { renderAccessPackPdf } from "../../../src/features/rights/services/render-pack-pdf";
import { assertTaggedDocument } from "../../support/tagged-pdf";

test("the access pack PDF is tagged: language, title shown, one H1, a H2 per part, the draft mark on each page an artifact", async () => {
  const item = (n: number) => ({
    id: `i${n}`,
    person: "Kai Brennan",
    category: "Education",
    kind: "Fact",
    eventDate: "2026-01-12",
    recordedOn: "2026-01-14",
    source: "Class teacher",
    text: "Arrived at school without a coat on three days this week. ".repeat(4),
    version: 1,
    accuracy: "ACCURATE",
    historical: false,
    redacted: false,
    reviewed: n > 0,
  });
  const pdf = await renderAccessPackPdf({
    reference: "SAR-0007",
    organisation: "Northbrook Primary",
    requester: "Aoife Brennan",
    about: "Kai Brennan",
    generatedAt: "2026-12-02T10:15:00Z",
    draft: true,
    unreviewed: { items: 1, recipients: 0 },
    people: [{ name: "Kai Brennan", dateOfBirth: "2016-04-02" }],
    items: Array.from({ length: 40 }, (_, n) => item(n)),
    withheldStatement: "Some information may have been withheld.",
    purposes: ["Safeguarding children"],
    categories: ["Education"],
    sources: ["Class teacher"],
    recipients: [
      {
        id: "d1",
        organisation: "Westshire children's social care",
        sentOn: "2026-02-01",
        items: 2,
        purpose: "Safeguarding",
        reviewed: true,
      },
    ],
    retention: "Until Kai is 25.",
    rights: ["You can ask us to correct it."],
    forIgLead: { withheld: [], withheldItems: [], withheldRecipients: [] },
  });
  const tagged = assertTaggedDocument(pdf);
  assert.equal(
    tagged.structure.filter((s) => s === "H2").length,
    8,
    "who, why, what kinds, where from, shared with, how long, the information, your rights",
  );
  assert.ok(tagged.artifacts >= 2, "the draft mark on every page is an artifact");
});

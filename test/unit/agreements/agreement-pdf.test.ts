import assert from "node:assert/strict";
import { test } from "node:test";
import { PDFParse } from "pdf-parse";
import { SECTION_TITLES, SECTIONS } from "../../../src/features/agreements/domain/content";
import { DRAFT_MARKER, outlineAgreement } from "../../../src/features/agreements/domain/outline";
import { NOT_YET_SIGNED, SIGNATURES_TITLE } from "../../../src/features/agreements/domain/outline/signatures";
import { renderAgreementPdf } from "../../../src/features/agreements/services/render-pdf";
import { sampleDocument } from "../../support/agreement-document";
import { assertTaggedDocument } from "../../support/tagged-pdf";

const LINK = "https://safeshare.example.gov.uk/agreements/a";

/** The PDF's text as pdf.js extracts it (what search, copy and screen readers get), whitespace collapsed. */
async function extract(pdf: Buffer) {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    const text = await parser.getText();
    const info = await parser.getInfo();
    // The body alone, without each page's running header and footer, so text flowing over a page break reads on.
    const body = text.pages
      .map((page) =>
        page.text
          .split("\n")
          .filter((line) => line.trim() !== DRAFT_MARKER && !/^DSA-\d{4} version \d+.*Page \d+ of \d+$/.test(line.trim()))
          .join("\n"),
      )
      .join("\n");
    const collapse = (s: string) => s.replace(/\s+/g, " ");
    return { text: collapse(text.text), body: collapse(body), pages: text.total, info: info.info as Record<string, unknown> };
  } finally {
    await parser.destroy();
  }
}

test("the agreement PDF carries every section, the parties' names with their accents and the signature block", async () => {
  const pdf = await renderAgreementPdf(sampleDocument({ tier: "OPERATIONAL" }), LINK);
  assert.equal(pdf.subarray(0, 5).toString("latin1"), "%PDF-");

  const { text, pages, info } = await extract(pdf);
  for (const section of SECTIONS) assert.ok(text.includes(SECTION_TITLES[section]), `section "${SECTION_TITLES[section]}" missing`);
  assert.ok(text.includes(`${SECTIONS.length + 1}. ${SIGNATURES_TITLE}`), "numbered signature block");
  for (const name of [
    "Ysgol Gymraeg Bro Taf",
    "Cyngor Caerdydd – Gwasanaethau Plant",
    "Heddlu De Cymru (South Wales Police)",
    "Zoë Ní Bhriain",
    "Łukasz Wójcik",
    "Siân Prydderch",
    "Ōsaka Brønsted",
  ]) {
    assert.ok(text.includes(name), `"${name}" missing or mangled`);
  }
  assert.ok(text.includes("Rhannu gwybodaeth i ddiogelu plant: Bro Taf"));
  assert.ok(text.includes("Signed on 1 April 2026"));
  assert.ok(text.includes(NOT_YET_SIGNED));
  assert.ok(text.includes("Inherited from DSA-0001 version 3"));
  assert.ok(text.includes("Article 6(1)(e) public task"));
  assert.ok(!text.includes("A6_1E_PUBLIC_TASK"), "the basis is named in words, not by its code");
  assert.ok(text.includes(DRAFT_MARKER));
  assert.ok(pages >= 2);
  assert.ok(text.includes(`Page 1 of ${pages}`) && text.includes(`Page ${pages} of ${pages}`), "page numbers");

  assert.equal(info.Title, "DSA-0007: Rhannu gwybodaeth i ddiogelu plant: Bro Taf (version 1)");
  assert.equal(info.Author, "Ysgol Gymraeg Bro Taf");
  assert.match(String(info.CreationDate), /^D:20260402130500/);

  // Only the embedded DejaVu fonts: no standard (Latin-1 only) fonts.
  const raw = pdf.toString("latin1");
  assert.match(raw, /\/BaseFont \/[A-Z]{6}\+DejaVuSans\b/);
  assert.doesNotMatch(raw, /Helvetica|Times-Roman|Courier/);
});

test("a signed version has no draft marker", async () => {
  const doc = sampleDocument();
  Object.assign(doc, { status: "ACTIVE", versionState: "SIGNED", inForceVersion: 1, inForceSince: "2026-04-01" });
  const { text } = await extract(await renderAgreementPdf(doc, LINK));
  assert.ok(!text.includes(DRAFT_MARKER));
  assert.ok(text.includes("In force since 1 April 2026 (version 1)"));
});

test("long tables and long text run onto further pages without losing anything", async () => {
  const doc = sampleDocument();
  doc.content.dataItems = Array.from({ length: 90 }, (_, i) => ({
    key: `item-${i}`,
    name: `Data item number ${i} – café visits, Łódź placements and other ${"long ".repeat(i % 7)}details`,
    category: "health" as const,
    specialCategory: i % 2 === 0,
    criminalOffence: i % 3 === 0,
    kind: "FACT" as const,
    mayIncludeProtectedIdentity: i % 5 === 0,
  }));
  doc.content.purposes.harmOfNotSharing = "Children were not protected because nobody shared. ".repeat(80).trim();
  const { text, body, pages } = await extract(await renderAgreementPdf(doc, LINK));
  for (let i = 0; i < 90; i++) assert.ok(text.includes(`Data item number ${i} –`), `item ${i} missing`);
  // A value longer than a page flows on rather than being cut off.
  assert.equal(body.split("Children were not protected because nobody shared.").length - 1, 80);
  // The table's header row is repeated on each page it continues onto.
  assert.ok(text.split("Type of data").length - 1 >= 2);
  assert.ok(pages >= 4);
});

test("the agreement PDF is tagged for screen readers: language, title shown, one H1, a H2 per section, running headers as artifacts", async () => {
  const document = sampleDocument({ tier: "OPERATIONAL" });
  const pdf = await renderAgreementPdf(document, LINK);
  const tagged = assertTaggedDocument(pdf);
  const { pages } = await extract(pdf);
  assert.deepEqual(tagged.structure.filter((s) => /^H\d$/.test(s)).slice(0, 2), ["H1", "H2"], "the title is the one H1, then the sections");
  assert.equal(tagged.structure.filter((s) => s === "H2").length, outlineAgreement(document).sections.length);
  assert.ok(tagged.structure.filter((s) => s === "P").length > 20, "paragraphs and rows in reading order");
  assert.ok(tagged.artifacts >= pages, `${tagged.artifacts} artifacts on ${pages} pages`);
});

import assert from "node:assert/strict";
import { test } from "node:test";
import nunjucks from "nunjucks";
import { configureNunjucks } from "../../../src/app/nunjucks";
import { INHERITABLE_SECTIONS, SECTION_TITLES, SECTIONS } from "../../../src/features/agreements/domain/content";
import { ARTICLE_6, ARTICLE_9_10, COMMON_LAW_ROUTES, GATEWAYS } from "../../../src/features/agreements/domain/lawful-basis";
import { DRAFT_MARKER, outlineAgreement } from "../../../src/features/agreements/domain/outline";
import { type Block, NOT_STATED } from "../../../src/features/agreements/domain/outline/blocks";
import { NOT_YET_SIGNED, SIGNATURES_TITLE } from "../../../src/features/agreements/domain/outline/signatures";
import { viewDirs } from "../../../src/platform/web-kit/views";
import { sampleDocument } from "../../support/agreement-document";

const rowsOf = (blocks: Block[]) => blocks.flatMap((b) => (b.kind === "rows" ? b.rows : []));
const textOf = (blocks: Block[]) =>
  blocks
    .flatMap((b) =>
      b.kind === "paragraph" ? [b.text] : b.kind === "rows" ? b.rows.flatMap((r) => [r.label, r.value]) : [...b.head, ...b.rows.flat()],
    )
    .join("\n");

test("every section appears, numbered in SECTIONS order, followed by the signature block", () => {
  const outline = outlineAgreement(sampleDocument());
  assert.deepEqual(
    outline.sections.map((s) => s.key),
    [...SECTIONS, "signatures"],
  );
  assert.deepEqual(
    outline.sections.map((s) => s.number),
    outline.sections.map((_, i) => i + 1),
  );
  assert.deepEqual(
    outline.sections.map((s) => s.title),
    [...SECTIONS.map((s) => SECTION_TITLES[s]), SIGNATURES_TITLE],
  );
  for (const section of outline.sections) assert.ok(section.blocks.length > 0, `${section.key} has content`);
});

test("inherited sections say which parent version they come from; a tier 1 agreement inherits nothing", () => {
  const tier2 = outlineAgreement(sampleDocument({ tier: "OPERATIONAL" }));
  for (const section of tier2.sections) {
    if ((INHERITABLE_SECTIONS as readonly string[]).includes(section.key))
      assert.equal(section.inheritedFrom, "DSA-0001 version 3", section.key);
    else assert.equal(section.inheritedFrom, undefined, section.key);
  }
  // The parent's terms are shown, not the blanks.
  const security = tier2.sections.find((s) => s.key === "security")!;
  assert.match(textOf(security.blocks), /encrypted in transit/);

  const tier1 = outlineAgreement(sampleDocument());
  assert.ok(tier1.sections.every((s) => s.inheritedFrom === undefined));
});

test("a signed tier 2 agreement under a tier 1 agreement not in force prints as not in force, naming the tier 1 agreement", () => {
  const signed = {
    ...sampleDocument({ tier: "OPERATIONAL" }),
    status: "ACTIVE" as const,
    versionState: "SIGNED" as const,
    inForceVersion: 1,
    generatedAt: "2026-04-02T13:05:00.000Z",
  };
  const inForce = outlineAgreement(signed);
  assert.deepEqual(inForce.notices, []);
  const lapsedParent = outlineAgreement({ ...signed, parentInForce: { ...signed.parentInForce!, nextReviewDate: "2025-11-30" } });
  const status = rowsOf(lapsedParent.sections.find((s) => s.key === "documentControl")!.blocks).find((r) => r.label === "Status");
  assert.equal(status?.value, "Tier 1 agreement not in force");
  assert.deepEqual(lapsedParent.notices, [
    "This agreement is not in force: the tier 1 agreement it sits under, DSA-0001 Cardiff safeguarding partnership DSA, is more than 3 months past its review date (30 November 2025). Information may not be shared under it.",
  ]);
});

test("empty fields show Not stated", () => {
  const doc = sampleDocument();
  doc.content.dpia = { reference: "", completedOn: null };
  doc.content.purposes.benefits = "  ";
  doc.content.flows = [];
  const outline = outlineAgreement(doc);
  const section = (key: string) => outline.sections.find((s) => s.key === key)!;

  assert.deepEqual(
    rowsOf(section("dpia").blocks).map((r) => r.value),
    [NOT_STATED, NOT_STATED],
  );
  assert.equal(rowsOf(section("purposes").blocks).find((r) => r.label === "Benefits")?.value, NOT_STATED);
  assert.equal(textOf(section("flows").blocks), NOT_STATED);

  // The police have no ICO number and no signatory; the council has no DPO on record.
  const parties = section("parties").blocks.filter((b) => b.kind === "rows");
  const police = parties.find((b) => b.heading === "Heddlu De Cymru (South Wales Police)")!;
  assert.equal(police.rows.find((r) => r.label === "ICO registration number")?.value, NOT_STATED);
  assert.equal(police.rows.find((r) => r.label === "Signatory")?.value, NOT_STATED);
  assert.equal(
    police.rows.find((r) => r.label === "Article 26 arrangement")?.value,
    NOT_STATED,
    "a joint controller with no Art 26 arrangement",
  );
  const council = parties.find((b) => b.heading === "Cyngor Caerdydd – Gwasanaethau Plant")!;
  assert.equal(council.rows.find((r) => r.label === "Data protection officer")?.value, NOT_STATED);
});

test("labels, never codes: a lawful basis, gateway or route is named in words only", () => {
  const outline = outlineAgreement(sampleDocument());
  const all = outline.sections.map((s) => textOf(s.blocks)).join("\n");
  assert.match(all, /Article 6\(1\)\(e\) public task/);
  assert.match(all, /Children Act 2004 s11: duty to safeguard and promote welfare/);
  assert.match(all, /Obtaining consent would prejudice the protection of the child/);
  for (const code of [...ARTICLE_6, ...ARTICLE_9_10, ...COMMON_LAW_ROUTES, ...GATEWAYS.filter((g) => g !== "OTHER")]) {
    assert.ok(!all.includes(code), `code ${code} shown`);
  }
  for (const code of [
    "SAFESHARE",
    "WITH_ORIGINATOR_CONSENT",
    "AS_NEEDED",
    "FACT_AND_OPINION",
    "SEPARATE",
    "STRATEGIC",
    "AWAITING_SIGNATURES",
    "UNKNOWN",
  ]) {
    assert.ok(!all.includes(code), `raw code ${code} shown`);
  }
  assert.match(all, /Safeshare disclosure/);
  assert.match(all, /Within 24 hours of becoming aware/);
});

test("the signature block shows who signed when, in UK dates, and who has not", () => {
  const outline = outlineAgreement(sampleDocument());
  assert.equal(outline.draftMarker, DRAFT_MARKER);
  const blocks = outline.sections.at(-1)!.blocks.filter((b) => b.kind === "rows");
  assert.equal(blocks.length, 3);
  const value = (heading: string, label: string) => blocks.find((b) => b.heading === heading)?.rows.find((r) => r.label === label)?.value;
  assert.equal(value("Ysgol Gymraeg Bro Taf", "Signatory"), "Zoë Ní Bhriain");
  // 23:30 UTC on 31 March is 00:30 on 1 April in the UK (BST).
  assert.equal(value("Ysgol Gymraeg Bro Taf", "Signature"), "Signed on 1 April 2026");
  assert.equal(value("Cyngor Caerdydd – Gwasanaethau Plant", "Signatory"), "Łukasz Wójcik");
  assert.equal(value("Cyngor Caerdydd – Gwasanaethau Plant", "Signature"), NOT_YET_SIGNED);
  assert.equal(value("Heddlu De Cymru (South Wales Police)", "Signature"), NOT_YET_SIGNED);
  assert.equal(outline.generatedOn, "2 April 2026 at 2:05pm");

  const signed = sampleDocument();
  signed.versionState = "SIGNED";
  signed.status = "ACTIVE";
  assert.equal(outlineAgreement(signed).draftMarker, null);
});

test("the printable HTML page renders the same outline, escaped, with every section", () => {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(viewDirs), { autoescape: true, throwOnUndefined: false });
  configureNunjucks(env);
  const doc = sampleDocument({ tier: "OPERATIONAL" });
  doc.content.dataSubjects.notes = "<script>alert(1)</script>";
  const outline = outlineAgreement(doc);
  const html = env.render("agreements/document.njk", { outline, doc });
  for (const section of outline.sections)
    assert.ok(html.includes(`${section.number}. ${section.title.replace("'", "&#39;")}</h2>`), section.title);
  for (const name of [
    "Zoë Ní Bhriain",
    "Łukasz Wójcik",
    "Ysgol Gymraeg Bro Taf",
    NOT_YET_SIGNED,
    DRAFT_MARKER,
    "Inherited from DSA-0001 version 3",
  ]) {
    assert.ok(html.includes(name), name);
  }
  assert.match(html, /Children<br \/>\s*Unborn children/, "several values, one per line");
  assert.ok(!html.includes("<script>alert(1)</script>") && html.includes("&lt;script&gt;alert(1)&lt;/script&gt;"));
  assert.ok(html.includes('class="govuk-summary-list"') && html.includes('class="govuk-table app-table--stacked"'));
});

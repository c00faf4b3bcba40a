import assert from "node:assert/strict";
import { test } from "node:test";
import { compareOutlines, compareRows, flattenBlocks } from "../../../src/features/agreements/domain/compare";
import { SECTIONS } from "../../../src/features/agreements/domain/content";
import type { AgreementDocument } from "../../../src/features/agreements/domain/document";
import { outlineAgreement } from "../../../src/features/agreements/domain/outline";
import { sampleDocument } from "../../support/agreement-document";

const row = (key: string, value: string) => ({ key, label: key, value });

test("the same version compared with itself has no changes", () => {
  const outline = outlineAgreement(sampleDocument());
  const result = compareOutlines(outline, outline);
  assert.equal(result.changedSections, 0);
  assert.deepEqual(
    result.sections.map((s) => s.key),
    [...SECTIONS, "signatures"],
  );
  for (const section of result.sections) {
    assert.equal(section.changed, false);
    assert.ok(section.rows.length > 0);
    assert.ok(section.rows.every((r) => r.change === "UNCHANGED" && r.from === r.to));
  }
});

test("a variation's edits show as changed, added and removed rows in the right sections only", () => {
  const before = sampleDocument();
  const content = structuredClone(before.content);
  content.breach.notifyOriginatorWithinHours = 48;
  content.dataItems = content.dataItems.filter((i) => i.key !== "education");
  content.dataItems.push({
    key: "housing",
    name: "Housing tenancy and arrears",
    category: "housing",
    specialCategory: false,
    criminalOffence: false,
    kind: "FACT",
    mayIncludeProtectedIdentity: false,
  });
  const after: AgreementDocument = {
    ...before,
    version: 2,
    versionKind: "VARIATION",
    versionState: "DRAFT",
    changeSummary: "Longer breach window",
    content,
  };

  const result = compareOutlines(outlineAgreement(before), outlineAgreement(after));
  assert.deepEqual(result.from, { version: 1, title: before.title });
  assert.equal(result.to.version, 2);

  const breach = result.sections.find((s) => s.key === "breach")!;
  assert.equal(breach.changed, true);
  const notify = breach.rows.find((r) => r.label === "Notify the originating party")!;
  assert.equal(notify.change, "CHANGED");
  assert.match(notify.from!, /24 hours/);
  assert.match(notify.to!, /48 hours/);
  assert.equal(breach.changes, 1);

  const items = result.sections.find((s) => s.key === "dataItems")!;
  const byLabel = Object.fromEntries(items.rows.map((r) => [r.label, r]));
  assert.equal(byLabel["Attendance, behaviour and welfare concerns at school"]?.change, "REMOVED");
  assert.equal(byLabel["Attendance, behaviour and welfare concerns at school"]?.to, null);
  assert.equal(byLabel["Housing tenancy and arrears"]?.change, "ADDED");
  assert.equal(byLabel["Housing tenancy and arrears"]?.from, null);
  assert.match(byLabel["Housing tenancy and arrears"]!.to!, /Category: Housing/);
  assert.equal(byLabel["Relevant physical and mental health information"]?.change, "UNCHANGED");
  // The removed row keeps its place in document order: after "family", before "health".
  const labels = items.rows.map((r) => r.label);
  assert.ok(
    labels.indexOf("Attendance, behaviour and welfare concerns at school") <
      labels.indexOf("Relevant physical and mental health information"),
  );
  assert.equal(labels.at(-1), "Housing tenancy and arrears");

  // Document control shows the new version; untouched sections are unchanged.
  const control = result.sections.find((s) => s.key === "documentControl")!;
  assert.equal(control.rows.find((r) => r.label === "Version")?.change, "CHANGED");
  assert.equal(control.rows.find((r) => r.label === "What changed")?.change, "ADDED");
  for (const key of ["parties", "purposes", "legalBasis", "flows", "security"]) {
    assert.equal(result.sections.find((s) => s.key === key)?.changed, false, key);
  }
});

test("rows are grouped by their block heading, so two parties' identical labels do not collide", () => {
  const rows = flattenBlocks([
    { kind: "rows", heading: "Council", rows: [{ label: "Signatory", value: "A" }] },
    { kind: "rows", heading: "School", rows: [{ label: "Signatory", value: "B" }] },
    { kind: "paragraph", text: "Intro" },
    {
      kind: "table",
      caption: "Items",
      head: ["Item", "Kind"],
      rows: [
        ["Name", "Fact"],
        ["Name", "Opinion"],
      ],
    },
  ]);
  assert.equal(new Set(rows.map((r) => r.key)).size, rows.length);
  assert.deepEqual(
    rows.map((r) => [r.group, r.label, r.value]),
    [
      ["Council", "Signatory", "A"],
      ["School", "Signatory", "B"],
      [undefined, "Text", "Intro"],
      ["Items", "Name", "Kind: Fact"],
      ["Items", "Name", "Kind: Opinion"],
    ],
  );
});

test("compareRows keeps document order for removed rows and appends rows only in the later version", () => {
  const result = compareRows([row("a", "1"), row("b", "2"), row("c", "3")], [row("a", "1"), row("c", "4"), row("d", "5")]);
  assert.deepEqual(
    result.map((r) => [r.key, r.change, r.from, r.to]),
    [
      ["a", "UNCHANGED", "1", "1"],
      ["b", "REMOVED", "2", null],
      ["c", "CHANGED", "3", "4"],
      ["d", "ADDED", null, "5"],
    ],
  );
  assert.deepEqual(
    compareRows([row("x", "1")], []).map((r) => r.change),
    ["REMOVED"],
  );
});

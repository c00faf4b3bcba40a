import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { VIEW_LABELS } from "../../../src/features/records/web/record-pages";

/**
 * "Who has viewed this record" shows each audited view in plain English: a view name a service is
 * given without a label would show as a raw code. Every view name in the source about people (their
 * record, lists of them, the concerns dashboard) must have one.
 */
test("every view name used for a person's record, or a list showing them, has a plain-English label", () => {
  const root = path.resolve(import.meta.dirname, "../../../src");
  const files = fs
    .readdirSync(root, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts"))
    .map((f) => path.join(root, f));
  const used = new Set<string>();
  for (const file of files) {
    for (const [, view] of fs
      .readFileSync(file, "utf8")
      .matchAll(/"((?:web|api)\.(?:subjects|concerns|home|share|share_decisions|disclosures|rights|audit|retention)(?:\.[a-zA-Z_]+)*)"/g)) {
      used.add(view!);
    }
  }
  assert.ok(used.size >= 20, `found only ${used.size} view names: has the pattern drifted?`);
  for (const view of [
    "api.subjects.items",
    "web.subjects.search",
    "web.home.concerns",
    "web.subjects.viewers",
    "web.share.check",
    "web.home.approvals",
    "web.rights.warnings",
    "web.audit.list",
  ]) {
    assert.ok(used.has(view), `${view} is found`);
  }
  const missing = [...used].filter((v) => !VIEW_LABELS[v]);
  assert.deepEqual(missing, [], "view names without a label");
});

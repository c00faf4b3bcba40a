import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { QUALITY_RULES } from "../../../src/features/agreements/domain/quality";
import { BREACH_RULES } from "../../../src/features/breaches/domain/rules";
import { RETENTION_RULES } from "../../../src/features/retention/domain/rules";
import { EXEMPTION_RULES } from "../../../src/features/rights/domain/vocabulary";
import { DSA_RULES, SHARE_RULES } from "../../../src/platform/rules";

/**
 * docs/domain.md is the repository's source of truth for the subject matter, and comments cite it
 * by section. These tests keep the two in step: a rule code added to a table in the code without
 * its line in the guide, or a citation of a section the guide does not have, fails here rather than
 * leaving a reader with a reference to nothing.
 */

const root = path.resolve(import.meta.dirname, "../../..");
const guide = fs.readFileSync(path.join(root, "docs/domain.md"), "utf8");

/** The rule code tables of the code: every code a finding, a quality check or an exemption can carry. */
const CODE_TABLES: Record<string, Record<string, string>> = {
  "SHARE_RULES (src/platform/rules.ts)": SHARE_RULES,
  "DSA_RULES (src/platform/rules.ts)": DSA_RULES,
  "QUALITY_RULES (src/features/agreements/domain/quality.ts)": QUALITY_RULES,
  "EXEMPTION_RULES (src/features/rights/domain/vocabulary.ts)": EXEMPTION_RULES,
  "RETENTION_RULES (src/features/retention/domain/rules.ts)": RETENTION_RULES,
  "BREACH_RULES (src/features/breaches/domain/rules.ts)": BREACH_RULES,
};

/** The guide's §9 index: each row is "| `CODE` | … | source |", the source in the last cell. */
function documentedCodes(): Map<string, string> {
  const index = guide.slice(guide.indexOf("\n## 9. "));
  assert.ok(index.length > 1, "docs/domain.md has a §9 rule code index");
  const rows = new Map<string, string>();
  for (const [, code = "", rest = ""] of index.matchAll(/^\| `([A-Z][A-Z0-9]*-[A-Z0-9-]+)` \|(.*)\|\s*$/gm)) {
    rows.set(code, rest.split("|").at(-1)?.trim() ?? "");
  }
  return rows;
}

test("every rule code in the code's rule tables is in docs/domain.md §9 with a one-line source", () => {
  const documented = documentedCodes();
  const missing: string[] = [];
  for (const [table, rules] of Object.entries(CODE_TABLES)) {
    for (const code of Object.keys(rules)) {
      if (!documented.get(code)) missing.push(`${code} from ${table}`);
    }
  }
  assert.deepEqual(missing, [], "add these codes, each with its one-line source, to docs/domain.md §9");
});

test("docs/domain.md §9 lists no rule code the code does not define", () => {
  const defined = new Set(Object.values(CODE_TABLES).flatMap((rules) => Object.keys(rules)));
  const stale = [...documentedCodes().keys()].filter((code) => !defined.has(code));
  assert.deepEqual(stale, [], "these codes in docs/domain.md §9 are not in any rule table: remove them or add them to the code");
});

test("every 'domain.md §N' cited in the repository names a section docs/domain.md has", () => {
  const sections = new Set([...guide.matchAll(/^## (\d+)\. /gm)].map(([, n]) => n));
  const files = ["src", "test", "bench", "scripts", "docs"].flatMap((dir) =>
    fs
      .readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && /\.(ts|njk|md|sql)$/.test(e.name))
      .map((e) => path.join(e.parentPath, e.name)),
  );
  const broken: string[] = [];
  for (const file of files) {
    // A citation may name several sections: "docs/domain.md §2–§4", "docs/domain.md §3 and §5", "docs/domain.md §1, §4 step 6".
    for (const [citation] of fs.readFileSync(file, "utf8").matchAll(/domain\.md((?:[\s,;:]*(?:and|–|-)?\s*§\d+)+)/g)) {
      for (const [, n] of citation.matchAll(/§(\d+)/g)) {
        if (!sections.has(n)) broken.push(`${path.relative(root, file)}: ${citation}`);
      }
    }
  }
  assert.deepEqual(broken, [], "these citations name a section docs/domain.md does not have");
  assert.ok(sections.size >= 9, "docs/domain.md keeps its numbered sections");
});

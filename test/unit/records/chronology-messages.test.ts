import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { AGREEMENTS_MESSAGES } from "../../../src/features/agreements/domain/messages";
import { ORGANISATIONS_MESSAGES } from "../../../src/features/organisations-and-users/domain/messages";
import { CHRONOLOGY_CATALOGUES, renderChronologyEntry } from "../../../src/features/records/domain/chronology-text";
import { RECORDS_MESSAGES } from "../../../src/features/records/domain/messages";
import { RIGHTS_MESSAGES } from "../../../src/features/rights/domain/messages";
import { RIGHTS_STATES } from "../../../src/features/rights/domain/vocabulary";
import { itemActionKind } from "../../../src/features/rights/schema";
import { SHARING_MESSAGES } from "../../../src/features/sharing/domain/messages";
import { OUTCOMES } from "../../../src/features/sharing/domain/vocabulary";
import { decisionTitleMessage } from "../../../src/features/sharing/services/decision-title";
import { AUTH_MESSAGES } from "../../../src/platform/auth/messages";
import { type Catalogue, hasMessage, message } from "../../../src/platform/messages";

/**
 * Chronology entries are stored as message keys and parameters and put into words when read, so a key
 * a writer names without an English message would break every page that shows that child's timeline.
 */
const english = CHRONOLOGY_CATALOGUES.en;
const CHRONOLOGY_GROUPS = ["chronology", "decisionTitle", "sharingChronology", "sharingChronologySummary", "rightsChronology"];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}
const services = sourceFiles("src/features")
  .filter((path) => path.includes("/services/"))
  .map((path) => ({ path, text: readFileSync(path, "utf8") }));

test("every chronology message key named in the services has an English message", () => {
  const pattern = new RegExp(`["'\`](${CHRONOLOGY_GROUPS.join("|")})\\.(\\w+)["'\`]`, "g");
  const named = services.flatMap(({ path, text }) => [...text.matchAll(pattern)].map((m) => ({ path, key: `${m[1]}.${m[2]}` })));
  assert.ok(named.length >= 20, `the writers were found (${named.length} keys)`);
  const missing = named.filter(({ key }) => !hasMessage(english, key));
  assert.deepEqual(missing, []);
});

test("every step a rights request puts on a chronology has an English message", () => {
  const rights = services.filter(({ path }) => path.includes("/rights/"));
  const steps = rights.flatMap(({ text }) => [...text.matchAll(/chronicleStep\([^)]*?title: "(\w+)"/gs)].map((m) => m[1]!));
  assert.ok(steps.length >= 4, `the steps were found (${steps.length})`);
  // An item action names its own kind; a transition, the state it moves to.
  for (const step of [...steps, ...itemActionKind.enumValues]) assert.ok(hasMessage(english, `rightsChronology.${step}`), step);
  for (const state of RIGHTS_STATES) {
    assert.match(message(english, "rightsChronology.state", { reference: "SAR-0001", state }), /^Rights request SAR-0001: [a-z]/);
  }
});

test("every decision title reads as before, with and without a recipient", () => {
  for (const outcome of OUTCOMES) {
    for (const emergency of [false, true]) {
      for (const recipient of [undefined, "Westshire Police"]) {
        const { key, params } = decisionTitleMessage({ outcome, emergency }, recipient);
        assert.ok(hasMessage(english, key), key);
        const title = message(english, key, params);
        assert.equal(title.endsWith(" with Westshire Police"), recipient !== undefined, title);
      }
    }
  }
  assert.equal(
    message(english, decisionTitleMessage({ outcome: "PARTIAL_SHARE", emergency: false }, "X").key, { recipient: "X" }),
    "Decided to share some information with X",
  );
});

test("every chronology message puts its parameters into words, naming only labels that exist", () => {
  for (const group of CHRONOLOGY_GROUPS) {
    for (const code of Object.keys(english[group] ?? {})) {
      const key = `${group}.${code}`;
      const raw = JSON.stringify(english[group]![code]);
      // A sample for each placeholder: the first code of the label group it names, else a word.
      const params: Record<string, string | number> = { count: 2 };
      for (const [, name, labels] of raw.matchAll(/\{(\w+)(?::(\w+))?(?::lower)?\}/g)) {
        if (name === "count") continue;
        params[name!] = labels ? (Object.keys(english[labels] ?? {})[0] ?? `missing group ${labels}`) : "Sample";
      }
      assert.doesNotMatch(message(english, key, params), /[{}]/, key);
    }
  }
});

test("a stored entry reads back as the sentence it stands for", () => {
  const read = (code: string, params: Record<string, string | number>, summary = "", summaryCode: string | null = null) =>
    renderChronologyEntry({ code, params, summary, summaryCode });
  assert.equal(read("chronology.itemRecorded", { category: "health", kind: "FACT" }).title, "Health: fact recorded");
  assert.equal(
    read("chronology.itemCorrected", { category: "social_care", kind: "OPINION", version: 2 }).title,
    "Social care: opinion corrected (version 2)",
  );
  assert.equal(read("chronology.concernRaised", { category: "NEGLECT" }).title, "Concern raised: Neglect");
  assert.equal(
    read("rightsChronology.processingResumed", { reference: "SAR-0001", basis: "A6_1E_PUBLIC_TASK" }).title,
    "Rights request SAR-0001: consent given again: sharing under article 6(1)(e) public task may resume",
  );
  const sent = read(
    "sharingChronology.disclosureSent",
    { recipient: "Westshire Police", count: 1 },
    "",
    "sharingChronologySummary.itemsSent",
  );
  assert.deepEqual(sent, { title: "Information sent to Westshire Police", summary: "1 item sent through Safeshare." });
  assert.equal(
    read("decisionTitle.share", { purpose: "EARLY_HELP" }, "to plan support", "sharingChronologySummary.purpose").summary,
    "Early help: to plan support",
  );
  assert.deepEqual(read("chronology.legacy", { text: "Anything written before" }, "as written"), {
    title: "Anything written before",
    summary: "as written",
  });
});

test("a missing message or parameter is an error, never a code or a brace on a page", () => {
  assert.throws(() => message(english, "chronology.noSuchThing"), /No message for chronology.noSuchThing/);
  assert.throws(() => message(english, "chronology.concernRaised", {}), /needs \{category\}/);
  assert.throws(() => message(english, "chronology.concernRaised", { category: "NOT_A_CATEGORY" }), /No message for concernCategory/);
});

test("the feature catalogues' group names are distinct, so merging them for the chronology loses nothing", () => {
  const catalogues: Catalogue[] = [
    AGREEMENTS_MESSAGES.en,
    SHARING_MESSAGES.en,
    RIGHTS_MESSAGES.en,
    RECORDS_MESSAGES.en,
    ORGANISATIONS_MESSAGES.en,
    AUTH_MESSAGES.en,
  ];
  const groups = catalogues.flatMap((c) => Object.keys(c));
  assert.deepEqual(
    groups.filter((g, i) => groups.indexOf(g) !== i),
    [],
  );
});

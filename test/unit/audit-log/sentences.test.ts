import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { describeEvent, EVENT_SENTENCES, eventTypeOptions, nameKey } from "../../../src/features/audit-log/domain/sentences";

/** Every event type declared anywhere: the `type:` literals of each audit-events.ts and of the platform's events. */
function declaredEventTypes(): string[] {
  const files = [path.resolve("src/platform/audit/events.ts")];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "audit-events.ts") files.push(full);
    }
  };
  walk(path.resolve("src"));
  const types = new Set<string>();
  for (const file of files) {
    const source = fs.readFileSync(file, "utf8");
    // `type: "a.b"` or `type: "a.b" | "a.c"`: an event's discriminant (entity refs' types have no dot).
    for (const match of source.matchAll(/\btype:\s*((?:"[a-z_]+\.[a-z_.]+"\s*\|?\s*)+)/g)) {
      for (const literal of match[1]!.matchAll(/"([a-z_]+\.[a-z_.]+)"/g)) types.add(literal[1]!);
    }
  }
  return [...types].sort();
}

test("every declared audit event type has a sentence in its catalogue", () => {
  const declared = declaredEventTypes();
  assert.ok(declared.length > 60, `found only ${declared.length} declared event types`);
  const missing = declared.filter((t) => !EVENT_SENTENCES[t]);
  assert.deepEqual(missing, [], "event types with no sentence");
  const stale = Object.keys(EVENT_SENTENCES).filter((t) => !declared.includes(t));
  assert.deepEqual(stale, [], "sentences for event types no one declares");
});

const tomasz = { kind: "user", name: "Tomasz Wójcik" } as const;
const kai = { type: "subject", id: "6f1c2a50-0000-4000-8000-000000000001" };

test("an entry reads as a sentence naming who did it and whose record", () => {
  const names = new Map([[nameKey(kai), "Kai Brennan"]]);
  assert.equal(
    describeEvent({ type: "personal_data.viewed", actor: tomasz, entity: kai }, names),
    "Tomasz Wójcik viewed Kai Brennan's record",
  );
  assert.equal(
    describeEvent({ type: "record_item.recorded", actor: tomasz, entity: kai }, names),
    "Tomasz Wójcik added an item to Kai Brennan's record",
  );
});

test("a record whose name the reader may not see stays unnamed, and the actor's kind is said in words", () => {
  const none = new Map<string, string>();
  assert.equal(describeEvent({ type: "personal_data.viewed", actor: tomasz, entity: kai }, none), "Tomasz Wójcik viewed a person's record");
  assert.equal(
    describeEvent({ type: "auth.sign_in_failed", actor: { kind: "anonymous" } }, none),
    "A sign-in to an account that does not exist was refused",
  );
  assert.equal(
    describeEvent({ type: "audit.verified", actor: { kind: "system" }, entity: { type: "audit_log", id: "main" } }, none),
    "Safeshare checked the audit log has not been changed",
  );
});

test("a list viewed reads as a list, not as viewing an organisation", () => {
  const org = { type: "organisation", id: "6f1c2a50-0000-4000-8000-000000000002" };
  assert.equal(
    describeEvent({ type: "personal_data.viewed", actor: tomasz, entity: org }, new Map([[nameKey(org), "Northbrook Primary"]])),
    "Tomasz Wójcik viewed a list of people's information at Northbrook Primary",
  );
});

test("the event type filter offers each event once, in words, with no two alike", () => {
  const options = eventTypeOptions();
  assert.equal(options.length, Object.keys(EVENT_SENTENCES).length);
  const texts = options.map((o) => o.text);
  assert.deepEqual(
    texts.filter((t, i) => texts.indexOf(t) !== i),
    [],
    "two event types that read the same",
  );
  for (const t of texts) assert.doesNotMatch(t, /[{}]|\b[a-z]+_[a-z]+\b|\w\.\w/, t);
});

import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { categoryOf, kindsOf } from "../../../src/features/retention/domain/schedule";

const migration = fs.readFileSync(path.resolve(import.meta.dirname, "../../../drizzle/0028_retention_queue_indexes.sql"), "utf8");
const quoted = (kinds: readonly string[]) => kinds.map((k) => `'${k}'`).join(", ");

test("the review queue's indexes cover exactly the kinds of person each group of files holds, so a new kind cannot fall outside them", () => {
  const children = kindsOf("school", categoryOf("school", "CHILD"));
  const others = kindsOf("school", "ADULT_RECORD");
  assert.deepEqual([...children, ...others].sort(), [...new Set([...children, ...others])].sort());
  assert.ok(migration.includes(`kind in (${quoted(children)})`), `children's files: kind in (${quoted(children)})`);
  assert.ok(migration.includes(`kind in (${quoted(others)})`), `other people's files: kind in (${quoted(others)})`);
});

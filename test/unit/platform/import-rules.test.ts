import assert from "node:assert/strict";
import { test } from "node:test";
import { check } from "../../../scripts/check-imports";

/** A small source tree: file → its text. */
function violations(tree: Record<string, string>) {
  return check(Object.keys(tree), (file) => tree[file] ?? "").map((v) => `${v.rule} ${v.file} -> ${v.imports}`);
}

const base = {
  "src/platform/db/client.ts": "",
  "src/platform/dates/calendar.ts": "",
  "src/platform/messages.ts": "",
  "src/features/records/index.ts": 'export * from "./services/items";',
  "src/features/records/domain/index.ts": 'export * from "./records";',
  "src/features/records/domain/records.ts": 'import { z } from "zod";',
  "src/features/records/services/items.ts": 'import { db } from "../../../platform/db/client";',
  "src/features/records/schema.ts": "",
  "src/app/build-app.ts": 'import { x } from "../features/records";',
};

test("the layout as intended passes: faces, pure domain, the platform below, the composition root on top", () => {
  assert.deepEqual(violations(base), []);
});

test("reaching into another feature's internals is refused; its index or domain index is the way in", () => {
  const found = violations({
    ...base,
    "src/features/sharing/services/share.ts":
      'import { items } from "../../records/services/items";\nimport type { R } from "../../records";',
  });
  assert.deepEqual(found, ["FEATURE-FACE src/features/sharing/services/share.ts -> src/features/records/services/items.ts"]);
});

test("a domain module may not import I/O: no database, no node:fs, no other feature's services", () => {
  const found = violations({
    ...base,
    "src/features/sharing/domain/rule.ts": [
      'import fs from "node:fs";',
      'import { db } from "../../../platform/db/client";',
      'import { today } from "../../../platform/dates/calendar";',
      'import type { Item } from "../../records/domain";',
      'import { x } from "../../records";',
    ].join("\n"),
  });
  assert.deepEqual(found, [
    "DOMAIN-PURE src/features/sharing/domain/rule.ts -> node:fs",
    "DOMAIN-PURE src/features/sharing/domain/rule.ts -> src/platform/db/client.ts",
    "DOMAIN-PURE src/features/sharing/domain/rule.ts -> src/features/records/index.ts",
  ]);
});

test("the platform imports no feature and not the composition root, save the ownership table naming schemas", () => {
  const found = violations({
    ...base,
    "src/platform/http/errors.ts": 'import { audit } from "../../app/build-app";\nimport { r } from "../../features/records";',
    "src/platform/db/scope.ts": 'import { items } from "../../features/records/schema";',
  });
  assert.deepEqual(found, [
    "PLATFORM-BELOW src/platform/http/errors.ts -> src/app/build-app.ts",
    "PLATFORM-BELOW src/platform/http/errors.ts -> src/features/records/index.ts",
  ]);
});

test("a feature does not import the composition root or the demo data", () => {
  const found = violations({ ...base, "src/features/records/services/seed.ts": 'import { d } from "../../../demo/seed-demo";' });
  assert.deepEqual(found, ["FEATURE-BELOW-APP src/features/records/services/seed.ts -> src/demo/seed-demo"]);
});

test("a feature's tables and its message catalogue are faces too: others may read its tables and words", () => {
  const found = violations({
    ...base,
    "src/features/records/domain/messages.ts":
      'import type { Catalogue } from "../../../platform/messages";\nimport type { K } from "./records";',
    "src/features/sharing/services/share.ts": 'import { subjects } from "../../records/schema";',
    "src/features/sharing/domain/words.ts": 'import { RECORDS_MESSAGES } from "../../records/domain/messages";',
  });
  assert.deepEqual(found, []);
});

test("a table or catalogue face is a leaf: a schema imports only tables, pure rules and the platform, a catalogue only types", () => {
  const found = violations({
    ...base,
    "src/features/records/schema.ts": 'import { items } from "./services/items";\nimport { KINDS } from "./domain/records";',
    "src/features/sharing/schema.ts": 'import { subjects } from "../records/schema";\nimport { columns } from "../../platform/db/client";',
    "src/features/records/domain/messages.ts": 'import { LABELS } from "./records";\nimport type { K } from "./records";',
  });
  assert.deepEqual(found, [
    "FACE-LEAF src/features/records/schema.ts -> src/features/records/services/items.ts",
    "FACE-LEAF src/features/records/domain/messages.ts -> src/features/records/domain/records.ts",
  ]);
});

test("two features that import each other at run time are refused: their faces would load half-initialised", () => {
  const found = violations({
    ...base,
    "src/features/sharing/index.ts": 'export * from "./services/share";',
    "src/features/sharing/services/share.ts": 'import { items } from "../../records";',
    "src/features/records/services/items.ts": 'import { share } from "../../sharing";\nimport { db } from "../../../platform/db/client";',
  });
  assert.deepEqual(found, ["FACE-CYCLE records -> sharing -> records"]);
});

test("a type-only import is erased at run time, so it makes no cycle", () => {
  const found = violations({
    ...base,
    "src/features/sharing/index.ts": 'export * from "./services/share";',
    "src/features/sharing/services/share.ts": 'import { items } from "../../records";',
    "src/features/records/services/items.ts":
      'import type { Share } from "../../sharing";\nimport { type A, type B } from "../../sharing";',
  });
  assert.deepEqual(found, []);
});

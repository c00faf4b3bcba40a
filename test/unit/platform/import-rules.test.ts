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

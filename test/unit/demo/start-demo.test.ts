import assert from "node:assert/strict";
import { test } from "node:test";
import { demoOnStart } from "../../../src/cli/start-demo";

test("start seeds the demo into an empty embedded database by default, and into PostgreSQL only when --demo is given", () => {
  assert.equal(demoOnStart({ kind: "pglite", demo: undefined, empty: true }), "seed");
  assert.equal(demoOnStart({ kind: "pglite", demo: false, empty: true }), "none", "--no-demo still works on the embedded database");
  assert.equal(demoOnStart({ kind: "postgres", demo: undefined, empty: true }), "explain", "an empty PostgreSQL is told how to begin");
  assert.equal(demoOnStart({ kind: "postgres", demo: false, empty: true }), "explain");
  assert.equal(demoOnStart({ kind: "postgres", demo: true, empty: true }), "seed");
});

test("start never seeds or explains on a database that already holds a partnership", () => {
  for (const kind of ["pglite", "postgres"] as const) {
    for (const demo of [undefined, true, false]) assert.equal(demoOnStart({ kind, demo, empty: false }), "none");
  }
});

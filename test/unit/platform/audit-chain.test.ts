import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { test } from "node:test";
import { canonicalJson, canonicalJsonAround, chainHash, GENESIS_HASH } from "../../../src/platform/audit/chain";

test("canonical JSON sorts keys at every depth and keeps arrays in order", () => {
  assert.equal(canonicalJson({ b: 1, a: { d: [3, 1], c: "é" } }), '{"a":{"c":"é","d":[3,1]},"b":1}');
  assert.equal(canonicalJson({ a: 1, b: 2 }), canonicalJson({ b: 2, a: 1 }));
});

test("chain hash is SHA-256 of the previous hash followed by the UTF-8 body", () => {
  const body = '{"type":"x","name":"Siobhán"}';
  const expected = createHash("sha256").update(GENESIS_HASH).update(body, "utf8").digest();
  assert.deepEqual(chainHash(GENESIS_HASH, body), expected);
});

test("changing any earlier event changes every later hash", () => {
  const h1 = chainHash(GENESIS_HASH, "a");
  const h1b = chainHash(GENESIS_HASH, "A");
  assert.notDeepEqual(chainHash(h1, "b"), chainHash(h1b, "b"));
});

test("the canonical JSON split around the sequence number joins back to the canonical JSON of the whole event", () => {
  const bodies: Record<string, unknown>[] = [
    {
      type: "personal_data.viewed",
      v: 1,
      at: "2026-12-02T00:00:00.000Z",
      actor: { kind: "anonymous" },
      entity: { type: "subject", id: "x" },
    },
    { actor: { kind: "system", name: "session expiry" }, at: "t" },
    { type: "a", v: 1 },
    {},
    { details: { seq: 0, nested: { sequence: "seq" } }, organisationId: "o", "seq-like": 1, Seq: 2, s: undefined, z: undefined },
    { name: "Siobhán Ó Briain", emoji: "🙂", quote: '"seq":1,' },
  ];
  for (const body of bodies) {
    const { prefix, suffix } = canonicalJsonAround(body, "seq");
    for (const seq of [1, 42, 9_007_199_254_740_991]) {
      const joined = `${prefix}${seq}${suffix}`;
      assert.equal(joined, canonicalJson({ ...body, seq }));
      assert.equal(JSON.parse(joined).seq, seq);
    }
  }
});

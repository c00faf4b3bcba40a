import assert from "node:assert/strict";
import { test } from "node:test";
import { byDueDate } from "../../../src/app/your-work";

const item = (kind: string, dueOn: string | null) => ({ kind, title: kind, href: "/", dueOn });

test("your work is soonest due first; work with no deadline comes after, in the order its feature listed it", () => {
  const merged = byDueDate([
    item("approval", null),
    item("rights_request", "2026-12-30"),
    item("sent_not_acknowledged", "2026-12-04"),
    item("agreement_to_sign", null),
    item("emergency_record", "2026-12-06"),
    item("concern", "2026-12-04"),
  ]);
  assert.deepEqual(
    merged.map((w) => w.kind),
    ["sent_not_acknowledged", "concern", "emergency_record", "rights_request", "approval", "agreement_to_sign"],
  );
});

import assert from "node:assert/strict";
import { test } from "node:test";
import { byDueDate, shown } from "../../../src/app/your-work";

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

test("an emergency record late by the hour reads overdue on its due day, as the decision page says; a day-dated item is due today", () => {
  const lateToday = shown({ ...item("emergency_record", "2026-12-04"), overdue: true }, "2026-12-04", "england-and-wales");
  assert.deepEqual([lateToday.due, lateToday.overdue], ["overdue", true]);
  const dueToday = shown(item("concern", "2026-12-04"), "2026-12-04", "england-and-wales");
  assert.equal(dueToday.overdue, false);
  assert.match(dueToday.due ?? "", /today/);
  const paused = shown({ ...item("rights_request", "2026-12-01"), paused: true }, "2026-12-04", "england-and-wales");
  assert.deepEqual([paused.due, paused.overdue], ["Paused: waiting for the requester", false]);
});

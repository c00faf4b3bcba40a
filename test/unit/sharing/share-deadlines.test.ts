import assert from "node:assert/strict";
import { test } from "node:test";
import { answerProblems, shareDecisionInput } from "../../../src/features/sharing/domain/decision-input";
import { emergencyRecordOverdue } from "../../../src/features/sharing/domain/records";

const SUBJECT = "77777777-7777-4777-8777-777777777777";

test("an emergency share's full record is overdue only once its due time has passed without it", () => {
  const now = new Date("2026-12-05T10:00:00Z");
  const due = (iso: string) => new Date(iso);
  const cases: [string, Parameters<typeof emergencyRecordOverdue>[0], boolean][] = [
    ["past due, not completed", { emergency: true, fullRecordDueAt: due("2026-12-05T09:59:00Z"), fullRecordCompletedAt: null }, true],
    ["due this very moment is not yet late", { emergency: true, fullRecordDueAt: now, fullRecordCompletedAt: null }, false],
    ["due later", { emergency: true, fullRecordDueAt: due("2026-12-06T10:00:00Z"), fullRecordCompletedAt: null }, false],
    [
      "completed late is done, not overdue",
      { emergency: true, fullRecordDueAt: due("2026-12-01T10:00:00Z"), fullRecordCompletedAt: due("2026-12-03T10:00:00Z") },
      false,
    ],
    ["not an emergency", { emergency: false, fullRecordDueAt: null, fullRecordCompletedAt: null }, false],
  ];
  for (const [label, decision, expected] of cases) assert.equal(emergencyRecordOverdue(decision, now), expected, label);
});

test("an access expiry must be today or later: the recipient can open it until the end of the day chosen", () => {
  const withExpiry = (accessExpiresOn?: string) => shareDecisionInput.parse({ subjectId: SUBJECT, decision: { accessExpiresOn } });
  const today = "2026-12-05";
  assert.deepEqual(answerProblems(withExpiry("2026-12-04"), today), [
    { path: "/decision/accessExpiresOn", message: "The date they can open it until must be today or in the future" },
  ]);
  assert.deepEqual(answerProblems(withExpiry("2026-12-05"), today), []);
  assert.deepEqual(answerProblems(withExpiry("2027-06-30"), today), []);
  assert.deepEqual(answerProblems(withExpiry(), today), [], "left blank, the partnership's default applies");
});

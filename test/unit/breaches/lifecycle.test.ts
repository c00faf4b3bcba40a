import assert from "node:assert/strict";
import { test } from "node:test";
import { closeInput, newBreachInput, notReportedInput, reportInput } from "../../../src/features/breaches/domain/inputs";
import { breachWarnings, factProblems, moveProblem, reportProblems, TRANSITIONS } from "../../../src/features/breaches/domain/lifecycle";
import { BREACH_STATES } from "../../../src/features/breaches/domain/vocabulary";

const at = (iso: string) => new Date(iso);
const now = at("2026-01-20T12:00:00Z");
const paths = (errors: { path: string }[]) => errors.map((e) => e.path);

test("T0 is not in the future; the incident may be before T0 but not after it, nor in the future", () => {
  const cases: [string, string, string | null, string[]][] = [
    ["T0 now", "2026-01-20T12:00:00Z", null, []],
    ["T0 a second ahead", "2026-01-20T12:00:01Z", null, ["/awareAt"]],
    ["incident long before T0", "2026-01-19T12:00:00Z", "2025-06-01T08:00:00Z", []],
    ["incident at T0", "2026-01-19T12:00:00Z", "2026-01-19T12:00:00Z", []],
    ["incident after T0", "2026-01-19T12:00:00Z", "2026-01-19T12:00:01Z", ["/occurredAt"]],
    ["incident in the future", "2026-01-19T12:00:00Z", "2026-01-21T00:00:00Z", ["/occurredAt"]],
  ];
  for (const [name, awareAt, occurredAt, expected] of cases)
    assert.deepEqual(paths(factProblems({ awareAt: at(awareAt), occurredAt: occurredAt ? at(occurredAt) : null }, now)), expected, name);
});

test("a report cannot precede T0 nor be in the future; an initial report after 72 hours needs reasons for the delay, a follow-up does not", () => {
  const awareAt = at("2026-01-12T09:00:00Z");
  const cases: [string, "INITIAL" | "FOLLOW_UP", string, string, string[]][] = [
    ["before T0", "INITIAL", "2026-01-12T08:59:59Z", "", ["/reportedAt"]],
    ["in the future", "INITIAL", "2026-01-21T00:00:00Z", "", ["/reportedAt"]],
    ["on time", "INITIAL", "2026-01-15T09:00:00Z", "", []],
    ["late without reasons", "INITIAL", "2026-01-15T09:00:01Z", "", ["/delayReasons"]],
    ["late with reasons", "INITIAL", "2026-01-16T09:00:00Z", "The IG lead was on leave", []],
    ["a follow-up later", "FOLLOW_UP", "2026-01-19T09:00:00Z", "", []],
  ];
  for (const [name, phase, reportedAt, delayReasons, expected] of cases)
    assert.deepEqual(paths(reportProblems(awareAt, { phase, reportedAt: at(reportedAt), delayReasons }, now)), expected, name);
});

test("the stages: each moves only where the register allows, and a closed breach nowhere", () => {
  assert.deepEqual(Object.keys(TRANSITIONS).sort(), [...BREACH_STATES].sort());
  assert.equal(moveProblem("DISCOVERED", "INVESTIGATING"), null);
  assert.equal(moveProblem("INVESTIGATING", "NOT_REPORTED"), null);
  assert.equal(moveProblem("NOT_REPORTED", "CLOSED"), null);
  assert.equal(moveProblem("REPORTED_TO_ICO", "INDIVIDUALS_TOLD"), null);
  assert.equal(moveProblem("DISCOVERED", "CLOSED"), "A breach that is discovered cannot be moved to closed");
  assert.equal(moveProblem("INVESTIGATING", "INDIVIDUALS_TOLD"), "A breach that is investigating cannot be moved to people affected told");
  assert.equal(moveProblem("CLOSED", "INVESTIGATING"), "This breach is closed and can no longer be changed");
  assert.deepEqual(TRANSITIONS.CLOSED, []);
});

test("a high risk warns until the people affected are told (BR-TELL-INDIVIDUALS); an overdue report warns (BR-72H); a closed breach warns of nothing", () => {
  const base = {
    state: "REPORTED_TO_ICO" as const,
    awareAt: at("2026-01-19T12:00:00Z"),
    initialReportAt: at("2026-01-19T15:00:00Z"),
    individualsToldAt: null,
  };
  assert.deepEqual(
    breachWarnings({ ...base, risk: "HIGH_RISK" }, now).map((w) => w.code),
    ["BR-TELL-INDIVIDUALS"],
  );
  assert.deepEqual(breachWarnings({ ...base, risk: "HIGH_RISK", individualsToldAt: now }, now), []);
  assert.deepEqual(breachWarnings({ ...base, risk: "RISK" }, now), []);
  const overdue = {
    ...base,
    state: "INVESTIGATING" as const,
    awareAt: at("2026-01-10T12:00:00Z"),
    initialReportAt: null,
    risk: "HIGH_RISK" as const,
  };
  assert.deepEqual(
    breachWarnings(overdue, now).map((w) => w.code),
    ["BR-72H", "BR-TELL-INDIVIDUALS"],
  );
  assert.deepEqual(breachWarnings({ ...overdue, state: "CLOSED" }, now), []);
});

test("inputs: a follow-up needs the ICO's case reference; closing needs lessons; not reporting needs reasons; physical risk needs describing", () => {
  const followUp = reportInput.safeParse({ phase: "FOLLOW_UP", reportedAt: "2026-01-19T09:00:00Z" });
  assert.deepEqual(followUp.success ? [] : followUp.error.issues.map((i) => i.path.join("/")), ["icoCaseReference"]);
  assert.equal(
    reportInput.safeParse({ phase: "FOLLOW_UP", reportedAt: "2026-01-19T09:00:00Z", icoCaseReference: "IC-123456-A1B2" }).success,
    true,
  );
  assert.equal(reportInput.safeParse({ phase: "INITIAL", reportedAt: "19 January 2026" }).success, false);
  assert.equal(closeInput.safeParse({ lessonsLearned: "   " }).success, false);
  assert.equal(notReportedInput.safeParse({ reasons: "" }).success, false);
  const physical = newBreachInput.safeParse({
    awareAt: "2026-01-19T09:00:00Z",
    howDiscovered: "The recipient rang",
    whatHappened: "Sent to the wrong school",
    types: ["CONFIDENTIALITY"],
    kinds: ["UNAUTHORISED_DISCLOSURE"],
    cyber: false,
    physicalRisk: true,
  });
  assert.deepEqual(physical.success ? [] : physical.error.issues.map((i) => i.path.join("/")), ["physicalRiskDetail"]);
});

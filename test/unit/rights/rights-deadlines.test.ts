import assert from "node:assert/strict";
import { test } from "node:test";
import {
  arrivalProblem,
  calendarMonthsAfter,
  complaintAcknowledgeBy,
  extendedDueDate,
  extensionProblem,
  resumeClock,
  rightsClockStatus,
  rightsDueDate,
} from "../../../src/features/rights/domain/deadlines";
import type { RightsState } from "../../../src/features/rights/domain/vocabulary";

test("one calendar month: the same date next month, or that month's last day when the date does not exist", () => {
  const cases: [string, string][] = [
    ["2026-03-10", "2026-04-10"],
    ["2026-01-31", "2026-02-28"],
    ["2024-01-31", "2024-02-29"], // leap year
    ["2024-01-29", "2024-02-29"],
    ["2026-03-31", "2026-04-30"],
    ["2026-12-15", "2027-01-15"], // over the year's end
    ["2026-08-31", "2026-09-30"],
  ];
  for (const [from, expected] of cases) assert.equal(calendarMonthsAfter(from, 1), expected, from);
});

test("the due date moves off weekends and the nation's bank holidays", () => {
  const cases: [string, "england-and-wales" | "scotland" | "northern-ireland", string][] = [
    ["2026-03-10", "england-and-wales", "2026-04-10"], // a Friday
    ["2026-01-31", "england-and-wales", "2026-03-02"], // 28 February 2026 is a Saturday
    ["2026-03-06", "england-and-wales", "2026-04-07"], // 6 April is Easter Monday
    ["2026-03-06", "scotland", "2026-04-06"], // Easter Monday is a working day in Scotland
    ["2026-11-25", "england-and-wales", "2026-12-29"], // 25 December (Fri), weekend, Boxing Day's substitute
    ["2026-02-17", "northern-ireland", "2026-03-18"], // St Patrick's Day
    ["2026-02-17", "england-and-wales", "2026-03-17"],
    ["2024-01-29", "england-and-wales", "2024-02-29"], // a Thursday in a leap year
  ];
  for (const [received, nation, expected] of cases) assert.equal(rightsDueDate(received, nation), expected, `${received} (${nation})`);
});

test("an extension allows two further months, three in all; a complaint is acknowledged within 30 days", () => {
  assert.equal(extendedDueDate("2026-01-31", "england-and-wales"), "2026-04-30");
  assert.equal(extendedDueDate("2025-11-30", "england-and-wales"), "2026-03-02"); // 28 Feb 2026 is a Saturday
  assert.equal(complaintAcknowledgeBy("2026-12-02", "england-and-wales"), "2027-01-04"); // 1 January is a bank holiday
  assert.equal(complaintAcknowledgeBy("2026-03-01", "england-and-wales"), "2026-03-31");
});

test("proof of identity starts the clock on the day it arrives: the month runs from then, whatever waited before", () => {
  const waiting = {
    waitingFor: "identity",
    clockStartedOn: "2026-01-05",
    daysPaused: 0,
    pausedSince: "2026-01-06",
    extended: false,
  } as const;
  const cases: [string, string][] = [
    ["2026-01-31", "2026-03-02"], // one month is 28 February, a Saturday
    ["2026-03-06", "2026-04-07"], // 6 April is Easter Monday
    ["2026-01-06", "2026-02-06"], // the same day the clock was stopped
  ];
  for (const [arrivedOn, dueOn] of cases) {
    assert.deepEqual(resumeClock(waiting, arrivedOn, "england-and-wales"), { clockStartedOn: arrivedOn, daysPaused: 0, dueOn }, arrivedOn);
  }
});

test("clarification pauses the clock: the due date moves on by the days paused, then to the next working day", () => {
  type Case = [
    label: string,
    clock: { clockStartedOn: string; daysPaused: number; pausedSince: string; extended: boolean },
    arrivedOn: string,
    expected: { daysPaused: number; dueOn: string },
  ];
  const cases: Case[] = [
    [
      "5 days from a Friday due date",
      { clockStartedOn: "2026-03-10", daysPaused: 0, pausedSince: "2026-03-20", extended: false },
      "2026-03-25",
      { daysPaused: 5, dueOn: "2026-04-15" },
    ],
    // The month's due date is 28 February (a Saturday, shown as Monday 2 March): two days on from 28 February is 2 March.
    [
      "from the month's date, not the working day it was shown as",
      { clockStartedOn: "2026-01-31", daysPaused: 0, pausedSince: "2026-02-10", extended: false },
      "2026-02-12",
      { daysPaused: 2, dueOn: "2026-03-02" },
    ],
    [
      "a second pause adds to the first, onto a weekend",
      { clockStartedOn: "2026-03-10", daysPaused: 5, pausedSince: "2026-03-30", extended: false },
      "2026-04-02",
      { daysPaused: 8, dueOn: "2026-04-20" },
    ],
    [
      "arriving the day it was asked for pauses nothing",
      { clockStartedOn: "2026-03-10", daysPaused: 0, pausedSince: "2026-03-20", extended: false },
      "2026-03-20",
      { daysPaused: 0, dueOn: "2026-04-10" },
    ],
    // Three months from 31 January is 30 April; four days on is 4 May, the Early May bank holiday.
    [
      "an extended request keeps its extension",
      { clockStartedOn: "2026-01-31", daysPaused: 0, pausedSince: "2026-03-01", extended: true },
      "2026-03-05",
      { daysPaused: 4, dueOn: "2026-05-05" },
    ],
  ];
  for (const [label, clock, arrivedOn, expected] of cases) {
    assert.deepEqual(
      resumeClock({ waitingFor: "clarification", ...clock }, arrivedOn, "england-and-wales"),
      { clockStartedOn: clock.clockStartedOn, ...expected },
      label,
    );
  }
  assert.equal(rightsDueDate("2026-03-10", "england-and-wales", 5), "2026-04-15");
  assert.equal(extendedDueDate("2026-01-31", "england-and-wales", 4), "2026-05-05");
});

test("what arrived cannot have arrived before the request was received, nor before the clock was stopped to wait for it", () => {
  const request = { receivedOn: "2026-03-10", pausedSince: "2026-03-20" };
  assert.match(arrivalProblem(request, "2026-03-09")!, /before the request was received \(10 March 2026\)/);
  assert.match(arrivalProblem(request, "2026-03-19")!, /before the clock was stopped to wait for it \(20 March 2026\)/);
  assert.equal(arrivalProblem(request, "2026-03-20"), null);
  assert.equal(arrivalProblem(request, "2026-04-01"), null);
  assert.equal(arrivalProblem({ receivedOn: "2026-03-10", pausedSince: null }, "2026-03-10"), null);
});

test("overdue and paused, computed once: a stopped clock is never overdue, nor an answered request", () => {
  const today = "2026-04-10";
  const base = { acknowledgeBy: null, acknowledgedOn: null };
  const cases: [RightsState, string, { waitingFor: "identity" | "clarification" | null; paused: boolean; overdue: boolean }][] = [
    ["RECEIVED", "2026-04-09", { waitingFor: null, paused: false, overdue: true }],
    ["IN_PROGRESS", "2026-04-10", { waitingFor: null, paused: false, overdue: false }], // due today is not yet late
    ["EXTENDED", "2026-04-09", { waitingFor: null, paused: false, overdue: true }],
    ["EXEMPTION_REVIEW", "2026-04-09", { waitingFor: null, paused: false, overdue: true }],
    ["AWAITING_IDENTITY", "2026-04-01", { waitingFor: "identity", paused: true, overdue: false }],
    ["AWAITING_CLARIFICATION", "2026-04-01", { waitingFor: "clarification", paused: true, overdue: false }],
    ["RESPONDED", "2026-04-01", { waitingFor: null, paused: false, overdue: false }],
    ["CLOSED", "2026-04-01", { waitingFor: null, paused: false, overdue: false }],
  ];
  for (const [state, dueOn, expected] of cases) {
    assert.deepEqual(rightsClockStatus({ ...base, state, dueOn }, today), { ...expected, acknowledgementOverdue: false }, state);
  }
  const complaint = { state: "RECEIVED" as const, dueOn: "2026-05-01", acknowledgeBy: "2026-04-09" };
  assert.equal(rightsClockStatus({ ...complaint, acknowledgedOn: null }, today).acknowledgementOverdue, true);
  assert.equal(rightsClockStatus({ ...complaint, acknowledgedOn: "2026-04-09" }, today).acknowledgementOverdue, false);
  assert.equal(rightsClockStatus({ ...complaint, acknowledgedOn: null }, "2026-04-09").acknowledgementOverdue, false);
});

test("an extension is told to the requester no earlier than the request arrived and within the first month", () => {
  const request = { receivedOn: "2026-03-10", dueOn: "2026-04-10" };
  assert.match(
    extensionProblem(request, "2026-03-20", "2026-03-09")!,
    /cannot have been told before the request was received \(10 March 2026\)/,
  );
  assert.match(extensionProblem(request, "2026-04-13", "2026-04-13")!, /within the first month \(by 10 April 2026\)/);
  assert.match(extensionProblem(request, "2026-04-01", "2026-04-11")!, /within the first month/);
  assert.equal(extensionProblem(request, "2026-03-20", "2026-03-10"), null);
  assert.equal(extensionProblem(request, "2026-04-10", "2026-04-10"), null, "the due date itself is within the first month");
});

import assert from "node:assert/strict";
import { test } from "node:test";
import { clockState, icoDueAt, icoReminderAt, reportIsLate } from "../../../src/features/breaches/domain/clock";
import { clockText, durationWords } from "../../../src/features/breaches/domain/clock-text";
import { ukDateTime } from "../../../src/platform/dates/calendar";

const at = (iso: string) => new Date(iso);
const HOUR = 3_600_000;

test("the ICO report is due 72 elapsed hours after awareness, and the reminder comes at 80 % (57 h 36 min), across changes of the clocks", () => {
  const cases: { name: string; awareAt: string; dueAt: string; reminderAt: string; dueUk: string }[] = [
    {
      name: "winter",
      awareAt: "2026-01-12T09:00:00Z",
      dueAt: "2026-01-15T09:00:00.000Z",
      reminderAt: "2026-01-14T18:36:00.000Z",
      dueUk: "15 January 2026 at 9:00am",
    },
    // Clocks go forward at 01:00 GMT on 29 March 2026: 72 hours later is an hour later on the wall clock.
    {
      name: "spring forward",
      awareAt: "2026-03-28T09:00:00Z",
      dueAt: "2026-03-31T09:00:00.000Z",
      reminderAt: "2026-03-30T18:36:00.000Z",
      dueUk: "31 March 2026 at 10:00am",
    },
    // Clocks go back at 01:00 GMT on 25 October 2026: an hour earlier on the wall clock.
    {
      name: "fall back",
      awareAt: "2026-10-24T09:00:00Z",
      dueAt: "2026-10-27T09:00:00.000Z",
      reminderAt: "2026-10-26T18:36:00.000Z",
      dueUk: "27 October 2026 at 9:00am",
    },
    {
      name: "aware in the lost hour's night",
      awareAt: "2026-03-29T00:30:00Z",
      dueAt: "2026-04-01T00:30:00.000Z",
      reminderAt: "2026-03-31T10:06:00.000Z",
      dueUk: "1 April 2026 at 1:30am",
    },
  ];
  for (const c of cases) {
    assert.equal(icoDueAt(at(c.awareAt)).toISOString(), c.dueAt, c.name);
    assert.equal(icoReminderAt(at(c.awareAt)).toISOString(), c.reminderAt, c.name);
    assert.equal(icoDueAt(at(c.awareAt)).getTime() - at(c.awareAt).getTime(), 72 * HOUR, `${c.name}: elapsed hours`);
    assert.equal(ukDateTime(icoDueAt(at(c.awareAt))), c.dueUk, `${c.name}: on the wall clock`);
  }
});

test("a report exactly 72 hours after awareness is on time; a millisecond later is late", () => {
  const awareAt = at("2026-03-28T09:00:00Z");
  const cases: [string, boolean][] = [
    ["2026-03-28T09:00:00Z", false],
    ["2026-03-30T09:00:00Z", false],
    ["2026-03-31T09:00:00.000Z", false],
    ["2026-03-31T09:00:00.001Z", true],
    ["2026-04-03T12:00:00Z", true],
  ];
  for (const [reportedAt, late] of cases) assert.equal(reportIsLate(awareAt, at(reportedAt)), late, reportedAt);
});

test("clockState: no report needed, due (with the reminder at 80 %), overdue, or reported on time or late", () => {
  const awareAt = at("2026-01-12T09:00:00Z");
  const facts = (risk: "NO_RISK" | "RISK" | "HIGH_RISK" | null, initialReportAt: string | null = null) => ({
    awareAt,
    risk,
    initialReportAt: initialReportAt ? at(initialReportAt) : null,
  });
  const cases: {
    name: string;
    facts: ReturnType<typeof facts>;
    now: string;
    state: string;
    text: string;
    extra?: Record<string, unknown>;
  }[] = [
    {
      name: "assessed as no risk",
      facts: facts("NO_RISK"),
      now: "2026-01-20T09:00:00Z",
      state: "NOT_NEEDED",
      text: "No report to the ICO needed",
    },
    {
      name: "not yet assessed: the clock runs",
      facts: facts(null),
      now: "2026-01-12T10:00:00Z",
      state: "DUE",
      text: "Report to the ICO due in 2 days 23 hours",
      extra: { reminder: false, minutesLeft: 71 * 60 },
    },
    {
      name: "just before the reminder",
      facts: facts("RISK"),
      now: "2026-01-14T18:35:59Z",
      state: "DUE",
      text: "Report to the ICO due in 14 hours 24 minutes",
      extra: { reminder: false },
    },
    {
      name: "at the reminder",
      facts: facts("HIGH_RISK"),
      now: "2026-01-14T18:36:00Z",
      state: "DUE",
      text: "Report to the ICO due in 14 hours 24 minutes: most of the 72 hours has gone",
      extra: { reminder: true },
    },
    {
      name: "exactly at 72 hours: due now, not overdue",
      facts: facts("RISK"),
      now: "2026-01-15T09:00:00Z",
      state: "DUE",
      text: "Report to the ICO due in less than a minute: most of the 72 hours has gone",
      extra: { minutesLeft: 0 },
    },
    {
      name: "overdue",
      facts: facts("RISK"),
      now: "2026-01-16T10:30:00Z",
      state: "OVERDUE",
      text: "Report to the ICO overdue by 1 day 1 hour",
      extra: { minutesOver: 25 * 60 + 30 },
    },
    {
      name: "reported on time",
      facts: facts("RISK", "2026-01-15T09:00:00Z"),
      now: "2026-02-01T00:00:00Z",
      state: "REPORTED",
      text: "Reported to the ICO on time",
      extra: { late: false },
    },
    {
      name: "reported late",
      facts: facts("RISK", "2026-01-15T09:01:00Z"),
      now: "2026-02-01T00:00:00Z",
      state: "REPORTED",
      text: "Reported to the ICO late",
      extra: { late: true },
    },
    {
      name: "reported although assessed as no risk: shown as reported",
      facts: facts("NO_RISK", "2026-01-13T09:00:00Z"),
      now: "2026-02-01T00:00:00Z",
      state: "REPORTED",
      text: "Reported to the ICO on time",
    },
  ];
  for (const c of cases) {
    const clock = clockState(c.facts, at(c.now));
    assert.equal(clock.state, c.state, c.name);
    assert.equal(clockText(clock), c.text, c.name);
    for (const [key, value] of Object.entries(c.extra ?? {}))
      assert.deepEqual((clock as Record<string, unknown>)[key], value, `${c.name}: ${key}`);
  }
});

test("a length of time reads in its two largest units", () => {
  const cases: [number, string][] = [
    [0, "less than a minute"],
    [1, "1 minute"],
    [45, "45 minutes"],
    [60, "1 hour"],
    [61, "1 hour 1 minute"],
    [125, "2 hours 5 minutes"],
    [1440, "1 day"],
    [1441, "1 day"],
    [1500, "1 day 1 hour"],
    [3 * 1440 + 120, "3 days 2 hours"],
  ];
  for (const [minutes, words] of cases) assert.equal(durationWords(minutes), words, String(minutes));
});

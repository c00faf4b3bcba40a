import assert from "node:assert/strict";
import { test } from "node:test";
import { timeOfDay, ukDayAndTime, ukInstant } from "../../../src/platform/dates/uk-moment";

test("a UK date and time is the instant it was in London: GMT in winter, BST in summer, and the clocks' changes", () => {
  assert.equal(ukInstant("2026-01-15", "09:15")?.toISOString(), "2026-01-15T09:15:00.000Z");
  assert.equal(ukInstant("2026-07-15", "09:15")?.toISOString(), "2026-07-15T08:15:00.000Z");
  assert.equal(ukInstant("2026-03-29", "01:30"), null, "the hour the clocks go forward never happened");
  assert.equal(ukInstant("2026-03-29", "02:30")?.toISOString(), "2026-03-29T01:30:00.000Z");
  assert.equal(ukInstant("2026-10-25", "01:30")?.toISOString(), "2026-10-25T00:30:00.000Z", "the first of the hour that happens twice");
  assert.equal(ukInstant("2026-10-25", "00:30")?.toISOString(), "2026-10-24T23:30:00.000Z");
  assert.deepEqual(ukDayAndTime(new Date("2026-07-15T23:30:00Z")), { day: "2026-07-16", time: "12:30am" });
});

test("a time of day is read as people type it", () => {
  const cases: [string, string | null][] = [
    ["9:30am", "09:30"],
    ["9.30 am", "09:30"],
    ["2pm", "14:00"],
    ["14:30", "14:30"],
    ["1430", "14:30"],
    ["12am", "00:00"],
    ["12:15pm", "12:15"],
    ["noon", "12:00"],
    ["midnight", "00:00"],
    ["25:00", null],
    ["13pm", null],
    ["9:60", null],
    ["soon", null],
  ];
  for (const [typed, expected] of cases) assert.equal(timeOfDay(typed), expected, typed);
});

import assert from "node:assert/strict";
import { test } from "node:test";
import { calendarMonthsAfter, complaintAcknowledgeBy, extendedDueDate, rightsDueDate } from "../../src/domain/rights/deadlines";

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

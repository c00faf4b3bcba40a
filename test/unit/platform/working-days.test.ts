import assert from "node:assert/strict";
import { test } from "node:test";
import { addWorkingDays, bankHolidays, isWorkingDay, nextWorkingDay } from "../../../src/platform/dates/working-days";

test("bank holidays differ by nation, and include substitute days and one-off holidays", () => {
  const eng = bankHolidays("england-and-wales", 2026);
  const sct = bankHolidays("scotland", 2026);
  const nir = bankHolidays("northern-ireland", 2026);
  assert.ok(eng.has("2026-04-06"), "Easter Monday in England and Wales");
  assert.ok(!sct.has("2026-04-06"), "not in Scotland");
  assert.ok(sct.has("2026-01-02") && !eng.has("2026-01-02"), "2 January in Scotland only");
  assert.ok(sct.has("2026-08-03") && eng.has("2026-08-31"), "summer bank holiday: first Monday of August in Scotland, last in England");
  assert.ok(nir.has("2026-03-17") && nir.has("2026-07-13"), "St Patrick's Day, and the Boyne's substitute Monday in Northern Ireland");
  assert.ok(eng.has("2026-12-28"), "Boxing Day falls on a Saturday in 2026: the substitute is Monday 28th");
  assert.ok(bankHolidays("england-and-wales", 2022).has("2022-09-19"), "the Queen's state funeral");
  assert.ok(bankHolidays("england-and-wales", 2023).has("2023-05-08"), "the coronation");
});

test("working days skip weekends and the nation's bank holidays", () => {
  const cases: [string, number, "england-and-wales" | "scotland" | "northern-ireland", string][] = [
    ["2026-12-01", 1, "england-and-wales", "2026-12-02"], // Tuesday → Wednesday
    ["2026-12-04", 1, "england-and-wales", "2026-12-07"], // Friday → Monday
    ["2026-12-05", 1, "england-and-wales", "2026-12-07"], // a Saturday request is due Monday
    ["2026-12-24", 1, "england-and-wales", "2026-12-29"], // Christmas Day (Fri), weekend, Boxing Day substitute (Mon 28th)
    ["2026-04-02", 1, "england-and-wales", "2026-04-07"], // Good Friday and Easter Monday
    ["2026-04-02", 1, "scotland", "2026-04-06"], // Good Friday only: Easter Monday is a working day in Scotland
    ["2026-03-16", 1, "northern-ireland", "2026-03-18"], // St Patrick's Day
    ["2026-03-16", 1, "england-and-wales", "2026-03-17"],
    ["2026-11-27", 10, "england-and-wales", "2026-12-11"],
    ["2026-12-01", 0, "england-and-wales", "2026-12-01"],
  ];
  for (const [from, days, nation, expected] of cases)
    assert.equal(addWorkingDays(from, days, nation), expected, `${from} + ${days} (${nation})`);
});

test("a due date on a weekend or bank holiday moves to the next working day", () => {
  assert.equal(nextWorkingDay("2026-12-02", "england-and-wales"), "2026-12-02");
  assert.equal(nextWorkingDay("2026-12-26", "england-and-wales"), "2026-12-29");
  assert.equal(nextWorkingDay("2026-11-30", "scotland"), "2026-12-01"); // St Andrew's Day
  assert.equal(isWorkingDay("2026-11-30", "england-and-wales"), true);
});

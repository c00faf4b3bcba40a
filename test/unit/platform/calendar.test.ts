import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  addDaysIso,
  dateFromParts,
  dateInput,
  datePartsFrom,
  datePartsOf,
  dueIn,
  isoFromParts,
  today,
  ukDate,
  ukDateTime,
  ukDay,
  ukDayStart,
  ukTime,
} from "../../../src/platform/dates/calendar";
import type { FieldError } from "../../../src/platform/errors";

describe("formatters: GOV.UK style, UK time", () => {
  test("a date is '5 December 2026'; a date-only value is taken as it is, a timestamp read in UK time", () => {
    assert.equal(ukDate("2026-12-05"), "5 December 2026");
    assert.equal(ukDate(new Date("2026-12-05T23:30:00Z")), "5 December 2026", "GMT: UK time is UTC");
    assert.equal(ukDate(new Date("2026-06-05T23:30:00Z")), "6 June 2026", "BST: half past midnight the next day");
    assert.equal(ukDate(null), "Not stated");
    assert.equal(ukDate(undefined, ""), "");
  });

  test("date and time is '5 December 2026 at 4:28pm', across the BST/GMT boundary", () => {
    assert.equal(ukDateTime(new Date("2026-12-05T16:28:00Z")), "5 December 2026 at 4:28pm");
    assert.equal(ukDateTime("2026-07-01T15:28:00Z"), "1 July 2026 at 4:28pm", "BST is an hour ahead");
    // Clocks go back at 2am BST on 25 October 2026 (01:00 UTC): the same hour happens twice.
    assert.equal(ukDateTime("2026-10-25T00:30:00Z"), "25 October 2026 at 1:30am");
    assert.equal(ukDateTime("2026-10-25T01:30:00Z"), "25 October 2026 at 1:30am");
    // Clocks go forward at 1am GMT on 29 March 2026: 1:30am does not happen that day.
    assert.equal(ukDateTime("2026-03-29T00:59:00Z"), "29 March 2026 at 12:59am");
    assert.equal(ukDateTime("2026-03-29T01:00:00Z"), "29 March 2026 at 2:00am");
  });

  test("noon is 12:00pm and midnight 12:00am, never 0:00", () => {
    assert.equal(ukDateTime("2026-12-05T12:00:00Z"), "5 December 2026 at 12:00pm");
    assert.equal(ukDateTime("2026-12-05T00:00:00Z"), "5 December 2026 at 12:00am");
    assert.equal(ukTime("2026-12-05T00:05:00Z"), "12:05am");
    assert.equal(ukTime("2026-06-05T11:00:00Z"), "12:00pm");
    assert.equal(ukTime(new Date("2026-12-05T16:28:00Z")), "4:28pm");
  });

  test("the day and today are the UK's, not the server's", () => {
    assert.equal(ukDay("2026-06-05T23:30:00Z"), "2026-06-06");
    assert.equal(today(new Date("2026-06-05T23:30:00Z")), "2026-06-06", "in summer the UK day starts at 23:00 UTC");
    assert.equal(today(new Date("2026-12-05T23:30:00Z")), "2026-12-05");
  });
});

describe("due phrases, in the partnership's working days", () => {
  const nation = "england-and-wales" as const;
  test("today, tomorrow and working days ahead", () => {
    assert.equal(dueIn("2026-12-07", "2026-12-07", nation), "due today");
    assert.equal(dueIn("2026-12-08", "2026-12-07", nation), "due tomorrow");
    assert.equal(dueIn("2026-12-09", "2026-12-07", nation), "due in 2 working days");
  });

  test("across a weekend: due Monday is one working day from Friday, and tomorrow on Sunday", () => {
    assert.equal(dueIn("2026-12-07", "2026-12-04", nation), "due in 1 working day");
    assert.equal(dueIn("2026-12-07", "2026-12-06", nation), "due tomorrow");
    assert.equal(dueIn("2026-12-08", "2026-12-04", nation), "due in 2 working days");
  });

  test("across bank holidays: Christmas and Boxing Day (substitute Monday 28 December 2026) do not count", () => {
    // Thursday 24 December 2026 → Tuesday 29 December: Friday 25 and Monday 28 are bank holidays.
    assert.equal(dueIn("2026-12-29", "2026-12-24", nation), "due in 1 working day");
    assert.equal(dueIn("2026-12-24", "2026-12-29", nation), "1 working day overdue");
    // New Year 2027: Friday 1 January everywhere; Scotland's 2 January falls on a Saturday, so Monday 4th is a holiday there.
    assert.equal(dueIn("2027-01-05", "2026-12-31", "scotland"), "due in 1 working day");
    assert.equal(dueIn("2027-01-05", "2026-12-31", nation), "due in 2 working days");
  });

  test("overdue, counted in working days lost; a deadline passed over a weekend only is simply overdue", () => {
    assert.equal(dueIn("2026-12-07", "2026-12-09", nation), "2 working days overdue");
    assert.equal(dueIn("2026-12-04", "2026-12-07", nation), "1 working day overdue");
    assert.equal(dueIn("2026-12-04", "2026-12-06", nation), "overdue");
  });
});

describe("the parser of dates people type", () => {
  test("boxes from a stored date, and from a form body or query string (first string only, trimmed)", () => {
    assert.deepEqual(datePartsOf("2026-03-07"), { day: "7", month: "3", year: "2026" });
    assert.deepEqual(datePartsOf(null), { day: "", month: "", year: "" });
    assert.deepEqual(datePartsFrom({ "from-day": " 7 ", "from-month": ["3", "4"], "from-year": "2026" }, "from"), {
      day: "7",
      month: "3",
      year: "2026",
    });
    assert.deepEqual(datePartsFrom({ "from-day": { evil: 1 } }, "from"), { day: "", month: "", year: "" });
  });

  test("boxes to ISO: padded when well formed, passed on as typed when not, empty when blank", () => {
    assert.equal(isoFromParts({ day: "7", month: "3", year: "2026" }), "2026-03-07");
    assert.equal(isoFromParts({ day: "40", month: "13", year: "2026" }), "2026-13-40");
    assert.equal(isoFromParts({ day: "x", month: "3", year: "2026" }), "2026-3-x");
    assert.equal(isoFromParts({ day: "", month: "", year: "" }), "");
    assert.equal(isoFromParts(undefined), "");
  });

  test("the boxes checked by a form itself: the message names the field and gives an example in boxes", () => {
    const errors: FieldError[] = [];
    assert.equal(dateFromParts({ day: "29", month: "2", year: "2028" }, "/d", errors, "The date"), "2028-02-29");
    assert.equal(dateFromParts({ day: "", month: "", year: "" }, "/d", errors, "The date"), null);
    assert.deepEqual(errors, []);
    assert.equal(dateFromParts({ day: "29", month: "2", year: "2026" }, "/d", errors, "The date"), null);
    assert.equal(dateFromParts({ day: "1", month: "", year: "2026" }, "/d", errors, "The date"), null);
    assert.deepEqual(errors, [
      { path: "/d", message: "The date must be a real date, like 27 3 2026" },
      { path: "/d", message: "The date must be a real date, like 27 3 2026" },
    ]);
  });

  test("the API's ISO dates (and the boxes once joined) go through one zod rule", () => {
    const rule = dateInput("date of birth", "2026-03-27");
    assert.equal(rule.parse("2026-03-07"), "2026-03-07");
    assert.equal(rule.safeParse("2026-02-30").error?.issues[0]?.message, "Enter a real date of birth, like 2026-03-27");
    assert.equal(rule.safeParse("0001-01-01").error?.issues[0]?.message, "The date of birth must be 1 January 1900 or later");
  });
});

test("a UK day begins at midnight in London: 00:00 UTC in winter, 23:00 UTC the day before in summer", () => {
  assert.equal(ukDayStart("2026-01-15").toISOString(), "2026-01-15T00:00:00.000Z");
  assert.equal(ukDayStart("2026-07-01").toISOString(), "2026-06-30T23:00:00.000Z");
  // The clocks go forward at 1am on 29 March 2026: that day still began at midnight GMT.
  assert.equal(ukDayStart("2026-03-29").toISOString(), "2026-03-29T00:00:00.000Z");
  assert.equal(ukDayStart("2026-10-25").toISOString(), "2026-10-24T23:00:00.000Z");
  assert.equal(addDaysIso("2026-02-28", 1), "2026-03-01");
});

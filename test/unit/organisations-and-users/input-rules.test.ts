import assert from "node:assert/strict";
import { test } from "node:test";
import { DrizzleQueryError } from "drizzle-orm/errors";
import { dateInput } from "../../../src/platform/dates/calendar";
import { toProblem } from "../../../src/platform/http/problem";
import { hasControlCharacters, textInput } from "../../../src/platform/text";

test("a date input is a real date on or after 1 January 1900: year 0000 never reaches the database", () => {
  const date = dateInput("event date", "2026-03-27");
  assert.equal(date.parse("1900-01-01"), "1900-01-01");
  for (const [value, message] of [
    ["0000-01-01", /1 January 1900 or later/],
    ["1899-12-31", /1 January 1900 or later/],
    ["2026-02-30", /Enter a real event date, like 2026-03-27/],
  ] as const) {
    const result = date.safeParse(value);
    assert.equal(result.success, false, value);
    assert.match(result.error!.issues[0]!.message, message);
  }
});

test("typed text may hold tabs and line breaks but no other control character", () => {
  assert.equal(hasControlCharacters("Line one\n\tLine two\r\n"), false);
  assert.equal(hasControlCharacters("Zoë Ní Bhriain – “quoted”"), false);
  for (const c of ["\u0000", "\u0007", "\u000b", "\u001b", "\u007f", "\u0085"])
    assert.equal(hasControlCharacters(`a${c}b`), true, escape(c));
  const name = textInput("Given names").trim().min(1);
  assert.equal(name.parse("  Kai "), "Kai");
  assert.deepEqual(
    name.safeParse("Kai\u0000").error?.issues.map((i) => i.message),
    ["Given names must not contain control characters"],
  );
});

/** A failed query as drizzle reports it: the driver's error (with SQLSTATE) as its cause. */
function failedQuery(code: string, message: string) {
  const cause = Object.assign(new Error(message), { code, severity: "ERROR", detail: "Key (lines)=(Flat 7, Quiet Mews) exists" });
  return new DrizzleQueryError("insert into subject_address (lines) values ($1)", ["Flat 7, Quiet Mews"], cause);
}

test("a database data exception (SQLSTATE class 22) is a 400 problem, other database errors a 500, neither telling more", () => {
  for (const code of ["22007", "22008", "22P05", "22021"]) {
    const problem = toProblem(failedQuery(code, "date/time field value out of range"));
    assert.deepEqual([problem.status, problem.code], [400, "INVALID_VALUE"], code);
    assert.doesNotMatch(JSON.stringify(problem), /Quiet Mews|out of range|insert/);
  }
  assert.equal(toProblem(failedQuery("23505", "duplicate key")).status, 500);
  // A Node error whose code happens to have five characters is not a database error.
  assert.equal(toProblem(Object.assign(new Error("write EPIPE"), { code: "22PIP" })).status, 500);
});

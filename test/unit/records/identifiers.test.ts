import assert from "node:assert/strict";
import { test } from "node:test";
import {
  dateOfBirthProblem,
  expectedDateProblem,
  nhsCheckDigit,
  nhsNumberProblem,
  normaliseNhsNumber,
  normalisePostcode,
  normaliseUpn,
  postcodeProblem,
  upnCheckLetter,
  upnProblem,
} from "../../../src/features/records/domain/identifiers";

// ---- NHS number ---------------------------------------------------------------------------------

// By hand, 943 476 5919: 9×10 + 4×9 + 3×8 + 4×7 + 7×6 + 6×5 + 5×4 + 9×3 + 1×2 = 299;
// 299 mod 11 = 2; 11 − 2 = 9 = the 10th digit. 401 023 2137: 40+0+8+0+12+15+8+3+6 = 92;
// 92 mod 11 = 4; 11 − 4 = 7. 987 654 3210: sum 330, remainder 0, 11 → check digit 0.
const validNhs = ["943 476 5919", "9434765919", "943-476-5919", "401 023 2137", "987 654 3210", "1111111111", "450 557 7104"];

test("valid NHS numbers pass the modulus 11 check", () => {
  for (const n of validNhs) assert.equal(nhsNumberProblem(n), null, n);
  assert.equal(nhsCheckDigit("943476591"), 9);
  assert.equal(nhsCheckDigit("987654321"), 0);
});

test("NHS numbers are normalised to digits only", () => {
  assert.equal(normaliseNhsNumber("943 476 5919"), "9434765919");
  assert.equal(normaliseNhsNumber("943-476-5919"), "9434765919");
});

test("invalid NHS numbers name the rule they break", () => {
  const cases: [string, RegExp][] = [
    ["943 476 5918", /check digit is wrong/],
    ["401 023 2138", /check digit is wrong/],
    ["9434765910", /check digit is wrong/],
    // 1×10 + 2×9 + … + 9×2 = 210; 210 mod 11 = 1; 11 − 1 = 10: never issued, whatever the last digit.
    ["123 456 7890", /fail the modulus 11 check/],
    ["1234567899", /fail the modulus 11 check/],
    ["943 476 591", /10-digit/],
    ["943 476 59190", /10-digit/],
    ["", /only include numbers/],
    ["943 476 591A", /only include numbers/],
    ["NHS9434765919", /only include numbers/],
    ["9434 76 5919", /groups of 3, 3 and 4/],
    ["943  476 5919", /groups of 3, 3 and 4/],
  ];
  for (const [input, rule] of cases) assert.match(nhsNumberProblem(input) ?? "(accepted)", rule, input);
});

// ---- Unique pupil number ------------------------------------------------------------------------

// Worked by hand, P207000016049: characters 2–13 are 2 0 7 0 0 0 0 1 6 0 4 9, weighted 2–13:
// 2×2 + 7×4 + 1×9 + 6×10 + 4×12 + 9×13 = 4 + 28 + 9 + 60 + 48 + 117 = 266; 266 mod 23 = 13;
// in ABCDEFGHJKLMNPQRTUVWXYZ (no I, O, S) index 13 is P. (A school MIS help page gives this
// example as 267 → Q: its sum is mis-added, so Q207000016049 must fail.)
// B801200005001 is python-stdnum's example: 16 + 4 + 10 + 50 + 13 = 93; 93 mod 23 = 1 → B.
// Temporary E93020071400A: 18 + 9 + 10 + 56 + 9 + 40 + A(0)×13 = 142; 142 mod 23 = 4 → E.
const validUpns = ["P207000016049", "B801200005001", "E93020071400A", "U20100012301Z", "H33040061000X"];

test("valid UPNs, permanent and temporary, pass the check letter", () => {
  for (const upn of validUpns) {
    assert.equal(upnCheckLetter(upn.slice(1)), upn[0], upn);
    assert.equal(upnProblem(upn), null, upn);
  }
  assert.equal(upnProblem("b801200005001"), null);
  assert.equal(upnProblem("B801 2000 05001"), null);
});

test("UPNs are normalised to upper case without spaces", () => {
  assert.equal(normaliseUpn(" e930 2007 1400a "), "E93020071400A");
});

test("invalid UPNs name the rule they break", () => {
  const cases: [string, RegExp][] = [
    ["Q207000016049", /check letter is wrong/],
    ["A801200005001", /check letter is wrong/],
    ["F93020071400A", /check letter is wrong/],
    ["I801200005001", /check letter is wrong/],
    ["B80120000500", /13-character/],
    ["B8012000050011", /13-character/],
    ["", /only include letters and numbers/],
    ["B801-2000-05001", /only include letters and numbers/],
    ["8012000050011", /check letter followed by 12 numbers/],
    ["X80120000A001", /check letter followed by 12 numbers/],
    ["B80120000500AA", /13-character/],
    ["E93020071400O", /cannot end in I, O or S/],
    ["E93020071400S", /cannot end in I, O or S/],
  ];
  for (const [input, rule] of cases) assert.match(upnProblem(input) ?? "(accepted)", rule, input);
});

// ---- Postcode -----------------------------------------------------------------------------------

test("postcodes of every outward pattern are accepted", () => {
  const valid = [
    "M1 1AE", // A9
    "B33 8TH", // A99
    "W1A 0AX", // A9A
    "CR2 6XH", // AA9
    "DN55 1PT", // AA99
    "SW1A 1AA", // AA9A
    "EC1A 1BB", // AA9A
    "GIR 0AA",
  ];
  for (const p of valid) assert.equal(postcodeProblem(p), null, p);
});

test("postcodes are normalised to upper case with one space before the inward code", () => {
  const cases: [string, string][] = [
    ["sw1a1aa", "SW1A 1AA"],
    ["m1 1ae", "M1 1AE"],
    [" dn55  1pt ", "DN55 1PT"],
    ["Ec1A1bB", "EC1A 1BB"],
    ["gir0aa", "GIR 0AA"],
  ];
  for (const [input, normalised] of cases) {
    assert.equal(postcodeProblem(input), null, input);
    assert.equal(normalisePostcode(input), normalised);
  }
});

test("invalid postcodes are refused", () => {
  const cases: [string, RegExp][] = [
    ["SW1A", /full UK postcode/],
    ["SW1A 1A", /full UK postcode/],
    ["1SW 1AA", /full UK postcode/],
    ["SWAA 1AA", /full UK postcode/],
    ["SW1AA 1AA", /full UK postcode/],
    ["SW1A 11A", /full UK postcode/],
    ["SW1A AAA", /full UK postcode/],
    ["ABC1 1AA", /full UK postcode/],
    ["BFPO 1234", /full UK postcode/],
    ["", /full UK postcode/],
    ["SW1A-1AA", /only include letters, numbers and a space/],
  ];
  for (const [input, rule] of cases) assert.match(postcodeProblem(input) ?? "(accepted)", rule, input);
});

// ---- Dates --------------------------------------------------------------------------------------

test("dates of birth must be real, not in the future and within 130 years", () => {
  const today = "2025-06-15";
  const cases: [string, RegExp | null][] = [
    ["2019-03-27", null],
    ["2025-06-15", null], // today
    ["2024-02-29", null], // leap year
    ["2000-02-29", null], // century divisible by 400
    ["1895-06-15", null], // exactly 130 years ago
    ["2023-02-29", /real date/], // not a leap year
    ["1900-02-29", /real date/], // century not divisible by 400
    ["2024-04-31", /real date/],
    ["2024-13-01", /real date/],
    ["15/06/2019", /real date/],
    ["2019-6-1", /real date/],
    ["", /real date/],
    ["2025-06-16", /today or in the past/],
    ["2030-01-01", /today or in the past/],
    ["1895-06-14", /last 130 years/],
    ["1894-06-15", /last 130 years/], // 131 years ago
  ];
  for (const [dob, rule] of cases) {
    const problem = dateOfBirthProblem(dob, today);
    if (rule) assert.match(problem ?? "(accepted)", rule, dob);
    else assert.equal(problem, null, dob);
  }
});

test("a date of birth on 29 February is fine when today is 29 February", () => {
  assert.equal(dateOfBirthProblem("2024-02-29", "2024-02-29"), null);
  assert.equal(dateOfBirthProblem("1894-02-28", "2024-02-29"), null);
});

test("expected dates of delivery: up to 4 weeks ago and up to 10 months ahead", () => {
  const today = "2025-06-15";
  const cases: [string, RegExp | null][] = [
    ["2025-06-15", null],
    ["2025-11-20", null],
    ["2025-05-18", null], // exactly 4 weeks ago: an overdue baby
    ["2026-04-15", null], // exactly 10 months ahead
    ["2025-05-17", /no more than 4 weeks ago/],
    ["2024-12-01", /no more than 4 weeks ago/],
    ["2026-04-16", /within the next 10 months/],
    ["2027-01-01", /within the next 10 months/],
    ["2025-02-30", /real date/],
    ["soon", /real date/],
  ];
  for (const [date, rule] of cases) {
    const problem = expectedDateProblem(date, today);
    if (rule) assert.match(problem ?? "(accepted)", rule, date);
    else assert.equal(problem, null, date);
  }
});

test("a malformed 'today' is a programming error, not a field error", () => {
  assert.throws(() => dateOfBirthProblem("2019-03-27", "today"));
});

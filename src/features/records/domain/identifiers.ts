import { addMonths, isAfter, isBefore, parseISO, subWeeks, subYears } from "date-fns";
import { isRealDate } from "../../../platform/dates/calendar";

/**
 * Identifier and date rules for subjects (docs/domain.md §8, issue 4 "Bad input and safety").
 *
 * Every `…Problem` function is pure: it returns a plain-English message naming the rule that was
 * broken (used as the GOV.UK field error), or null when the value is acceptable. Every `normalise…`
 * function returns the canonical stored form and is only meant for values the matching rule accepts.
 */

// ---------------------------------------------------------------------------------------------
// NHS number
// Source: NHS Data Dictionary, "NHS Number" data element: 10 digits, the 10th a modulus 11 check
// digit. Multiply digits 1–9 by weights 10 down to 2, sum, take the remainder mod 11, subtract it
// from 11; a result of 11 means a check digit of 0, a result of 10 means the number is never issued.
// Display format (NHS digital service manual): 3-3-4 groups, e.g. 943 476 5919.
// ---------------------------------------------------------------------------------------------

const NHS_EXAMPLE = "943 476 5919";

/** Digits only: "943 476 5919" and "943-476-5919" both become "9434765919". */
export function normaliseNhsNumber(input: string): string {
  return input.replace(/\D/g, "");
}

/** The modulus 11 check digit for the first 9 digits, or null when the remainder rule makes it 10 (never issued). */
export function nhsCheckDigit(firstNine: string): number | null {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(firstNine[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  if (check === 10) return null;
  return check;
}

export function nhsNumberProblem(input: string): string | null {
  const value = input.trim();
  if (!/^[\d\s-]+$/.test(value)) return `NHS number must only include numbers, spaces and hyphens, like ${NHS_EXAMPLE}`;
  const digits = normaliseNhsNumber(value);
  if (digits.length !== 10) return `Enter a 10-digit NHS number, like ${NHS_EXAMPLE}`;
  // Either ten digits together, or the usual 3-3-4 grouping with one space or hyphen between groups.
  if (!/^\d{10}$/.test(value) && !/^\d{3}[ -]\d{3}[ -]\d{4}$/.test(value)) {
    return `Enter the NHS number as 10 digits, or in groups of 3, 3 and 4, like ${NHS_EXAMPLE}`;
  }
  const check = nhsCheckDigit(digits);
  if (check === null) return "This is not a real NHS number: its first 9 digits fail the modulus 11 check. Check it was typed correctly";
  if (check !== Number(digits[9])) return "This NHS number's check digit is wrong: check it was typed correctly";
  return null;
}

// ---------------------------------------------------------------------------------------------
// Unique pupil number (UPN), England
// Sources followed: the UK Government Data Standards Catalogue, "Unique Pupil Number" v2.0
// (DfE, agreed 18 November 2004; govtalk.gov.uk) and the DfE "Unique Pupil Numbers (UPNs) –
// policy and practice guidance" (2010): 13 characters = check letter + LA number (3 digits) +
// establishment number (4 digits) + last 2 digits of the academic year + serial (3 digits, or 2
// digits and a letter for a temporary UPN). Check letter: multiply characters 2–13 by weights
// 2–13 (digits at face value; a temporary UPN's final letter at its value in the check alphabet
// below), sum, take mod 23, and map 0–22 onto A–Z without I, O and S. I, O and S are never used as
// the check letter or as a temporary UPN's final letter. Cross-checked against python-stdnum
// (stdnum.gb.upn), which gives B801200005001 as valid.
// The LA number is not checked against the list of LA codes: that list changes with local
// government reorganisation, and the check letter already catches typing errors.
// ---------------------------------------------------------------------------------------------

const UPN_CHECK_ALPHABET = "ABCDEFGHJKLMNPQRTUVWXYZ"; // 23 letters: no I, O or S

/** Upper case, with any spaces removed. */
export function normaliseUpn(input: string): string {
  return input.replace(/\s/g, "").toUpperCase();
}

/** The check letter for the 12 characters after it (already normalised). */
export function upnCheckLetter(rest: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i++) {
    const c = rest[i]!;
    const value = /\d/.test(c) ? Number(c) : UPN_CHECK_ALPHABET.indexOf(c);
    sum += value * (i + 2);
  }
  return UPN_CHECK_ALPHABET[sum % 23]!;
}

export function upnProblem(input: string): string | null {
  const upn = normaliseUpn(input);
  if (!/^[A-Z0-9]+$/.test(upn)) return "Unique pupil number (UPN) must only include letters and numbers";
  if (upn.length !== 13) return "Enter a 13-character unique pupil number (UPN), like B801200005001";
  if (!/^[A-Z]\d{11}[A-Z0-9]$/.test(upn)) {
    return "A unique pupil number (UPN) is a check letter followed by 12 numbers (a temporary UPN ends in a letter)";
  }
  if (/[IOS]$/.test(upn)) return "A temporary unique pupil number (UPN) cannot end in I, O or S";
  if (upnCheckLetter(upn.slice(1)) !== upn[0]) return "This unique pupil number's check letter is wrong: check it was typed correctly";
  return null;
}

// ---------------------------------------------------------------------------------------------
// UK postcode
// Source: UK Government Data Standards Catalogue, "Postcode" (BS 7666 format, Royal Mail PAF):
// outward code A9, A99, A9A, AA9, AA99 or AA9A, then a space, then inward code 9AA; plus the
// special postcode GIR 0AA. Only the shape is checked (not Royal Mail's per-position letter
// restrictions), so a new or unusual real postcode is never refused; BFPO numbers are not accepted.
// ---------------------------------------------------------------------------------------------

const POSTCODE = /^(?:[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}|GIR 0AA)$/;

/** Upper case, with exactly one space before the 3-character inward code: "sw1a1aa" → "SW1A 1AA". */
export function normalisePostcode(input: string): string {
  const compact = input.replace(/\s/g, "").toUpperCase();
  if (compact.length < 5) return compact;
  return `${compact.slice(0, -3)} ${compact.slice(-3)}`;
}

export function postcodeProblem(input: string): string | null {
  const compact = input.replace(/\s/g, "");
  if (!/^[A-Za-z0-9]*$/.test(compact)) return "Postcode must only include letters, numbers and a space";
  if (!POSTCODE.test(normalisePostcode(input))) return "Enter a full UK postcode, like SW1A 1AA";
  return null;
}

// ---------------------------------------------------------------------------------------------
// Dates (YYYY-MM-DD strings; `today` is passed in so the rules never read the clock)
// ---------------------------------------------------------------------------------------------

/** A real calendar date in YYYY-MM-DD form (rejects 2023-02-29, 2024-13-01), or null. */
function calendarDate(value: string): Date | null {
  return isRealDate(value) ? parseISO(value) : null;
}

function todayDate(today: string): Date {
  const date = calendarDate(today);
  if (!date) throw new Error(`today must be a YYYY-MM-DD date, got ${JSON.stringify(today)}`);
  return date;
}

/**
 * Date of birth: docs/domain.md §8 ("dates of birth not in the future") and issue 4 ("a future
 * date of birth is rejected"). The 130-year limit catches typed centuries (1019 for 2019): nobody
 * living is older than that.
 */
export function dateOfBirthProblem(dob: string, today: string): string | null {
  const date = calendarDate(dob.trim());
  if (!date) return "Date of birth must be a real date, like 2019-03-27";
  const now = todayDate(today);
  if (isAfter(date, now)) return "Date of birth must be today or in the past";
  if (isBefore(date, subYears(now, 130))) return "Date of birth must be within the last 130 years";
  return null;
}

/**
 * Expected date for an unborn child (docs/domain.md §8): it is an expected date of delivery (EDD),
 * so it is bounded by the length of a pregnancy. A full-term pregnancy is about 40 weeks (roughly
 * 9 months) from the last period, so an EDD more than 10 months ahead cannot be right. Babies are
 * often born after their EDD (induction is usually offered around 41–42 weeks), so a recently
 * passed EDD is still plausible while the record catches up; more than 4 weeks past it, the child
 * has been born and should be recorded with a date of birth instead.
 */
export function expectedDateProblem(date: string, today: string): string | null {
  const edd = calendarDate(date.trim());
  if (!edd) return "Expected date of delivery must be a real date, like 2027-02-14";
  const now = todayDate(today);
  if (isBefore(edd, subWeeks(now, 4))) {
    return "Expected date of delivery must be no more than 4 weeks ago: if the baby has been born, record their date of birth";
  }
  if (isAfter(edd, addMonths(now, 10))) return "Expected date of delivery must be within the next 10 months";
  return null;
}

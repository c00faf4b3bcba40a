import { TZDate } from "@date-fns/tz";
import { addDays, eachDayOfInterval, format, isValid, parseISO } from "date-fns";
import { z } from "zod";
import type { FieldError } from "../errors";
import { isWorkingDay, type UkNation } from "./working-days";

/**
 * The one place dates are read from people and written for them. Everything a person reads is GOV.UK
 * style in UK time ("5 December 2026", "5 December 2026 at 4:28pm"), never an ISO date; everything a
 * person types arrives as day, month and year boxes (pages) or YYYY-MM-DD (the API) and is checked here.
 */

// ---- The UK day and wall clock ----

/** The partnership's clock: every nation of the UK keeps London's time. */
export const UK_TIME_ZONE = "Europe/London";

/**
 * A moment in UK time (a TZDate on Europe/London, from the platform's time zone data), so date-fns's
 * `format` prints UK time whatever the server's own time zone (containers usually run in UTC, an hour
 * behind in summer).
 */
const ukWallClock = (value: Date | string): Date => new TZDate(new Date(value).getTime(), UK_TIME_ZONE);

/** The day it was in the UK at a moment, as YYYY-MM-DD: rules judged on "the day" take this. */
export const ukDay = (value: Date | string) => format(ukWallClock(value), "yyyy-MM-dd");

/**
 * Today's date in the UK as YYYY-MM-DD: domain rules take dates, never the clock. Read in UK time, not
 * the server's, so between midnight and 1am in summer it is already tomorrow, as it is for the people.
 */
export const today = (now = new Date()) => ukDay(now);

// ---- Dates as people read them: "1 April 2026", never 2026-04-01 ----

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** "1 April 2026". Date-only values ("2026-04-01") are taken as they are; timestamps are read in UK time. */
export function ukDate(value: Date | string | null | undefined, empty = "Not stated"): string {
  if (!value) return empty;
  const date = typeof value === "string" && ISO_DATE.test(value) ? parseISO(value) : ukWallClock(value);
  return isValid(date) ? format(date, "d MMMM yyyy") : String(value);
}

/** "2:05pm", "12:00pm" (noon), "12:30am" (half past midnight), UK time. */
export function ukTime(value: Date | string): string {
  const date = ukWallClock(value);
  return isValid(date) ? format(date, "h:mmaaa") : String(value);
}

/** "1 April 2026 at 2:05pm", UK time. */
export function ukDateTime(value: Date | string): string {
  const date = ukWallClock(value);
  return isValid(date) ? `${format(date, "d MMMM yyyy")} at ${format(date, "h:mmaaa")}` : String(value);
}

const workingDays = (n: number) => `${n} working ${n === 1 ? "day" : "days"}`;

/**
 * How a due date stands today, in words: "due today", "due tomorrow", "due in 3 working days",
 * "2 working days overdue". Deadlines in the partnership are counted in working days on its nation's
 * bank holidays, so the distance is too: due on Monday, on Friday it is "due in 1 working day". A date
 * passed over a weekend only (due Friday, read on Sunday) is late without a working day lost: "overdue".
 */
export function dueIn(dueOn: string, todayIso: string, nation: UkNation): string {
  if (dueOn === todayIso) return "due today";
  const due = parseISO(dueOn);
  const now = parseISO(todayIso);
  if (format(addDays(now, 1), "yyyy-MM-dd") === dueOn) return "due tomorrow";
  const [from, to] = due > now ? [now, due] : [due, now];
  // Working days after the earlier day, up to and including the later one.
  const between = eachDayOfInterval({ start: addDays(from, 1), end: to }).filter((d) =>
    isWorkingDay(format(d, "yyyy-MM-dd"), nation),
  ).length;
  if (due > now) return `due in ${workingDays(between)}`;
  return between === 0 ? "overdue" : `${workingDays(between)} overdue`;
}

// ---- Dates as people type them ----

/**
 * The earliest date any input may name. ISO syntax alone allows year 0000, which PostgreSQL's `date`
 * refuses (a 500, not a field error); and nothing a partnership records is dated before 1900.
 */
const EARLIEST_DATE = "1900-01-01";

/**
 * A calendar date typed as YYYY-MM-DD (the API, and the boxes once joined by `isoFromParts`): real
 * (30 February is not) and on or after 1 January 1900. Every date input in the domain is one of these,
 * so no date can reach the database that it would refuse.
 */
export const dateInput = (what: string, example: string) =>
  z.iso
    .date({ error: `Enter a real ${what}, like ${example}` })
    .refine((d) => d >= EARLIEST_DATE, `The ${what} must be 1 January 1900 or later`);

/**
 * A `dateInput` that may not be after today in the UK. Features word the refusal their own way ("cannot
 * be in the future", "must be today or in the past"), which their tests and pages already show.
 */
export const pastDateInput = (what: string, example: string, futureMessage: string) =>
  dateInput(what, example).refine((d) => d <= today(), futureMessage);

/** What a person typed in a GOV.UK date input's three boxes, kept as typed so the page can show it again. */
export interface DateParts {
  day: string;
  month: string;
  year: string;
}

export const emptyDateParts = (): DateParts => ({ day: "", month: "", year: "" });

/** The boxes filled in from a stored date: "2026-03-07" → 7, 3, 2026. */
export function datePartsOf(iso: string | null | undefined): DateParts {
  if (!iso) return emptyDateParts();
  const [year = "", month = "", day = ""] = iso.split("-");
  return { day: String(Number(day)), month: String(Number(month)), year };
}

/**
 * The boxes named `<name>-day`, `-month` and `-year` from a form body or query string. Only strings
 * count (the first, if repeated): a JSON body posted at a form route cannot smuggle objects in.
 */
export function datePartsFrom(source: Record<string, unknown>, name: string): DateParts {
  const one = (part: string) => {
    const v = source[`${name}-${part}`];
    const first = Array.isArray(v) ? v[0] : v;
    return typeof first === "string" ? first.trim() : "";
  };
  return { day: one("day"), month: one("month"), year: one("year") };
}

const wellFormed = (p: DateParts) => /^\d{1,2}$/.test(p.day) && /^\d{1,2}$/.test(p.month) && /^\d{4}$/.test(p.year);

/**
 * "2026-03-07" from the boxes; "" when all are empty. Anything that is not a real date is passed on
 * as typed (e.g. "2026-13-40"), so `dateInput` rejects it with its own message.
 */
export function isoFromParts(p: DateParts | undefined): string {
  if (!p || (!p.day.trim() && !p.month.trim() && !p.year.trim())) return "";
  const [day, month, year] = [p.day.trim(), p.month.trim(), p.year.trim()];
  if (wellFormed({ day, month, year })) return `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
  return `${year}-${month}-${day}`;
}

/** Whether YYYY-MM-DD names a day on the calendar (date-fns checks the day against the month, leap years included). */
export const isRealDate = (iso: string) => ISO_DATE.test(iso) && isValid(parseISO(iso));

/**
 * "2026-04-01" from the boxes, for forms that check the date themselves rather than through `dateInput`;
 * null when all are empty. A date that is not real adds "<label> must be a real date, like 27 3 2026"
 * at `path`.
 */
export function dateFromParts(parts: DateParts, path: string, errors: FieldError[], label: string): string | null {
  const iso = isoFromParts(parts);
  if (!iso) return null;
  if (!isRealDate(iso)) {
    errors.push({ path, message: `${label} must be a real date, like 27 3 2026` });
    return null;
  }
  return iso;
}

/**
 * The moment a UK day begins (midnight in London), for filtering timestamps by the day people saw:
 * midnight is 00:00 UTC in winter and 23:00 UTC the day before in summer.
 */
export function ukDayStart(isoDate: string): Date {
  const summer = new Date(`${isoDate}T00:00:00Z`);
  summer.setUTCHours(-1);
  return ukDay(summer) === isoDate ? summer : new Date(`${isoDate}T00:00:00Z`);
}

/** The calendar day `days` after a YYYY-MM-DD day, as YYYY-MM-DD. */
export const addDaysIso = (isoDate: string, days: number) => format(addDays(parseISO(isoDate), days), "yyyy-MM-dd");

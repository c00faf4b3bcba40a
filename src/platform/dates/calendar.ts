import { format, parseISO } from "date-fns";
import { z } from "zod";

/** Today's date as YYYY-MM-DD, on the server's calendar: domain rules take dates, never the clock. */
export const today = (now = new Date()) => format(now, "yyyy-MM-dd");

/**
 * The earliest date any input may name. ISO syntax alone allows year 0000, which PostgreSQL's `date`
 * refuses (a 500, not a field error); and nothing a partnership records is dated before 1900.
 */
const EARLIEST_DATE = "1900-01-01";

/**
 * A calendar date typed as YYYY-MM-DD: real (30 February is not) and on or after 1 January 1900. Every
 * date input in the domain is one of these, so no date can reach the database that it would refuse.
 */
export const dateInput = (what: string, example: string) =>
  z.iso
    .date({ error: `Enter a real ${what}, like ${example}` })
    .refine((d) => d >= EARLIEST_DATE, `The ${what} must be 1 January 1900 or later`);

// ---- Dates as people read them: "1 April 2026", never 2026-04-01 ----

const londonParts = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** The wall-clock time in the UK of an ISO timestamp, as a Date whose local fields hold it. */
function ukWallClock(value: Date | string): Date {
  const parts = Object.fromEntries(londonParts.formatToParts(new Date(value)).map((p) => [p.type, p.value]));
  return new Date(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute));
}

/** "1 April 2026". Date-only values ("2026-04-01") are taken as they are; timestamps are read in UK time. */
export function ukDate(value: Date | string | null | undefined, empty = "Not stated"): string {
  if (!value) return empty;
  const date = typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? parseISO(value) : ukWallClock(value);
  return Number.isNaN(date.getTime()) ? String(value) : format(date, "d MMMM yyyy");
}

/** "1 April 2026 at 2:05pm", UK time. */
export function ukDateTime(value: Date | string): string {
  const date = ukWallClock(value);
  return Number.isNaN(date.getTime()) ? String(value) : `${format(date, "d MMMM yyyy")} at ${format(date, "h:mmaaa")}`;
}

/** The day it was in the UK at a moment, as YYYY-MM-DD: rules judged on "the day" take this. */
export const ukDay = (value: Date | string) => format(ukWallClock(value), "yyyy-MM-dd");

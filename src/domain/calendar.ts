import { format } from "date-fns";
import { z } from "zod";

/** Today's date as YYYY-MM-DD, on the server's calendar: domain rules take dates, never the clock. */
export const today = (now = new Date()) => format(now, "yyyy-MM-dd");

/**
 * The earliest date any input may name. ISO syntax alone allows year 0000, which PostgreSQL's `date`
 * refuses (a 500, not a field error); and nothing a partnership records is dated before 1900.
 */
export const EARLIEST_DATE = "1900-01-01";

/**
 * A calendar date typed as YYYY-MM-DD: real (30 February is not) and on or after 1 January 1900. Every
 * date input in the domain is one of these, so no date can reach the database that it would refuse.
 */
export const dateInput = (what: string, example: string) =>
  z.iso
    .date({ error: `Enter a real ${what}, like ${example}` })
    .refine((d) => d >= EARLIEST_DATE, `The ${what} must be 1 January 1900 or later`);

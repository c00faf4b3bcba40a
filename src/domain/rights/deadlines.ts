import { addDays, addMonths, format, parseISO } from "date-fns";
import { nextWorkingDay, type UkNation } from "../working-days";

/**
 * When a rights request is due (domain.md §6): one calendar month from receipt — the same date next
 * month, or that month's last day when the date does not exist there (31 January → 28 or 29
 * February) — moved to the next working day when it falls on a weekend or bank holiday (ICO
 * practice). The clock restarts from receipt of the identity or clarification asked for; an
 * extension allows up to two further months. A complaint is acknowledged within 30 days (DUAA 2025).
 */

const iso = (d: Date) => format(d, "yyyy-MM-dd");

/** `months` calendar months after `from`, clamped to the month's end. */
export function calendarMonthsAfter(from: string, months: number): string {
  return iso(addMonths(parseISO(from), months));
}

/** The due date for a request whose clock started on `clockStartedOn`. */
export function rightsDueDate(clockStartedOn: string, nation: UkNation): string {
  return nextWorkingDay(calendarMonthsAfter(clockStartedOn, 1), nation);
}

/** The latest an extended request may be due: two further months, three in all from the clock's start. */
export function extendedDueDate(clockStartedOn: string, nation: UkNation): string {
  return nextWorkingDay(calendarMonthsAfter(clockStartedOn, 3), nation);
}

/** A complaint must be acknowledged within 30 days of receipt. */
export function complaintAcknowledgeBy(receivedOn: string, nation: UkNation): string {
  return nextWorkingDay(iso(addDays(parseISO(receivedOn), 30)), nation);
}

/** "within the first month": an extension must be decided, and the requester told, by the original due date. */
export const withinFirstMonth = (date: string, originalDueOn: string) => date <= originalDueOn;

import { addDays, addMonths, differenceInCalendarDays, format, parseISO } from "date-fns";
import { ukDate } from "../../../platform/dates/calendar";
import { nextWorkingDay, type UkNation } from "../../../platform/dates/working-days";
import { isAnswered, RIGHTS_STATES, type RightsState } from "./vocabulary";

/**
 * When a rights request is due (docs/domain.md §6): one calendar month from receipt — the same date next
 * month, or that month's last day when the date does not exist there (31 January → 28 or 29
 * February) — moved to the next working day when it falls on a weekend or bank holiday (ICO
 * practice). Two different stops (ICO right of access guidance): while proof of identity is awaited
 * the clock has not started, and the month runs from the day it arrives; while clarification is
 * awaited the clock is paused, and the due date moves on by the days paused. An extension allows up
 * to two further months. A complaint is acknowledged within 30 days (DUAA 2025).
 */

const iso = (d: Date) => format(d, "yyyy-MM-dd");

/** `months` calendar months after `from`, clamped to the month's end. */
export function calendarMonthsAfter(from: string, months: number): string {
  return iso(addMonths(parseISO(from), months));
}

/**
 * `months` calendar months from the clock's start, moved on by the days it stood paused, then to the
 * next working day. The days are added to the month's own date, not to the working day it was shown
 * as: the working-day move is how a due date is read, not part of the period.
 */
function dueAfter(clockStartedOn: string, months: number, daysPaused: number, nation: UkNation): string {
  return nextWorkingDay(iso(addDays(parseISO(calendarMonthsAfter(clockStartedOn, months)), daysPaused)), nation);
}

/** The due date for a request whose clock started on `clockStartedOn` and has stood paused `daysPaused` days. */
export function rightsDueDate(clockStartedOn: string, nation: UkNation, daysPaused = 0): string {
  return dueAfter(clockStartedOn, 1, daysPaused, nation);
}

/** The latest an extended request may be due: two further months, three in all from the clock's start (plus any days paused). */
export function extendedDueDate(clockStartedOn: string, nation: UkNation, daysPaused = 0): string {
  return dueAfter(clockStartedOn, 3, daysPaused, nation);
}

/** A complaint must be acknowledged within 30 days of receipt. */
export function complaintAcknowledgeBy(receivedOn: string, nation: UkNation): string {
  return nextWorkingDay(iso(addDays(parseISO(receivedOn), 30)), nation);
}

/**
 * Why an extension decided on `decidedOn`, the requester told on `toldOn`, cannot stand, or null. Both
 * must be within the first month (by the original due date); and the requester cannot have been told
 * before the request was received.
 */
export function extensionProblem(request: { receivedOn: string; dueOn: string }, decidedOn: string, toldOn: string): string | null {
  if (toldOn < request.receivedOn)
    return `The requester cannot have been told before the request was received (${ukDate(request.receivedOn)})`;
  if (decidedOn > request.dueOn || toldOn > request.dueOn)
    return `An extension must be made, and the requester told, within the first month (by ${ukDate(request.dueOn)})`;
  return null;
}

export type WaitingFor = "identity" | "clarification";

/** What a request in this state is waiting for, stopping its clock; null when the clock is not stopped. */
export function waitingFor(state: RightsState): WaitingFor | null {
  if (state === "AWAITING_IDENTITY") return "identity";
  if (state === "AWAITING_CLARIFICATION") return "clarification";
  return null;
}

/** States in which the clock has not started: the month runs from the day proof of identity arrives. */
export const CLOCK_NOT_STARTED: readonly RightsState[] = RIGHTS_STATES.filter((s) => waitingFor(s) === "identity");

/**
 * The due date as it stands, or null while the clock has not started: the date stored then is only
 * what it would be had the clock started on receipt, and showing it would say the month is running.
 */
export const currentDueOn = (request: { state: RightsState; dueOn: string }): string | null =>
  CLOCK_NOT_STARTED.includes(request.state) ? null : request.dueOn;

/** A stopped clock, as stored. */
export interface StoppedClock {
  waitingFor: WaitingFor;
  clockStartedOn: string;
  daysPaused: number;
  /** The day the clock was stopped to wait. */
  pausedSince: string;
  extended: boolean;
}

/**
 * The clock once what was waited for arrives on `arrivedOn`. Proof of identity starts it: the month
 * runs from that day and nothing before counts. Clarification resumes it: the days it stood paused
 * are added to those already paused, and the due date moves on by them.
 */
export function resumeClock(
  clock: StoppedClock,
  arrivedOn: string,
  nation: UkNation,
): { clockStartedOn: string; daysPaused: number; dueOn: string } {
  if (clock.waitingFor === "identity") return { clockStartedOn: arrivedOn, daysPaused: 0, dueOn: rightsDueDate(arrivedOn, nation) };
  const daysPaused = clock.daysPaused + differenceInCalendarDays(parseISO(arrivedOn), parseISO(clock.pausedSince));
  const due = clock.extended ? extendedDueDate : rightsDueDate;
  return { clockStartedOn: clock.clockStartedOn, daysPaused, dueOn: due(clock.clockStartedOn, nation, daysPaused) };
}

/**
 * Why `arrivedOn` cannot be the day what was waited for arrived, or null. It cannot precede the
 * request, nor the day the clock was stopped to wait for it: either would give a due date earlier than
 * the law allows. (A day in the future is refused by the input itself.)
 */
export function arrivalProblem(request: { receivedOn: string; pausedSince: string | null }, arrivedOn: string): string | null {
  if (arrivedOn < request.receivedOn) return `It cannot have arrived before the request was received (${ukDate(request.receivedOn)})`;
  if (request.pausedSince && arrivedOn < request.pausedSince)
    return `It cannot have arrived before the clock was stopped to wait for it (${ukDate(request.pausedSince)})`;
  return null;
}

export interface RightsClockStatus {
  /** What the stopped clock waits for: identity (not started yet) or clarification (paused). */
  waitingFor: WaitingFor | null;
  paused: boolean;
  /** Past its due date, open, and not stopped. */
  overdue: boolean;
  /** A complaint not acknowledged within its 30 days. */
  acknowledgementOverdue: boolean;
}

/**
 * Where the request stands against its clock on `today`: the one rule the dashboard, the request
 * page and the API all show. Due today is not yet late; a stopped clock cannot run late.
 */
export function rightsClockStatus(
  request: { state: RightsState; dueOn: string; acknowledgeBy: string | null; acknowledgedOn: string | null },
  today: string,
): RightsClockStatus {
  const waiting = waitingFor(request.state);
  return {
    waitingFor: waiting,
    paused: waiting !== null,
    overdue: waiting === null && !isAnswered(request.state) && request.dueOn < today,
    acknowledgementOverdue: !!request.acknowledgeBy && !request.acknowledgedOn && request.acknowledgeBy < today,
  };
}

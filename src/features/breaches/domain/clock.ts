import type { BreachRisk } from "./vocabulary";

/**
 * The breach clock (UK GDPR Art 33(1), `BR-72H`): from the moment of awareness (T0, not the incident),
 * a breach that is a risk to people is reported to the ICO within 72 hours. The hours are elapsed
 * time, so a change of the clocks in between moves neither the deadline nor the reminder.
 */
const ICO_WINDOW_HOURS = 72;
const HOUR = 3_600_000;
const WINDOW = ICO_WINDOW_HOURS * HOUR;
/** The reminder comes when 80 % of the window has gone (57 hours 36 minutes after T0). */
const REMINDER_SHARE = 0.8;

/** When the ICO report is due: T0 + 72 hours. */
export const icoDueAt = (awareAt: Date): Date => new Date(awareAt.getTime() + WINDOW);

/** When the IG lead is reminded: 80 % of the way to the deadline. */
export const icoReminderAt = (awareAt: Date): Date => new Date(awareAt.getTime() + WINDOW * REMINDER_SHARE);

/** A report made after T0 + 72 hours is late, and needs its reasons for the delay; one made exactly then is on time. */
export const reportIsLate = (awareAt: Date, reportedAt: Date): boolean => reportedAt.getTime() > icoDueAt(awareAt).getTime();

/** What the clock needs of a breach: T0, its assessed risk (null until assessed), and when its first ICO report was made. */
export interface ClockFacts {
  awareAt: Date;
  risk: BreachRisk | null;
  initialReportAt: Date | null;
}

export type ClockState =
  /** Assessed as no risk and not reported: no report is needed (the reasons are on the register, `BR-RECORD`). */
  | { state: "NOT_NEEDED" }
  /** Running: due at `dueAt`; `reminder` once 80 % of the window has gone. */
  | { state: "DUE"; dueAt: Date; reminderAt: Date; minutesLeft: number; reminder: boolean }
  /** Past T0 + 72 hours and not reported. */
  | { state: "OVERDUE"; dueAt: Date; minutesOver: number }
  /** Reported, on time or late. */
  | { state: "REPORTED"; dueAt: Date; reportedAt: Date; late: boolean };

/**
 * Where a breach's clock stands at `now`. A breach not yet assessed is treated as a risk, so the
 * clock runs from T0 until someone decides otherwise; a report made anyway is shown as made.
 */
export function clockState(breach: ClockFacts, now: Date): ClockState {
  const dueAt = icoDueAt(breach.awareAt);
  if (breach.initialReportAt)
    return { state: "REPORTED", dueAt, reportedAt: breach.initialReportAt, late: reportIsLate(breach.awareAt, breach.initialReportAt) };
  if (breach.risk === "NO_RISK") return { state: "NOT_NEEDED" };
  const left = dueAt.getTime() - now.getTime();
  if (left < 0) return { state: "OVERDUE", dueAt, minutesOver: Math.floor(-left / 60_000) };
  const reminderAt = icoReminderAt(breach.awareAt);
  return { state: "DUE", dueAt, reminderAt, minutesLeft: Math.floor(left / 60_000), reminder: now.getTime() >= reminderAt.getTime() };
}

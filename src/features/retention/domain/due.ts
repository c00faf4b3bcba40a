import { addMonths, endOfMonth, format, parseISO, subMonths } from "date-fns";
import type { RetentionRule } from "./schedule";

const iso = (d: Date) => format(d, "yyyy-MM-dd");

/** The day a file's retention period ends: its trigger date plus the rule's period. */
export const dueOn = (triggerDate: string, periodMonths: number): string => iso(addMonths(parseISO(triggerDate), periodMonths));

/** The last day of the month a review queue covers: files due by then are in it (overdue ones too). */
export const queueEndsOn = (today: string): string => iso(endOfMonth(parseISO(today)));

/**
 * The latest trigger date whose file is due by `endsOn` (a month's last day) under this rule: what the
 * queue's query compares with, so an index on the trigger date serves it. The end of the month the
 * period back, so that 29 February + 25 years (28 February) falls in February's queue.
 */
export const latestTriggerDueBy = (rule: Pick<RetentionRule, "periodMonths">, endsOn: string): string =>
  iso(endOfMonth(subMonths(parseISO(endsOn), rule.periodMonths)));

import { message } from "../../../platform/messages";
import type { ClockState } from "./clock";
import { BREACHES_MESSAGES } from "./messages";

const words = BREACHES_MESSAGES.en;

/** A length of time in words, to the minute, in its two largest units: "2 days 3 hours", "45 minutes". */
export function durationWords(minutes: number): string {
  if (minutes < 1) return words.duration.lessThanAMinute;
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const parts = [
    days ? message(words, "duration.days", { count: days }) : null,
    hours ? message(words, "duration.hours", { count: hours }) : null,
    !days && mins ? message(words, "duration.minutes", { count: mins }) : null,
  ].filter((p): p is string => p !== null);
  return parts.join(" ");
}

/** The clock as the register, the breach's page and the API say it. */
export function clockText(clock: ClockState): string {
  switch (clock.state) {
    case "NOT_NEEDED":
      return words.clock.notNeeded;
    case "DUE":
      return message(words, clock.reminder ? "clock.dueReminder" : "clock.due", { left: durationWords(clock.minutesLeft) });
    case "OVERDUE":
      return message(words, "clock.overdue", { over: durationWords(clock.minutesOver) });
    case "REPORTED":
      return clock.late ? words.clock.reportedLate : words.clock.reportedOnTime;
  }
}

/** The countdown on "Your work": "1 day 7 hours left to report to the ICO", "Overdue by 5 hours"; nothing once the clock has stopped. */
export function countdownText(clock: ClockState): string | undefined {
  if (clock.state === "DUE") return message(words, "countdown.left", { left: durationWords(clock.minutesLeft) });
  if (clock.state === "OVERDUE") return message(words, "countdown.over", { over: durationWords(clock.minutesOver) });
  return undefined;
}

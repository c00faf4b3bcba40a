import { TZDate } from "@date-fns/tz";
import { format, isValid } from "date-fns";
import { UK_TIME_ZONE, ukDay, ukTime } from "./calendar";

/**
 * A moment people type as a UK date and a time of day ("7 3 2026" and "2:15pm"), turned into the instant
 * the services take, by the platform's time zone data for Europe/London (@date-fns/tz).
 */

/**
 * The instant it was `time` ("HH:mm", 24-hour) on the UK day `isoDate`, or null when that time did not
 * happen (the hour the clocks go forward: the time zone moves it on an hour, so printed back it differs).
 * In the hour the clocks go back, which happens twice, the first.
 */
export function ukInstant(isoDate: string, time: string): Date | null {
  const [year, month, day] = isoDate.split("-").map(Number);
  const [hours, minutes] = time.split(":").map(Number);
  const at = new TZDate(year!, month! - 1, day!, hours!, minutes!, UK_TIME_ZONE);
  const wanted = `${isoDate}T${time}`;
  const shows = (ms: number) => format(new TZDate(ms, UK_TIME_ZONE), "yyyy-MM-dd'T'HH:mm") === wanted;
  if (!isValid(at) || !shows(at.getTime())) return null;
  // The earlier of the two when the clocks go back: a breach's 72 hours then never start late.
  const hourBefore = at.getTime() - 3_600_000;
  return new Date(shows(hourBefore) ? hourBefore : at.getTime());
}

/**
 * A time of day as people type it, as "HH:mm" (24-hour), or null when it is not one: "9:30am", "9.30 am",
 * "2pm", "14:30", "1430", "12am" (midnight), "12:15pm" (a quarter past noon), "noon", "midnight".
 */
export function timeOfDay(typed: string): string | null {
  const t = typed.trim().toLowerCase().replace(/\s+/g, "");
  if (t === "midday" || t === "noon") return "12:00";
  if (t === "midnight") return "00:00";
  const m = /^(\d{1,2})(?:[:.]?(\d{2}))?(am|pm)?$/.exec(t);
  if (!m) return null;
  let hours = Number(m[1]);
  const minutes = m[2] === undefined ? 0 : Number(m[2]);
  const half = m[3];
  if (minutes > 59) return null;
  if (half) {
    if (hours < 1 || hours > 12) return null;
    hours = (hours % 12) + (half === "pm" ? 12 : 0);
  } else if (hours > 23) return null;
  return `${String(hours).padStart(2, "0")}:${String(minutes).padStart(2, "0")}`;
}

/** A moment as the boxes and time field show it again, in UK time: the day as YYYY-MM-DD and the time as "2:15pm". */
export function ukDayAndTime(value: Date): { day: string; time: string } {
  return { day: ukDay(value), time: ukTime(value) };
}

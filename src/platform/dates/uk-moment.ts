import { ukDay, ukTime } from "./calendar";

/**
 * A moment people type as a UK date and a time of day ("7 3 2026" and "2:15pm"), turned into the instant
 * the services take. The UK's offset on that day comes from the platform's time zone data (Intl,
 * Europe/London), never from rules written here: the offset is read at the wall-clock time and the result
 * checked by printing it back in UK time.
 */

const london = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** The wall-clock time in the UK at `ms`, as "YYYY-MM-DDTHH:mm". */
function wallClock(ms: number): string {
  const p = Object.fromEntries(london.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** How far UK time is ahead of UTC at `ms`, in milliseconds. */
const offsetAt = (ms: number) => Date.parse(`${wallClock(ms)}:00Z`) - Math.floor(ms / 60_000) * 60_000;

/**
 * The instant it was `time` ("HH:mm", 24-hour) on the UK day `isoDate`, or null when that time did not
 * happen (the hour the clocks go forward). In the hour the clocks go back, which happens twice, the first.
 */
export function ukInstant(isoDate: string, time: string): Date | null {
  const wanted = `${isoDate}T${time}`;
  const asUtc = Date.parse(`${wanted}:00Z`);
  if (Number.isNaN(asUtc)) return null;
  const offsets = [...new Set([offsetAt(asUtc - 12 * 3_600_000), offsetAt(asUtc + 12 * 3_600_000)])].sort((a, b) => b - a);
  for (const offset of offsets) {
    const ms = asUtc - offset;
    if (wallClock(ms) === wanted) return new Date(ms);
  }
  return null;
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

import { addDays, format, isWeekend, parseISO } from "date-fns";
import Holidays from "date-holidays";

/**
 * UK working days: not a weekend, not a bank holiday in the partnership's nation. Bank holidays
 * differ by nation (docs/domain.md §6), so the partnership chooses which applies. The dates come from
 * the `date-holidays` package's shipped data (rules plus one-off days such as a state funeral),
 * never fetched at run time.
 */
export const UK_NATIONS = ["england-and-wales", "scotland", "northern-ireland"] as const;
export type UkNation = (typeof UK_NATIONS)[number];
const REGION: Record<UkNation, string> = { "england-and-wales": "ENG", scotland: "SCT", "northern-ireland": "NIR" };

const byNation = new Map<UkNation, Map<number, ReadonlySet<string>>>();

/** The nation's bank holidays in a year, as YYYY-MM-DD (substitute days included). Computed once per nation and year. */
export function bankHolidays(nation: UkNation, year: number): ReadonlySet<string> {
  let years = byNation.get(nation);
  if (!years) {
    years = new Map();
    byNation.set(nation, years);
  }
  let days = years.get(year);
  if (!days) {
    const calendar = new Holidays("GB", REGION[nation]);
    days = new Set(
      (calendar.getHolidays(year) || []).filter((h) => h.type === "public" || h.type === "bank").map((h) => h.date.slice(0, 10)),
    );
    years.set(year, days);
  }
  return days;
}

export function isWorkingDay(isoDate: string, nation: UkNation): boolean {
  const date = parseISO(isoDate);
  return !isWeekend(date) && !bankHolidays(nation, date.getFullYear()).has(isoDate);
}

/** The date `days` working days after `isoDate` (the day itself does not count, whether or not it is a working day). */
export function addWorkingDays(isoDate: string, days: number, nation: UkNation): string {
  let date = parseISO(isoDate);
  for (let left = days; left > 0; ) {
    date = addDays(date, 1);
    if (isWorkingDay(format(date, "yyyy-MM-dd"), nation)) left--;
  }
  return format(date, "yyyy-MM-dd");
}

/** The same day if it is a working day, otherwise the next one (a due date falling on a weekend or bank holiday moves). */
export function nextWorkingDay(isoDate: string, nation: UkNation): string {
  let date = isoDate;
  while (!isWorkingDay(date, nation)) date = format(addDays(parseISO(date), 1), "yyyy-MM-dd");
  return date;
}

import { isWorkingDay, type WorkCalendar } from "@/lib/calendar/working-days";

// Working time in China Standard Time (UTC+8, no daylight saving): how long something has
// waited in office hours, for review inbox ages. Working days come from the holiday calendar
// (法定节假日 skipped, 调休上班日 counted); callers load it with lib/calendar/load.ts.

const CST_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
/** Office periods as minutes after midnight: 09:00–12:00 and 13:30–17:30. */
export const OFFICE_PERIODS: readonly (readonly [number, number])[] = [
  [9 * 60, 12 * 60],
  [13 * 60 + 30, 17 * 60 + 30],
];

/** Office hours between two instants, to one decimal. */
export function workingHoursBetween(from: Date, to: Date, calendar: WorkCalendar): number {
  if (to <= from) return 0;
  const start = from.getTime() + CST_OFFSET_MS;
  const end = to.getTime() + CST_OFFSET_MS;
  let minutes = 0;
  for (let day = Math.floor(start / DAY_MS) * DAY_MS; day < end; day += DAY_MS) {
    if (!isWorkingDay(calendar, new Date(day).toISOString().slice(0, 10))) continue;
    for (const [open, close] of OFFICE_PERIODS) {
      const periodStart = Math.max(start, day + open * 60_000);
      const periodEnd = Math.min(end, day + close * 60_000);
      if (periodEnd > periodStart) minutes += (periodEnd - periodStart) / 60_000;
    }
  }
  return Math.round(minutes / 6) / 10;
}

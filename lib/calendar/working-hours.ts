import { addCalendarDays, isWorkingDay, type WorkCalendar } from "@/lib/calendar/working-days";
import { chinaDayStart, chinaToday } from "@/lib/time/china";

// Working time in China Standard Time (UTC+8, no daylight saving): how long something has
// waited in office hours, for review inbox ages. Working days come from the holiday calendar
// (法定节假日 skipped, 调休上班日 counted); callers load it with lib/calendar/load.ts.

/** Office periods as minutes after midnight: 09:00–12:00 and 13:30–17:30. */
export const OFFICE_PERIODS: readonly (readonly [number, number])[] = [
  [9 * 60, 12 * 60],
  [13 * 60 + 30, 17 * 60 + 30],
];

/** Office hours between two instants, to one decimal. */
export function workingHoursBetween(from: Date, to: Date, calendar: WorkCalendar): number {
  if (to <= from) return 0;
  const start = from.getTime();
  const end = to.getTime();
  const last = chinaToday(to);
  let minutes = 0;
  for (let day = chinaToday(from); day <= last; day = addCalendarDays(day, 1)) {
    if (!isWorkingDay(calendar, day)) continue;
    const midnight = chinaDayStart(day).getTime();
    for (const [open, close] of OFFICE_PERIODS) {
      const periodStart = Math.max(start, midnight + open * 60_000);
      const periodEnd = Math.min(end, midnight + close * 60_000);
      if (periodEnd > periodStart) minutes += (periodEnd - periodStart) / 60_000;
    }
  }
  return Math.round(minutes / 6) / 10;
}

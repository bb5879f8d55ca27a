import { addCalendarDays, isWorkingDay, type WorkCalendar } from "@/lib/calendar/working-days";
import { chinaDayStart, chinaToday } from "@/lib/time/china";

// Months of 稿件统计 and 报送任务, in China time: a period is a run of whole calendar months
// ("2026-01" to "2026-12"), and a figure belongs to the month its event happened in, read on the
// China calendar. Pure.

export const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
/** Longest period one statistics page covers: three years of months. */
export const MAX_MONTHS = 36;

export function isMonth(value: string): boolean {
  return MONTH.test(value);
}

/** "2026-12" of an instant, in China time. */
export function chinaMonth(now: Date = new Date()): string {
  return chinaToday(now).slice(0, 7);
}

/** The month `n` months after `month` (negative: before). */
export function addMonths(month: string, n: number): string {
  const [year, mon] = month.split("-").map(Number) as [number, number];
  const index = year * 12 + (mon - 1) + n;
  return `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** Every month from `from` to `to`, both included (empty when `to` is before `from`). */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  for (let month = from; month <= to && months.length <= MAX_MONTHS * 4; month = addMonths(month, 1))
    months.push(month);
  return months;
}

/** The first calendar day of a month ("2026-12-01"). */
export function firstDayOf(month: string): string {
  return `${month}-01`;
}

/** The last calendar day of a month ("2026-02-28"). */
export function lastDayOf(month: string): string {
  return addCalendarDays(firstDayOf(addMonths(month, 1)), -1);
}

/** The instants [start, end) of the months `from`…`to` in China time. */
export function periodBounds(from: string, to: string): { start: Date; end: Date } {
  return { start: chinaDayStart(firstDayOf(from)), end: chinaDayStart(firstDayOf(addMonths(to, 1))) };
}

/** The working days of a month left from `day` on (the day itself included). */
export function workingDaysLeft(calendar: WorkCalendar, day: string): number {
  const last = lastDayOf(day.slice(0, 7));
  let count = 0;
  for (let current = day; current <= last; current = addCalendarDays(current, 1))
    if (isWorkingDay(calendar, current)) count += 1;
  return count;
}

/** 月末最后一周: the reminders of 报送任务 go out in the month's last five working days. */
export const REMINDER_WORKING_DAYS = 5;

/** Whether `day` is in the last week of its month: on or after the fifth working day from its end (holidays skipped). */
export function isLastWeekOfMonth(calendar: WorkCalendar, day: string): boolean {
  return day >= lastWeekStart(calendar, day.slice(0, 7));
}

/** The first day of the month's last week (its fifth working day from the end), for the page's note. */
export function lastWeekStart(calendar: WorkCalendar, month: string): string {
  let day = lastDayOf(month);
  let seen = 0;
  for (let current = day; current >= firstDayOf(month); current = addCalendarDays(current, -1)) {
    if (!isWorkingDay(calendar, current)) continue;
    seen += 1;
    day = current;
    if (seen === REMINDER_WORKING_DAYS) break;
  }
  return day;
}

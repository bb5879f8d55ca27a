// Working days in China (DESIGN invariant 7: deadlines run in working days). Monday–Friday are
// working days and Saturday/Sunday are not, except where the State Council's yearly schedule
// (国务院办公厅关于部分节假日安排的通知) says otherwise: a HOLIDAY is a day off (法定节假日),
// a WORKDAY a weekend day worked (调休上班). Days are China-local calendar days (Asia/Shanghai,
// UTC+8, no daylight saving; lib/time/china.ts) written "YYYY-MM-DD". Everything here is pure;
// lib/calendar/load.ts builds the calendar from the CalendarDay rows.
import { chinaToday, formatChineseDay } from "@/lib/time/china";

export type DayKind = "HOLIDAY" | "WORKDAY";
export type CalendarException = { kind: DayKind; name: string };
export type WorkCalendar = { readonly exceptions: ReadonlyMap<string, CalendarException> };

const DAY_MS = 86_400_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The calendar from exception rows (CalendarDay: a @db.Date column reads as UTC midnight). */
export function buildCalendar(rows: Iterable<{ date: Date | string; kind: DayKind; name: string }>): WorkCalendar {
  const exceptions = new Map<string, CalendarException>();
  for (const row of rows)
    exceptions.set(typeof row.date === "string" ? row.date : row.date.toISOString().slice(0, 10), {
      kind: row.kind,
      name: row.name,
    });
  return { exceptions };
}

/** Monday–Friday only: for tests and for callers that explicitly want no holidays. */
export const WEEKDAYS_ONLY: WorkCalendar = buildCalendar([]);

/** True for a real calendar day written YYYY-MM-DD (2026-02-30 is not). */
export function isIsoDay(value: string): boolean {
  const match = ISO_DAY.exec(value);
  if (!match) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

function dayIndex(day: string): number {
  if (!isIsoDay(day)) throw new RangeError(`not a calendar day: ${day}`);
  return Date.parse(`${day}T00:00:00Z`) / DAY_MS;
}

function dayOf(index: number): string {
  return new Date(index * DAY_MS).toISOString().slice(0, 10);
}

/** The China-local calendar day of an instant. */
export function chinaDay(instant: Date): string {
  return chinaToday(instant);
}

/** The day `n` calendar days after `day` (negative: before). */
export function addCalendarDays(day: string, n: number): string {
  return dayOf(dayIndex(day) + n);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: string): number {
  return new Date(dayIndex(day) * DAY_MS).getUTCDay();
}

export function isWeekend(day: string): boolean {
  const weekday = weekdayOf(day);
  return weekday === 0 || weekday === 6;
}

export function isWorkingDay(calendar: WorkCalendar, day: string): boolean {
  const exception = calendar.exceptions.get(day);
  if (exception) return exception.kind === "WORKDAY";
  return !isWeekend(day);
}

/**
 * The date `n` working days after `from` (`from` itself is not counted, as 期间开始之日不计算在内);
 * n = 0 gives `from`, a negative n counts backwards.
 */
export function addWorkingDays(calendar: WorkCalendar, from: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError("n must be an integer");
  let index = dayIndex(from);
  const step = n < 0 ? -1 : 1;
  let remaining = Math.abs(n);
  // More than a year of consecutive days off would mean a broken calendar, not a long holiday.
  let guard = 0;
  while (remaining > 0) {
    index += step;
    if (isWorkingDay(calendar, dayOf(index))) {
      remaining -= 1;
      guard = 0;
    } else if (++guard > 366) {
      throw new RangeError("no working day within a year");
    }
  }
  return dayOf(index);
}

/**
 * Working days after `a` up to and including `b`; when b is before a, minus the working days from
 * b up to but excluding a. So workingDaysBetween(a, addWorkingDays(a, n)) === n for every n.
 */
export function workingDaysBetween(calendar: WorkCalendar, a: string, b: string): number {
  const start = dayIndex(a);
  const end = dayIndex(b);
  let count = 0;
  if (end >= start) {
    for (let index = start + 1; index <= end; index += 1) if (isWorkingDay(calendar, dayOf(index))) count += 1;
    return count;
  }
  for (let index = end; index < start; index += 1) if (isWorkingDay(calendar, dayOf(index))) count += 1;
  return -count;
}

const WEEKDAY_NAMES = ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"];

export function weekdayName(day: string): string {
  return WEEKDAY_NAMES[weekdayOf(day)]!;
}

/** "2026-10-19" → "2026年10月19日". */
export const chineseDay = formatChineseDay;

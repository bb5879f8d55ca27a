import {
  addCalendarDays,
  addWorkingDays,
  chinaDay,
  isWorkingDay,
  type WorkCalendar,
} from "@/lib/calendar/working-days";
import { chinaDayEnd } from "@/lib/time/china";

// Due dates of a letter, each with how it was computed (DESIGN invariant 11): the day counting
// starts from, how many working days were counted, and every day skipped on the way (法定节假日 by
// name, weekends) — a 调休上班日 on a weekend counts as a working day. The day of receipt itself is
// not counted (期间开始之日不计算在内); the due date is the end of the last counted day, China time.

export type SkippedDay = { date: string; reason: string };
export type DueDerivation = {
  /** The China calendar day counting starts after. */
  start: string;
  workingDays?: number;
  /** Of workingDays, those added by approved extensions (延期). */
  extendedDays?: number;
  hours?: number;
  /** The China calendar day the period ends on. */
  due: string;
  skipped: SkippedDay[];
  /** Weekend days counted because they are 调休上班日. */
  workedWeekendDays: string[];
};

function describeDays(calendar: WorkCalendar, start: string, due: string) {
  const skipped: SkippedDay[] = [];
  const workedWeekendDays: string[] = [];
  for (let day = addCalendarDays(start, 1); day <= due; day = addCalendarDays(day, 1)) {
    const exception = calendar.exceptions.get(day);
    if (!isWorkingDay(calendar, day)) skipped.push({ date: day, reason: exception?.name ?? "周末" });
    else if (exception?.kind === "WORKDAY") workedWeekendDays.push(day);
  }
  return { skipped, workedWeekendDays };
}

/** Due at the end of the `workingDays`-th working day after the China day of `from`. */
export function dueAfterWorkingDays(
  calendar: WorkCalendar,
  from: Date,
  workingDays: number,
): { dueAt: Date; derivation: DueDerivation } {
  return dueAfterDay(calendar, chinaDay(from), workingDays);
}

/**
 * Due at the end of the `workingDays`-th working day after the China day `start`, of which
 * `extendedDays` came from approved extensions: what a recomputation starts from.
 */
export function dueAfterDay(
  calendar: WorkCalendar,
  start: string,
  workingDays: number,
  extendedDays = 0,
): { dueAt: Date; derivation: DueDerivation } {
  const due = addWorkingDays(calendar, start, workingDays);
  return {
    // The last millisecond of the due day: shown as "… 23:59", overdue from the next midnight.
    dueAt: new Date(chinaDayEnd(due).getTime() - 1),
    derivation: {
      start,
      workingDays,
      ...(extendedDays ? { extendedDays } : {}),
      due,
      ...describeDays(calendar, start, due),
    },
  };
}

/** The same due date counted again on `calendar` (a holiday added or removed); null for hour clocks. */
export function recount(
  calendar: WorkCalendar,
  derivation: DueDerivation | undefined,
): { dueAt: Date; derivation: DueDerivation } | null {
  if (!derivation || derivation.hours || derivation.workingDays === undefined) return null;
  return dueAfterDay(calendar, derivation.start, derivation.workingDays, derivation.extendedDays ?? 0);
}

/** Due `hours` clock hours after `from` (网站纠错: 48 hours, holidays included). */
export function dueAfterHours(from: Date, hours: number): { dueAt: Date; derivation: DueDerivation } {
  const dueAt = new Date(from.getTime() + hours * 3_600_000);
  return {
    dueAt,
    derivation: { start: chinaDay(from), hours, due: chinaDay(dueAt), skipped: [], workedWeekendDays: [] },
  };
}

/**
 * The reply clock a message type runs from `from`: its clock hours (网站纠错), else its working
 * days; null when the type sets neither. Used for the 重办 round, which runs the type's full period
 * again from the writer's request.
 */
export function replyClockFrom(
  calendar: WorkCalendar,
  type: { replyWorkingDays: number | null; replyHours: number | null },
  from: Date,
): { dueAt: Date; derivation: DueDerivation } | null {
  if (type.replyHours) return dueAfterHours(from, type.replyHours);
  return type.replyWorkingDays === null ? null : dueAfterWorkingDays(calendar, from, type.replyWorkingDays);
}

import type { Db, Tx } from "@/lib/db/client";
import { buildCalendar, type WorkCalendar } from "@/lib/calendar/working-days";

// The working-day calendar from the CalendarDay rows, cached briefly: it changes a few times a
// year, and deadlines are read on every inbox and registry page. A change made in this process
// clears the cache at once; other processes (the jobs worker) see it within the cache's lifetime.

const TTL_MS = 60_000;
let cached: { calendar: WorkCalendar; at: number } | null = null;

export async function loadCalendar(db: Db | Tx, now = Date.now()): Promise<WorkCalendar> {
  if (cached && now - cached.at < TTL_MS) return cached.calendar;
  const rows = await db.calendarDay.findMany({ select: { date: true, kind: true, name: true } });
  const calendar = buildCalendar(rows);
  cached = { calendar, at: now };
  return calendar;
}

export function invalidateCalendarCache(): void {
  cached = null;
}

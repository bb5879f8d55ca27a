import { addWorkingDays, chinaDay, type WorkCalendar } from "@/lib/calendar/working-days";
import { chinaDayStart } from "@/lib/time/china";

// The 转载 clock (seed 003, 《关于加强政府网站信息内容建设的意见》: 重要政策信息发布后力争1小时内
// 转载，最晚不超过1个工作日): due one hour after the upstream publication, at the latest the same
// time of day one working day later (DESIGN invariant 7: working days from the calendar). Pure.

export const HOUR_MS = 3_600_000;
/** A feed's time more than this far in the future is a wrong clock or a typo, not a publication. */
const FUTURE_TOLERANCE_MS = 10 * 60_000;
/** …and one before this is not a date anyone meant (an epoch default, a two-digit year). */
const EARLIEST_PLAUSIBLE = Date.UTC(2000, 0, 1);

export type ClockStart = { at: Date; from: "published" | "fetched" };

/** When the clock starts: the feed's publication time when plausible, else when it was fetched. */
export function clockStart(publishedAt: Date | null, fetchedAt: Date): ClockStart {
  if (
    publishedAt &&
    publishedAt.getTime() >= EARLIEST_PLAUSIBLE &&
    publishedAt.getTime() <= fetchedAt.getTime() + FUTURE_TOLERANCE_MS
  ) {
    return { at: publishedAt.getTime() > fetchedAt.getTime() ? fetchedAt : publishedAt, from: "published" };
  }
  return { at: fetchedAt, from: "fetched" };
}

/** The feed's time if plausible (stored as the original date), else null. */
export function plausiblePublishedAt(publishedAt: Date | null, fetchedAt: Date): Date | null {
  return clockStart(publishedAt, fetchedAt).from === "published" ? publishedAt : null;
}

export type ReprintClock = { dueAt: Date; deadlineAt: Date };

export function reprintClock(start: Date, calendar: WorkCalendar): ReprintClock {
  const day = chinaDay(start);
  const next = addWorkingDays(calendar, day, 1);
  const offset = start.getTime() - chinaDayStart(day).getTime();
  return { dueAt: new Date(start.getTime() + HOUR_MS), deadlineAt: new Date(chinaDayStart(next).getTime() + offset) };
}

export type ClockStatus = "WAITING" | "PAST_HOUR" | "PAST_DEADLINE";

/** Where a pending item stands at `now`. */
export function clockStatus(clock: ReprintClock, now: Date): ClockStatus {
  if (now.getTime() > clock.deadlineAt.getTime()) return "PAST_DEADLINE";
  if (now.getTime() > clock.dueAt.getTime()) return "PAST_HOUR";
  return "WAITING";
}

/** How a taken item did: within the hour, within the working day, or later. */
export function takenStatus(clock: ReprintClock, at: Date): "ON_TIME" | "LATE" | "PAST_DEADLINE" {
  if (at.getTime() <= clock.dueAt.getTime()) return "ON_TIME";
  if (at.getTime() <= clock.deadlineAt.getTime()) return "LATE";
  return "PAST_DEADLINE";
}

/** "还剩 35 分钟", "已超时 2 小时 5 分钟", "已超时 1 天 3 小时". */
export function describeRemaining(dueAt: Date, now: Date): string {
  const diff = dueAt.getTime() - now.getTime();
  const minutes = Math.floor(Math.abs(diff) / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  const span = [days ? `${days} 天` : "", hours ? `${hours} 小时` : "", rest || (!days && !hours) ? `${rest} 分钟` : ""]
    .filter(Boolean)
    .join(" ");
  return diff >= 0 ? `还剩 ${span}` : `已超时 ${span}`;
}

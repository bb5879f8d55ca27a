// China time (China Standard Time, UTC+8, no daylight saving since 1991), owned here and nowhere
// else: today's date, parsing what people type, and formatting what pages show. Everything is
// arithmetic on the instant plus a fixed offset, so the server's own time zone (TZ) never enters.
// Government pages show times as YYYY-MM-DD HH:MM, the form national monitoring reads (PubDate).

export const CHINA_TIME_ZONE = "Asia/Shanghai";
const CHINA_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

const pad = (value: number, width = 2) => String(value).padStart(width, "0");

/** The wall-clock fields of an instant in China time. */
export function chinaParts(instant: Date) {
  const shifted = new Date(instant.getTime() + CHINA_OFFSET_MS);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
  };
}

/** "2026-12-06": the China calendar day of an instant (today, by default). */
export function chinaToday(now: Date = new Date()): string {
  const parts = chinaParts(now);
  return `${pad(parts.year, 4)}-${pad(parts.month)}-${pad(parts.day)}`;
}

/** The year in China time (a publication at 2026-12-31T17:00Z belongs to 2027). */
export function chinaYear(now: Date = new Date()): number {
  return chinaParts(now).year;
}

/** "2026-12-06 09:45", as government pages show a time. */
export function formatChinaDateTime(instant: Date): string {
  const parts = chinaParts(instant);
  return `${chinaToday(instant)} ${pad(parts.hour)}:${pad(parts.minute)}`;
}

/** "2026-12-06". */
export function formatChinaDate(instant: Date): string {
  return chinaToday(instant);
}

/** "2026-10-19" → "2026年10月19日", as government pages write a date (成文日期) and notices name a day. */
export function formatChineseDay(day: string): string {
  const [year, month, date] = day.split("-");
  return `${year}年${month}月${date}日`;
}

/** "09:45:07" (or "09:45" without seconds), a time of day in China time. */
export function formatChinaTime(instant: Date, options: { seconds?: boolean } = {}): string {
  const parts = chinaParts(instant);
  return `${pad(parts.hour)}:${pad(parts.minute)}${options.seconds === false ? "" : `:${pad(parts.second)}`}`;
}

/** The value of a datetime-local input for `instant`, in China time ("2026-12-06T09:45"). */
export function toChinaDateTimeInput(instant: Date): string {
  const parts = chinaParts(instant);
  return `${chinaToday(instant)}T${pad(parts.hour)}:${pad(parts.minute)}`;
}

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/;
const WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** The instant of a China wall-clock time; Invalid Date for fields that name no real time. */
function fromChinaWallClock(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): Date {
  const utc = Date.UTC(year, month - 1, day, hour, minute, second);
  const back = new Date(utc);
  // Date.UTC rolls 2026-02-30 over to March; a typed date that does not exist is refused instead.
  if (
    back.getUTCFullYear() !== year ||
    back.getUTCMonth() !== month - 1 ||
    back.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    return new Date(Number.NaN);
  }
  return new Date(utc - CHINA_OFFSET_MS);
}

/**
 * A date-time as people type it is China time, whatever the server's zone: "2026-12-06 09:45" (the
 * form pages show), "2026-12-06T09:45" (a datetime-local input), with or without seconds, or a day
 * alone ("2026-12-06", its midnight). An ISO time with Z or an offset keeps it. Anything else gives
 * an Invalid Date, for the caller's validation to refuse (never the server's own reading of it).
 */
export function parseChinaDateTime(value: string): Date {
  const trimmed = value.trim();
  const match = WALL_CLOCK.exec(trimmed);
  if (match) {
    const [, year, month, day, hour, minute, second] = match;
    return fromChinaWallClock(
      Number(year),
      Number(month),
      Number(day),
      Number(hour ?? 0),
      Number(minute ?? 0),
      Number(second ?? 0),
    );
  }
  if (WITH_ZONE.test(trimmed)) return new Date(trimmed);
  return new Date(Number.NaN);
}

/** The instant a China calendar day ("2026-12-06") begins: 2026-12-05T16:00:00Z. */
export function chinaDayStart(day: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return match ? fromChinaWallClock(Number(match[1]), Number(match[2]), Number(match[3])) : new Date(Number.NaN);
}

/** The instant the China calendar day after `day` begins (the exclusive end of `day`). */
export function chinaDayEnd(day: string): Date {
  return new Date(chinaDayStart(day).getTime() + DAY_MS);
}

/**
 * The same China wall-clock time `months` calendar months later (earlier when negative), the day
 * clamped to the month's end (2026-08-31 + 6 months = 2027-02-28): how "6 个月" and "3 个月" are counted.
 */
export function addChinaMonths(instant: Date, months: number): Date {
  const shifted = new Date(instant.getTime() + CHINA_OFFSET_MS);
  const year = shifted.getUTCFullYear();
  const month = shifted.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(shifted.getUTCDate(), lastDay);
  const moved = Date.UTC(
    year,
    month,
    day,
    shifted.getUTCHours(),
    shifted.getUTCMinutes(),
    shifted.getUTCSeconds(),
    shifted.getUTCMilliseconds(),
  );
  return new Date(moved - CHINA_OFFSET_MS);
}

/** Calendar months from `from` to `to` in China time, with the part-month as a fraction (≥ 0). */
export function chinaMonthsBetween(from: Date, to: Date): number {
  if (to <= from) return 0;
  let whole = 0;
  while (addChinaMonths(from, whole + 1) <= to) whole += 1;
  const start = addChinaMonths(from, whole);
  const end = addChinaMonths(from, whole + 1);
  return whole + (to.getTime() - start.getTime()) / (end.getTime() - start.getTime());
}

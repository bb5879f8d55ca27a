import { afterAll, describe, expect, it } from "vitest";
import {
  chinaDayEnd,
  chinaDayStart,
  chinaToday,
  chinaYear,
  formatChinaDateTime,
  formatChinaTime,
  formatChineseDay,
  parseChinaDateTime,
  toChinaDateTimeInput,
} from "@/lib/time/china";
import { formatChineseDate, formatDate, formatDateTime } from "@/lib/format";
import { chinaDay, chineseDay } from "@/lib/calendar/working-days";
import { workingHoursBetween } from "@/lib/calendar/working-hours";
import { WEEKDAYS_ONLY } from "@/lib/calendar/working-days";
import { parseDocNumber } from "@/lib/library/doc-number";

// China time must not depend on the server's time zone: every case runs with the process in UTC,
// in New York (UTC−5, with daylight saving) and in Shanghai. Node applies a change of
// process.env.TZ at once; each run first proves the zone really changed.

const originalTz = process.env.TZ;
afterAll(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

/** 2026-07-01 00:00 in the process's local zone, minus UTC, in minutes: proves TZ took effect. */
const LOCAL_OFFSET: Record<string, number> = { UTC: 0, "America/New_York": 240, "Asia/Shanghai": -480 };

describe.each(Object.keys(LOCAL_OFFSET))("China time with the server in %s", (zone) => {
  it("runs in that zone", () => {
    process.env.TZ = zone;
    expect(new Date(2026, 6, 1).getTimezoneOffset()).toBe(LOCAL_OFFSET[zone]);
  });

  it("parses the form the UI shows (a space) as China time — the regression", () => {
    process.env.TZ = zone;
    expect(parseChinaDateTime("2026-12-06 09:45").toISOString()).toBe("2026-12-06T01:45:00.000Z");
    expect(parseChinaDateTime("  2026-12-06 09:45:30 ").toISOString()).toBe("2026-12-06T01:45:30.000Z");
  });

  it("parses a datetime-local value and a day alone as China time; keeps explicit zones", () => {
    process.env.TZ = zone;
    expect(parseChinaDateTime("2026-12-06T09:45").toISOString()).toBe("2026-12-06T01:45:00.000Z");
    expect(parseChinaDateTime("2026-12-06").toISOString()).toBe("2026-12-05T16:00:00.000Z");
    expect(parseChinaDateTime("2026-12-06T09:45:00Z").toISOString()).toBe("2026-12-06T09:45:00.000Z");
    expect(parseChinaDateTime("2026-12-06T09:45:00-05:00").toISOString()).toBe("2026-12-06T14:45:00.000Z");
  });

  it("refuses what names no real time, instead of the server's own reading of it", () => {
    process.env.TZ = zone;
    for (const bad of [
      "明天上午",
      "2026/12/06 09:45",
      "Dec 6, 2026 09:45",
      "2026-02-30 09:00",
      "2026-12-06 24:00",
      "2026-12-06 09:60",
      "2026-13-01",
      "",
    ]) {
      expect(Number.isNaN(parseChinaDateTime(bad).getTime()), bad).toBe(true);
    }
  });

  it("formats in China time across the UTC day boundary", () => {
    process.env.TZ = zone;
    const lateUtc = new Date("2026-12-31T17:30:05Z"); // 2027-01-01 01:30:05 in China
    expect(formatChinaDateTime(lateUtc)).toBe("2027-01-01 01:30");
    expect(formatDateTime(lateUtc)).toBe("2027-01-01 01:30");
    expect(formatDate(lateUtc)).toBe("2027-01-01");
    expect(formatChinaTime(lateUtc)).toBe("01:30:05");
    expect(toChinaDateTimeInput(lateUtc)).toBe("2027-01-01T01:30");
    expect(chinaToday(lateUtc)).toBe("2027-01-01");
    expect(chinaDay(lateUtc)).toBe("2027-01-01");
    expect(chinaYear(lateUtc)).toBe(2027);
  });

  it("round-trips what it shows", () => {
    process.env.TZ = zone;
    const at = new Date("2026-03-08T06:59:00Z"); // New York's daylight-saving change falls near here
    expect(parseChinaDateTime(formatChinaDateTime(at)).getTime()).toBe(at.getTime());
    expect(parseChinaDateTime(toChinaDateTimeInput(at)).getTime()).toBe(at.getTime());
  });

  it("bounds China calendar days", () => {
    process.env.TZ = zone;
    expect(chinaDayStart("2026-12-06").toISOString()).toBe("2026-12-05T16:00:00.000Z");
    expect(chinaDayEnd("2026-12-06").toISOString()).toBe("2026-12-06T16:00:00.000Z");
    expect(Number.isNaN(chinaDayStart("2026-12-6").getTime())).toBe(true);
  });

  it("counts office hours on China days", () => {
    process.env.TZ = zone;
    // Monday 2026-12-07, 08:00–18:00 China time: 3 h + 4 h of office time.
    expect(
      workingHoursBetween(
        parseChinaDateTime("2026-12-07 08:00"),
        parseChinaDateTime("2026-12-07 18:00"),
        WEEKDAYS_ONLY,
      ),
    ).toBe(7);
  });

  it("judges a 文号's year by China's year", () => {
    process.env.TZ = zone;
    // 2026-12-31 20:00 in New York is already 2027 in China: 〔2028〕 is then within next year.
    const now = new Date("2027-01-01T01:00:00Z");
    expect(parseDocNumber("渝府办发〔2028〕1号", now).ok).toBe(true);
    expect(parseDocNumber("渝府办发〔2029〕1号", now).ok).toBe(false);
  });
});

describe("formatChineseDay", () => {
  it("writes a calendar day as government pages do, the same from every caller", () => {
    expect(formatChineseDay("2026-10-09")).toBe("2026年10月09日");
    expect(chineseDay("2026-10-09")).toBe("2026年10月09日");
    expect(formatChineseDate("2026-10-09")).toBe("2026年10月09日");
    expect(formatChineseDay(formatDate(new Date("2026-10-08T16:00:00Z")))).toBe("2026年10月09日");
  });
});

import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  addWorkingDays,
  buildCalendar,
  chinaDay,
  isIsoDay,
  isWorkingDay,
  WEEKDAYS_ONLY,
  workingDaysBetween,
  type DayKind,
} from "@/lib/calendar/working-days";
import {
  cancellationViolation,
  earliestCancellationDay,
  phoneViolation,
  regionNameViolation,
} from "@/lib/registry/rules";

// The official 2026 schedule exactly as the migration seeds it: 中秋 09-25..27, 国庆 10-01..07 with
// make-up workdays 09-20 (Sun) and 10-10 (Sat); 春节 02-15..23 with make-up 02-14 and 02-28 (Sat).
const migration = fs.readFileSync(path.resolve("prisma/migrations/20261123091014_channels/migration.sql"), "utf8");
const rows = [...migration.matchAll(/\('(\d{4}-\d{2}-\d{2})', '(HOLIDAY|WORKDAY)', '([^']+)'\)/g)].map((match) => ({
  date: match[1]!,
  kind: match[2] as DayKind,
  name: match[3]!,
}));
const calendar = buildCalendar(rows);

describe("the seeded 2026 calendar", () => {
  it("holds the National Day and Spring Festival schedule", () => {
    expect(rows.length).toBeGreaterThan(30);
    for (const day of [
      "2026-10-01",
      "2026-10-02",
      "2026-10-05",
      "2026-10-06",
      "2026-10-07",
      "2026-02-16",
      "2026-02-20",
      "2026-02-23",
      "2026-09-25",
    ]) {
      expect(isWorkingDay(calendar, day), day).toBe(false);
    }
    // Make-up workdays on weekends.
    for (const day of ["2026-09-20", "2026-10-10", "2026-02-14", "2026-02-28"])
      expect(isWorkingDay(calendar, day), day).toBe(true);
    // Ordinary days.
    expect(isWorkingDay(calendar, "2026-10-09")).toBe(true);
    expect(isWorkingDay(calendar, "2026-10-11")).toBe(false); // Sunday
    expect(isWorkingDay(WEEKDAYS_ONLY, "2026-10-01")).toBe(true);
    expect(isWorkingDay(WEEKDAYS_ONLY, "2026-09-20")).toBe(false);
  });
});

describe("addWorkingDays", () => {
  it("counts 15 working days across 中秋 and 国庆", () => {
    // 09-22..24, 28..30 (6), 10-08, 09, 10 (Sat, 调休) (9), 12..16 (14), 19 (15).
    expect(addWorkingDays(calendar, "2026-09-21", 15)).toBe("2026-10-19");
    // 10-08, 09, 10 (3), 12..16 (8), 19..23 (13), 26, 27 (15).
    expect(addWorkingDays(calendar, "2026-09-30", 15)).toBe("2026-10-27");
    expect(addWorkingDays(calendar, "2026-10-08", 15)).toBe("2026-10-28");
    // Without the calendar the holidays would count.
    expect(addWorkingDays(WEEKDAYS_ONLY, "2026-09-30", 15)).toBe("2026-10-21");
  });

  it("lands on a make-up workday and skips the Spring Festival", () => {
    expect(addWorkingDays(calendar, "2026-10-09", 1)).toBe("2026-10-10");
    expect(addWorkingDays(calendar, "2026-09-19", 1)).toBe("2026-09-20");
    // 02-13 (Fri) → 02-14 (Sat, 调休) is 1; the festival runs to 02-23; 02-24 is 2.
    expect(addWorkingDays(calendar, "2026-02-13", 1)).toBe("2026-02-14");
    expect(addWorkingDays(calendar, "2026-02-13", 2)).toBe("2026-02-24");
    // 02-24..27 (4), 02-28 Sat 调休 (5), 03-02 (6).
    expect(addWorkingDays(calendar, "2026-02-14", 6)).toBe("2026-03-02");
  });

  it("counts from a day off and backwards, and n = 0 is the day itself", () => {
    expect(addWorkingDays(calendar, "2026-10-03", 1)).toBe("2026-10-08");
    expect(addWorkingDays(calendar, "2026-10-08", -1)).toBe("2026-09-30");
    expect(addWorkingDays(calendar, "2026-10-12", -2)).toBe("2026-10-09");
    expect(addWorkingDays(calendar, "2026-10-04", 0)).toBe("2026-10-04");
    expect(() => addWorkingDays(calendar, "2026-02-30", 1)).toThrow(RangeError);
  });
});

describe("workingDaysBetween", () => {
  it("counts working days after the first date up to the second, across the break", () => {
    expect(workingDaysBetween(calendar, "2026-09-30", "2026-10-08")).toBe(1);
    expect(workingDaysBetween(WEEKDAYS_ONLY, "2026-09-30", "2026-10-08")).toBe(6);
    expect(workingDaysBetween(calendar, "2026-09-18", "2026-10-12")).toBe(12); // 09-20 (调休), 21..24, 28..30, 10-08..10 (10 调休), 12
  });

  it("is the inverse of addWorkingDays", () => {
    for (const from of [
      "2026-01-01",
      "2026-02-10",
      "2026-04-30",
      "2026-09-18",
      "2026-09-30",
      "2026-10-03",
      "2026-12-25",
    ]) {
      for (const n of [0, 1, 5, 15, 20, -3]) {
        expect(workingDaysBetween(calendar, from, addWorkingDays(calendar, from, n)), `${from} ${n}`).toBe(n);
      }
    }
    expect(workingDaysBetween(calendar, "2026-10-08", "2026-09-30")).toBe(-1);
  });
});

describe("dates", () => {
  it("reads China-local days and refuses impossible dates", () => {
    expect(chinaDay(new Date("2026-09-30T16:00:00Z"))).toBe("2026-10-01");
    expect(chinaDay(new Date("2026-09-30T15:59:59Z"))).toBe("2026-09-30");
    expect(isIsoDay("2026-02-29")).toBe(false);
    expect(isIsoDay("2028-02-29")).toBe(true);
    expect(isIsoDay("2026-1-5")).toBe(false);
  });
});

describe("registry rules", () => {
  it("asks the account name to contain the region's name", () => {
    expect(regionNameViolation("重庆沙坪坝发布", "重庆")).toBeNull();
    expect(regionNameViolation("沙坪坝发布", "重庆")).toBe(
      "账号名称须包含地区名称“重庆”（政务新媒体名称应体现行政区域名称），如“重庆沙坪坝发布”。",
    );
    expect(regionNameViolation("来宾发布", "来宾")).toBeNull();
  });

  it("puts a cancellation at least 15 working days after its announcement", () => {
    expect(earliestCancellationDay(calendar, "2026-09-21")).toBe("2026-10-19");
    expect(cancellationViolation(calendar, "2026-09-21", "2026-10-19")).toBeNull();
    expect(cancellationViolation(calendar, "2026-09-21", "2026-10-16")).toBe(
      "注销须在注销公告发布之日起至少 15 个工作日后生效，按今日（2026年09月21日）公告计，生效日期最早为 2026年10月19日。",
    );
  });

  it("accepts mobile and landline numbers only", () => {
    for (const phone of ["13812345678", "023-65432100", "02365432100", "023-6543210-8001"])
      expect(phoneViolation(phone), phone).toBeNull();
    for (const phone of ["12345", "1381234567", "电话", "023-12"]) expect(phoneViolation(phone), phone).not.toBeNull();
  });
});

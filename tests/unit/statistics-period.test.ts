import { describe, expect, it } from "vitest";
import { buildCalendar, WEEKDAYS_ONLY } from "@/lib/calendar/working-days";
import {
  addMonths,
  chinaMonth,
  isLastWeekOfMonth,
  lastDayOf,
  lastWeekStart,
  monthsBetween,
  periodBounds,
  workingDaysLeft,
} from "@/lib/statistics/period";
import { parseStatisticsFilter } from "@/lib/statistics/filter";
import { DomainError } from "@/lib/errors";
import { rankRows } from "@/lib/statistics/ranking";
import { defaultQuota } from "@/lib/statistics/quotas";

// The months of 稿件统计 and the last week of a month for 报送任务 reminders (working days).

describe("months in China time", () => {
  it("steps over years and knows each month's last day", () => {
    expect(addMonths("2025-12", 1)).toBe("2026-01");
    expect(addMonths("2026-01", -1)).toBe("2025-12");
    expect(monthsBetween("2025-11", "2026-02")).toEqual(["2025-11", "2025-12", "2026-01", "2026-02"]);
    expect(monthsBetween("2026-02", "2026-01")).toEqual([]);
    expect(lastDayOf("2024-02")).toBe("2024-02-29");
    expect(lastDayOf("2026-02")).toBe("2026-02-28");
  });

  it("bounds a period at Beijing midnight and reads the month of an instant in Beijing", () => {
    const { start, end } = periodBounds("2025-01", "2025-03");
    expect(start.toISOString()).toBe("2024-12-31T16:00:00.000Z");
    expect(end.toISOString()).toBe("2025-03-31T16:00:00.000Z");
    expect(chinaMonth(new Date("2025-03-31T16:30:00Z"))).toBe("2025-04");
  });
});

describe("the last week of a month: its last five working days", () => {
  it("starts on the fifth working day from the end (weekends skipped)", () => {
    // December 2026 ends on a Thursday: 31, 30, 29, 28 (Mon), 25 (Fri) are the last five working days.
    expect(lastWeekStart(WEEKDAYS_ONLY, "2026-12")).toBe("2026-12-25");
    expect(isLastWeekOfMonth(WEEKDAYS_ONLY, "2026-12-24")).toBe(false);
    expect(isLastWeekOfMonth(WEEKDAYS_ONLY, "2026-12-25")).toBe(true);
    // A weekend day inside the last week is in it too.
    expect(isLastWeekOfMonth(WEEKDAYS_ONLY, "2026-12-27")).toBe(true);
    expect(workingDaysLeft(WEEKDAYS_ONLY, "2026-12-28")).toBe(4);
  });

  it("skips holidays and counts make-up workdays (国庆节)", () => {
    // September 2026 with 28–30 as holidays and Sunday 27 a make-up workday.
    const calendar = buildCalendar([
      { date: "2026-09-27", kind: "WORKDAY", name: "国庆节调休" },
      { date: "2026-09-28", kind: "HOLIDAY", name: "国庆节" },
      { date: "2026-09-29", kind: "HOLIDAY", name: "国庆节" },
      { date: "2026-09-30", kind: "HOLIDAY", name: "国庆节" },
    ]);
    // Working days from the end: 27 (Sun, worked), 25, 24, 23, 22.
    expect(lastWeekStart(calendar, "2026-09")).toBe("2026-09-22");
    expect(lastWeekStart(WEEKDAYS_ONLY, "2026-09")).toBe("2026-09-24");
  });
});

describe("the statistics filter", () => {
  const now = new Date("2026-12-06T04:00:00Z");
  it("defaults to this year up to this month", () => {
    expect(parseStatisticsFilter({}, now)).toEqual({
      from: "2026-01",
      to: "2026-12",
      unitId: null,
      columnId: null,
      kind: null,
    });
    expect(parseStatisticsFilter({ from: "2025-03", to: "", kind: "" }, now)).toMatchObject({
      from: "2025-03",
      to: "2026-12",
    });
  });

  it("refuses bad months, reversed and over-long periods with a Chinese message", () => {
    for (const input of [{ from: "2025-13" }, { from: "2025-03", to: "2025-01" }, { from: "2020-01", to: "2025-01" }]) {
      const error = (() => {
        try {
          parseStatisticsFilter(input, now);
        } catch (caught) {
          return caught;
        }
      })();
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).message).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe("the year-end ranking order", () => {
  it("ranks by adopted, then submitted; equal on both share a rank (1, 2, 2, 4)", () => {
    const rows = [
      { name: "乙", submitted: 3, adopted: 1, adoptedOriginal: 1 },
      { name: "甲", submitted: 10, adopted: 4, adoptedOriginal: 2 },
      { name: "丙", submitted: 3, adopted: 1, adoptedOriginal: 0 },
      { name: "丁", submitted: 8, adopted: 1, adoptedOriginal: 1 },
      { name: "戊", submitted: 0, adopted: 0, adoptedOriginal: 0 },
    ];
    expect(rankRows(rows).map((row) => [row.name, row.rank])).toEqual([
      ["甲", 1],
      ["丁", 2],
      ["丙", 3],
      ["乙", 3],
      ["戊", 5],
    ]);
  });

  it("gives a people's government 20 a month and a department 5 (seed 004)", () => {
    expect(defaultQuota("重庆市沙坪坝区人民政府")).toBe(20);
    expect(defaultQuota("重庆市沙坪坝区井口镇人民政府（筹）")).toBe(20);
    expect(defaultQuota("重庆市沙坪坝区教育委员会")).toBe(5);
  });
});

import { describe, expect, it } from "vitest";
import { workingHoursBetween } from "@/lib/calendar/working-hours";
import { buildCalendar, WEEKDAYS_ONLY } from "@/lib/calendar/working-days";
import { parseChinaDateTime, toChinaDateTimeInput } from "@/lib/format";

const cst = (value: string) => new Date(`${value}+08:00`);

describe("workingHoursBetween", () => {
  it("counts office hours only (09:00–12:00, 13:30–17:30 China time)", () => {
    expect(workingHoursBetween(cst("2026-11-23T09:00"), cst("2026-11-23T17:30"), WEEKDAYS_ONLY)).toBe(7);
    expect(workingHoursBetween(cst("2026-11-23T11:00"), cst("2026-11-23T14:30"), WEEKDAYS_ONLY)).toBe(2);
    expect(workingHoursBetween(cst("2026-11-23T18:00"), cst("2026-11-24T08:00"), WEEKDAYS_ONLY)).toBe(0);
  });
  it("skips weekends", () => {
    // Friday 16:30 → Monday 10:00: one hour on Friday, one on Monday.
    expect(workingHoursBetween(cst("2026-11-27T16:30"), cst("2026-11-30T10:00"), WEEKDAYS_ONLY)).toBe(2);
  });
  it("skips holidays and counts make-up workdays from the calendar", () => {
    const calendar = buildCalendar([
      ...["2026-10-01", "2026-10-02", "2026-10-05", "2026-10-06", "2026-10-07"].map((date) => ({
        date,
        kind: "HOLIDAY" as const,
        name: "国庆节",
      })),
      { date: "2026-09-20", kind: "WORKDAY", name: "国庆节" },
    ]);
    // Wednesday 30 September 17:00 → Thursday 8 October 10:00: half an hour, then one hour.
    expect(workingHoursBetween(cst("2026-09-30T17:00"), cst("2026-10-08T10:00"), calendar)).toBe(1.5);
    expect(workingHoursBetween(cst("2026-09-30T17:00"), cst("2026-10-08T10:00"), WEEKDAYS_ONLY)).toBe(1.5 + 5 * 7);
    // Sunday 20 September is a make-up workday.
    expect(workingHoursBetween(cst("2026-09-20T08:00"), cst("2026-09-20T18:00"), calendar)).toBe(7);
    expect(workingHoursBetween(cst("2026-09-20T08:00"), cst("2026-09-20T18:00"), WEEKDAYS_ONLY)).toBe(0);
  });
  it("is zero for a reversed interval", () => {
    expect(workingHoursBetween(cst("2026-11-24T10:00"), cst("2026-11-23T10:00"), WEEKDAYS_ONLY)).toBe(0);
  });
});

describe("China date-times in forms", () => {
  it("reads a zone-less value as China time and writes it back", () => {
    const parsed = parseChinaDateTime("2026-12-01T09:30");
    expect(parsed.toISOString()).toBe("2026-12-01T01:30:00.000Z");
    expect(toChinaDateTimeInput(parsed)).toBe("2026-12-01T09:30");
    expect(parseChinaDateTime("2026-12-01T09:30:00Z").toISOString()).toBe("2026-12-01T09:30:00.000Z");
    expect(Number.isNaN(parseChinaDateTime("明天上午").getTime())).toBe(true);
  });
});

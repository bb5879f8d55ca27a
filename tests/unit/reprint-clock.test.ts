import { describe, expect, it } from "vitest";
import { buildCalendar, WEEKDAYS_ONLY } from "@/lib/calendar/working-days";
import { clockStart, describeRemaining, reprintClock } from "@/lib/reports/reprint/clock";
import { reprintFigures } from "@/lib/reports/reprint/figures";
import { parseChinaDateTime } from "@/lib/time/china";

// Seed 003: 力争1小时内转载，最晚不超过1个工作日.

const at = (value: string) => parseChinaDateTime(value);

describe("the 转载 clock", () => {
  it("runs from the upstream time, else from the fetch when the time is missing, future or implausible", () => {
    const fetched = at("2026-12-07 10:00");
    expect(clockStart(at("2026-12-07 09:20"), fetched)).toEqual({ at: at("2026-12-07 09:20"), from: "published" });
    expect(clockStart(null, fetched)).toEqual({ at: fetched, from: "fetched" });
    expect(clockStart(at("2026-12-08 09:00"), fetched)).toEqual({ at: fetched, from: "fetched" });
    expect(clockStart(new Date(0), fetched)).toEqual({ at: fetched, from: "fetched" });
    // A few minutes ahead is a skewed clock: the item counts as published, from the fetch.
    expect(clockStart(at("2026-12-07 10:05"), fetched)).toEqual({ at: fetched, from: "published" });
  });

  it("is due an hour later, at the latest the same time one working day later", () => {
    // Monday 09:20 → due 10:20, deadline Tuesday 09:20.
    expect(reprintClock(at("2026-12-07 09:20"), WEEKDAYS_ONLY)).toEqual({
      dueAt: at("2026-12-07 10:20"),
      deadlineAt: at("2026-12-08 09:20"),
    });
    // Friday 17:30 → deadline Monday 17:30; Saturday 08:00 → Monday 08:00.
    expect(reprintClock(at("2026-12-11 17:30"), WEEKDAYS_ONLY).deadlineAt).toEqual(at("2026-12-14 17:30"));
    expect(reprintClock(at("2026-12-12 08:00"), WEEKDAYS_ONLY).deadlineAt).toEqual(at("2026-12-14 08:00"));
  });

  it("skips holidays and counts make-up working days from the calendar", () => {
    const calendar = buildCalendar([
      { date: "2026-12-31", kind: "HOLIDAY", name: "元旦" },
      { date: "2027-01-01", kind: "HOLIDAY", name: "元旦" },
      { date: "2027-01-02", kind: "WORKDAY", name: "元旦调休" },
    ]);
    expect(reprintClock(at("2026-12-30 16:00"), calendar).deadlineAt).toEqual(at("2027-01-02 16:00"));
  });

  it("says the time left or overdue in words", () => {
    const due = at("2026-12-07 10:20");
    expect(describeRemaining(due, at("2026-12-07 09:45"))).toBe("还剩 35 分钟");
    expect(describeRemaining(due, at("2026-12-07 12:25"))).toBe("已超时 2 小时 5 分钟");
    expect(describeRemaining(due, at("2026-12-08 13:20"))).toBe("已超时 1 天 3 小时");
    expect(describeRemaining(due, due)).toBe("还剩 0 分钟");
  });

  it("counts on time, late, waiting past the hour and past the working day", () => {
    const clock = reprintClock(at("2026-12-07 09:00"), WEEKDAYS_ONLY);
    const now = at("2026-12-08 12:00");
    const figures = reprintFigures(
      [
        { state: "TAKEN", ...clock, publishedAt: at("2026-12-07 09:50") },
        { state: "TAKEN", ...clock, publishedAt: at("2026-12-07 11:00") },
        { state: "TAKEN", ...clock, publishedAt: null },
        { state: "PENDING", ...clock, publishedAt: null },
        { state: "PENDING", ...reprintClock(at("2026-12-08 11:30"), WEEKDAYS_ONLY), publishedAt: null },
        { state: "PENDING", ...reprintClock(at("2026-12-08 10:30"), WEEKDAYS_ONLY), publishedAt: null },
        { state: "IGNORED", ...clock, publishedAt: null },
      ],
      now,
    );
    expect(figures).toEqual({ waiting: 4, pastHour: 3, pastDeadline: 2, onTime: 1, late: 1, ignored: 1 });
  });
});

import { describe, expect, it } from "vitest";
import { buildCalendar } from "@/lib/calendar/working-days";
import { dueAfterDay, dueAfterHours, dueAfterWorkingDays, recount } from "@/lib/interaction/clock";
import { alertTimes } from "@/lib/interaction/clock-alerts";

// The reply clock's pure parts: counting with extensions, counting again on a changed calendar,
// and when the reminders fall due. 2026: 国庆节 10-01…10-07 off, Saturday 10-10 worked.

const at = (chinaTime: string) => new Date(`${chinaTime}+08:00`);
const NATIONAL_DAY = buildCalendar([
  ...["01", "02", "03", "04", "05", "06", "07"].map((day) => ({
    date: `2026-10-${day}`,
    kind: "HOLIDAY" as const,
    name: "国庆节",
  })),
  { date: "2026-10-10", kind: "WORKDAY" as const, name: "国庆节" },
]);

describe("reply clock with extensions", () => {
  it("counts 7 working days from the day of acceptance, 调休 Saturday included", () => {
    const { dueAt, derivation } = dueAfterWorkingDays(NATIONAL_DAY, at("2026-09-30T15:00:00"), 7);
    expect(dueAt).toEqual(at("2026-10-15T23:59:59.999"));
    expect(derivation.extendedDays).toBeUndefined();
    expect(derivation.workedWeekendDays).toEqual(["2026-10-10"]);
  });

  it("records the extended days and keeps them when counted again", () => {
    const extended = dueAfterDay(NATIONAL_DAY, "2026-09-30", 10, 3);
    expect(extended.derivation).toMatchObject({ workingDays: 10, extendedDays: 3, due: "2026-10-20" });
    const withFlood = buildCalendar([
      ...[...NATIONAL_DAY.exceptions.entries()].map(([date, day]) => ({ date, ...day })),
      { date: "2026-10-16", kind: "HOLIDAY", name: "防汛调休" },
    ]);
    const again = recount(withFlood, extended.derivation)!;
    expect(again.dueAt).toEqual(at("2026-10-21T23:59:59.999"));
    expect(again.derivation).toMatchObject({ workingDays: 10, extendedDays: 3, due: "2026-10-21" });
  });

  it("leaves hour clocks (网站纠错) alone", () => {
    expect(recount(NATIONAL_DAY, dueAfterHours(at("2026-09-30T10:00:00"), 48).derivation)).toBeNull();
    expect(recount(NATIONAL_DAY, undefined)).toBeNull();
  });
});

describe("reminder times", () => {
  it("falls at the end of working day ⌊n/2⌋, the morning of the working day before, and after the due day", () => {
    const { dueAt, derivation } = dueAfterDay(NATIONAL_DAY, "2026-09-30", 7);
    expect(alertTimes(NATIONAL_DAY, derivation, at("2026-09-30T10:00:00"), dueAt)).toEqual({
      // 10-08, 10-09 and Saturday 10-10 worked: three of seven working days passed.
      HALF_TIME: at("2026-10-11T00:00:00"),
      DAY_BEFORE: at("2026-10-14T00:00:00"),
      OVERDUE: at("2026-10-16T00:00:00"),
    });
  });

  it("skips half time and the day before for a one-day clock", () => {
    const { dueAt, derivation } = dueAfterDay(NATIONAL_DAY, "2026-09-30", 1);
    const times = alertTimes(NATIONAL_DAY, derivation, at("2026-09-30T10:00:00"), dueAt);
    expect(times).toMatchObject({ HALF_TIME: null, DAY_BEFORE: null, OVERDUE: at("2026-10-09T00:00:00") });
  });

  it("uses clock hours for 网站纠错: half of 48 hours and 24 hours before", () => {
    const { dueAt, derivation } = dueAfterHours(at("2026-09-30T10:00:00"), 48);
    expect(alertTimes(NATIONAL_DAY, derivation, at("2026-09-30T10:00:00"), dueAt)).toEqual({
      HALF_TIME: at("2026-10-01T10:00:00"),
      DAY_BEFORE: at("2026-10-01T10:00:00"),
      OVERDUE: new Date(at("2026-10-02T10:00:00").getTime() + 1),
    });
  });
});

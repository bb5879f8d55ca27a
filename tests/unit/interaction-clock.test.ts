import { describe, expect, it } from "vitest";
import { buildCalendar } from "@/lib/calendar/working-days";
import { dueAfterDay, dueAfterHours, dueAfterWorkingDays, recount, replyClockFrom } from "@/lib/interaction/clock";
import { describeDue } from "@/lib/interaction/describe-clock";
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

describe("the 重办 round's clock and the words a due date is shown with", () => {
  it("runs the type's working days, or its hours, from the 重办 request; none when the type sets neither", () => {
    const from = at("2026-09-30T16:00:00");
    expect(replyClockFrom(NATIONAL_DAY, { replyWorkingDays: 7, replyHours: null }, from)?.dueAt).toEqual(
      at("2026-10-15T23:59:59.999"),
    );
    expect(replyClockFrom(NATIONAL_DAY, { replyWorkingDays: null, replyHours: 48 }, from)?.dueAt).toEqual(
      at("2026-10-02T16:00:00"),
    );
    expect(replyClockFrom(NATIONAL_DAY, { replyWorkingDays: null, replyHours: null }, from)).toBeNull();
  });

  it("says where counting started, how many days with the extension, what was skipped and worked", () => {
    const { derivation } = dueAfterDay(NATIONAL_DAY, "2026-09-30", 10, 3);
    expect(describeDue(derivation)).toBe(
      "自 2026年09月30日 次日起算 10 个工作日（含批准延期 3 个工作日），至 2026年10月20日；" +
        "跳过 10-01（国庆节）、10-02（国庆节）、10-03（国庆节）、10-04（国庆节）、10-05（国庆节）、10-06（国庆节）、" +
        "10-07（国庆节）、10-11（周末）、10-17（周末）、10-18（周末）；计入调休上班日 10-10",
    );
    expect(describeDue(dueAfterHours(at("2026-09-30T16:00:00"), 48).derivation)).toBe(
      "自 2026年09月30日 收到起 48 小时",
    );
  });
});

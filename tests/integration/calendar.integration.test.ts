import { describe, expect, it } from "vitest";
import { listCalendarDays, removeCalendarDay, saveCalendarDay } from "@/lib/calendar/days";
import { loadCalendar } from "@/lib/calendar/load";
import { addWorkingDays } from "@/lib/calendar/working-days";
import { actorFor, fileDb } from "./helpers";

// The working-day calendar kept by the system administrator, which every deadline counts by. It has
// a database of its own: the days it adds would move the deadlines of tests sharing one.

describe("the holiday calendar", () => {
  it("is kept by the system administrator, validated, audited, and used at once", async () => {
    const db = await fileDb();
    const [admin, siteadmin] = await Promise.all([actorFor("admin"), actorFor("siteadmin")]);
    const national = (await listCalendarDays(admin, 2026)).days.filter((day) => day.name === "国庆节");
    expect(national.map((day) => `${day.date}${day.kind === "WORKDAY" ? "班" : "休"}`)).toEqual([
      "2026-09-20班",
      "2026-10-01休",
      "2026-10-02休",
      "2026-10-03休",
      "2026-10-04休",
      "2026-10-05休",
      "2026-10-06休",
      "2026-10-07休",
      "2026-10-10班",
    ]);
    await expect(listCalendarDays(siteadmin, 2026)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      saveCalendarDay(siteadmin, { date: "2026-12-31", kind: "HOLIDAY", name: "元旦" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(saveCalendarDay(admin, { date: "2026-12-30", kind: "WORKDAY", name: "元旦" })).rejects.toMatchObject({
      code: "INVALID",
      message: "2026年12月30日是星期三，本来就是工作日，无需设为调休上班日。",
    });
    await expect(saveCalendarDay(admin, { date: "2026-02-30", kind: "HOLIDAY", name: "元旦" })).rejects.toMatchObject({
      code: "INVALID",
      fieldErrors: { date: [expect.any(String)] },
    });
    await expect(saveCalendarDay(admin, { date: "2026-12-31", kind: "HOLIDAY", name: "" })).rejects.toMatchObject({
      code: "INVALID",
      fieldErrors: { name: [expect.any(String)] },
    });

    expect(addWorkingDays(await loadCalendar(db), "2026-12-30", 1)).toBe("2026-12-31");
    await saveCalendarDay(admin, { date: "2026-12-31", kind: "HOLIDAY", name: "元旦" });
    // A holiday on a weekend is allowed (official schedules list whole spans).
    await saveCalendarDay(admin, { date: "2027-01-02", kind: "HOLIDAY", name: "元旦" });
    await saveCalendarDay(admin, { date: "2027-01-03", kind: "WORKDAY", name: "元旦" });
    expect(addWorkingDays(await loadCalendar(db), "2026-12-30", 1)).toBe("2027-01-01");
    expect(addWorkingDays(await loadCalendar(db), "2026-12-30", 2)).toBe("2027-01-03");
    await saveCalendarDay(admin, { date: "2027-01-01", kind: "HOLIDAY", name: "元旦" });
    expect(addWorkingDays(await loadCalendar(db), "2026-12-30", 1)).toBe("2027-01-03");
    await removeCalendarDay(admin, { date: "2026-12-31" });
    await expect(removeCalendarDay(admin, { date: "2026-12-31" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(addWorkingDays(await loadCalendar(db), "2026-12-30", 1)).toBe("2026-12-31");
    const audit = await db.auditEvent.findMany({
      where: { action: { in: ["calendar.update", "calendar.remove"] } },
      orderBy: { seq: "asc" },
    });
    expect(audit.map((event) => [event.action, event.subject, event.role])).toEqual([
      ["calendar.update", "calendar:2026-12-31", "SYSTEM_ADMIN"],
      ["calendar.update", "calendar:2027-01-02", "SYSTEM_ADMIN"],
      ["calendar.update", "calendar:2027-01-03", "SYSTEM_ADMIN"],
      ["calendar.update", "calendar:2027-01-01", "SYSTEM_ADMIN"],
      ["calendar.remove", "calendar:2026-12-31", "SYSTEM_ADMIN"],
    ]);
  });
});

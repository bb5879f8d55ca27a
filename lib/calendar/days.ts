import { z } from "zod";
import { zText } from "@/lib/validation/text";
import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { assertCan, type Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { invalid, notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { invalidateCalendarCache } from "@/lib/calendar/load";
import { emit } from "@/lib/events/bus";
import { chineseDay, isIsoDay, isWeekend, weekdayName, type DayKind } from "@/lib/calendar/working-days";
import { chinaYear } from "@/lib/time/china";
import { messages } from "@/lib/i18n/zh-CN";

// The holiday calendar kept by the system administrator: each year's 法定节假日 (weekdays off)
// and 调休上班日 (weekend days worked), as the State Council publishes them. Every change is
// audited and takes effect at once for deadlines computed in this process; the deadlines already
// running are counted again in the same transaction (the "calendar.changed" subscribers).

type Context = Partial<RequestContext>;

export const DAY_KIND_LABELS: Record<DayKind, string> = messages.calendarDayKinds;

const ZIsoDay = z
  .string({ message: "请填写日期" })
  .trim()
  .refine(isIsoDay, "日期格式应为“2026-10-01”，且须是真实存在的日期")
  .refine((day) => day >= "2000-01-01" && day <= "2100-12-31", "日期须在 2000 年至 2100 年之间");

export const ZCalendarDay = z.object({
  date: ZIsoDay,
  kind: z.enum(["HOLIDAY", "WORKDAY"], { message: "请选择“放假”或“调休上班”" }),
  name: zText().trim().min(1, "请填写节日名称，如“国庆节”").max(20, "节日名称不超过 20 个字"),
});
export type TCalendarDay = z.infer<typeof ZCalendarDay>;

const ZYear = z.coerce.number().int().min(2000).max(2100);

/** One year's exceptions, in date order. */
export async function listCalendarDays(actor: Principal | null, year: unknown) {
  await assertCan(actor, "calendar.manage", "platform");
  const parsedYear = ZYear.safeParse(year);
  const y = parsedYear.success ? parsedYear.data : chinaYear();
  const rows = await getDb().calendarDay.findMany({
    where: { date: { gte: new Date(`${y}-01-01T00:00:00Z`), lte: new Date(`${y}-12-31T00:00:00Z`) } },
    orderBy: { date: "asc" },
  });
  return {
    year: y,
    days: rows.map((row) => {
      const date = row.date.toISOString().slice(0, 10);
      return { date, weekday: weekdayName(date), kind: row.kind, name: row.name, updatedAt: row.updatedAt };
    }),
  };
}

/** Adds a day or changes it (kind, name). A WORKDAY must be a weekend day: a weekday already is one. */
export async function saveCalendarDay(actor: Principal | null, input: unknown, context: Context = {}) {
  const role = await assertCan(actor, "calendar.manage", "platform");
  const { date, kind, name } = parseInput(ZCalendarDay, input);
  if (kind === "WORKDAY" && !isWeekend(date)) {
    const message = `${chineseDay(date)}是${weekdayName(date)}，本来就是工作日，无需设为调休上班日。`;
    throw invalid(message, { kind: [message] });
  }
  const key = new Date(`${date}T00:00:00Z`);
  const saved = await getDb().$transaction(async (tx) => {
    const before = await tx.calendarDay.findUnique({ where: { date: key } });
    const row = await tx.calendarDay.upsert({
      where: { date: key },
      create: { date: key, kind, name },
      update: { kind, name },
    });
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "calendar.update",
      subject: `calendar:${date}`,
      data: { before: before ? { kind: before.kind, name: before.name } : null, after: { kind, name } },
      ...context,
    });
    await emit("calendar.changed", { tx, date, actorId: actor!.id, role, context });
    return row;
  });
  invalidateCalendarCache();
  return { date, kind: saved.kind, name: saved.name };
}

/** Removes an exception: the day falls back to the weekday rule. */
export async function removeCalendarDay(actor: Principal | null, input: unknown, context: Context = {}) {
  const role = await assertCan(actor, "calendar.manage", "platform");
  const { date } = parseInput(z.object({ date: ZIsoDay }), input);
  const key = new Date(`${date}T00:00:00Z`);
  await getDb().$transaction(async (tx) => {
    const before = await tx.calendarDay.findUnique({ where: { date: key } });
    if (!before) throw notFound(`${chineseDay(date)}不在节假日安排中。`);
    await tx.calendarDay.delete({ where: { date: key } });
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "calendar.remove",
      subject: `calendar:${date}`,
      data: { before: { kind: before.kind, name: before.name } },
      ...context,
    });
    await emit("calendar.changed", { tx, date, actorId: actor!.id, role, context });
  });
  invalidateCalendarCache();
  return { date };
}

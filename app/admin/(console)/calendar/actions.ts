"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/errors";
import { removeCalendarDay, saveCalendarDay } from "@/lib/calendar/days";
import { formObject, runAction } from "../guard";

export async function saveCalendarDayAction(_: unknown, formData: FormData): Promise<ActionResult<unknown>> {
  return runAction(async (actor, context) => {
    const saved = await saveCalendarDay(actor, formObject(formData), context);
    revalidatePath("/admin/calendar");
    return { message: `已保存 ${saved.date}（${saved.name}，${saved.kind === "HOLIDAY" ? "放假" : "调休上班"}）。` };
  });
}

export async function removeCalendarDayAction(_: unknown, formData: FormData): Promise<ActionResult<unknown>> {
  return runAction(async (actor, context) => {
    const removed = await removeCalendarDay(actor, formObject(formData), context);
    revalidatePath("/admin/calendar");
    return { message: `已删除 ${removed.date} 的安排，该日按星期几确定是否上班。` };
  });
}

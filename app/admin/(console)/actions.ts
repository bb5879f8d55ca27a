"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/errors";
import { cancelSchedule } from "@/lib/publish/cancel-schedule";
import { formatDateTime } from "@/lib/format";
import { formObject, runAction } from "./guard";

// Server actions of the dashboard (/admin).

export async function cancelScheduleAction(_: unknown, formData: FormData): Promise<ActionResult<unknown>> {
  return runAction(async (actor, context) => {
    const schedule = await cancelSchedule(actor, formObject(formData), context);
    revalidatePath("/admin");
    revalidatePath(`/admin/library/${schedule.resourceId}`);
    return { message: `已取消 ${formatDateTime(schedule.runAt)} 的定时发布，稿件仍为已审核状态。` };
  });
}

"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/errors";
import { retryDelivery } from "@/lib/channels/delivery-status";
import { formObject, runAction } from "../guard";

/** 重试 a failed channel delivery from the resource page's 分发状态 table. */
export async function retryDeliveryAction(_: unknown, formData: FormData): Promise<ActionResult<unknown>> {
  return runAction(async (actor, context) => {
    const delivery = await retryDelivery(actor, formObject(formData), context);
    revalidatePath(`/admin/library/${delivery.resourceId}`);
    return { message: "已重新排队发送，请稍后刷新查看状态。" };
  });
}

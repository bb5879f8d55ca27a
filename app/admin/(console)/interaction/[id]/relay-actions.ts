"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/errors";
import { retryReplyDelivery } from "@/lib/interaction/inbound/retry-reply-delivery";
import { formObject, runAction } from "../../guard";

export async function retryReplyDeliveryAction(_: unknown, formData: FormData): Promise<ActionResult<unknown>> {
  return runAction(async (actor, context) => {
    await retryReplyDelivery(actor, formObject(formData), context);
    revalidatePath("/admin/interaction", "layout");
    return { message: "已重新排队回传，接入方已收到的不会重复登记。" };
  });
}

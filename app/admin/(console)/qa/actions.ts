"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/errors";
import { confirmQaEntry } from "@/lib/interaction/qa/confirm-entry";
import { messages } from "@/lib/i18n/zh-CN";
import { formObject, runAction } from "../guard";

// 复核确认 on /admin/qa: the use case checks the reviewer's unit and that the entry is still flagged.

export async function confirmQaEntryAction(_: unknown, formData: FormData): Promise<ActionResult<unknown>> {
  return runAction(async (actor, context) => {
    await confirmQaEntry(actor, formObject(formData), context);
    revalidatePath("/admin/qa");
    return { message: messages.qa.confirmed };
  });
}

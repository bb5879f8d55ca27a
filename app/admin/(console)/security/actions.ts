"use server";

import { revalidatePath } from "next/cache";
import { updateSecuritySettings } from "@/lib/auth/security-settings";
import type { ActionResult } from "@/lib/errors";
import { formObject, runAction } from "../guard";

export async function updateSecurityAction(_: unknown, formData: FormData): Promise<ActionResult<unknown>> {
  return runAction(async (actor, context) => {
    await updateSecuritySettings(actor, formObject(formData), context);
    revalidatePath("/admin/security");
    return { message: "安全策略已保存。" };
  });
}

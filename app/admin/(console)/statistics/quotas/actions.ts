"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/errors";
import { setQuota } from "@/lib/statistics/set-quota";
import { formObject, runAction } from "../../guard";

// /admin/statistics/quotas: setting a unit's monthly quota (the use case checks the receiving
// site's administrator or the supervising unit, and that the unit submits to that site).

export async function setQuotaAction(_: unknown, formData: FormData): Promise<ActionResult<unknown>> {
  return runAction(async (actor, context) => {
    const { message } = await setQuota(actor, formObject(formData), context);
    revalidatePath("/admin/statistics/quotas");
    return { message };
  });
}

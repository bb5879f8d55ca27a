"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/errors";
import { saveReprintSource } from "@/lib/reports/reprint/sources";
import { fetchSourceNow } from "@/lib/reports/reprint/fetch-source";
import { messages } from "@/lib/i18n/zh-CN";
import { formObject, runAction } from "../../guard";

// 转载源: the supervising unit saves a source and fetches it now (立即抓取).

const t = messages.reprint.sources;
type Result = Promise<ActionResult<unknown>>;

export async function saveReprintSourceAction(_: unknown, formData: FormData): Result {
  return runAction(async (actor, context) => {
    const input = formObject(formData, ["siteIds"]);
    await saveReprintSource(actor, { ...input, enabled: input.enabled === "on" }, context);
    revalidatePath("/admin/reprints/sources");
    return { message: t.saved };
  });
}

export async function fetchReprintSourceAction(_: unknown, formData: FormData): Result {
  return runAction(async (actor, context) => {
    const outcome = await fetchSourceNow(actor, formObject(formData), context);
    revalidatePath("/admin/reprints/sources");
    revalidatePath("/admin/reprints");
    if (outcome.status === "failed") return { message: t.failed(outcome.error) };
    return { message: outcome.status === "updated" ? t.fetched(outcome.queued) : t.notModified };
  });
}

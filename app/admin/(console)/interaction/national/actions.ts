"use server";

import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/errors";
import { registerNationalMessage } from "@/lib/interaction/national/register-message";
import { recordPlatformEntry } from "@/lib/interaction/national/record-platform-entry";
import { messages } from "@/lib/i18n/zh-CN";
import { formatDateTime } from "@/lib/format";
import { formObject, runAction } from "../../guard";

// National 我为政府网站找错 messages: registration (then the new message's page) and the record of
// the reply's entry on the national platform; lib checks the actor, the state and the version.

const t = messages.interaction.national;

export async function registerNationalAction(_: unknown, formData: FormData): Promise<ActionResult<unknown>> {
  const result = await runAction(async (actor, context) => {
    const letter = await registerNationalMessage(actor, formObject(formData), context);
    revalidatePath("/admin/interaction", "layout");
    const replyDue = letter.replyDueAt ? formatDateTime(letter.replyDueAt) : "—";
    return { message: t.registered(letter.queryCode, formatDateTime(letter.acceptDueAt), replyDue), data: letter.id };
  });
  if (result.ok) redirect(`/admin/interaction/${String(result.data)}`);
  return result;
}

export async function recordPlatformEntryAction(_: unknown, formData: FormData): Promise<ActionResult<unknown>> {
  return runAction(async (actor, context) => {
    await recordPlatformEntry(actor, formObject(formData), context);
    revalidatePath("/admin/interaction", "layout");
    return { message: t.entered };
  });
}

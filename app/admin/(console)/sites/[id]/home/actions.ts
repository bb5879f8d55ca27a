"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/errors";
import { messages } from "@/lib/i18n/zh-CN";
import { publishHomeLayout, saveHomeDraft } from "@/lib/sites/home-layout";
import { runAction } from "../../../guard";

// The home-page composer's two writes; lib checks the session's right to manage the site and
// validates the layout (the composer's own checks are only a convenience).

const t = messages.homeBlocks.composer;

export async function saveHomeDraftAction(
  input: unknown,
): Promise<ActionResult<{ version: number; previewPath: string }>> {
  return runAction(async (actor, context) => {
    const saved = await saveHomeDraft(actor, input, context);
    return { message: t.saved(saved.version), data: saved };
  });
}

export async function publishHomeLayoutAction(input: unknown): Promise<ActionResult<{ version: number }>> {
  return runAction(async (actor, context) => {
    const published = await publishHomeLayout(actor, input, context);
    const siteId = (input as { siteId: string }).siteId;
    revalidatePath(`/admin/sites/${siteId}/home`);
    return { message: t.published, data: { version: published.version } };
  });
}

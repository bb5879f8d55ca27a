"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { ActionResult } from "@/lib/errors";
import { createChannel, setChannelActive, updateChannel } from "@/lib/channels/channel-admin";
import { formObject, runAction } from "../guard";

type Result = Promise<ActionResult<unknown>>;

export async function createChannelAction(_: unknown, formData: FormData): Result {
  const result = await runAction(async (actor, context) => {
    const channel = await createChannel(actor, formObject(formData), context);
    revalidatePath("/admin/channels");
    return { message: `已新建渠道“${channel.name}”。`, data: channel.id };
  });
  if (result.ok) redirect(`/admin/channels/${result.data as string}?created=1`);
  return result;
}

export async function updateChannelAction(_: unknown, formData: FormData): Result {
  return runAction(async (actor, context) => {
    const channel = await updateChannel(actor, formObject(formData), context);
    revalidatePath("/admin/channels");
    revalidatePath(`/admin/channels/${channel.id}`);
    return { message: `已保存渠道“${channel.name}”。` };
  });
}

export async function setChannelActiveAction(_: unknown, formData: FormData): Result {
  return runAction(async (actor, context) => {
    const channel = await setChannelActive(actor, formObject(formData), context);
    revalidatePath("/admin/channels");
    revalidatePath(`/admin/channels/${channel.id}`);
    return {
      message: channel.active ? `已启用渠道“${channel.name}”。` : `已停用渠道“${channel.name}”：不再向其分发新的内容。`,
    };
  });
}

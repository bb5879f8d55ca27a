"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/errors";
import { createRelay, rotateRelaySecret, setRelayActive } from "@/lib/interaction/inbound/relays";
import { formObject, runAction } from "../../guard";

type Result = Promise<ActionResult<unknown>>;

const ONCE = "仅显示这一次，请立即以安全方式交给接入方；平台只保存其加密值";

export async function createRelayAction(_: unknown, formData: FormData): Result {
  return runAction(async (actor, context) => {
    const { relay, secret } = await createRelay(actor, formObject(formData), context);
    revalidatePath("/admin/interaction/relays");
    return {
      message: `已登记互动接入“${relay.name}”。接入编号（X-Tongyuan-Relay）：${relay.id}　签名密钥：${secret}（${ONCE}）。`,
    };
  });
}

export async function rotateRelaySecretAction(_: unknown, formData: FormData): Result {
  return runAction(async (actor, context) => {
    const { relay, secret } = await rotateRelaySecret(actor, formObject(formData), context);
    revalidatePath("/admin/interaction/relays");
    return { message: `已更换“${relay.name}”的签名密钥，旧密钥即刻失效。新密钥：${secret}（${ONCE}）。` };
  });
}

export async function setRelayActiveAction(_: unknown, formData: FormData): Result {
  return runAction(async (actor, context) => {
    const relay = await setRelayActive(actor, formObject(formData), context);
    revalidatePath("/admin/interaction/relays");
    return {
      message: relay.active
        ? `已启用互动接入“${relay.name}”。`
        : `已停用互动接入“${relay.name}”：其转来的新留言将被拒收，已审核通过的答复仍会回传。`,
    };
  });
}

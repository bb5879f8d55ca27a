"use server";

import { revalidatePath } from "next/cache";
import { beginTotpEnrollment, changeOwnPassword, confirmTotpEnrollment } from "@/lib/auth/account";
import type { ActionResult } from "@/lib/errors";
import { formObject, runAction } from "../guard";

export async function changePasswordAction(_: unknown, formData: FormData): Promise<ActionResult<unknown>> {
  return runAction(async (actor, context) => {
    await changeOwnPassword(actor, formObject(formData), context);
    revalidatePath("/admin", "layout");
    return { message: "密码已修改，您在其他浏览器或设备上的登录已全部退出。" };
  });
}

export async function beginTotpAction(_: unknown, _formData: FormData): Promise<ActionResult<unknown>> {
  return runAction(async (actor, context) => {
    const enrollment = await beginTotpEnrollment(actor, context);
    return {
      message: "请用手机上的身份验证器应用扫描二维码，或手动输入密钥，然后填写显示的 6 位动态口令。",
      data: enrollment,
    };
  });
}

export async function confirmTotpAction(_: unknown, formData: FormData): Promise<ActionResult<unknown>> {
  return runAction(async (actor, context) => {
    await confirmTotpEnrollment(actor, formObject(formData), context);
    revalidatePath("/admin", "layout");
    return { message: "双因素认证已开启，下次登录时需要输入动态口令。" };
  });
}

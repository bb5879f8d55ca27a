"use server";

import { approveCredentialReset, refuseCredentialReset, ZCredentialResetDecision } from "@/lib/org/credential-resets";
import { type ActionResult } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { formObject, runAction } from "../guard";

// The page is not revalidated here: the answer, with a one-time password, stays on screen in the
// form that asked for it until the administrator has handed it over.
export async function approveResetAction(_: unknown, formData: FormData): Promise<ActionResult<unknown>> {
  return runAction(async (actor, context) => {
    const result = await approveCredentialReset(
      actor,
      parseInput(ZCredentialResetDecision, formObject(formData), "申请不存在。"),
      context,
    );
    return {
      message: result.oneTimePassword
        ? `已批准，${result.username} 的密码已重置。一次性密码：${result.oneTimePassword}（仅显示这一次，请当面或以安全方式交给本人；下次登录须修改）`
        : `已批准，${result.username} 的双因素认证已重置，本人下次登录后须重新绑定。`,
    };
  });
}

export async function refuseResetAction(_: unknown, formData: FormData): Promise<ActionResult<unknown>> {
  return runAction(async (actor, context) => {
    await refuseCredentialReset(
      actor,
      parseInput(ZCredentialResetDecision, formObject(formData), "申请不存在。"),
      context,
    );
    return { message: "已拒绝该申请，账号未作任何更改。" };
  });
}

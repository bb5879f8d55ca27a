"use server";

import { revalidatePath } from "next/cache";
import { createUser, resetPassword, resetTotp, setUserActive, unlockUser } from "@/lib/org/users";
import { addMembership, removeMembership } from "@/lib/org/memberships";
import type { ActionResult } from "@/lib/errors";
import { formObject, runAction } from "../guard";

const PENDING_MESSAGE =
  "该用户是系统、安全或审计管理员：已提交重置申请，须由另一名管理员在“重置审批”中批准后生效，并已通知本人。";

const id = (formData: FormData, name = "userId") => String(formData.get(name) ?? "");

export async function createUserAction(_: unknown, formData: FormData): Promise<ActionResult<unknown>> {
  return runAction(async (actor, context) => {
    const input = formObject(formData, ["checks"]);
    const { oneTimePassword } = await createUser(actor, input, context);
    revalidatePath("/admin/users");
    return {
      message: `已创建账号 ${String(input.username).trim()}。一次性密码：${oneTimePassword}（仅显示这一次，请当面或以安全方式告知本人；首次登录须修改）。该账号暂无任何角色，须由安全管理员授予角色后方可使用。`,
    };
  });
}

export async function setActiveAction(_: unknown, formData: FormData): Promise<ActionResult<unknown>> {
  return runAction(async (actor, context) => {
    const active = formData.get("active") === "true";
    await setUserActive(actor, id(formData), active, context);
    revalidatePath("/admin/users");
    return { message: active ? "账号已启用。" : "账号已停用，其所有登录会话已结束。" };
  });
}

export async function resetPasswordAction(_: unknown, formData: FormData): Promise<ActionResult<unknown>> {
  return runAction(async (actor, context) => {
    const outcome = await resetPassword(actor, id(formData), context);
    if (outcome.pending) return { message: PENDING_MESSAGE };
    return { message: `密码已重置。一次性密码：${outcome.oneTimePassword}（仅显示这一次；下次登录须修改）` };
  });
}

export async function unlockAction(_: unknown, formData: FormData): Promise<ActionResult<unknown>> {
  return runAction(async (actor, context) => {
    await unlockUser(actor, id(formData), context);
    revalidatePath("/admin/users");
    return { message: "账号已解锁。" };
  });
}

export async function resetTotpAction(_: unknown, formData: FormData): Promise<ActionResult<unknown>> {
  return runAction(async (actor, context) => {
    const outcome = await resetTotp(actor, id(formData), context);
    revalidatePath("/admin/users");
    if (outcome.pending) return { message: PENDING_MESSAGE };
    return { message: "双因素认证已重置，本人下次登录后须重新绑定（如其角色要求）。" };
  });
}

export async function addMembershipAction(_: unknown, formData: FormData): Promise<ActionResult<unknown>> {
  return runAction(async (actor, context) => {
    await addMembership(actor, formObject(formData, ["checks"]), context);
    revalidatePath("/admin/users");
    return { message: "角色已授予。" };
  });
}

export async function removeMembershipAction(_: unknown, formData: FormData): Promise<ActionResult<unknown>> {
  return runAction(async (actor, context) => {
    await removeMembership(actor, id(formData, "membershipId"), context);
    revalidatePath("/admin/users");
    return { message: "角色已撤销。" };
  });
}

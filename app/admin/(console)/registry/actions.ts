"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { ActionResult } from "@/lib/errors";
import { chainFromForm } from "@/lib/registry/chain-from-form";
import { decideApplication } from "@/lib/registry/decide-application";
import { saveApprovalChain } from "@/lib/registry/save-approval-chain";
import { setRegion } from "@/lib/registry/set-region";
import { submitApplication } from "@/lib/registry/submit-application";
import { withdrawApplication } from "@/lib/registry/withdraw-application";
import { formObject, runAction } from "../guard";

export async function submitApplicationAction(_: unknown, formData: FormData): Promise<ActionResult<unknown>> {
  return runAction(async (actor, context) => {
    const application = await submitApplication(actor, formObject(formData), context);
    revalidatePath("/admin/registry");
    redirect(`/admin/registry/applications/${application.id}`);
  });
}

export async function decideApplicationAction(_: unknown, formData: FormData): Promise<ActionResult<unknown>> {
  return runAction(async (actor, context) => {
    const result = await decideApplication(actor, formObject(formData), context);
    revalidatePath("/admin/registry", "layout");
    const message =
      result.status === "APPROVED"
        ? "审批通过，已登记到政务新媒体台账。"
        : result.status === "REJECTED"
          ? "已作出不同意的决定，申请已办结。"
          : `已同意，转“${result.nextStep}”环节。`;
    return { message };
  });
}

export async function withdrawApplicationAction(_: unknown, formData: FormData): Promise<ActionResult<unknown>> {
  return runAction(async (actor, context) => {
    await withdrawApplication(actor, formObject(formData), context);
    revalidatePath("/admin/registry", "layout");
    return { message: "申请已撤回。" };
  });
}

export async function saveChainAction(_: unknown, formData: FormData): Promise<ActionResult<unknown>> {
  return runAction(async (actor, context) => {
    const steps = await saveApprovalChain(actor, { steps: chainFromForm(formObject(formData)) }, context);
    revalidatePath("/admin/registry/chain");
    return { message: `已保存审批链（${steps.length} 个环节），自下一份申请起生效。` };
  });
}

export async function setRegionAction(_: unknown, formData: FormData): Promise<ActionResult<unknown>> {
  return runAction(async (actor, context) => {
    const region = await setRegion(actor, formObject(formData), context);
    revalidatePath("/admin/registry/chain");
    return { message: `地区名称已设为“${region}”，之后开设和变更的账号名称须包含该名称。` };
  });
}

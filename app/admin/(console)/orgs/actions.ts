"use server";

import { revalidatePath } from "next/cache";
import {
  createOrganization,
  moveOrganization,
  renameOrganization,
  setOrganizationActive,
} from "@/lib/org/organizations";
import { assignResponsibility } from "@/lib/org/memberships";
import type { ActionResult } from "@/lib/errors";
import { formObject, runAction } from "../guard";

export async function createOrgAction(_: unknown, formData: FormData): Promise<ActionResult<unknown>> {
  return runAction(async (actor, context) => {
    const org = await createOrganization(actor, formObject(formData), context);
    revalidatePath("/admin/orgs");
    return { message: `已新建“${org.name}”。` };
  });
}

export async function renameOrgAction(_: unknown, formData: FormData): Promise<ActionResult<unknown>> {
  return runAction(async (actor, context) => {
    await renameOrganization(actor, formObject(formData), context);
    revalidatePath("/admin/orgs");
    return { message: "名称已修改。" };
  });
}

export async function moveOrgAction(_: unknown, formData: FormData): Promise<ActionResult<unknown>> {
  return runAction(async (actor, context) => {
    await moveOrganization(actor, formObject(formData), context);
    revalidatePath("/admin/orgs");
    return { message: "已移动。" };
  });
}

export async function setOrgActiveAction(_: unknown, formData: FormData): Promise<ActionResult<unknown>> {
  return runAction(async (actor, context) => {
    const active = formData.get("active") === "true";
    await setOrganizationActive(actor, String(formData.get("orgId") ?? ""), active, context);
    revalidatePath("/admin/orgs");
    return { message: active ? "已启用。" : "已停用。" };
  });
}

export async function assignResponsibilityAction(_: unknown, formData: FormData): Promise<ActionResult<unknown>> {
  return runAction(async (actor, context) => {
    await assignResponsibility(actor, formObject(formData), context);
    revalidatePath("/admin/orgs");
    return { message: "责任人已更新，原责任人的任职记录已保留。" };
  });
}

"use server";

import { revalidatePath } from "next/cache";
import { createTheme, renameTheme } from "@/lib/library/themes";
import { createQaTheme, updateQaTheme } from "@/lib/interaction/qa/manage-themes";
import type { ActionResult } from "@/lib/errors";
import { formObject, runAction } from "../guard";

export async function createThemeAction(_: unknown, formData: FormData): Promise<ActionResult<unknown>> {
  return runAction(async (actor, context) => {
    const theme = await createTheme(actor, formObject(formData), context);
    revalidatePath("/admin/themes");
    return { message: `已新增分类“${theme.name}”。` };
  });
}

export async function renameThemeAction(_: unknown, formData: FormData): Promise<ActionResult<unknown>> {
  return runAction(async (actor, context) => {
    await renameTheme(actor, formObject(formData), context);
    revalidatePath("/admin/themes");
    return { message: "名称已修改。" };
  });
}

export async function createQaThemeAction(_: unknown, formData: FormData): Promise<ActionResult<unknown>> {
  return runAction(async (actor, context) => {
    const theme = await createQaTheme(actor, formObject(formData), context);
    revalidatePath("/admin/themes");
    return { message: `已新增答问主题“${theme.name}”。` };
  });
}

export async function updateQaThemeAction(_: unknown, formData: FormData): Promise<ActionResult<unknown>> {
  return runAction(async (actor, context) => {
    await updateQaTheme(actor, formObject(formData), context);
    revalidatePath("/admin/themes");
    return { message: "答问主题已修改。" };
  });
}

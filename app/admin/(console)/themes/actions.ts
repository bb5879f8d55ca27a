"use server";

import { revalidatePath } from "next/cache";
import { createTheme, renameTheme } from "@/lib/library/themes";
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

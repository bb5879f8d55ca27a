"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/errors";
import { deleteColumn, saveColumn, updateSiteSettings } from "@/lib/sites/admin";
import { formObject, runAction } from "../guard";

export async function updateSiteAction(_: unknown, formData: FormData): Promise<ActionResult<unknown>> {
  return runAction(async (actor, context) => {
    const site = await updateSiteSettings(actor, formObject(formData), context);
    revalidatePath(`/admin/sites/${site.id}`);
    return { message: `已保存“${site.name}”的网站信息，门户页面已同步更新。` };
  });
}

export async function saveColumnAction(_: unknown, formData: FormData): Promise<ActionResult<unknown>> {
  return runAction(async (actor, context) => {
    const fields = formObject(formData);
    const banner = formData.get("bannerFile");
    const bannerUpload =
      banner instanceof File && banner.size > 0
        ? { fileName: banner.name, bytes: new Uint8Array(await banner.arrayBuffer()) }
        : undefined;
    const column = await saveColumn(actor, { ...fields, bannerUpload }, context);
    revalidatePath(`/admin/sites/${column.siteId}`);
    return { message: `已保存栏目“${column.name}”。` };
  });
}

export async function deleteColumnAction(_: unknown, formData: FormData): Promise<ActionResult<unknown>> {
  return runAction(async (actor, context) => {
    const column = await deleteColumn(actor, formObject(formData), context);
    revalidatePath(`/admin/sites/${column.siteId}`);
    return { message: `已删除栏目“${column.name}”。` };
  });
}

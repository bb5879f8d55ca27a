"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/errors";
import { deleteColumn, saveColumn, updateSiteSettings } from "@/lib/sites/admin";
import { SITE_IMAGE_SLOTS } from "@/lib/sites/site-images";
import { formObject, runAction } from "../guard";

/** The identity images chosen in the form (logo, banner, favicon, badge); an empty file input is none. */
async function chosenImages(formData: FormData) {
  const images: Record<string, { fileName: string; bytes: Uint8Array }> = {};
  for (const slot of SITE_IMAGE_SLOTS) {
    const file = formData.get(slot);
    if (file instanceof File && file.size > 0)
      images[slot] = { fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
  }
  return images;
}

export async function updateSiteAction(_: unknown, formData: FormData): Promise<ActionResult<unknown>> {
  return runAction(async (actor, context) => {
    const input = { ...formObject(formData), images: await chosenImages(formData) };
    const site = await updateSiteSettings(actor, input, context);
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

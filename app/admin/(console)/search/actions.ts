"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/errors";
import { saveSynonyms } from "@/lib/search/synonyms";
import { formObject, runAction } from "../guard";

export async function saveSynonymsAction(_: unknown, formData: FormData): Promise<ActionResult<unknown>> {
  return runAction(async (actor, context) => {
    const saved = await saveSynonyms(actor, formObject(formData), context);
    revalidatePath("/admin/search");
    const meili =
      saved.meilisearch === "failed" ? "；Meilisearch 暂不可用，将在其恢复后的下一次启动或重建索引时应用" : "";
    return { message: `已保存同义词 ${saved.groups} 组${meili}。` };
  });
}

"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { uploadAsset } from "@/lib/library/assets";
import { createResource, saveRevision, saveWorkingDraft } from "@/lib/library/resources";
import { importDocx } from "@/lib/library/import-docx";
import { restoreRevision } from "@/lib/review/restore-revision";
import { invalid, type ActionResult } from "@/lib/errors";
import type { ImportOutcome } from "@/components/admin/import-form";
import { formObject, runAction } from "../guard";

export async function createResourceAction(_: unknown, formData: FormData): Promise<ActionResult<unknown>> {
  const result = await runAction(async (actor, context) => {
    const resource = await createResource(actor, formObject(formData), context);
    return { message: "已新建稿件。", data: resource.id };
  });
  if (result.ok) redirect(`/admin/library/${result.data as string}`);
  return result;
}

export async function saveRevisionAction(payload: unknown): Promise<ActionResult<unknown>> {
  return runAction(async (actor, context) => {
    const { revision, created } = await saveRevision(actor, payload, context);
    // The editor page's server-rendered panels (publishing, 修订历史) read the new version.
    if (created) revalidatePath(`/admin/library/${revision.resourceId}`, "layout");
    return {
      message: created ? `已保存为第 ${revision.number} 版修订。` : "内容没有变化，无需保存新修订。",
      data: { number: revision.number },
    };
  });
}

export async function restoreRevisionAction(_: unknown, formData: FormData): Promise<ActionResult<unknown>> {
  return runAction(async (actor, context) => {
    const restored = await restoreRevision(actor, formObject(formData), context);
    revalidatePath(`/admin/library/${restored.revision.resourceId}`, "layout");
    return {
      message: restored.created
        ? `已将第 ${restored.restoredFrom} 版的内容恢复为第 ${restored.revision.number} 版。`
        : `第 ${restored.restoredFrom} 版与当前版本内容相同，无需恢复。`,
    };
  });
}

export async function importDocxAction(_: unknown, formData: FormData): Promise<ActionResult<ImportOutcome>> {
  const result = await runAction<ImportOutcome>(async (actor, context) => {
    const file = formData.get("file");
    if (!(file instanceof File) || file.size === 0)
      throw invalid("请选择要导入的 .docx 文件。", { file: ["请选择文件"] });
    const imported = await importDocx(
      actor,
      {
        fileName: file.name,
        bytes: new Uint8Array(await file.arrayBuffer()),
        kind: String(formData.get("kind") ?? "") as Parameters<typeof importDocx>[1]["kind"],
        ownerOrgId: String(formData.get("ownerOrgId") ?? ""),
      },
      context,
    );
    // Content that still needs metadata before its first save waits as the importer's working copy.
    if (!imported.saved) {
      await saveWorkingDraft(actor, {
        resourceId: imported.resourceId,
        baseVersion: 0,
        title: imported.title,
        body: imported.body,
        metadata: {},
      });
    }
    const { resourceId, title, warnings } = imported;
    return {
      message: warnings.length ? `已导入，有 ${warnings.length} 条提示需要核对。` : "已导入。",
      data: { resourceId, title, warnings },
    };
  });
  // Without remarks the draft opens; with remarks the import page lists them first.
  if (result.ok && !result.data?.warnings.length) redirect(`/admin/library/${result.data!.resourceId}`);
  return result;
}

export async function uploadAssetAction(_: unknown, formData: FormData): Promise<ActionResult<unknown>> {
  return runAction(async (actor, context) => {
    const file = formData.get("file");
    if (!(file instanceof File) || file.size === 0) throw invalid("请选择要上传的文件。", { file: ["请选择文件"] });
    const asset = await uploadAsset(
      actor,
      { fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) },
      context,
    );
    revalidatePath("/admin/library/assets");
    return { message: `已上传“${asset.fileName}”。` };
  });
}

"use server";

import { revalidatePath } from "next/cache";
import { invalid, type ActionResult } from "@/lib/errors";
import type { BulkReport } from "@/lib/library/bulk";
import { purgeResources } from "@/lib/library/purge";
import { restoreResources, trashResources } from "@/lib/library/trash";
import { submitResourcesForReview } from "@/lib/review/bulk-submit";
import { addResourcesToColumns } from "@/lib/publish/bulk-placements";
import { messages } from "@/lib/i18n/zh-CN";
import { formObject, runAction } from "../guard";

type Result = Promise<ActionResult<BulkReport>>;

function summary(operation: keyof typeof messages.libraryBulk, report: BulkReport): string {
  const label = messages.libraryBulk[operation];
  return report.refused
    ? `${label}：完成 ${report.done} 篇，未处理 ${report.refused} 篇（原因见下）。`
    : `${label}：已完成 ${report.done} 篇。`;
}

/** The library list's and the 回收站's bulk form: the pressed button (op) names the use case. */
export async function bulkLibraryAction(_: unknown, formData: FormData): Result {
  return runAction(async (actor, context) => {
    const input = formObject(formData, ["ids", "submitColumnIds", "placeColumnIds"]);
    const op = String(input.op ?? "");
    let report: BulkReport;
    if (op === "trash") report = await trashResources(actor, input, context);
    else if (op === "restore") report = await restoreResources(actor, input, context);
    else if (op === "purge") report = await purgeResources(actor, input, context);
    else if (op === "submit")
      report = await submitResourcesForReview(actor, { ...input, columnIds: input.submitColumnIds }, context);
    else if (op === "place")
      report = await addResourcesToColumns(actor, { ...input, columnIds: input.placeColumnIds }, context);
    else throw invalid("请选择要执行的操作。");
    revalidatePath("/admin/library");
    revalidatePath("/admin/library/trash");
    return { message: summary(op, report), data: report };
  });
}

import { z } from "zod";
import type { Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { conflict } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { parseBulkIds, runBulk, type BulkReport } from "@/lib/library/bulk";
import { loadVisibleResource } from "@/lib/library/resources";
import { submitForReview } from "@/lib/review/instances";

// 送审 from the library list: each selected item's latest revision is submitted through the one
// submission use case (instances.ts), with the columns and publishing mode chosen once for all.

type Context = Partial<RequestContext>;

const ZBulkSubmit = z.object({
  publishMode: z.enum(["ON_APPROVAL", "MANUAL"], { message: "请选择发布方式" }),
  columnIds: z.array(z.uuid("栏目不正确")).max(50, "一次最多选择 50 个栏目").default([]),
});

export async function submitResourcesForReview(
  actor: Principal | null,
  input: unknown,
  context: Context = {},
): Promise<BulkReport> {
  const ids = parseBulkIds(input);
  const { publishMode, columnIds } = parseInput(ZBulkSubmit, input, "请检查送审的选项。");
  return runBulk(actor, ids, async (resourceId) => {
    const resource = await loadVisibleResource(actor, resourceId);
    if (resource.version === 0) throw conflict("稿件尚未保存第一版，不能送审。");
    const instance = await submitForReview(
      actor,
      { resourceId, baseVersion: resource.version, publishMode, columnIds, channelIds: [] },
      context,
    );
    return `已提交审核（${instance.workflowName}）。`;
  });
}

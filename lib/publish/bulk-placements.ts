import { z } from "zod";
import type { Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { parseInput } from "@/lib/validation/parse";
import { parseBulkIds, runBulk, type BulkReport } from "@/lib/library/bulk";
import { addPlacements } from "@/lib/publish/placements";

// 添加栏目 from the library list: the chosen columns are added to each selected item through the
// one placement use case (placements.ts), which checks the item's review and the placement rule.

type Context = Partial<RequestContext>;

const ZBulkPlace = z.object({
  columnIds: z
    .array(z.uuid("栏目不正确"), { message: "请选择栏目" })
    .min(1, "请选择栏目")
    .max(50, "一次最多选择 50 个栏目"),
});

export async function addResourcesToColumns(
  actor: Principal | null,
  input: unknown,
  context: Context = {},
): Promise<BulkReport> {
  const ids = parseBulkIds(input);
  const { columnIds } = parseInput(ZBulkPlace, input, "请选择栏目。");
  return runBulk(actor, ids, async (resourceId) => {
    const added = await addPlacements(actor, { resourceId, columnIds }, context);
    return added ? `已添加到 ${added} 个栏目。` : "已在所选栏目中，无需添加。";
  });
}

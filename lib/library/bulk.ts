import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { DomainError, unauthenticated } from "@/lib/errors";
import { assertHoldsRoleFor, type Principal } from "@/lib/auth/permissions";
import { type Action } from "@/lib/auth/permission-table";
import { parseInput } from "@/lib/validation/parse";
import { visibleOrgIds } from "@/lib/library/browse";

// Bulk actions of the library list (送审, 移入回收站, 恢复, 导出, 添加栏目): each use case checks every
// item on its own, applies what it may, and reports per item what it refused and why, so one
// refused item never blocks the others. A refusal is a domain error's own (Chinese) message.

export const BULK_LIMIT = 100;

export const ZBulkIds = z.object({
  ids: z
    .array(z.uuid("稿件编号不正确"), { message: "请先勾选稿件" })
    .min(1, "请先勾选稿件")
    .max(BULK_LIMIT, `一次最多处理 ${BULK_LIMIT} 篇稿件`),
});

export type BulkItemResult = { id: string; title: string; ok: boolean; message: string };
export type BulkReport = { done: number; refused: number; items: BulkItemResult[] };

/** What an item the actor may not see is called in a report: its title is not disclosed. */
export const UNKNOWN_ITEM = "（无法查看的稿件）";
const UNTITLED = "（未命名草稿）";

/** The ids of `input`, deduplicated, in the order given. */
export function parseBulkIds(input: unknown): string[] {
  return [...new Set(parseInput(ZBulkIds, input, "请先勾选稿件。").ids)];
}

/** Titles of the items the actor may see (trashed ones included), or of all with `everyUnit`, for the report. */
async function titlesFor(actor: Principal, ids: string[], everyUnit: boolean): Promise<Map<string, string>> {
  const rows = await getDb().resource.findMany({
    where: everyUnit ? { id: { in: ids } } : { id: { in: ids }, ownerOrgId: { in: await visibleOrgIds(actor) } },
    select: { id: true, title: true },
  });
  return new Map(rows.map((row) => [row.id, row.title || UNTITLED]));
}

/**
 * Runs `work` for each id in turn. `work` returns the success message, or throws a domain error
 * whose message is the refusal; anything else is a fault and propagates. `everyUnit` names items
 * of every unit in the report (for a platform-wide duty the caller has already checked).
 */
export async function runBulk(
  actor: Principal | null,
  ids: string[],
  work: (id: string) => Promise<string>,
  options: { everyUnit?: boolean } = {},
): Promise<BulkReport> {
  if (!actor) throw unauthenticated();
  const titles = await titlesFor(actor, ids, options.everyUnit ?? false);
  const items: BulkItemResult[] = [];
  for (const id of ids) {
    const title = titles.get(id) ?? UNKNOWN_ITEM;
    try {
      items.push({ id, title, ok: true, message: await work(id) });
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === "UNAUTHENTICATED") throw error;
      items.push({ id, title, ok: false, message: error.message });
    }
  }
  const done = items.filter((item) => item.ok).length;
  return { done, refused: items.length - done, items };
}

export type BulkOperation = "submit" | "trash" | "export" | "place";

/** The bulk actions the library list offers this person: those a role they hold somewhere allows. */
export function offeredBulkOperations(actor: Principal): BulkOperation[] {
  const holds = (action: Action) => {
    try {
      assertHoldsRoleFor(actor, action);
      return true;
    } catch {
      return false;
    }
  };
  const offered: [BulkOperation, Action][] = [
    ["submit", "review.submit"],
    ["trash", "resource.trash"],
    ["export", "resource.view"],
    ["place", "placement.manage"],
  ];
  return offered.filter(([, action]) => holds(action)).map(([operation]) => operation);
}

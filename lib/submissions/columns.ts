import type { Tx } from "@/lib/db/client";
import { invalid } from "@/lib/errors";
import { isPlaceableKind } from "@/lib/publish/placement-rule";
import { submissionMessages as t } from "@/lib/i18n/zh-CN-submissions";

/** The desk adopts into its own site's columns, of a kind that lists library items. */
export async function assertSiteColumns(tx: Tx, siteId: string, columnIds: string[]) {
  const unique = [...new Set(columnIds)];
  const columns = await tx.column.findMany({ where: { id: { in: unique }, siteId }, select: { kind: true } });
  if (columns.length !== unique.length || columns.some((column) => !isPlaceableKind(column.kind))) {
    throw invalid(t.errors.columnsOfSite, { columnIds: [t.errors.columnsOfSite] });
  }
  return unique;
}

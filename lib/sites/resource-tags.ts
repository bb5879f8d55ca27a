import type { Tx } from "@/lib/db/client";
import { announcePortalChange } from "@/lib/cache/portal-purge";
import { cacheTag } from "@/lib/cache/render-scope";
import type { EventMap } from "@/lib/events/types";

/** The pages showing a library item: its own, the lists of its columns, its sites' listings. */
export async function portalTagsForResource(
  tx: Tx,
  resourceId: string,
  extraColumnIds: string[] = [],
): Promise<string[]> {
  const placements = await tx.placement.findMany({ where: { resourceId }, select: { columnId: true } });
  const columnIds = [...new Set([...placements.map((placement) => placement.columnId), ...extraColumnIds])];
  const columns = await tx.column.findMany({ where: { id: { in: columnIds } }, select: { id: true, siteId: true } });
  return [
    cacheTag.resource(resourceId),
    ...columns.map((column) => cacheTag.column(column.id)),
    ...new Set(columns.map((column) => cacheTag.listing(column.siteId))),
  ];
}

/**
 * A recorded public change (event "outbox.recorded"): the portal servers purge the pages of the
 * item, of the columns it is or was placed in, and of their sites' listings.
 */
export async function purgeResourcePages({ tx, payload }: EventMap["outbox.recorded"]): Promise<void> {
  const columnIds = [
    ...(payload.added ?? []),
    ...(payload.removed ? [payload.removed] : []),
    ...(payload.columnId ? [payload.columnId] : []),
  ];
  await announcePortalChange(tx, await portalTagsForResource(tx, payload.resourceId, columnIds));
}

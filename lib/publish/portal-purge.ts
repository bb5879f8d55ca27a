import type { Tx } from "@/lib/db/client";
import { cacheTag, recordChanged } from "@/lib/sites/render-scope";

// Exact cache refresh (issue #6). A write that changes what the public sees names the cache tags
// it touched, inside its own transaction:
// - pg_notify on PORTAL_PURGE_CHANNEL is delivered to every portal server when the transaction
//   commits (and never when it rolls back), so every instance and worker purges the same pages;
// - the request that made the change also records the tags, and the portal server purges them
//   before that request's response leaves the process, so the very next request is fresh.

export const PORTAL_PURGE_CHANNEL = "tongyuan_portal";
/** Purge everything: sent when the tag list would not fit in a notification. */
export const PURGE_ALL = "*";

/** The pages showing a library item: its own, the lists of its columns, its sites' listings. */
export async function portalTagsForResource(tx: Tx, resourceId: string, extraColumnIds: string[] = []): Promise<string[]> {
  const placements = await tx.placement.findMany({ where: { resourceId }, select: { columnId: true } });
  const columnIds = [...new Set([...placements.map((placement) => placement.columnId), ...extraColumnIds])];
  const columns = await tx.column.findMany({ where: { id: { in: columnIds } }, select: { id: true, siteId: true } });
  return [
    cacheTag.resource(resourceId),
    ...columns.map((column) => cacheTag.column(column.id)),
    ...new Set(columns.map((column) => cacheTag.listing(column.siteId))),
  ];
}

export async function announcePortalChange(tx: Tx, tags: string[]): Promise<void> {
  if (tags.length === 0) return;
  recordChanged(tags);
  let payload = JSON.stringify(tags);
  // NOTIFY payloads are limited to 8000 bytes.
  if (Buffer.byteLength(payload) > 7500) payload = JSON.stringify([PURGE_ALL]);
  await tx.$executeRaw`select pg_notify(${PORTAL_PURGE_CHANNEL}, ${payload})`;
}

/** Parses a notification payload; anything unexpected purges everything (never serve stale). */
export function parsePurgePayload(payload: string | undefined): string[] {
  try {
    const tags: unknown = JSON.parse(payload ?? "");
    if (Array.isArray(tags) && tags.every((tag) => typeof tag === "string")) return tags;
  } catch {
    // fall through
  }
  return [PURGE_ALL];
}

import type { Tx } from "@/lib/db/client";
import { recordChanged } from "@/lib/cache/render-scope";
import { recordPurge } from "@/lib/cache/portal-sync";

// Exact cache refresh (issue #6). A write that changes what the public sees names the cache tags
// it touched, inside its own transaction:
// - pg_notify on PORTAL_PURGE_CHANNEL is delivered to every portal server when the transaction
//   commits (and never when it rolls back), so every instance and worker purges the same pages;
// - the request that made the change also records the tags, and the portal server purges them
//   before that request's response leaves the process, so the very next request is fresh;
// - the change is also a `PortalPurge` row, so a server that missed or has not yet handled the
//   notification finds it on its next heartbeat, and the publishing call (wherever it runs) waits
//   until every live server has acknowledged it (lib/cache/portal-sync.ts).

export const PORTAL_PURGE_CHANNEL = "tongyuan_portal";
/** Purge everything: sent when the tag list would not fit in a notification. */
export const PURGE_ALL = "*";

export async function announcePortalChange(tx: Tx, tags: string[]): Promise<void> {
  if (tags.length === 0) return;
  recordChanged(tags);
  const { id } = await tx.portalPurge.create({ data: { tags }, select: { id: true } });
  recordPurge(id);
  let payload = JSON.stringify({ id: String(id), tags });
  // NOTIFY payloads are limited to 8000 bytes; the row keeps the full list.
  if (Buffer.byteLength(payload) > 7500) payload = JSON.stringify({ id: String(id), tags: [PURGE_ALL] });
  await tx.$executeRaw`select pg_notify(${PORTAL_PURGE_CHANNEL}, ${payload})`;
}

export type PurgeNotice = { id: bigint | null; tags: string[] };

/** Parses a notification payload; anything unexpected purges everything (never serve stale). */
export function parsePurgeNotice(payload: string | undefined): PurgeNotice {
  try {
    const notice: unknown = JSON.parse(payload ?? "");
    if (notice && typeof notice === "object" && "id" in notice && "tags" in notice) {
      const { id, tags } = notice as { id: unknown; tags: unknown };
      if (typeof id === "string" && /^\d{1,19}$/.test(id) && isTagList(tags)) return { id: BigInt(id), tags };
    }
  } catch {
    // fall through
  }
  return { id: null, tags: [PURGE_ALL] };
}

/** The tags of a notification payload. */
export function parsePurgePayload(payload: string | undefined): string[] {
  return parsePurgeNotice(payload).tags;
}

function isTagList(tags: unknown): tags is string[] {
  return Array.isArray(tags) && tags.every((tag) => typeof tag === "string");
}

import type { Db, Tx } from "@/lib/db/client";
import { getDb } from "@/lib/db/client";
import { announcePortalChange, portalTagsForResource } from "@/lib/publish/portal-purge";
import { syncSearchDocuments } from "@/lib/search/service";
import { planDeliveries } from "@/lib/channels/deliveries";

// Transactional outbox (DESIGN invariant 5): publishing and withdrawing write an event in the
// same transaction as the change, so an event exists exactly when the change committed. Each
// consumer (portal cache, search index, channels: issues #6–#8) reads after commit from its own
// cursor and acknowledges by advancing it; a failing event is retried and never skipped.

export type OutboxTopic = "publication.published" | "publication.withdrawn" | "placement.changed" | "policy.validity.changed";

export type OutboxEventData = { id: bigint; topic: string; subject: string; payload: unknown; createdAt: Date };

export type OutboxPayload = { resourceId: string; added?: string[]; removed?: string; columnId?: string } & Record<string, unknown>;

/**
 * Records the event, tells the portal servers which pages it changes and rewrites the item's
 * PostgreSQL search document, and plans the channel deliveries, all in the same transaction.
 */
export async function emitEvent(tx: Tx, topic: OutboxTopic, subject: string, payload: OutboxPayload): Promise<void> {
  await tx.outboxEvent.create({ data: { topic, subject, payload: payload as object } });
  const columnIds = [...(payload.added ?? []), ...(payload.removed ? [payload.removed] : []), ...(payload.columnId ? [payload.columnId] : [])];
  await announcePortalChange(tx, await portalTagsForResource(tx, payload.resourceId, columnIds));
  await syncSearchDocuments(tx, [payload.resourceId]);
  // Channel deliveries (分发同时) are outbox rows of their own, written and queued here.
  await planDeliveries(tx, topic, payload);
}

/**
 * Hands the consumer's next events, in order, to `handle`. The cursor row is locked for the
 * duration, so two workers never deliver the same event to one consumer twice at once. Returns
 * how many events were acknowledged; the first failure stops the batch and is recorded.
 */
export async function consumeOutbox(
  consumer: string,
  handle: (event: OutboxEventData) => Promise<void>,
  options: { batch?: number; db?: Db } = {},
): Promise<{ acknowledged: number; error: string | null }> {
  const db = options.db ?? getDb();
  return db.$transaction(
    async (tx) => {
      await tx.outboxCursor.upsert({ where: { consumer }, create: { consumer }, update: {} });
      const [cursor] = await tx.$queryRaw<{ lastId: bigint }[]>`
        select "lastId" from "OutboxCursor" where consumer = ${consumer} for update skip locked`;
      if (!cursor) return { acknowledged: 0, error: null };
      const events = await tx.outboxEvent.findMany({ where: { id: { gt: cursor.lastId } }, orderBy: { id: "asc" }, take: options.batch ?? 100 });
      let acknowledged = 0;
      let lastId = cursor.lastId;
      let error: string | null = null;
      for (const event of events) {
        try {
          await handle(event);
        } catch (cause) {
          error = cause instanceof Error ? cause.message : String(cause);
          break;
        }
        lastId = event.id;
        acknowledged += 1;
      }
      await tx.outboxCursor.update({
        where: { consumer },
        data: error
          ? { lastId, attempts: { increment: 1 }, lastError: error, updatedAt: new Date() }
          : { lastId, attempts: 0, lastError: null, updatedAt: new Date() },
      });
      return { acknowledged, error };
    },
    { timeout: 60_000 },
  );
}

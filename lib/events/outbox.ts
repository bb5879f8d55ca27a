import type { Db, Tx } from "@/lib/db/client";
import { getDb } from "@/lib/db/client";
import { emit } from "@/lib/events/bus";
import type { OutboxEventData, OutboxPayload, OutboxTopic } from "@/lib/events/types";

export type { OutboxEventData, OutboxPayload, OutboxTopic } from "@/lib/events/types";

// Transactional outbox (DESIGN invariant 5): publishing and withdrawing write an event in the
// same transaction as the change, so an event exists exactly when the change committed. Each
// consumer (portal cache, search index, channels: issues #6–#8) reads after commit from its own
// cursor and acknowledges by advancing it; a failing event is retried and never skipped.

/**
 * Records the event and hands it to the in-transaction subscribers (lib/subscribers.ts): the
 * portal purge, the PostgreSQL search document and the channel deliveries are written in the
 * same transaction as the change.
 */
export async function emitEvent(tx: Tx, topic: OutboxTopic, subject: string, payload: OutboxPayload): Promise<void> {
  await tx.outboxEvent.create({ data: { topic, subject, payload: payload as object } });
  await emit("outbox.recorded", { tx, topic, subject, payload });
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
      const events = await tx.outboxEvent.findMany({
        where: { id: { gt: cursor.lastId } },
        orderBy: { id: "asc" },
        take: options.batch ?? 100,
      });
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

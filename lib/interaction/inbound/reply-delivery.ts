import type { Tx } from "@/lib/db/client";
import { CHANNEL_STANDING, channelProblem, enqueueDelivery } from "@/lib/channels/deliveries";
import { replyContentHash } from "@/lib/channels/reply-source";

// 同反馈: the approved reply to a relayed letter goes back through the relay's webhook channel as a
// delivery, planned in the transaction that approves it (the outbox), carried out by the delivery
// worker with its retries and crash recovery. Its contentHash is the SHA-256 of the reply text the
// writer reads with the 查询码; the worker checks it again before sending.

export function replyIdempotencyKey(replyId: string, channelId: string): string {
  return `reply:${replyId}:${channelId}`;
}

/** Plans the REPLY delivery of `reply` when `letter` came through a relay; returns its id, or null. */
export async function queueReplyDelivery(
  tx: Tx,
  letter: { relayId: string | null },
  reply: { id: string; body: string },
): Promise<string | null> {
  if (!letter.relayId) return null;
  const relay = await tx.interactionRelay.findUnique({
    where: { id: letter.relayId },
    select: { channel: { select: CHANNEL_STANDING } },
  });
  if (!relay) return null;
  const { channel } = relay;
  const idempotencyKey = replyIdempotencyKey(reply.id, channel.id);
  const existing = await tx.delivery.findUnique({ where: { idempotencyKey }, select: { id: true } });
  if (existing) return existing.id;
  // A channel that cannot receive now gets a FAILED delivery saying why, never silence.
  const problem = channelProblem(channel, "REPLY");
  const delivery = await tx.delivery.create({
    data: {
      letterReplyId: reply.id,
      channelId: channel.id,
      action: "REPLY",
      contentHash: replyContentHash(reply.body),
      idempotencyKey,
      ...(problem ? { status: "FAILED" as const, lastError: problem.message, failure: problem.failure } : {}),
    },
  });
  if (!problem) await enqueueDelivery(tx, delivery.id);
  return delivery.id;
}

import type { Db } from "@/lib/db/client";
import { describeDeliveryState } from "@/lib/channels/delivery-words";

// What a letter's page shows of its relay: which back end brought it under which message id, and
// how each approved reply went back (the REPLY deliveries, as every delivery screen words them).

export async function letterRelayView(
  db: Db,
  letter: { id: string; relayId: string | null; externalRef: string | null },
  /** The actor handles the answering unit: a failed reply delivery may be sent again (重新回传). */
  canRetry: boolean,
) {
  if (!letter.relayId) return null;
  const [relay, deliveries] = await Promise.all([
    db.interactionRelay.findUnique({
      where: { id: letter.relayId },
      select: { name: true, active: true, channel: { select: { name: true } } },
    }),
    db.delivery.findMany({
      where: { action: "REPLY", letterReply: { letterId: letter.id } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: {
        id: true,
        status: true,
        failure: true,
        lastError: true,
        attempts: true,
        contentHash: true,
        createdAt: true,
        sentAt: true,
        acknowledgedAt: true,
        channel: { select: { name: true } },
        letterReply: { select: { round: true } },
      },
    }),
  ]);
  if (!relay) return null;
  return {
    relayName: relay.name,
    relayActive: relay.active,
    channelName: relay.channel.name,
    messageId: letter.externalRef,
    canRetry,
    deliveries: deliveries.map(({ channel, letterReply, ...delivery }) => ({
      ...delivery,
      channelName: channel.name,
      round: letterReply?.round ?? 1,
      stateLabel: describeDeliveryState(delivery),
    })),
  };
}

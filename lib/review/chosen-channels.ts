import type { Db, Tx } from "@/lib/db/client";
import { messages } from "@/lib/i18n/zh-CN";

/** Names of chosen channels (the review page shows what the submitter chose). */
export async function describeChannels(db: Db | Tx, channelIds: string[]) {
  if (channelIds.length === 0) return [];
  const channels = await db.channel.findMany({
    where: { id: { in: channelIds } },
    select: { id: true, name: true, kind: true },
  });
  return channels.map((channel) => ({ ...channel, kindLabel: messages.newMedia.channelKinds[channel.kind] }));
}

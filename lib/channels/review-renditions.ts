import { getDb } from "@/lib/db/client";
import type { ReviewView } from "@/lib/review/queries";
import { messages } from "@/lib/i18n/zh-CN";
import { renderForChannel, renditionFormatOf } from "@/lib/channels/renditions/render";
import { renditionSourceForRevision } from "@/lib/channels/renditions/source";
import type { RenditionPreview } from "@/lib/channels/preview";
import type { Rendition } from "@/lib/channels/renditions/types";
import { channelSetupProblem } from "@/lib/channels/channel-config";

// The review page shows, beside the portal's rendering, each chosen channel's rendition of the
// revision under review: the very renditions a delivery would carry (lib/channels/renditions),
// derived from the revision the review is bound to (its content hash travels with each one).

const FORMAT_ORDER: Rendition["format"][] = ["wechat-article", "weibo-status", "json"];

/** One rendition per format among the channels chosen for the review, with the channels it serves. */
export async function renderReviewChannels(review: ReviewView): Promise<RenditionPreview[]> {
  if (review.channels.length === 0) return [];
  const { instance } = review;
  const db = getDb();
  const [source, setups] = await Promise.all([
    renditionSourceForRevision(db, instance.revisionId, instance.columnIds),
    db.channel.findMany({
      where: { id: { in: review.channels.map((channel) => channel.id) } },
      select: { id: true, kind: true, config: true, secrets: true },
    }),
  ]);
  if (source.contentHash !== instance.contentHash) return [];
  // A channel whose credentials were removed after submission is marked 未配置 here: its
  // delivery would fail, and the reviewer should know before signing.
  const problems = new Map(setups.map((channel) => [channel.id, channelSetupProblem(channel)]));
  return FORMAT_ORDER.flatMap((format) => {
    const channels = review.channels.filter((channel) => renditionFormatOf(channel.kind) === format);
    if (channels.length === 0) return [];
    const kinds = [...new Set(channels.map((channel) => channel.kind))];
    return [
      {
        format,
        kinds: kinds.map((kind) => ({ kind, label: messages.newMedia.channelKinds[kind] })),
        channels: channels.map((channel) => ({
          id: channel.id,
          name: channel.name,
          kind: channel.kind,
          placed: true,
          setupProblem: problems.get(channel.id) ?? null,
        })),
        rendition: renderForChannel(kinds[0]!, source),
      },
    ];
  });
}

import { getDb } from "@/lib/db/client";
import { isChannelReceiving } from "@/lib/channels/channels";
import { renderJson } from "@/lib/channels/renditions/json";
import { loadRenditionSource } from "@/lib/channels/renditions/source";

// The pull feed of a FEED channel (JSON Feed 1.1, https://jsonfeed.org/version/1.1): what the
// platform reads instead of being pushed to. It lists the renditions of the channel's acknowledged
// deliveries whose publication is still live — neither withdrawn (recalled) nor replaced by a
// correction — newest first. Everything in it is published content; no draft ever appears.

const FEED_SIZE = 50;

export type JsonFeed = {
  version: "https://jsonfeed.org/version/1.1";
  title: string;
  description: string;
  home_page_url?: string;
  feed_url: string;
  language: "zh-CN";
  authors: { name: string }[];
  items: JsonFeedItem[];
};

type JsonFeedItem = {
  id: string;
  url?: string;
  title: string;
  summary: string;
  content_html: string;
  date_published?: string;
  date_modified?: string;
  tags?: string[];
  authors: { name: string }[];
  /** Extension (JSON Feed allows keys starting with "_"): the full rendition, as webhooks get it. */
  _tongyuan: {
    deliveryId: string;
    publicationId: string;
    contentHash: string;
    rendition: ReturnType<typeof renderJson>["document"];
  };
};

/** The feed of a FEED channel, or null when there is no such channel or it may not receive content. */
export async function buildChannelFeed(channelId: string, feedUrl: string): Promise<JsonFeed | null> {
  const db = getDb();
  const channel = await db.channel.findUnique({
    where: { id: channelId },
    select: {
      id: true,
      name: true,
      kind: true,
      active: true,
      org: { select: { name: true } },
      account: { select: { status: true, cancelEffectiveOn: true } },
    },
  });
  if (!channel || channel.kind !== "FEED" || !isChannelReceiving(channel)) return null;
  const deliveries = await db.delivery.findMany({
    where: {
      channelId,
      status: "ACKNOWLEDGED",
      action: { in: ["PUBLISH", "CORRECT"] },
      publication: { withdrawnAt: null, supersededAt: null, deliveries: { none: { channelId, action: "RECALL" } } },
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: FEED_SIZE,
    select: { id: true, publicationId: true, contentHash: true },
  });
  const items: JsonFeedItem[] = [];
  const seen = new Set<string>();
  for (const delivery of deliveries) {
    if (!delivery.publicationId) continue;
    const { document } = renderJson(await loadRenditionSource(db, delivery.publicationId));
    // One entry per item: a repeated delivery of the same publication shows once.
    if (seen.has(document.resourceId)) continue;
    seen.add(document.resourceId);
    items.push({
      id: document.resourceId,
      ...(document.portalUrl ? { url: document.portalUrl } : {}),
      title: document.title,
      summary: document.summary,
      content_html: document.bodyHtml,
      ...(document.publishedAt ? { date_published: document.publishedAt } : {}),
      ...(document.updatedAt ? { date_modified: document.updatedAt } : {}),
      ...(Array.isArray(document.metadata.keywords?.value) ? { tags: document.metadata.keywords.value } : {}),
      authors: [{ name: document.source }],
      _tongyuan: {
        deliveryId: delivery.id,
        publicationId: delivery.publicationId,
        contentHash: delivery.contentHash,
        rendition: document,
      },
    });
  }
  const home = items.find((item) => item.url)?.url;
  return {
    version: "https://jsonfeed.org/version/1.1",
    title: channel.name,
    description: `${channel.org.name}发布的信息`,
    ...(home ? { home_page_url: new URL("/", home).href } : {}),
    feed_url: feedUrl,
    language: "zh-CN",
    authors: [{ name: channel.org.name }],
    items,
  };
}

import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { getOrgTree } from "@/lib/org/tree";
import type { ChannelKind } from "@/lib/db/generated/client";
import { assertCan, type Principal } from "@/lib/auth/permissions";
import { invalid, notFound } from "@/lib/errors";
import { loadVisibleResource } from "@/lib/library/resources";
import { messages } from "@/lib/i18n/zh-CN";
import { isChannelReceiving } from "@/lib/channels/channels";
import { renderForChannel, renditionFormatOf } from "@/lib/channels/renditions/render";
import { renditionSourceForRevision } from "@/lib/channels/renditions/source";
import type { Rendition } from "@/lib/channels/renditions/types";

// 多渠道预览: before submitting, an editor sees every channel's rendition of the revision, and a
// reviewer sees the very same (renditions are derived from the revision alone). The channels are
// those the item is placed on or chosen for in review, and those it may be placed on (receiving
// channels of its unit and the units above); a unit without channels sees the standard ones.

const ZPreview = z.object({ resourceId: z.uuid(), revisionId: z.uuid().optional() });

const STANDARD_KINDS: ChannelKind[] = ["WECHAT", "WEIBO", "WEBHOOK"];
const FORMAT_ORDER: Rendition["format"][] = ["wechat-article", "weibo-status", "json"];

export type RenditionPreview = {
  format: Rendition["format"];
  /** The channel kinds this rendition serves (APP, webhooks, 头条号 relay and feeds share the JSON). */
  kinds: { kind: ChannelKind; label: string }[];
  /** setupProblem: why the channel is 未配置 (lib/channels/channel-config.ts), when it is. */
  channels: { id: string; name: string; kind: ChannelKind; placed: boolean; setupProblem?: string | null }[];
  rendition: Rendition;
};

export async function previewRenditions(actor: Principal | null, input: { resourceId: string; revisionId?: string }) {
  const parsed = ZPreview.safeParse(input);
  if (!parsed.success) throw notFound();
  const resource = await loadVisibleResource(actor, parsed.data.resourceId);
  await assertCan(actor, "delivery.view", { orgId: resource.ownerOrgId });
  const db = getDb();

  const revision = parsed.data.revisionId
    ? await db.revision.findFirst({
        where: { id: parsed.data.revisionId, resourceId: resource.id },
        select: { id: true, number: true, title: true, contentHash: true },
      })
    : await db.revision.findFirst({
        where: { resourceId: resource.id },
        orderBy: { number: "desc" },
        select: { id: true, number: true, title: true, contentHash: true },
      });
  if (!revision) {
    if (parsed.data.revisionId) throw notFound();
    throw invalid("稿件尚未保存任何版本，保存后即可预览各渠道的分发效果。");
  }

  // The unit and the units above it: their receiving channels may carry this item.
  const lineage = (await getOrgTree()).lineage(resource.ownerOrgId);

  const [placements, latestReview] = await Promise.all([
    db.channelPlacement.findMany({ where: { resourceId: resource.id }, select: { channelId: true } }),
    db.reviewInstance.findFirst({
      where: { resourceId: resource.id },
      orderBy: { submittedAt: "desc" },
      select: { channelIds: true, columnIds: true },
    }),
  ]);
  const placed = new Set([...placements.map((placement) => placement.channelId), ...(latestReview?.channelIds ?? [])]);
  const candidates = await db.channel.findMany({
    where: { OR: [{ id: { in: [...placed] } }, { orgId: { in: lineage }, active: true }] },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      name: true,
      kind: true,
      orgId: true,
      active: true,
      account: { select: { status: true, cancelEffectiveOn: true } },
    },
  });
  const now = new Date();
  const channels = candidates.filter((channel) => placed.has(channel.id) || isChannelReceiving(channel, now));

  const source = await renditionSourceForRevision(db, revision.id, latestReview?.columnIds ?? []);
  const kinds = channels.length > 0 ? [...new Set(channels.map((channel) => channel.kind))] : STANDARD_KINDS;
  const previews: RenditionPreview[] = FORMAT_ORDER.flatMap((format) => {
    const served = kinds.filter((kind) => renditionFormatOf(kind) === format);
    if (served.length === 0) return [];
    return [
      {
        format,
        kinds: served.map((kind) => ({ kind, label: messages.newMedia.channelKinds[kind] })),
        channels: channels
          .filter((channel) => renditionFormatOf(channel.kind) === format)
          .map((channel) => ({
            id: channel.id,
            name: channel.name,
            kind: channel.kind,
            placed: placed.has(channel.id),
          })),
        rendition: renderForChannel(served[0]!, source),
      },
    ];
  });

  const latest = await db.revision.findFirst({
    where: { resourceId: resource.id },
    orderBy: { number: "desc" },
    select: { id: true },
  });
  return {
    resource: { id: resource.id, title: resource.title, kind: resource.kind },
    revision: { ...revision, isLatest: latest?.id === revision.id },
    portalUrl: source.portalUrl,
    /** True when the unit has no channels yet and the standard kinds are shown. */
    standardOnly: channels.length === 0,
    previews,
  };
}

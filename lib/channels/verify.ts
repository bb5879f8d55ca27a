import { getDb, type Db } from "@/lib/db/client";
import type { DeliveryStatus } from "@/lib/db/generated/client";
import { assertCan, type Principal } from "@/lib/auth/permissions";
import { messages } from "@/lib/i18n/zh-CN";
import { isChannelReceiving } from "@/lib/channels/channels";

// Same source, provably (信息同源): every delivery records the content hash of the revision it
// carries. This check compares what the channels were given with what the library published:
// - mismatch: a delivery's hash differs from its publication's revision, or the latest delivery
//   to a channel placement of a live publication carries another hash than the live revision;
// - missing: a channel placement of a live publication has no delivery, or a withdrawn
//   publication was not recalled from a channel that received it;
// - stale: the latest delivery failed or has been pending for more than 10 minutes, or an
//   active channel has had nothing acknowledged for more than two weeks (the inspection rule
//   for government new-media accounts: 两周未更新).
// `npm run channels:verify` prints it and exits non-zero on any mismatch or missing delivery;
// /admin/channels/verify shows it to the supervising unit.

export const STALE_PENDING_MS = 10 * 60_000;
export const STALE_CHANNEL_MS = 14 * 86_400_000;

export type VerifyProblem = {
  kind: "mismatch" | "missing" | "stale";
  channelId: string;
  channelName: string;
  channelKind: string;
  resourceId: string | null;
  publicationId: string | null;
  title: string | null;
  deliveryId: string | null;
  expectedHash: string | null;
  deliveredHash: string | null;
  status: DeliveryStatus | null;
  message: string;
};

export type VerifyReport = {
  checkedAt: Date;
  livePublications: number;
  placements: number;
  deliveries: number;
  channels: number;
  mismatches: VerifyProblem[];
  missing: VerifyProblem[];
  stale: VerifyProblem[];
  ok: boolean;
};

const short = (hash: string | null) => (hash ? hash.slice(0, 12) : "—");

/** The report over every channel, publication and delivery (no permission check: for the CLI). */
export async function verifyChannels(db: Db = getDb(), now = new Date()): Promise<VerifyReport> {
  const [channels, publications, deliveries] = await Promise.all([
    db.channel.findMany({
      include: {
        account: { select: { status: true, cancelEffectiveOn: true } },
        placements: { select: { resourceId: true } },
      },
    }),
    db.publication.findMany({
      where: { supersededAt: null },
      select: {
        id: true,
        resourceId: true,
        withdrawnAt: true,
        revision: { select: { contentHash: true, title: true } },
      },
    }),
    db.delivery.findMany({
      select: {
        id: true,
        publicationId: true,
        channelId: true,
        resourceId: true,
        action: true,
        contentHash: true,
        status: true,
        attempts: true,
        createdAt: true,
        acknowledgedAt: true,
        sentAt: true,
        publication: { select: { withdrawnAt: true, revision: { select: { contentHash: true, title: true } } } },
      },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    }),
  ]);
  const channelById = new Map(channels.map((channel) => [channel.id, channel]));
  const problem = (
    kind: VerifyProblem["kind"],
    channelId: string,
    fields: Partial<VerifyProblem> & { message: string },
  ): VerifyProblem => {
    const channel = channelById.get(channelId);
    return {
      kind,
      channelId,
      channelName: channel?.name ?? channelId,
      channelKind: channel ? messages.newMedia.channelKinds[channel.kind] : "",
      resourceId: null,
      publicationId: null,
      title: null,
      deliveryId: null,
      expectedHash: null,
      deliveredHash: null,
      status: null,
      ...fields,
    };
  };
  const mismatches: VerifyProblem[] = [];
  const missing: VerifyProblem[] = [];
  const stale: VerifyProblem[] = [];

  // 1. Every delivery carries its own publication's revision.
  for (const delivery of deliveries) {
    const expected = delivery.publication.revision.contentHash;
    if (delivery.contentHash !== expected) {
      mismatches.push(
        problem("mismatch", delivery.channelId, {
          resourceId: delivery.resourceId,
          publicationId: delivery.publicationId,
          title: delivery.publication.revision.title,
          deliveryId: delivery.id,
          expectedHash: expected,
          deliveredHash: delivery.contentHash,
          status: delivery.status,
          message: `分发记录的内容校验值 ${short(delivery.contentHash)} 与发布版本 ${short(expected)} 不一致 (delivery hash differs from its publication's revision)`,
        }),
      );
    }
  }

  // Latest deliveries per channel and resource, and per channel and publication.
  const latestContent = new Map<string, (typeof deliveries)[number]>();
  const recalled = new Set<string>();
  const lastAcknowledged = new Map<string, Date>();
  for (const delivery of deliveries) {
    if (delivery.action === "RECALL") {
      recalled.add(`${delivery.publicationId}:${delivery.channelId}`);
    } else {
      latestContent.set(`${delivery.channelId}:${delivery.resourceId}`, delivery);
    }
    const confirmed = delivery.acknowledgedAt ?? (delivery.status === "SENT" ? delivery.sentAt : null);
    if (confirmed && confirmed > (lastAcknowledged.get(delivery.channelId) ?? new Date(0)))
      lastAcknowledged.set(delivery.channelId, confirmed);
  }

  // 2. Every channel placement of a live publication carries the live revision.
  const live = publications.filter((publication) => publication.withdrawnAt === null);
  const liveByResource = new Map(live.map((publication) => [publication.resourceId, publication]));
  let placements = 0;
  for (const channel of channels) {
    for (const { resourceId } of channel.placements) {
      const publication = liveByResource.get(resourceId);
      if (!publication) continue;
      placements += 1;
      const fields = {
        resourceId,
        publicationId: publication.id,
        title: publication.revision.title,
        expectedHash: publication.revision.contentHash,
      };
      const latest = latestContent.get(`${channel.id}:${resourceId}`);
      if (!latest) {
        missing.push(
          problem("missing", channel.id, {
            ...fields,
            message: "该渠道没有此稿件的分发记录 (no delivery for this channel placement)",
          }),
        );
        continue;
      }
      const withDelivery = {
        ...fields,
        deliveryId: latest.id,
        deliveredHash: latest.contentHash,
        status: latest.status,
      };
      if (latest.contentHash !== publication.revision.contentHash) {
        mismatches.push(
          problem("mismatch", channel.id, {
            ...withDelivery,
            message: `渠道最新分发的内容校验值 ${short(latest.contentHash)} 与现行发布版本 ${short(publication.revision.contentHash)} 不一致 (channel carries another revision)`,
          }),
        );
      } else if (latest.status === "FAILED") {
        stale.push(
          problem("stale", channel.id, { ...withDelivery, message: "最近一次分发失败 (latest delivery failed)" }),
        );
      } else if (latest.status === "PENDING" && now.getTime() - latest.createdAt.getTime() > STALE_PENDING_MS) {
        stale.push(
          problem("stale", channel.id, {
            ...withDelivery,
            message: "分发已等待超过 10 分钟仍未发出 (pending for more than 10 minutes)",
          }),
        );
      }
    }
  }

  // 3. A withdrawn publication is recalled from every channel that received it (or was due to:
  //    a publish or correction of it or of the versions it replaced, not refused outright).
  for (const publication of publications) {
    const withdrawnAt = publication.withdrawnAt;
    if (withdrawnAt === null) continue;
    const carriers = new Set(
      deliveries
        .filter(
          (delivery) =>
            delivery.resourceId === publication.resourceId &&
            delivery.action !== "RECALL" &&
            delivery.createdAt <= withdrawnAt &&
            !(delivery.status === "FAILED" && delivery.attempts === 0) &&
            (delivery.publicationId === publication.id || delivery.publication.withdrawnAt === null),
        )
        .map((delivery) => delivery.channelId),
    );
    for (const channelId of carriers) {
      if (recalled.has(`${publication.id}:${channelId}`)) continue;
      missing.push(
        problem("missing", channelId, {
          resourceId: publication.resourceId,
          publicationId: publication.id,
          title: publication.revision.title,
          expectedHash: publication.revision.contentHash,
          message: "稿件已撤稿，但未向该渠道发出撤回 (withdrawn but not recalled from this channel)",
        }),
      );
    }
  }

  // 4. Channels in operation that have had nothing confirmed for two weeks.
  for (const channel of channels) {
    if (!isChannelReceiving(channel, now)) continue;
    const last = lastAcknowledged.get(channel.id);
    const since = last ?? channel.createdAt;
    if (now.getTime() - since.getTime() > STALE_CHANNEL_MS) {
      stale.push(
        problem("stale", channel.id, {
          message: last
            ? `该渠道最近一次成功分发在 ${last.toISOString().slice(0, 10)}，已超过两周未更新 (no acknowledged delivery for over two weeks)`
            : "该渠道开通已超过两周，尚无成功分发 (no acknowledged delivery in over two weeks)",
        }),
      );
    }
  }

  return {
    checkedAt: now,
    livePublications: live.length,
    placements,
    deliveries: deliveries.length,
    channels: channels.length,
    mismatches,
    missing,
    stale,
    ok: mismatches.length === 0 && missing.length === 0,
  };
}

/** The report for the supervising unit's page (channels.verify). */
export async function getChannelsVerifyReport(actor: Principal | null): Promise<VerifyReport> {
  await assertCan(actor, "channels.verify", "platform");
  return verifyChannels(getDb());
}

/** The report as text, Chinese with English, for the command line. */
export function formatVerifyReport(report: VerifyReport): string {
  const lines = [
    `信息同源核验 (channels:verify) ${report.checkedAt.toISOString()}`,
    `渠道 ${report.channels} 个，现行发布 ${report.livePublications} 篇，渠道分发点 ${report.placements} 个，分发记录 ${report.deliveries} 条`,
    `(channels ${report.channels}, live publications ${report.livePublications}, channel placements ${report.placements}, deliveries ${report.deliveries})`,
  ];
  const section = (title: string, items: VerifyProblem[]) => {
    lines.push(`${title}: ${items.length}`);
    for (const item of items) {
      const where = [
        item.channelName,
        item.title ? `《${item.title}》` : null,
        item.resourceId ? `resource ${item.resourceId}` : null,
        item.deliveryId ? `delivery ${item.deliveryId}` : null,
      ]
        .filter(Boolean)
        .join(" · ");
      lines.push(`  - ${where}: ${item.message}`);
    }
  };
  section("内容不一致 (mismatches)", report.mismatches);
  section("缺少分发 (missing deliveries)", report.missing);
  section("渠道滞后 (stale)", report.stale);
  lines.push(
    report.ok
      ? "核验通过：各渠道内容与资源库一致 (all channels carry the published revisions)."
      : "核验未通过：存在不一致或缺少的分发 (mismatches or missing deliveries found).",
  );
  return lines.join("\n");
}

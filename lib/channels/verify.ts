import { getDb, type Db } from "@/lib/db/client";
import { assertCan, type Principal } from "@/lib/auth/permissions";
import { messages } from "@/lib/i18n/zh-CN";
import { formatDate } from "@/lib/format";
import { isChannelReceiving } from "@/lib/channels/channels";
import { channelSetupProblem } from "@/lib/channels/channel-config";
import { describeDeliveryState } from "@/lib/channels/delivery-words";
import { replyContentHash } from "@/lib/channels/reply-source";
import { describeDifference, verdictOf } from "@/lib/channels/verify-words";
import type { ChannelResult, VerifyProblem, VerifyReport } from "@/lib/channels/verify-report";

// Same source, provably (信息同源): every delivery records the content hash of the revision it
// carries. This check compares what the channels were given with what the library published:
// - mismatch: a delivery's hash differs from its publication's revision, or the latest delivery
//   to a channel placement of a live publication carries another hash than the live revision;
//   the same for a reply sent back to a relay against the approved reply's text;
// - missing: a channel placement of a live publication has no delivery, a withdrawn
//   publication was not recalled from a channel that received it, or an approved reply to a
//   relayed letter was never sent back;
// - stale: the latest delivery failed or has been pending for more than 10 minutes, or an
//   active channel has had nothing acknowledged for more than two weeks (the inspection rule
//   for government new-media accounts: 两周未更新).
// `npm run channels:verify` prints it and exits non-zero on any mismatch or missing delivery;
// /admin/channels/verify shows it to the supervising unit. The report's shape and its text for
// the command line are in verify-report.ts.

export const STALE_PENDING_MS = 10 * 60_000;
export const STALE_CHANNEL_MS = 14 * 86_400_000;

/** The report over every channel, publication and delivery (no permission check: for the CLI). */
export async function verifyChannels(db: Db = getDb(), now = new Date()): Promise<VerifyReport> {
  const [channels, publications, carried] = await Promise.all([
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
    // Publications only: a REPLY carries a letter's reply, not a library revision.
    db.delivery.findMany({
      where: { publicationId: { not: null } },
      select: {
        id: true,
        publicationId: true,
        channelId: true,
        resourceId: true,
        action: true,
        contentHash: true,
        status: true,
        failure: true,
        lastError: true,
        attempts: true,
        createdAt: true,
        acknowledgedAt: true,
        sentAt: true,
        publication: { select: { withdrawnAt: true, revision: { select: { contentHash: true, title: true } } } },
      },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    }),
  ]);
  // Approved replies to letters that came through a relay, with their REPLY deliveries.
  const replies = await db.letterReply.findMany({
    where: { status: "APPROVED", letter: { relayId: { not: null } } },
    select: {
      id: true,
      round: true,
      body: true,
      letter: { select: { queryCode: true, relay: { select: { channelId: true } } } },
      deliveries: {
        where: { action: "REPLY" },
        select: { id: true, channelId: true, contentHash: true, status: true },
      },
    },
  });
  const deliveries = carried.flatMap(({ publication, publicationId, resourceId, ...delivery }) =>
    publication && publicationId && resourceId ? [{ ...delivery, publication, publicationId, resourceId }] : [],
  );
  // The revisions behind every hash seen, to say what differs in words.
  const hashes = new Set<string>();
  for (const delivery of deliveries) hashes.add(delivery.contentHash).add(delivery.publication.revision.contentHash);
  for (const publication of publications) hashes.add(publication.revision.contentHash);
  const revisions = await db.revision.findMany({
    where: { contentHash: { in: [...hashes] } },
    select: { resourceId: true, number: true, title: true, body: true, metadata: true, contentHash: true },
  });
  const revisionOf = (resourceId: string | null, hash: string | null) =>
    revisions.find((revision) => revision.contentHash === hash && revision.resourceId === resourceId) ??
    revisions.find((revision) => revision.contentHash === hash) ??
    null;
  const mismatchMessage = (resourceId: string | null, expected: string, delivered: string) => {
    const differences = describeDifference(revisionOf(resourceId, expected), revisionOf(resourceId, delivered));
    return { differences: differences.items, message: differences.message };
  };
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
      differences: null,
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
          ...mismatchMessage(delivery.resourceId, expected, delivery.contentHash),
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
            message: "该渠道应刊载此稿件，但没有分发记录",
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
            ...mismatchMessage(resourceId, publication.revision.contentHash, latest.contentHash),
          }),
        );
      } else if (latest.status === "FAILED") {
        stale.push(
          problem("stale", channel.id, {
            ...withDelivery,
            message: `内容一致，但最近一次分发失败：${describeDeliveryState(latest)}`,
          }),
        );
      } else if (latest.status === "PENDING" && now.getTime() - latest.createdAt.getTime() > STALE_PENDING_MS) {
        stale.push(
          problem("stale", channel.id, {
            ...withDelivery,
            message: "分发已等待超过 10 分钟仍未发出",
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
          message: "稿件已撤稿，但未向该渠道发出撤回，渠道上可能仍在显示",
        }),
      );
    }
  }

  // 4. Every approved reply to a relayed letter went back through the relay's channel, carrying
  //    the text the writer reads with the 查询码 (同反馈, DESIGN invariant 6 for replies).
  for (const reply of replies) {
    const title = `留言答复（${reply.letter.queryCode}，第 ${reply.round} 轮）`;
    const expectedHash = replyContentHash(reply.body);
    const relayChannelId = reply.letter.relay?.channelId ?? null;
    const sent = reply.deliveries.filter((delivery) => delivery.channelId === relayChannelId);
    for (const delivery of reply.deliveries) {
      if (delivery.contentHash === expectedHash) continue;
      mismatches.push(
        problem("mismatch", delivery.channelId, {
          title,
          deliveryId: delivery.id,
          expectedHash,
          deliveredHash: delivery.contentHash,
          status: delivery.status,
          message: "回传的答复与审核通过的答复正文不一致",
        }),
      );
    }
    if (relayChannelId && sent.length === 0)
      missing.push(
        problem("missing", relayChannelId, {
          title,
          expectedHash,
          message: "留言经互动接入而来，答复已审核通过，但没有回传记录",
        }),
      );
  }

  // 5. Channels in operation that have had nothing confirmed for two weeks.
  for (const channel of channels) {
    if (!isChannelReceiving(channel, now)) continue;
    const last = lastAcknowledged.get(channel.id);
    const since = last ?? channel.createdAt;
    if (now.getTime() - since.getTime() > STALE_CHANNEL_MS) {
      stale.push(
        problem("stale", channel.id, {
          message: last
            ? `该渠道最近一次成功分发在 ${formatDate(last)}，已超过两周未更新`
            : "该渠道开通已超过两周，尚无成功分发",
        }),
      );
    }
  }

  const channelResults = channels.map((channel): ChannelResult => {
    const own = [...mismatches, ...missing, ...stale].filter((item) => item.channelId === channel.id);
    const checked = channel.placements.filter(({ resourceId }) => liveByResource.has(resourceId)).length;
    const setupProblem = channelSetupProblem(channel);
    const receiving = isChannelReceiving(channel, now);
    return {
      channelId: channel.id,
      channelName: channel.name,
      channelKind: messages.newMedia.channelKinds[channel.kind],
      setupProblem,
      receiving,
      placements: checked,
      problems: own.length,
      conclusion: own.length
        ? own.map((item) => (item.title ? `《${item.title}》${item.message}` : item.message)).join("；")
        : checked
          ? `${checked} 篇现行稿件均与库中已签发版本一致`
          : "暂无需要核对的现行稿件",
    };
  });
  const lists = { mismatches, missing, stale };
  return {
    checkedAt: now,
    livePublications: live.length,
    placements,
    deliveries: deliveries.length,
    channels: channels.length,
    ...lists,
    channelResults,
    verdict: verdictOf({
      ...lists,
      channels: channels.length,
      livePublications: live.length,
      deliveries: deliveries.length,
    }),
    ok: mismatches.length === 0 && missing.length === 0,
  };
}

/** The report for the supervising unit's page (channels.verify). */
export async function getChannelsVerifyReport(actor: Principal | null): Promise<VerifyReport> {
  await assertCan(actor, "channels.verify", "platform");
  return verifyChannels(getDb());
}

import { z } from "zod";
import { getDb } from "@/lib/db/client";
import type { ChannelKind } from "@/lib/db/generated/client";
import { recordAudit } from "@/lib/audit/record";
import { assertCan, can, type Principal } from "@/lib/auth/permissions";
import { conflict, notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { loadVisibleResource } from "@/lib/library/resources";
import type { DeliveryCheckpoint } from "@/lib/channels/adapters";
import { messages } from "@/lib/i18n/zh-CN";
import { CHANNEL_STANDING, channelProblem, enqueueDelivery, type Context } from "@/lib/channels/deliveries";
import { deliveryStateLabel } from "@/lib/channels/delivery-words";

// The editor's view of a resource's deliveries (分发状态), and retrying a failed one.

/** The resource's deliveries, newest first (分发状态 on the resource page). */
export async function listDeliveries(actor: Principal | null, resourceId: string) {
  const resource = await loadVisibleResource(actor, resourceId);
  await assertCan(actor, "delivery.view", { orgId: resource.ownerOrgId });
  const canRetry = await can(actor, "delivery.retry", { orgId: resource.ownerOrgId });
  const deliveries = await getDb().delivery.findMany({
    where: { resourceId: resource.id },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    include: { channel: { select: { name: true, kind: true } } },
  });
  return {
    canRetry,
    deliveries: deliveries.map((delivery) => ({
      id: delivery.id,
      publicationId: delivery.publicationId,
      channelName: delivery.channel.name,
      channelKind: delivery.channel.kind as ChannelKind,
      channelKindLabel: messages.newMedia.channelKinds[delivery.channel.kind],
      action: delivery.action,
      actionLabel: messages.deliveryActions[delivery.action],
      status: delivery.status,
      statusLabel: deliveryStateLabel(delivery),
      failure: delivery.failure,
      attempts: delivery.attempts,
      lastError: delivery.lastError,
      remoteId: delivery.remoteId,
      contentHash: delivery.contentHash,
      createdAt: delivery.createdAt,
      lastAttemptAt: delivery.lastAttemptAt,
      sentAt: delivery.sentAt,
      acknowledgedAt: delivery.acknowledgedAt,
    })),
  };
}

const ZRetry = z.object({ deliveryId: z.uuid("分发记录不正确") });

/** 重试: a failed delivery goes out again (same idempotency key, so a receiver that has it drops the repeat). */
export async function retryDelivery(actor: Principal | null, input: unknown, context: Context = {}) {
  const { deliveryId } = parseInput(ZRetry, input);
  const found = await getDb().delivery.findUnique({
    where: { id: deliveryId },
    select: { resourceId: true },
  });
  // A reply's delivery is retried from its letter (lib/interaction/inbound), not from a resource.
  if (!found?.resourceId) throw notFound();
  const resource = await loadVisibleResource(actor, found.resourceId);
  const role = await assertCan(actor, "delivery.retry", { orgId: resource.ownerOrgId });
  return getDb().$transaction(async (tx) => {
    await tx.$queryRaw`select id from "Delivery" where id = ${deliveryId}::uuid for update`;
    const delivery = await tx.delivery.findUniqueOrThrow({
      where: { id: deliveryId },
      include: {
        publication: { select: { withdrawnAt: true, supersededAt: true } },
        channel: { select: CHANNEL_STANDING },
      },
    });
    if (delivery.status !== "FAILED") throw conflict("只有发送失败的分发可以重试。");
    if (delivery.action !== "RECALL" && delivery.publication?.withdrawnAt)
      throw conflict("该稿件已撤稿，不能再向渠道发送。");
    if (delivery.action !== "RECALL" && delivery.publication?.supersededAt)
      throw conflict("该稿件已有更新的发布版本，旧版本不再分发。");
    const problem = channelProblem(delivery.channel, delivery.action);
    if (problem) throw conflict(`不能重试：${problem.message}`);
    // The person retrying has checked the platform: an unanswered call is taken as not done.
    const checkpoint = delivery.checkpoint as DeliveryCheckpoint | null;
    const confirmedUncertain = Boolean(checkpoint?.uncertain);
    await tx.delivery.update({
      where: { id: delivery.id },
      data: {
        status: "PENDING",
        lastError: null,
        failure: null,
        ...(confirmedUncertain ? { checkpoint: { ...checkpoint, uncertain: false } } : {}),
      },
    });
    await enqueueDelivery(tx, delivery.id);
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "delivery.retry",
      subject: `resource:${resource.id}`,
      data: {
        deliveryId: delivery.id,
        channelId: delivery.channelId,
        action: delivery.action,
        attempts: delivery.attempts,
        lastError: delivery.lastError,
        confirmedUncertain,
      },
      ...context,
    });
    return delivery;
  });
}

import type PgBoss from "pg-boss";
import { getDb, type Db } from "@/lib/db/client";
import type { DeliveryFailure } from "@/lib/db/generated/client";
import { CHINA_TIME_ZONE } from "@/lib/time/china";
import { decryptChannelSecrets } from "@/lib/channels/secrets";
import { renderForChannel } from "@/lib/channels/renditions/render";
import { loadRenditionSource } from "@/lib/channels/renditions/source";
import { loadReplySource } from "@/lib/channels/reply-source";
import { DeliveryError, getAdapter, type DeliveryCheckpoint } from "@/lib/channels/adapters";
import {
  channelProblem,
  DELIVERY_QUEUE,
  DELIVERY_SWEEP_QUEUE,
  deliverySettings,
  enqueueDelivery,
} from "@/lib/channels/deliveries";
import { recoverAbandonedDeliveries, sweepDeliveries } from "@/lib/channels/delivery-recovery";

// The delivery worker: carries out one delivery per job, asks the platforms about the ones they
// finish asynchronously, and starts the queue's workers (lib/channels/deliveries.ts says how the
// outbox, the leases and the order of deliveries work together).

/** Channel kinds that speak the signed webhook, the only ones a reply can go back through. */
const REPLY_KINDS = new Set(["WEBHOOK", "APP", "TOUTIAO"]);

/** Deliveries carried out at a time by one worker process. */
const DELIVERY_WORKERS = 3;

export type DeliveryJob = { deliveryId: string; retryCount: number; retryLimit: number };
export type DeliveryOutcome = "missing" | "done" | "deferred" | "sent" | "acknowledged" | "failed" | "retrying";

/**
 * The error's words and kind: retryable failures that run out are UNREACHABLE, a refusal is
 * PLATFORM_REFUSED unless the error names its own kind (未配置, a result never answered).
 */
function describeError(error: unknown): { message: string; retryable: boolean; failure: DeliveryFailure } {
  if (error instanceof DeliveryError) {
    const status = error.httpStatus ? `HTTP ${error.httpStatus}` : null;
    const message =
      status && !error.message.includes(String(error.httpStatus)) ? `${error.message}（${status}）` : error.message;
    const failure = error.failure ?? (error.retryable ? "UNREACHABLE" : "PLATFORM_REFUSED");
    return { message, retryable: error.retryable, failure };
  }
  // Anything else (the database, a bug) is worth another try; its text is kept for the log.
  return {
    message: `系统错误：${error instanceof Error ? error.message : String(error)}`,
    retryable: true,
    failure: "SYSTEM",
  };
}

/** The channel's credentials; unreadable ones are a configuration fault that retrying cannot mend. */
function readSecrets(stored: string | null): Record<string, string> {
  try {
    return decryptChannelSecrets(stored);
  } catch (error) {
    throw new DeliveryError(
      `${error instanceof Error ? error.message : String(error)}请渠道管理员重新填写凭据后重试。`,
      { retryable: false, failure: "CHANNEL_UNCONFIGURED" },
    );
  }
}

/**
 * Carries out one delivery. Returns what happened; throws (so pg-boss retries later) only
 * for a retryable failure that has retries left.
 */
export async function runDelivery(
  job: DeliveryJob,
  options: { db?: Db; timeoutMs?: number; fetch?: typeof fetch } = {},
): Promise<DeliveryOutcome> {
  const db = options.db ?? getDb();
  const delivery = await db.delivery.findUnique({
    where: { id: job.deliveryId },
    include: {
      channel: { include: { account: { select: { name: true, status: true, cancelEffectiveOn: true } } } },
      letterReply: { select: { letterId: true } },
    },
  });
  if (!delivery) return "missing";
  // Idempotent: a delivery that went out or was given up is not touched again.
  if (delivery.status !== "PENDING") return "done";

  const earlier = await db.delivery.findFirst({
    where: {
      channelId: delivery.channelId,
      // Replies to one letter keep their order as publications of one resource do.
      ...(delivery.letterReply
        ? { letterReply: { letterId: delivery.letterReply.letterId } }
        : { resourceId: delivery.resourceId }),
      status: "PENDING",
      id: { not: delivery.id },
      createdAt: { lt: delivery.createdAt },
    },
    select: { id: true },
  });
  if (earlier) {
    await enqueueDelivery(db, delivery.id, { startAfterSeconds: deliverySettings().retryDelaySeconds });
    return "deferred";
  }

  const problem = channelProblem(delivery.channel, delivery.action);
  if (problem) {
    await db.delivery.updateMany({
      where: { id: delivery.id, status: "PENDING" },
      data: { status: "FAILED", lastError: problem.message, failure: problem.failure },
    });
    return "failed";
  }

  // The attempt is on record before the platform hears of it.
  const attemptedAt = new Date();
  const marked = await db.delivery.updateMany({
    where: { id: delivery.id, status: "PENDING" },
    data: { attempts: { increment: 1 }, lastAttemptAt: attemptedAt },
  });
  if (marked.count === 0) return "done";
  const attempt = delivery.attempts + 1;

  try {
    const previous =
      delivery.action === "PUBLISH" || delivery.action === "REPLY"
        ? null
        : await db.delivery.findFirst({
            where: {
              channelId: delivery.channelId,
              resourceId: delivery.resourceId,
              action: { not: "RECALL" },
              status: { in: ["SENT", "ACKNOWLEDGED"] },
              remoteId: { not: null },
              createdAt: { lt: delivery.createdAt },
            },
            orderBy: { createdAt: "desc" },
            select: { remoteId: true },
          });
    let rendition = null;
    let reply = null;
    if (delivery.action === "REPLY") {
      if (!REPLY_KINDS.has(delivery.channel.kind) || !delivery.letterReplyId)
        throw new DeliveryError("该渠道类型不能回传留言答复，请为互动接入选择 Webhook 渠道。", {
          retryable: false,
          failure: "CHANNEL_UNCONFIGURED",
        });
      const { hash, ...payload } = await loadReplySource(db, delivery.letterReplyId);
      if (hash !== delivery.contentHash) {
        throw new DeliveryError("答复内容与审核通过时不一致（内容校验值不符），已停止回传。", {
          retryable: false,
          failure: "CONTENT_CHANGED",
        });
      }
      reply = payload;
    } else if (delivery.action !== "RECALL" && delivery.publicationId) {
      const source = await loadRenditionSource(db, delivery.publicationId);
      // Same source, provably: what goes out is the revision the delivery was planned with.
      if (source.contentHash !== delivery.contentHash) {
        throw new DeliveryError("稿件内容与计划分发时的版本不一致（内容校验值不符），已停止分发。", {
          retryable: false,
          failure: "CONTENT_CHANGED",
        });
      }
      rendition = renderForChannel(delivery.channel.kind, source);
    }
    const secrets = readSecrets(delivery.channel.secrets);
    const result = await getAdapter(delivery.channel.kind).deliver(
      {
        id: delivery.channel.id,
        kind: delivery.channel.kind,
        config: (delivery.channel.config ?? {}) as Record<string, unknown>,
        secrets,
      },
      {
        deliveryId: delivery.id,
        action: delivery.action,
        idempotencyKey: delivery.idempotencyKey,
        contentHash: delivery.contentHash,
        publicationId: delivery.publicationId,
        resourceId: delivery.resourceId,
        previousRemoteId: previous?.remoteId ?? null,
        rendition,
        reply,
        checkpoint: (delivery.checkpoint ?? null) as DeliveryCheckpoint | null,
        saveCheckpoint: async (checkpoint) => {
          await db.delivery.update({ where: { id: delivery.id }, data: { checkpoint } });
        },
      },
      {
        timeoutMs: options.timeoutMs ?? deliverySettings().timeoutMs,
        ...(options.fetch ? { fetch: options.fetch } : {}),
      },
    );
    const now = new Date();
    await db.delivery.update({
      where: { id: delivery.id },
      data: {
        status: result.status,
        remoteId: result.remoteId ?? delivery.remoteId,
        lastError: null,
        failure: null,
        sentAt: now,
        ...(result.status === "ACKNOWLEDGED" ? { acknowledgedAt: now } : {}),
      },
    });
    return result.status === "ACKNOWLEDGED" ? "acknowledged" : "sent";
  } catch (error) {
    const { message, retryable, failure } = describeError(error);
    const final = !retryable || job.retryCount >= job.retryLimit;
    const lastError =
      final && retryable ? `第 ${attempt} 次发送失败，已停止重试：${message}` : `第 ${attempt} 次发送失败：${message}`;
    await db.delivery.update({
      where: { id: delivery.id },
      data: { lastError, failure, ...(final ? { status: "FAILED" as const } : {}) },
    });
    if (final) return "failed";
    throw error instanceof Error ? error : new Error(message);
  }
}

/**
 * Asks the platforms about deliveries they accepted but had not finished (WeChat publishes
 * asynchronously): SENT becomes ACKNOWLEDGED with the platform's final id once it is done. A
 * failure to ask is left for the next sweep; a refusal is recorded as the delivery's error.
 */
export async function pollSentDeliveries(
  db: Db = getDb(),
  options: { timeoutMs?: number; fetch?: typeof fetch; now?: Date } = {},
): Promise<number> {
  const since = new Date((options.now ?? new Date()).getTime() - 86_400_000);
  const sent = await db.delivery.findMany({
    where: { status: "SENT", remoteId: { not: null }, sentAt: { gte: since } },
    include: { channel: true },
    orderBy: { sentAt: "asc" },
    take: 100,
  });
  let acknowledged = 0;
  for (const delivery of sent) {
    const adapter = getAdapter(delivery.channel.kind);
    if (!adapter.poll) continue;
    try {
      const target = {
        id: delivery.channel.id,
        kind: delivery.channel.kind,
        config: (delivery.channel.config ?? {}) as Record<string, unknown>,
        secrets: readSecrets(delivery.channel.secrets),
      };
      const result = await adapter.poll(target, delivery.remoteId!, {
        timeoutMs: options.timeoutMs ?? deliverySettings().timeoutMs,
        ...(options.fetch ? { fetch: options.fetch } : {}),
      });
      if (result.status === "ACKNOWLEDGED") {
        await db.delivery.updateMany({
          where: { id: delivery.id, status: "SENT" },
          data: {
            status: "ACKNOWLEDGED",
            acknowledgedAt: new Date(),
            remoteId: result.remoteId ?? delivery.remoteId,
            lastError: null,
            failure: null,
          },
        });
        acknowledged += 1;
      }
    } catch (error) {
      const { message, retryable, failure } = describeError(error);
      await db.delivery.updateMany({
        where: { id: delivery.id, status: "SENT" },
        data: retryable
          ? { lastError: `查询发布结果失败：${message}` }
          : { status: "FAILED", lastError: `平台未能完成发布：${message}`, failure },
      });
    }
  }
  return acknowledged;
}

/**
 * Sets up the delivery queue (retry policy from the configuration), its workers and the lease
 * recovery on `boss`. Returns the function that stops the recovery timer.
 */
export async function startDeliveryWorkers(
  boss: PgBoss,
  log: (message: string) => void,
  settings = deliverySettings(),
): Promise<() => void> {
  const policy = {
    name: DELIVERY_QUEUE,
    retryLimit: settings.retryLimit,
    retryDelay: settings.retryDelaySeconds,
    retryBackoff: true,
    expireInSeconds: settings.expireSeconds,
  };
  await boss.createQueue(DELIVERY_QUEUE, policy);
  await boss.updateQueue(DELIVERY_QUEUE, policy);
  // Several deliveries at a time (one per polling worker), each its own job and transaction. A
  // pg-boss worker waits its polling interval after every fetch, found or not, which would cap the
  // queue at DELIVERY_WORKERS jobs per interval (1.5 a second) whatever the platforms' speed: a
  // worker that ran a job asks again at once, and waits the interval only when the queue is empty.
  for (let index = 0; index < DELIVERY_WORKERS; index += 1) {
    const workerId: string = await boss.work<{ deliveryId: string }>(
      DELIVERY_QUEUE,
      { includeMetadata: true, batchSize: 1, pollingIntervalSeconds: settings.pollingIntervalSeconds },
      async ([job]) => {
        if (!job) return;
        boss.notifyWorker(workerId);
        const outcome = await runDelivery({
          deliveryId: job.data.deliveryId,
          retryCount: job.retryCount,
          retryLimit: job.retryLimit,
        });
        if (outcome === "failed") log(`[jobs] 分发失败 (delivery ${job.data.deliveryId} failed)`);
      },
    );
  }
  await boss.createQueue(DELIVERY_SWEEP_QUEUE);
  await boss.schedule(DELIVERY_SWEEP_QUEUE, "* * * * *", {}, { tz: CHINA_TIME_ZONE });
  await boss.work(DELIVERY_SWEEP_QUEUE, async () => {
    const { queued, failed } = await sweepDeliveries();
    if (queued || failed) log(`[jobs] 分发补发：${queued} 条已排队，${failed} 条已标记失败`);
    const acknowledged = await pollSentDeliveries();
    if (acknowledged) log(`[jobs] ${acknowledged} 条分发已得到平台确认`);
  });
  await boss.send(DELIVERY_SWEEP_QUEUE, {});
  // Lease recovery on a timer of its own, not a cron schedule (minute granularity) nor pg-boss's
  // maintenance (throttled across processes, up to twice its interval): see deliveryRecoveryBoundSeconds.
  const recover = async () => {
    try {
      const recovered = await recoverAbandonedDeliveries();
      if (recovered.length)
        log(`[jobs] ${recovered.length} 条分发的工作进程已失联，已重新排队 (deliveries recovered from a dead worker)`);
    } catch (error) {
      log(
        `[jobs] 分发恢复检查失败 (delivery recovery failed): ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  };
  await recover();
  const timer = setInterval(() => void recover(), settings.recoveryIntervalSeconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}

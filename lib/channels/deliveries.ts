import PgBoss from "pg-boss";
import { z } from "zod";
import { getDb, type Db, type Tx } from "@/lib/db/client";
import type { ChannelKind, DeliveryAction, DeliveryStatus } from "@/lib/db/generated/client";
import { recordAudit } from "@/lib/audit/record";
import { assertCan, can, type Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { conflict, invalid, notFound } from "@/lib/errors";
import { getEnv } from "@/lib/env";
import { loadVisibleResource } from "@/lib/library/resources";
import { CHANNEL_KIND_LABELS, isChannelReceiving, standingProblem } from "@/lib/channels/channels";
import { decryptChannelSecrets } from "@/lib/channels/secrets";
import { loadRenditionSource, renderForChannel } from "@/lib/channels/renditions";
import { DeliveryError, getAdapter, type DeliveryCheckpoint } from "@/lib/channels/adapters";

// Delivery to new-media channels (分发同时), DESIGN invariant 5 applied to channels.
//
// The Delivery rows are the outbox: planDeliveries writes them inside the transaction that
// publishes, corrects or withdraws, so a delivery exists exactly when that change committed.
// In the same transaction it queues the pg-boss job that carries each one out (pg-boss's
// `send` with a `db` executor runs its INSERT on our transaction), so a committed delivery
// starts within the worker's polling interval and a rolled-back publication leaves no job.
// Where the queue is not set up yet (no worker has ever started on this database), the row
// alone is enough: every worker start and a sweep each minute (sweepDeliveries) queue any
// pending delivery that has no live job, and fail those whose retries a crash used up.
//
// Each attempt is recorded (attempts + 1, lastAttemptAt) in its own committed statement before
// the platform is called and carries the delivery's idempotency key; the outcome is recorded
// after. A worker that dies in between leaves its job active: its lease is
// DELIVERY_EXPIRE_SECONDS from the claim, and every worker looks for expired leases at start and
// every recoveryIntervalSeconds (recoverAbandonedDeliveries), making the job due at once, so the
// retry waits at most the lease plus one interval (deliveryRecoveryBoundSeconds), whatever
// pg-boss's maintenance interval, cron granularity or retry backoff. The platform receives the
// same key again and drops the repeat (exactly-once effect). Retryable failures (5xx, timeouts, network) are retried by
// pg-boss with exponential backoff (DELIVERY_RETRY_DELAY_SECONDS doubling, DELIVERY_RETRY_LIMIT
// retries); the others fail at once with the platform's error shown to the editor.
//
// Order: deliveries of one channel and resource never overtake each other (a recall never
// runs before its publication reached the channel). A job whose earlier delivery on the same
// pair is still pending re-queues itself a little later instead of running.

export const DELIVERY_QUEUE = "channel-deliveries";
export const DELIVERY_SWEEP_QUEUE = "channel-delivery-sweep";
/** The schema lib/jobs/runner.ts starts pg-boss with. */
const JOBS_SCHEMA = "pgboss";

type Context = Partial<RequestContext>;
type DbOrTx = Db | Tx;

export const DELIVERY_STATUS_LABELS: Record<DeliveryStatus, string> = {
  PENDING: "待发送",
  SENT: "已发送",
  ACKNOWLEDGED: "已确认",
  FAILED: "失败",
};

export const DELIVERY_ACTION_LABELS: Record<DeliveryAction, string> = {
  PUBLISH: "发布",
  CORRECT: "更正",
  RECALL: "撤回",
};

export type DeliverySettings = ReturnType<typeof deliverySettings>;

export function deliverySettings(env = getEnv()) {
  return {
    retryLimit: env.DELIVERY_RETRY_LIMIT,
    retryDelaySeconds: env.DELIVERY_RETRY_DELAY_SECONDS,
    expireSeconds: env.DELIVERY_EXPIRE_SECONDS,
    timeoutMs: env.DELIVERY_TIMEOUT_SECONDS * 1000,
    // A twentieth of the lease, at most 15 s: frequent enough that the bound is the lease plus
    // a little, rare enough that idle workers cost nothing (one indexed query).
    recoveryIntervalSeconds: Math.max(1, Math.min(15, Math.floor(env.DELIVERY_EXPIRE_SECONDS / 20))),
  };
}

/**
 * The longest a delivery whose worker died waits before it is due again, counted from the claim
 * of its attempt: the lease, then at most one recovery interval of a running worker (a worker
 * that starts later recovers it as it starts). Once due, a worker picks it up within its polling
 * interval (2 s). With the defaults: 300 + 15 = 315 s.
 */
export function deliveryRecoveryBoundSeconds(settings: Pick<DeliverySettings, "expireSeconds" | "recoveryIntervalSeconds"> = deliverySettings()): number {
  return settings.expireSeconds + settings.recoveryIntervalSeconds;
}

export function idempotencyKeyFor(publicationId: string, channelId: string, action: DeliveryAction): string {
  return `${publicationId}:${channelId}:${action}`;
}

// ───────────────────────── queueing (in the caller's transaction) ─────────────────────────

type Executor = { executeSql: (text: string, values?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }> };

/** pg-boss's SQL, run on a Prisma client or transaction (values as node-postgres would send them). */
function executorFor(db: DbOrTx): Executor {
  return {
    executeSql: async (text, values = []) => {
      const params = values.map((value) => {
        if (value === undefined || value === null) return null;
        if (value instanceof Date) return value.toISOString();
        if (typeof value === "object") return JSON.stringify(value);
        return value;
      });
      return { rows: await db.$queryRawUnsafe<Record<string, unknown>[]>(text, ...params) };
    },
  };
}

// Only ever used with an explicit `db` per call: never started, it opens no connection.
let sender: PgBoss | undefined;
function jobSender(): PgBoss {
  sender ??= new PgBoss({
    schema: JOBS_SCHEMA,
    db: {
      executeSql: () => {
        throw new Error("delivery jobs are sent on the caller's transaction");
      },
    },
  });
  return sender;
}

/**
 * Queues the job that carries out a delivery, on `db` (the caller's transaction). Returns the
 * job id, or null when the queue does not exist yet (the sweep at the next worker start sends it).
 */
export async function enqueueDelivery(db: DbOrTx, deliveryId: string, options: { startAfterSeconds?: number } = {}): Promise<string | null> {
  const [queue] = await db.$queryRaw<{ ready: boolean }[]>`
    select to_regclass('pgboss.queue') is not null as ready`;
  if (!queue?.ready) return null;
  const [exists] = await db.$queryRawUnsafe<{ n: number }[]>(`select count(*)::int as n from ${JOBS_SCHEMA}.queue where name = $1`, DELIVERY_QUEUE);
  if (!exists?.n) return null;
  return jobSender().send(DELIVERY_QUEUE, { deliveryId }, { db: executorFor(db), ...(options.startAfterSeconds ? { startAfter: options.startAfterSeconds } : {}) });
}

// ───────────────────────── planning (called from emitEvent) ─────────────────────────

type PlanPayload = { resourceId: string; publicationId?: unknown; supersedes?: unknown; addedChannelIds?: unknown } & Record<string, unknown>;

type PlannedChannel = { id: string; name: string; active: boolean; account: { name: string; status: "ACTIVE" | "SUSPENDED" | "CANCELLING" | "CANCELLED"; cancelEffectiveOn: Date | null } };

const CHANNEL_STANDING = { id: true, name: true, active: true, account: { select: { name: true, status: true, cancelEffectiveOn: true } } } as const;

/** Why a channel may not receive anything now, in words for the editor; null when it may. */
export function channelProblem(channel: PlannedChannel, action: DeliveryAction, now = new Date()): string | null {
  if (isChannelReceiving(channel, now)) return null;
  const why = !channel.active ? `渠道“${channel.name}”已停用，不能接收分发。` : (standingProblem(channel.account, now) ?? `渠道“${channel.name}”不能接收分发。`);
  return action === "RECALL" ? `${why.replace(/。$/, "")}；无法自动撤回，请在该平台上手动删除此稿件。` : why;
}

/**
 * Writes the deliveries an outbox event calls for, and queues them, in the event's transaction:
 * - "publication.published": one per channel placement of the resource (CORRECT where the
 *   channel already carries an earlier publication of it, else PUBLISH);
 * - "placement.changed" with addedChannelIds: the live publication to the added channels;
 * - "publication.withdrawn": a RECALL to every channel that received, or is due to receive, it.
 * A channel not in good standing gets a FAILED delivery saying why, never silence.
 */
export async function planDeliveries(tx: Tx, topic: string, payload: PlanPayload): Promise<number> {
  const publicationId = typeof payload.publicationId === "string" ? payload.publicationId : null;
  if (!publicationId) return 0;
  let targets: { channelId: string; action: DeliveryAction }[] = [];
  if (topic === "publication.published" || (topic === "placement.changed" && Array.isArray(payload.addedChannelIds))) {
    const placements = await tx.channelPlacement.findMany({
      where: { resourceId: payload.resourceId, ...(topic === "placement.changed" ? { channelId: { in: (payload.addedChannelIds as unknown[]).map(String) } } : {}) },
      select: { channelId: true },
      orderBy: { createdAt: "asc" },
    });
    if (placements.length === 0) return 0;
    // Channels that already carry this resource (an earlier publication reached or is due to reach them).
    const carried = new Set(await channelsCarrying(tx, payload.resourceId, { excludePublicationId: publicationId }));
    targets = placements.map(({ channelId }) => ({ channelId, action: carried.has(channelId) ? "CORRECT" : "PUBLISH" }));
  } else if (topic === "publication.withdrawn") {
    const channelIds = await channelsCarrying(tx, payload.resourceId, { includePublicationId: publicationId });
    targets = channelIds.map((channelId) => ({ channelId, action: "RECALL" }));
  } else {
    return 0;
  }
  if (targets.length === 0) return 0;
  const publication = await tx.publication.findUniqueOrThrow({ where: { id: publicationId }, select: { revision: { select: { contentHash: true } } } });
  const channels = new Map((await tx.channel.findMany({ where: { id: { in: targets.map((target) => target.channelId) } }, select: CHANNEL_STANDING })).map((channel) => [channel.id, channel]));
  const now = new Date();
  let planned = 0;
  for (const target of targets) {
    const channel = channels.get(target.channelId);
    if (!channel) continue;
    const idempotencyKey = idempotencyKeyFor(publicationId, channel.id, target.action);
    // A re-sent event (the same publication, channel and action) plans nothing new.
    if (await tx.delivery.findUnique({ where: { idempotencyKey }, select: { id: true } })) continue;
    const problem = channelProblem(channel, target.action, now);
    const delivery = await tx.delivery.create({
      data: {
        publicationId,
        channelId: channel.id,
        resourceId: payload.resourceId,
        action: target.action,
        contentHash: publication.revision.contentHash,
        idempotencyKey,
        ...(problem ? { status: "FAILED" as const, lastError: problem } : {}),
      },
    });
    if (!problem) await enqueueDelivery(tx, delivery.id);
    planned += 1;
  }
  return planned;
}

/**
 * Channels that received, or are due to receive, the resource: a publish or correction that is
 * pending or went out (or was at least attempted), of a publication not yet recalled.
 */
async function channelsCarrying(db: DbOrTx, resourceId: string, options: { excludePublicationId?: string; includePublicationId?: string }): Promise<string[]> {
  const rows = await db.delivery.findMany({
    where: {
      resourceId,
      action: { in: ["PUBLISH", "CORRECT"] },
      NOT: [{ status: "FAILED", attempts: 0 }, ...(options.excludePublicationId ? [{ publicationId: options.excludePublicationId }] : [])],
      OR: [{ publication: { withdrawnAt: null } }, ...(options.includePublicationId ? [{ publicationId: options.includePublicationId }] : [])],
    },
    select: { channelId: true },
    distinct: ["channelId"],
  });
  return rows.map((row) => row.channelId);
}

// ───────────────────────── the worker ─────────────────────────

export type DeliveryJob = { deliveryId: string; retryCount: number; retryLimit: number };
export type DeliveryOutcome = "missing" | "done" | "deferred" | "sent" | "acknowledged" | "failed" | "retrying";

function describeError(error: unknown): { message: string; retryable: boolean } {
  if (error instanceof DeliveryError) {
    const status = error.httpStatus ? `HTTP ${error.httpStatus}` : null;
    const message = status && !error.message.includes(String(error.httpStatus)) ? `${error.message}（${status}）` : error.message;
    return { message, retryable: error.retryable };
  }
  // Anything else (the database, a bug) is worth another try; its text is kept for the log.
  return { message: `系统错误：${error instanceof Error ? error.message : String(error)}`, retryable: true };
}

/** The channel's credentials; unreadable ones are a configuration fault that retrying cannot mend. */
function readSecrets(stored: string | null): Record<string, string> {
  try {
    return decryptChannelSecrets(stored);
  } catch (error) {
    throw new DeliveryError(`${error instanceof Error ? error.message : String(error)}请渠道管理员重新填写凭据后重试。`, { retryable: false });
  }
}

/**
 * Carries out one delivery. Returns what happened; throws (so pg-boss retries later) only
 * for a retryable failure that has retries left.
 */
export async function runDelivery(job: DeliveryJob, options: { db?: Db; timeoutMs?: number; fetch?: typeof fetch } = {}): Promise<DeliveryOutcome> {
  const db = options.db ?? getDb();
  const delivery = await db.delivery.findUnique({ where: { id: job.deliveryId }, include: { channel: { include: { account: { select: { name: true, status: true, cancelEffectiveOn: true } } } } } });
  if (!delivery) return "missing";
  // Idempotent: a delivery that went out or was given up is not touched again.
  if (delivery.status !== "PENDING") return "done";

  const earlier = await db.delivery.findFirst({
    where: { channelId: delivery.channelId, resourceId: delivery.resourceId, status: "PENDING", id: { not: delivery.id }, createdAt: { lt: delivery.createdAt } },
    select: { id: true },
  });
  if (earlier) {
    await enqueueDelivery(db, delivery.id, { startAfterSeconds: deliverySettings().retryDelaySeconds });
    return "deferred";
  }

  const problem = channelProblem(delivery.channel, delivery.action);
  if (problem) {
    await db.delivery.updateMany({ where: { id: delivery.id, status: "PENDING" }, data: { status: "FAILED", lastError: problem } });
    return "failed";
  }

  // The attempt is on record before the platform hears of it.
  const attemptedAt = new Date();
  const marked = await db.delivery.updateMany({ where: { id: delivery.id, status: "PENDING" }, data: { attempts: { increment: 1 }, lastAttemptAt: attemptedAt } });
  if (marked.count === 0) return "done";
  const attempt = delivery.attempts + 1;

  try {
    const previous =
      delivery.action === "PUBLISH"
        ? null
        : await db.delivery.findFirst({
            where: { channelId: delivery.channelId, resourceId: delivery.resourceId, action: { not: "RECALL" }, status: { in: ["SENT", "ACKNOWLEDGED"] }, remoteId: { not: null }, createdAt: { lt: delivery.createdAt } },
            orderBy: { createdAt: "desc" },
            select: { remoteId: true },
          });
    let rendition = null;
    if (delivery.action !== "RECALL") {
      const source = await loadRenditionSource(db, delivery.publicationId);
      // Same source, provably: what goes out is the revision the delivery was planned with.
      if (source.contentHash !== delivery.contentHash) {
        throw new DeliveryError("稿件内容与计划分发时的版本不一致（内容校验值不符），已停止分发。", { retryable: false });
      }
      rendition = renderForChannel(delivery.channel.kind, source);
    }
    const secrets = readSecrets(delivery.channel.secrets);
    const result = await getAdapter(delivery.channel.kind).deliver(
      { id: delivery.channel.id, kind: delivery.channel.kind, config: (delivery.channel.config ?? {}) as Record<string, unknown>, secrets },
      {
        deliveryId: delivery.id,
        action: delivery.action,
        idempotencyKey: delivery.idempotencyKey,
        contentHash: delivery.contentHash,
        publicationId: delivery.publicationId,
        resourceId: delivery.resourceId,
        previousRemoteId: previous?.remoteId ?? null,
        rendition,
        checkpoint: (delivery.checkpoint ?? null) as DeliveryCheckpoint | null,
        saveCheckpoint: async (checkpoint) => {
          await db.delivery.update({ where: { id: delivery.id }, data: { checkpoint } });
        },
      },
      { timeoutMs: options.timeoutMs ?? deliverySettings().timeoutMs, ...(options.fetch ? { fetch: options.fetch } : {}) },
    );
    const now = new Date();
    await db.delivery.update({
      where: { id: delivery.id },
      data: {
        status: result.status,
        remoteId: result.remoteId ?? delivery.remoteId,
        lastError: null,
        sentAt: now,
        ...(result.status === "ACKNOWLEDGED" ? { acknowledgedAt: now } : {}),
      },
    });
    return result.status === "ACKNOWLEDGED" ? "acknowledged" : "sent";
  } catch (error) {
    const { message, retryable } = describeError(error);
    const final = !retryable || job.retryCount >= job.retryLimit;
    const lastError = final && retryable ? `第 ${attempt} 次发送失败，已停止重试：${message}` : `第 ${attempt} 次发送失败：${message}`;
    await db.delivery.update({ where: { id: delivery.id }, data: { lastError, ...(final ? { status: "FAILED" as const } : {}) } });
    if (final) return "failed";
    throw error instanceof Error ? error : new Error(message);
  }
}

/**
 * Queues every pending delivery that has no live job (planned before the queue existed, or
 * lost), and fails those whose job pg-boss gave up on (a worker crashed on the last attempt).
 */
export async function sweepDeliveries(db: Db = getDb()): Promise<{ queued: number; failed: number }> {
  const [ready] = await db.$queryRaw<{ ready: boolean }[]>`select to_regclass('pgboss.job') is not null as ready`;
  if (!ready?.ready) return { queued: 0, failed: 0 };
  const orphans = await db.$queryRawUnsafe<{ id: string; lastState: string | null }[]>(
    `select d.id::text as id,
            (select j.state::text from ${JOBS_SCHEMA}.job j where j.name = $1 and j.data->>'deliveryId' = d.id::text order by j.created_on desc limit 1) as "lastState"
       from "Delivery" d
      where d.status = 'PENDING'
        and not exists (select 1 from ${JOBS_SCHEMA}.job j where j.name = $1 and j.data->>'deliveryId' = d.id::text and j.state < 'completed')`,
    DELIVERY_QUEUE,
  );
  let queued = 0;
  let failed = 0;
  for (const orphan of orphans) {
    if (orphan.lastState === "failed") {
      const changed = await db.delivery.updateMany({
        where: { id: orphan.id, status: "PENDING" },
        data: { status: "FAILED", lastError: "多次发送均未得到结果（任务超时），已停止重试。请确认渠道是否已收到后再重试。" },
      });
      failed += changed.count;
    } else if (await enqueueDelivery(db, orphan.id)) {
      queued += 1;
    }
  }
  return { queued, failed };
}

/** The output pg-boss's maintenance gives a job it expired (pg-boss 10, plans.failJobsByTimeout). */
const PGBOSS_TIMEOUT_MESSAGE = "job failed by timeout in active state";

/**
 * Makes due at once every delivery job whose worker died: a job still active after its lease
 * (the queue's expire_in from the claim, judged by `now`), and a job pg-boss's own maintenance
 * expired first and scheduled with retry backoff (a crash is not the platform failing, so it
 * waits no backoff). A job with no retries left fails, and the sweep then marks its delivery
 * FAILED. Returns the ids of the jobs made due. Safe to run from several workers at once.
 */
export async function recoverAbandonedDeliveries(db: Db = getDb(), options: { now?: Date } = {}): Promise<string[]> {
  const [ready] = await db.$queryRaw<{ ready: boolean }[]>`select to_regclass('pgboss.job') is not null as ready`;
  if (!ready?.ready) return [];
  const now = options.now ?? new Date();
  const rows = await db.$queryRawUnsafe<{ id: string; state: string }[]>(
    `update ${JOBS_SCHEMA}.job
        set state = case when retry_count < retry_limit then 'retry'::${JOBS_SCHEMA}.job_state else 'failed'::${JOBS_SCHEMA}.job_state end,
            start_after = case when retry_count < retry_limit then least(now(), $2::timestamptz) else start_after end,
            completed_on = case when retry_count < retry_limit then null else now() end,
            output = jsonb_build_object('message', 'worker presumed dead: lease expired')
      where name = $1
        and ((state = 'active' and started_on + expire_in < $2::timestamptz)
          or (state = 'retry' and start_after > least(now(), $2::timestamptz) and output->'value'->>'message' = $3))
      returning id::text as id, state::text as state`,
    DELIVERY_QUEUE,
    now.toISOString(),
    PGBOSS_TIMEOUT_MESSAGE,
  );
  return rows.filter((row) => row.state === "retry").map((row) => row.id);
}

/**
 * Asks the platforms about deliveries they accepted but had not finished (WeChat publishes
 * asynchronously): SENT becomes ACKNOWLEDGED with the platform's final id once it is done. A
 * failure to ask is left for the next sweep; a refusal is recorded as the delivery's error.
 */
export async function pollSentDeliveries(db: Db = getDb(), options: { timeoutMs?: number; fetch?: typeof fetch; now?: Date } = {}): Promise<number> {
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
      const target = { id: delivery.channel.id, kind: delivery.channel.kind, config: (delivery.channel.config ?? {}) as Record<string, unknown>, secrets: readSecrets(delivery.channel.secrets) };
      const result = await adapter.poll(target, delivery.remoteId!, { timeoutMs: options.timeoutMs ?? deliverySettings().timeoutMs, ...(options.fetch ? { fetch: options.fetch } : {}) });
      if (result.status === "ACKNOWLEDGED") {
        await db.delivery.updateMany({ where: { id: delivery.id, status: "SENT" }, data: { status: "ACKNOWLEDGED", acknowledgedAt: new Date(), remoteId: result.remoteId ?? delivery.remoteId, lastError: null } });
        acknowledged += 1;
      }
    } catch (error) {
      const { message, retryable } = describeError(error);
      await db.delivery.updateMany({
        where: { id: delivery.id, status: "SENT" },
        data: retryable ? { lastError: `查询发布结果失败：${message}` } : { status: "FAILED", lastError: `平台未能完成发布：${message}` },
      });
    }
  }
  return acknowledged;
}

/**
 * Sets up the delivery queue (retry policy from the configuration), its workers and the lease
 * recovery on `boss`. Returns the function that stops the recovery timer.
 */
export async function startDeliveryWorkers(boss: PgBoss, log: (message: string) => void, settings = deliverySettings()): Promise<() => void> {
  const policy = { name: DELIVERY_QUEUE, retryLimit: settings.retryLimit, retryDelay: settings.retryDelaySeconds, retryBackoff: true, expireInSeconds: settings.expireSeconds };
  await boss.createQueue(DELIVERY_QUEUE, policy);
  await boss.updateQueue(DELIVERY_QUEUE, policy);
  // Several deliveries at a time (one per polling worker), each its own job and transaction.
  for (let index = 0; index < 3; index += 1) {
    await boss.work<{ deliveryId: string }>(DELIVERY_QUEUE, { includeMetadata: true, batchSize: 1, pollingIntervalSeconds: 2 }, async ([job]) => {
      if (!job) return;
      const outcome = await runDelivery({ deliveryId: job.data.deliveryId, retryCount: job.retryCount, retryLimit: job.retryLimit });
      if (outcome === "failed") log(`[jobs] 分发失败 (delivery ${job.data.deliveryId} failed)`);
    });
  }
  await boss.createQueue(DELIVERY_SWEEP_QUEUE);
  await boss.schedule(DELIVERY_SWEEP_QUEUE, "* * * * *", {}, { tz: "Asia/Shanghai" });
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
      if (recovered.length) log(`[jobs] ${recovered.length} 条分发的工作进程已失联，已重新排队 (deliveries recovered from a dead worker)`);
    } catch (error) {
      log(`[jobs] 分发恢复检查失败 (delivery recovery failed): ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  await recover();
  const timer = setInterval(() => void recover(), settings.recoveryIntervalSeconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}

// ───────────────────────── the editor's view ─────────────────────────

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
      channelKindLabel: CHANNEL_KIND_LABELS[delivery.channel.kind],
      action: delivery.action,
      actionLabel: DELIVERY_ACTION_LABELS[delivery.action],
      status: delivery.status,
      statusLabel: DELIVERY_STATUS_LABELS[delivery.status],
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
  const parsed = ZRetry.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error.issues[0]!.message);
  const found = await getDb().delivery.findUnique({ where: { id: parsed.data.deliveryId }, select: { resourceId: true } });
  if (!found) throw notFound();
  const resource = await loadVisibleResource(actor, found.resourceId);
  const role = await assertCan(actor, "delivery.retry", { orgId: resource.ownerOrgId });
  return getDb().$transaction(async (tx) => {
    await tx.$queryRaw`select id from "Delivery" where id = ${parsed.data.deliveryId}::uuid for update`;
    const delivery = await tx.delivery.findUniqueOrThrow({
      where: { id: parsed.data.deliveryId },
      include: { publication: { select: { withdrawnAt: true, supersededAt: true } }, channel: { select: CHANNEL_STANDING } },
    });
    if (delivery.status !== "FAILED") throw conflict("只有发送失败的分发可以重试。");
    if (delivery.action !== "RECALL" && delivery.publication.withdrawnAt) throw conflict("该稿件已撤稿，不能再向渠道发送。");
    if (delivery.action !== "RECALL" && delivery.publication.supersededAt) throw conflict("该稿件已有更新的发布版本，旧版本不再分发。");
    const problem = channelProblem(delivery.channel, delivery.action);
    if (problem) throw conflict(`不能重试：${problem}`);
    // The person retrying has checked the platform: an unanswered call is taken as not done.
    const checkpoint = delivery.checkpoint as DeliveryCheckpoint | null;
    const confirmedUncertain = Boolean(checkpoint?.uncertain);
    await tx.delivery.update({
      where: { id: delivery.id },
      data: { status: "PENDING", lastError: null, ...(confirmedUncertain ? { checkpoint: { ...checkpoint, uncertain: false } } : {}) },
    });
    await enqueueDelivery(tx, delivery.id);
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "delivery.retry",
      subject: `resource:${resource.id}`,
      data: { deliveryId: delivery.id, channelId: delivery.channelId, action: delivery.action, attempts: delivery.attempts, lastError: delivery.lastError, confirmedUncertain },
      ...context,
    });
    return delivery;
  });
}

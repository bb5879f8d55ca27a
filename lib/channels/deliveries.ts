import type { Db, Tx } from "@/lib/db/client";
import { sendOnTransaction } from "@/lib/jobs/send";
import type { ChannelKind, DeliveryAction, DeliveryFailure } from "@/lib/db/generated/client";
import type { RequestContext } from "@/lib/auth/authenticate";
import { getEnv } from "@/lib/env";
import { isChannelReceiving, standingProblem } from "@/lib/channels/channels";
import { channelSetupProblem } from "@/lib/channels/channel-config";

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
export const JOBS_SCHEMA = "pgboss";

export type Context = Partial<RequestContext>;
type DbOrTx = Db | Tx;

export type DeliverySettings = ReturnType<typeof deliverySettings>;

export function deliverySettings(env = getEnv()) {
  return {
    retryLimit: env.DELIVERY_RETRY_LIMIT,
    retryDelaySeconds: env.DELIVERY_RETRY_DELAY_SECONDS,
    expireSeconds: env.DELIVERY_EXPIRE_SECONDS,
    timeoutMs: env.DELIVERY_TIMEOUT_SECONDS * 1000,
    // How soon an idle worker sees a delivery queued by another process (a busy one never waits).
    pollingIntervalSeconds: 2,
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
export function deliveryRecoveryBoundSeconds(
  settings: Pick<DeliverySettings, "expireSeconds" | "recoveryIntervalSeconds"> = deliverySettings(),
): number {
  return settings.expireSeconds + settings.recoveryIntervalSeconds;
}

export function idempotencyKeyFor(publicationId: string, channelId: string, action: DeliveryAction): string {
  return `${publicationId}:${channelId}:${action}`;
}

// ───────────────────────── queueing (in the caller's transaction) ─────────────────────────

/**
 * Queues the job that carries out a delivery, on `db` (the caller's transaction). Returns the
 * job id, or null when the queue does not exist yet (the sweep at the next worker start sends it).
 */
export async function enqueueDelivery(
  db: DbOrTx,
  deliveryId: string,
  options: { startAfterSeconds?: number } = {},
): Promise<string | null> {
  const sent = await sendOnTransaction(
    db,
    DELIVERY_QUEUE,
    { deliveryId },
    options.startAfterSeconds ? { startAfter: options.startAfterSeconds } : {},
  );
  return sent ?? null;
}

// ───────────────────────── planning (called from emitEvent) ─────────────────────────

type PlanPayload = {
  resourceId: string;
  publicationId?: unknown;
  supersedes?: unknown;
  addedChannelIds?: unknown;
} & Record<string, unknown>;

type PlannedChannel = {
  id: string;
  name: string;
  kind: ChannelKind;
  config: unknown;
  secrets: string | null;
  active: boolean;
  account: {
    name: string;
    status: "ACTIVE" | "SUSPENDED" | "CANCELLING" | "CANCELLED";
    cancelEffectiveOn: Date | null;
  };
};

export const CHANNEL_STANDING = {
  id: true,
  name: true,
  kind: true,
  config: true,
  secrets: true,
  active: true,
  account: { select: { name: true, status: true, cancelEffectiveOn: true } },
} as const;

export type ChannelProblem = { failure: DeliveryFailure; message: string };

/**
 * Why a channel may not receive anything now (stopped, its account not in good standing, or
 * 未配置), with the failure kind every screen words the same; null when it may.
 */
export function channelProblem(
  channel: PlannedChannel,
  action: DeliveryAction,
  now = new Date(),
): ChannelProblem | null {
  const setup = isChannelReceiving(channel, now) ? channelSetupProblem(channel) : null;
  if (isChannelReceiving(channel, now) && !setup) return null;
  const why = setup
    ? `渠道“${channel.name}”未配置：${setup}。`
    : !channel.active
      ? `渠道“${channel.name}”已停用，不能接收分发。`
      : (standingProblem(channel.account, now) ?? `渠道“${channel.name}”不能接收分发。`);
  return {
    failure: setup ? "CHANNEL_UNCONFIGURED" : "CHANNEL_UNAVAILABLE",
    message: action === "RECALL" ? `${why.replace(/。$/, "")}；无法自动撤回，请在该平台上手动删除此稿件。` : why,
  };
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
      where: {
        resourceId: payload.resourceId,
        ...(topic === "placement.changed"
          ? { channelId: { in: (payload.addedChannelIds as unknown[]).map(String) } }
          : {}),
      },
      select: { channelId: true },
      orderBy: { createdAt: "asc" },
    });
    if (placements.length === 0) return 0;
    // Channels that already carry this resource (an earlier publication reached or is due to reach them).
    const carried = new Set(await channelsCarrying(tx, payload.resourceId, { excludePublicationId: publicationId }));
    targets = placements.map(({ channelId }) => ({
      channelId,
      action: carried.has(channelId) ? "CORRECT" : "PUBLISH",
    }));
  } else if (topic === "publication.withdrawn") {
    const channelIds = await channelsCarrying(tx, payload.resourceId, { includePublicationId: publicationId });
    targets = channelIds.map((channelId) => ({ channelId, action: "RECALL" }));
  } else {
    return 0;
  }
  if (targets.length === 0) return 0;
  const publication = await tx.publication.findUniqueOrThrow({
    where: { id: publicationId },
    select: { revision: { select: { contentHash: true } } },
  });
  const channels = new Map(
    (
      await tx.channel.findMany({
        where: { id: { in: targets.map((target) => target.channelId) } },
        select: CHANNEL_STANDING,
      })
    ).map((channel) => [channel.id, channel]),
  );
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
        ...(problem ? { status: "FAILED" as const, lastError: problem.message, failure: problem.failure } : {}),
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
async function channelsCarrying(
  db: DbOrTx,
  resourceId: string,
  options: { excludePublicationId?: string; includePublicationId?: string },
): Promise<string[]> {
  const rows = await db.delivery.findMany({
    where: {
      resourceId,
      action: { in: ["PUBLISH", "CORRECT"] },
      NOT: [
        { status: "FAILED", attempts: 0 },
        ...(options.excludePublicationId ? [{ publicationId: options.excludePublicationId }] : []),
      ],
      OR: [
        { publication: { withdrawnAt: null } },
        ...(options.includePublicationId ? [{ publicationId: options.includePublicationId }] : []),
      ],
    },
    select: { channelId: true },
    distinct: ["channelId"],
  });
  return rows.map((row) => row.channelId);
}

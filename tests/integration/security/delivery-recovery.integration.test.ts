import { createRequire } from "node:module";
import pg from "pg";
import PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { startJobRunner } from "@/lib/jobs/runner";
import { DELIVERY_QUEUE, deliveryRecoveryBoundSeconds, deliverySettings } from "@/lib/channels/deliveries";
import { recoverAbandonedDeliveries, sweepDeliveries } from "@/lib/channels/delivery-recovery";
import { fileDb } from "../helpers";
import { newReceiver, publishTo, spawnWorker, waitFor, webhookChannel } from "../support/delivery";
import { acceptEvery } from "../../support/webhook-receiver";

// pg-boss's own SQL for expiring jobs, to stage its maintenance winning the race.
const plans = createRequire(import.meta.url)("pg-boss/src/plans.js") as {
  locked: (schema: string, query: string) => string;
  failJobsByTimeout: (schema: string) => string;
};

// A delivery claimed by a worker that then died (kill -9) must be due for retry within the bound
// docs/configuration.md states, whatever pg-boss's maintenance interval and retry backoff, and go out
// exactly once after the restart. The defaults are used (no DELIVERY_* overrides): an injected
// clock stands in for the five-minute lease.

/** Publishes a new item placed on the channel through the real review; its delivery row. */
async function publishPlaced(title: string, channelId: string) {
  const { publication } = await publishTo(title, [channelId]);
  return getDb().delivery.findFirstOrThrow({ where: { publicationId: publication.id, channelId } });
}

type JobRow = { id: string; state: string; startedOn: Date | null; startAfter: Date; due: boolean };

async function jobOf(deliveryId: string): Promise<JobRow | undefined> {
  const [row] = await getDb().$queryRawUnsafe<JobRow[]>(
    `select id::text as id, state::text as state, started_on as "startedOn", start_after as "startAfter", start_after <= now() as due
       from pgboss.job where name = $1 and data->>'deliveryId' = $2 order by created_on desc limit 1`,
    DELIVERY_QUEUE,
    deliveryId,
  );
  return row;
}

// A loopback webhook receiver that applies each idempotency key once.
const receiver = newReceiver();
const settings = deliverySettings();
const bound = deliveryRecoveryBoundSeconds(settings);

beforeAll(async () => {
  await fileDb();
  await receiver.start();
});

afterAll(async () => {
  await receiver.stop();
});

describe("delivery recovery after a worker crash", () => {
  it("states a bound within the documented one: the 300 s lease plus one 15 s recovery interval", () => {
    expect(settings).toMatchObject({ expireSeconds: 300, recoveryIntervalSeconds: 15 });
    expect(bound).toBe(315);
  });

  it("makes a claimed delivery whose worker was killed due within the bound, then delivers it exactly once after restart", async () => {
    const db = getDb();
    const channel = await webhookChannel("融媒体中心", receiver.url);
    const crashed = spawnWorker();
    await crashed.ready;
    // The platform has the request; the worker dies before it hears the answer.
    receiver.decide = () => ({
      status: 200,
      accept: true,
      hold: async () => {
        crashed.child.kill("SIGKILL");
        await crashed.exited;
      },
    });
    const delivery = await publishPlaced("工作进程崩溃后的分发", channel.id);
    expect(await crashed.exited).toBeNull();
    receiver.decide = acceptEvery;
    expect(await db.delivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({
      status: "PENDING",
      attempts: 1,
      sentAt: null,
    });
    const claimed = (await jobOf(delivery.id))!;
    expect(claimed.state).toBe("active");
    const claimedAt = claimed.startedOn!.getTime();

    // Within its lease the attempt may still be running: nothing takes it.
    expect(
      await recoverAbandonedDeliveries(db, { now: new Date(claimedAt + (settings.expireSeconds - 1) * 1000) }),
    ).toEqual([]);
    expect((await jobOf(delivery.id))!.state).toBe("active");

    // A surviving worker's timer, ticking every recovery interval from the crash on.
    let tick = claimedAt;
    let recovered: string[] = [];
    while (recovered.length === 0 && tick - claimedAt <= 2 * bound * 1000) {
      tick += settings.recoveryIntervalSeconds * 1000;
      recovered = await recoverAbandonedDeliveries(db, { now: new Date(tick) });
    }
    expect(recovered).toEqual([claimed.id]);
    expect(tick - claimedAt).toBeLessThanOrEqual(bound * 1000);
    // Due at once: no retry backoff on top of the lease.
    expect(await jobOf(delivery.id)).toMatchObject({ id: claimed.id, state: "retry", due: true });
    // Recovering again changes nothing (several workers run the same timer).
    expect(await recoverAbandonedDeliveries(db, { now: new Date(tick + 1000) })).toEqual([]);

    const restarted = await startJobRunner(process.env.DATABASE_URL!, "restarted-worker", () => {});
    try {
      const done = await waitFor(async () => {
        const row = await db.delivery.findUniqueOrThrow({ where: { id: delivery.id } });
        return row.status === "ACKNOWLEDGED" ? row : null;
      }, "the recovered delivery to be acknowledged");
      expect(done).toMatchObject({ attempts: 2, lastError: null });
      // pg-boss marks the job complete just after the handler's acknowledgement commits.
      await expect.poll(async () => (await jobOf(delivery.id))!.state, { timeout: 30_000 }).toBe("completed");
    } finally {
      await restarted.stop();
    }
    // Once before the crash, once after the restart; the receiver applied it once.
    expect(receiver.forKey(delivery.idempotencyKey).map((request) => request.duplicate)).toEqual([false, true]);
  }, 180_000);

  it("takes the backoff off a delivery job that pg-boss's own maintenance expired first", async () => {
    const db = getDb();
    const channel = await webhookChannel("政务APP后台", receiver.url);
    const delivery = await publishPlaced("维护任务先行过期的分发", channel.id);
    // A worker claims the job and dies: the claim is backdated past the lease.
    const boss = new PgBoss({
      connectionString: process.env.DATABASE_URL!,
      schema: "pgboss",
      supervise: false,
      schedule: false,
    });
    await boss.start();
    try {
      const [job] = await boss.fetch<{ deliveryId: string }>(DELIVERY_QUEUE, { batchSize: 1 });
      expect(job?.data.deliveryId).toBe(delivery.id);
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      await client.query(
        `update pgboss.job set started_on = started_on - interval '1 hour' where name = $1 and data->>'deliveryId' = $2`,
        [DELIVERY_QUEUE, delivery.id],
      );
      // Raise the retry count as far as the policy allows, where pg-boss's backoff is longest.
      await client.query(
        `update pgboss.job set retry_count = retry_limit - 1 where name = $1 and data->>'deliveryId' = $2`,
        [DELIVERY_QUEUE, delivery.id],
      );
      await client.query(plans.locked("pgboss", plans.failJobsByTimeout("pgboss")));
    } finally {
      await client.end();
    }
    const expired = (await jobOf(delivery.id))!;
    expect(expired).toMatchObject({ state: "retry", due: false });

    expect(await recoverAbandonedDeliveries(db)).toEqual([expired.id]);
    expect(await jobOf(delivery.id)).toMatchObject({ state: "retry", due: true });
  }, 60_000);

  it("fails the job of a delivery whose worker died on its last allowed attempt, for the sweep to report", async () => {
    const db = getDb();
    const channel = await webhookChannel("区级客户端", receiver.url);
    const delivery = await publishPlaced("最后一次尝试时崩溃的分发", channel.id);
    const boss = new PgBoss({
      connectionString: process.env.DATABASE_URL!,
      schema: "pgboss",
      supervise: false,
      schedule: false,
    });
    await boss.start();
    try {
      const claimed = await boss.fetch<{ deliveryId: string }>(DELIVERY_QUEUE, { batchSize: 10 });
      expect(claimed.map((job) => job.data.deliveryId)).toContain(delivery.id);
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
    await db.$executeRawUnsafe(
      `update pgboss.job set retry_count = retry_limit where name = $1 and data->>'deliveryId' = $2`,
      DELIVERY_QUEUE,
      delivery.id,
    );
    const claimedAt = (await jobOf(delivery.id))!.startedOn!.getTime();
    expect(await recoverAbandonedDeliveries(db, { now: new Date(claimedAt + bound * 1000) })).toEqual([]);
    expect((await jobOf(delivery.id))!.state).toBe("failed");
    expect((await sweepDeliveries(db)).failed).toBeGreaterThan(0);
    expect(await db.delivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({ status: "FAILED" });
  }, 60_000);
});

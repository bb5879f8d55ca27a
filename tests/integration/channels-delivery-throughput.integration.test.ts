import PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { JOB_SCHEMA } from "@/lib/db/job-schema";
import { DELIVERY_QUEUE, deliverySettings } from "@/lib/channels/deliveries";
import { startDeliveryWorkers } from "@/lib/channels/delivery-worker";
import { fileDb } from "./helpers";
import { newReceiver, publishTo, waitFor, webhookChannel } from "./support/delivery";

// A backlog of deliveries drains as fast as the workers carry them out, not at pg-boss's polling
// pace: a pg-boss worker waits its polling interval after every fetch, which capped the queue at
// three deliveries every two seconds, below two publications a second (bench:load lost 638 of
// 1,200 at the end of its drain). Here the interval is 60 s: the old pace would take minutes.

const receiver = newReceiver();
const BACKLOG = 12;

beforeAll(async () => {
  await fileDb();
  await receiver.start();
});

afterAll(async () => {
  await receiver.stop();
});

describe("delivery throughput", () => {
  it("runs a queued backlog back to back, waiting the polling interval only when the queue is empty", async () => {
    const db = getDb();
    const channel = await webhookChannel("融媒体中心（积压）", receiver.url);
    const boss = new PgBoss({ connectionString: process.env.DATABASE_URL!, schema: JOB_SCHEMA, migrate: false });
    await boss.start();
    await boss.createQueue(DELIVERY_QUEUE);
    // Published while no worker runs: each delivery's job is queued in its publication's transaction.
    const publications = [];
    for (let index = 0; index < BACKLOG; index += 1)
      publications.push((await publishTo(`积压分发第${index + 1}篇`, [channel.id])).publication);
    const ids = publications.map((publication) => publication.id);
    expect(await db.delivery.count({ where: { publicationId: { in: ids }, status: "PENDING" } })).toBe(BACKLOG);

    const [queued] = await db.$queryRawUnsafe<{ jobs: number }[]>(
      `select count(*)::int as jobs from ${JOB_SCHEMA}.job where name = $1 and state = 'created'`,
      DELIVERY_QUEUE,
    );
    expect(queued?.jobs).toBe(BACKLOG);
    const started = Date.now();
    const stopRecovery = await startDeliveryWorkers(boss, () => {}, {
      ...deliverySettings(),
      pollingIntervalSeconds: 60,
    });
    try {
      await waitFor(
        async () =>
          (await db.delivery.count({ where: { publicationId: { in: ids }, status: "ACKNOWLEDGED" } })) === BACKLOG,
        "the whole backlog to be acknowledged",
        45_000,
      );
      // Three workers at one job per 60 s interval would need three intervals for twelve.
      expect(Date.now() - started).toBeLessThan(60_000);
      expect(ids.every((id) => receiver.hasPublication(id))).toBe(true);
    } finally {
      stopRecovery();
      await boss.stop({ graceful: true, wait: true });
    }
  }, 180_000);
});

import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// Short retry, expiry and maintenance intervals for this file (read once by lib/env.ts); the
// worker child processes inherit them.
vi.hoisted(() => {
  process.env.DELIVERY_RETRY_LIMIT = "3";
  process.env.DELIVERY_RETRY_DELAY_SECONDS = "1";
  process.env.DELIVERY_EXPIRE_SECONDS = "4";
  process.env.DELIVERY_TIMEOUT_SECONDS = "2";
  process.env.JOBS_MAINTENANCE_SECONDS = "1";
});

import { getDb } from "@/lib/db/client";
import { runDelivery } from "@/lib/channels/delivery-worker";
import { fileDb } from "./helpers";
import { newReceiver, publishTo, runVerifyScript, spawnWorker, waitFor, webhookChannel } from "./support/delivery";

// Delivery to a real webhook receiver through worker processes: exactly once across a crash, and
// in order on one channel. The in-process worker's retries are in channels-delivery-worker.

// A real receiver on loopback that verifies signatures and applies each idempotency key once.
const receiver = newReceiver();

beforeAll(async () => {
  await fileDb();
  await receiver.start();
});

afterAll(async () => {
  await receiver.stop();
});

describe("channels:verify on the seeded platform", () => {
  it("exits 0 before anything was delivered", async () => {
    const { code, output } = await runVerifyScript();
    expect(output).toContain("核验通过");
    expect(code).toBe(0);
  }, 90_000);
});

describe("delivery through a worker process that is killed after sending", () => {
  it("delivers exactly once with a valid signature, after a restart", async () => {
    const db = getDb();
    const channel = await webhookChannel("融媒体中心", receiver.url);
    const first = spawnWorker();
    await first.ready;
    receiver.decide = () => ({
      status: 200,
      accept: true,
      // Processed; the worker dies before it hears the answer, so nothing is recorded.
      hold: async () => {
        first.child.kill("SIGKILL");
        await first.exited;
      },
    });
    const { publication, revision } = await publishTo("区融媒体中心分发测试", [channel.id]);
    const delivery = await db.delivery.findFirstOrThrow({
      where: { publicationId: publication.id, channelId: channel.id },
    });
    expect(delivery).toMatchObject({
      action: "PUBLISH",
      status: "PENDING",
      contentHash: revision.contentHash,
      idempotencyKey: `${publication.id}:${channel.id}:PUBLISH`,
    });

    expect(await first.exited).toBeNull(); // killed by the signal
    const afterCrash = await db.delivery.findUniqueOrThrow({ where: { id: delivery.id } });
    expect(afterCrash).toMatchObject({ status: "PENDING", attempts: 1, sentAt: null });
    expect(afterCrash.lastAttemptAt).not.toBeNull();

    receiver.decide = () => ({ status: 200, accept: true });
    const second = spawnWorker();
    try {
      await second.ready;
      const done = await waitFor(async () => {
        const row = await db.delivery.findUniqueOrThrow({ where: { id: delivery.id } });
        return row.status === "ACKNOWLEDGED" ? row : null;
      }, "the delivery to be acknowledged after the restart");
      expect(done).toMatchObject({ attempts: 2, remoteId: "remote-1", lastError: null });
    } finally {
      second.child.kill("SIGTERM");
      await second.exited;
    }
    const requests = receiver.forKey(delivery.idempotencyKey);
    expect(requests).toHaveLength(2);
    expect(
      requests.every(
        (request) =>
          request.valid && request.event === "publication.published" && request.contentHash === revision.contentHash,
      ),
    ).toBe(true);
    expect(requests.map((request) => request.duplicate)).toEqual([false, true]);
    expect([...receiver.processed.keys()].filter((key) => key === delivery.idempotencyKey)).toHaveLength(1);
  }, 150_000);
});

describe("order on one channel", () => {
  it("holds a recall back while the publication's delivery to that channel is unfinished", async () => {
    const db = getDb();
    receiver.decide = () => ({ status: 200, accept: true });
    const channel = await webhookChannel("顺序测试渠道", receiver.url);
    const publication = await db.publication.findFirstOrThrow({
      where: { withdrawnAt: null, supersededAt: null },
      include: { revision: true },
    });
    const base = {
      publicationId: publication.id,
      channelId: channel.id,
      resourceId: publication.resourceId,
      contentHash: publication.revision.contentHash,
    };
    const publish = await db.delivery.create({
      data: {
        ...base,
        action: "PUBLISH",
        idempotencyKey: `order-test:${channel.id}:PUBLISH`,
        createdAt: new Date(Date.now() - 1000),
      },
    });
    const recall = await db.delivery.create({
      data: { ...base, action: "RECALL", idempotencyKey: `order-test:${channel.id}:RECALL` },
    });
    const job = { deliveryId: recall.id, retryCount: 0, retryLimit: 3 };

    expect(await runDelivery(job)).toBe("deferred");
    expect(receiver.forKey(recall.idempotencyKey)).toHaveLength(0);
    expect(await db.delivery.findUniqueOrThrow({ where: { id: recall.id } })).toMatchObject({
      status: "PENDING",
      attempts: 0,
    });
    const requeued = await db.$queryRawUnsafe<{ later: boolean }[]>(
      `select start_after > now() as later from pgboss.job where name = 'channel-deliveries' and data->>'deliveryId' = $1 and state < 'completed'`,
      recall.id,
    );
    expect(requeued).toEqual([{ later: true }]);

    expect(await runDelivery({ ...job, deliveryId: publish.id })).toBe("acknowledged");
    expect(await runDelivery(job)).toBe("acknowledged");
    expect(
      receiver.seen.filter((request) => request.key.startsWith("order-test:")).map((request) => request.event),
    ).toEqual(["publication.published", "publication.withdrawn"]);
    // Idempotent: a job for a delivery that went out does nothing.
    expect(await runDelivery(job)).toBe("done");
    expect(receiver.forKey(recall.idempotencyKey)).toHaveLength(1);
  });
});

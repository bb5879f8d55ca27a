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
import { blocksToDoc } from "@/lib/library/content";
import { createResource, saveRevision } from "@/lib/library/resources";
import { signOff, submitForReview } from "@/lib/review/instances";
import { publishInstance } from "@/lib/publish/publish";
import { withdrawPublication } from "@/lib/publish/withdraw";
import { startJobRunner, type JobRunner } from "@/lib/jobs/runner";
import { listDeliveries, retryDelivery } from "@/lib/channels/delivery-status";
import { recoverAbandonedDeliveries, sweepDeliveries } from "@/lib/channels/delivery-recovery";
import { runDelivery } from "@/lib/channels/delivery-worker";
import { getChannelsVerifyReport, verifyChannels } from "@/lib/channels/verify";
import type { Actor } from "@/lib/auth/session";
import { actorFor, actorsFor, makeUser, orgId, fileDb } from "./helpers";
import {
  CHECKS,
  columnId,
  newReceiver,
  publishTo,
  runVerifyScript,
  SECTION,
  waitFor,
  webhookChannel,
} from "./support/delivery";

// Delivery with the in-process worker to a real webhook receiver: retries and their backoff, no
// retry of a refusal, corrections and recalls, channels not in good standing, rollbacks, and
// channels:verify.

const receiver = newReceiver();

beforeAll(async () => {
  await fileDb();
  await receiver.start();
});

afterAll(async () => {
  await receiver.stop();
});

describe("delivery with the in-process worker", () => {
  let runner: JobRunner;
  let channel: { id: string };
  let editor: Actor;

  beforeAll(async () => {
    runner = await startJobRunner(process.env.DATABASE_URL!, "worker-in-test", () => {});
    channel = await webhookChannel("政务APP后台", receiver.url);
    editor = await actorFor("editor");
  });

  afterAll(async () => {
    await runner.stop();
  });

  async function settled(deliveryId: string) {
    return waitFor(async () => {
      const row = await getDb().delivery.findUniqueOrThrow({ where: { id: deliveryId } });
      return row.status === "PENDING" ? null : row;
    }, "the delivery to settle");
  }

  it("retries a 500 with growing delays, then succeeds", async () => {
    let failures = 2;
    receiver.decide = () => (failures-- > 0 ? { status: 500, accept: false } : { status: 200, accept: true });
    const { publication } = await publishTo("区政务服务中心延长办公时间", [channel.id]);
    const delivery = await getDb().delivery.findFirstOrThrow({ where: { publicationId: publication.id } });
    // Queued in the publishing transaction, with the configured retry policy.
    const jobs = await getDb().$queryRawUnsafe<{ retry_limit: number; retry_delay: number; retry_backoff: boolean }[]>(
      `select retry_limit, retry_delay, retry_backoff from pgboss.job where name = 'channel-deliveries' and data->>'deliveryId' = $1`,
      delivery.id,
    );
    expect(jobs[0]).toMatchObject({ retry_limit: 3, retry_delay: 1, retry_backoff: true });
    const inRetry = await waitFor(async () => {
      const row = await getDb().delivery.findUniqueOrThrow({ where: { id: delivery.id } });
      return row.attempts >= 1 && row.lastError ? row : null;
    }, "the first failure to be recorded");
    expect(inRetry.lastError).toContain("HTTP 500");
    const done = await settled(delivery.id);
    expect(done).toMatchObject({ status: "ACKNOWLEDGED", attempts: 3, lastError: null });
    const times = receiver.forKey(delivery.idempotencyKey).map((request) => request.at);
    expect(times).toHaveLength(3);
    // Backoff: the first retry waits at least the configured 1 s, the second at least twice that.
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(900);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(1900);
  });

  it("does not retry a 4xx; shows the error; retryDelivery then succeeds; others are refused", async () => {
    receiver.decide = () => ({ status: 422, accept: false });
    const { publication, resourceId } = await publishTo("区文化馆公益培训报名", [channel.id]);
    const delivery = await getDb().delivery.findFirstOrThrow({ where: { publicationId: publication.id } });
    const failed = await settled(delivery.id);
    expect(failed).toMatchObject({ status: "FAILED", attempts: 1 });
    expect(failed.lastError).toContain("HTTP 422");
    expect(failed.lastError).toContain("标题为空");
    // No retry: the job ended completed (a thrown job would be in 'retry'), nothing else is queued
    // for the delivery, and every path that could send it again declines.
    const jobStates = async () =>
      (
        await getDb().$queryRawUnsafe<{ state: string }[]>(
          `select state::text from pgboss.job where name = 'channel-deliveries' and data->>'deliveryId' = $1`,
          delivery.id,
        )
      ).map((job) => job.state);
    await expect.poll(jobStates, { timeout: 30_000 }).toEqual(["completed"]);
    expect(await recoverAbandonedDeliveries(getDb(), { now: new Date(Date.now() + 3_600_000) })).toEqual([]);
    expect(await sweepDeliveries()).toEqual({ queued: 0, failed: 0 });
    expect(await runDelivery({ deliveryId: delivery.id, retryCount: 0, retryLimit: 3 })).toBe("done");
    expect(await jobStates()).toEqual(["completed"]);
    expect(receiver.forKey(delivery.idempotencyKey)).toHaveLength(1);

    const listed = await listDeliveries(editor, resourceId);
    expect(listed.canRetry).toBe(true);
    expect(listed.deliveries[0]).toMatchObject({
      id: delivery.id,
      channelName: "政务APP后台",
      // A 4xx is the platform's refusal, worded as on every screen; the particular reply is the detail.
      statusLabel: "平台拒绝接收",
      failure: "PLATFORM_REFUSED",
      attempts: 1,
      lastError: expect.stringContaining("HTTP 422"),
    });

    // Refusals: to an editor of another unit the resource does not exist; a reviewer sees but may
    // not retry; only failed deliveries are retried.
    const stranger = await makeUser("editor-culture", "EDITOR", "宣传推广处");
    await expect(listDeliveries(stranger, resourceId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(retryDelivery(stranger, { deliveryId: delivery.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const reviewer = await actorFor("reviewer");
    expect((await listDeliveries(reviewer, resourceId)).canRetry).toBe(false);
    await expect(retryDelivery(reviewer, { deliveryId: delivery.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(retryDelivery(editor, { deliveryId: "not-a-uuid" })).rejects.toMatchObject({ code: "INVALID" });
    expect(await getDb().delivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({
      status: "FAILED",
    });

    // A platform call left unanswered (as WeChat's adapter records it): the person retrying has
    // checked the platform, so the retry clears the flag, and the audit says so.
    await getDb().delivery.update({
      where: { id: delivery.id },
      data: { checkpoint: { mediaId: "DRAFT-9", uncertain: true } },
    });
    receiver.decide = () => ({ status: 200, accept: true });
    await retryDelivery(editor, { deliveryId: delivery.id }, { ip: "127.0.0.1" });
    const done = await settled(delivery.id);
    expect(done).toMatchObject({
      status: "ACKNOWLEDGED",
      attempts: 2,
      lastError: null,
      checkpoint: { mediaId: "DRAFT-9", uncertain: false },
    });
    expect(receiver.forKey(delivery.idempotencyKey).map((request) => request.valid)).toEqual([true, true]);
    const retried = await getDb().auditEvent.findMany({
      where: { action: "delivery.retry", subject: `resource:${resourceId}` },
    });
    expect(retried.map((event) => (event.data as { confirmedUncertain: boolean }).confirmedUncertain)).toEqual([true]);
    await expect(retryDelivery(editor, { deliveryId: delivery.id })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("sends a correction, then the recall event on withdrawal, in order", async () => {
    receiver.decide = () => ({ status: 200, accept: true });
    const { publication, resourceId, revision } = await publishTo("区图书馆开放时间调整", [channel.id]);
    const first = await settled(
      (await getDb().delivery.findFirstOrThrow({ where: { publicationId: publication.id } })).id,
    );
    expect(first.status).toBe("ACKNOWLEDGED");

    const corrected = await publishTo("区图书馆开放时间调整", [], {
      resourceId,
      baseVersion: revision.number,
      text: "每周二闭馆。",
      correctionNote: "闭馆日期有误，已更正。",
    });
    const correction = await settled(
      (await getDb().delivery.findFirstOrThrow({ where: { publicationId: corrected.publication.id } })).id,
    );
    expect(correction).toMatchObject({
      action: "CORRECT",
      status: "ACKNOWLEDGED",
      contentHash: corrected.revision.contentHash,
    });
    expect(receiver.forKey(correction.idempotencyKey)[0]).toMatchObject({
      event: "publication.corrected",
      valid: true,
    });

    const officer = await actorFor("officer");
    await withdrawPublication(officer, { resourceId, reason: "活动取消，撤下原通知" });
    const recall = await getDb().delivery.findFirstOrThrow({ where: { resourceId, action: "RECALL" } });
    expect(recall).toMatchObject({
      publicationId: corrected.publication.id,
      channelId: channel.id,
      idempotencyKey: `${corrected.publication.id}:${channel.id}:RECALL`,
    });
    expect(await settled(recall.id)).toMatchObject({ status: "ACKNOWLEDGED" });
    const events = receiver.seen.filter((request) =>
      [first.idempotencyKey, correction.idempotencyKey, recall.idempotencyKey].includes(request.key),
    );
    expect(events.map((request) => request.event)).toEqual([
      "publication.published",
      "publication.corrected",
      "publication.withdrawn",
    ]);
    expect(events.every((request) => request.valid)).toBe(true);
  });

  it("records why a channel not in good standing got nothing", async () => {
    const suspended = await webhookChannel("区文旅公众号中继", receiver.url);
    const { publication } = await publishTo("区运动会报名通知", [suspended.id], {
      beforeFinal: async () => {
        const row = await getDb().channel.findUniqueOrThrow({ where: { id: suspended.id } });
        await getDb().newMediaAccount.update({
          where: { id: row.accountId },
          data: { status: "SUSPENDED", suspendedAt: new Date() },
        });
      },
    });
    const delivery = await getDb().delivery.findFirstOrThrow({ where: { publicationId: publication.id } });
    expect(delivery).toMatchObject({
      status: "FAILED",
      failure: "CHANNEL_UNAVAILABLE",
      attempts: 0,
      lastError: expect.stringContaining("已关停"),
    });
    expect(receiver.forKey(delivery.idempotencyKey)).toHaveLength(0);
    await expect(retryDelivery(editor, { deliveryId: delivery.id })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("已关停"),
    });
  });

  it("writes no delivery and no job when the publishing transaction rolls back", async () => {
    const db = getDb();
    const [editor2, reviewer, deputy] = await actorsFor("editor", "reviewer", "deputy");
    const resource = await createResource(editor2, { kind: "ARTICLE", ownerOrgId: await orgId(SECTION) });
    const { revision } = await saveRevision(editor2, {
      resourceId: resource.id,
      baseVersion: 0,
      title: "回滚测试",
      body: blocksToDoc([{ type: "paragraph", text: "正文。" }]),
      metadata: { source: { type: "original" } },
    });
    const instance = await submitForReview(editor2, {
      resourceId: resource.id,
      baseVersion: 1,
      publishMode: "MANUAL",
      columnIds: [await columnId("ywdt")],
      channelIds: [channel.id],
    });
    for (const check of CHECKS)
      await signOff(reviewer, {
        instanceId: instance.id,
        stagePosition: 0,
        check,
        decision: "APPROVE",
        contentHash: revision.contentHash,
      });
    await signOff(deputy, {
      instanceId: instance.id,
      stagePosition: 1,
      decision: "APPROVE",
      contentHash: revision.contentHash,
    });
    const jobsBefore = await db.$queryRawUnsafe<{ n: number }[]>(
      `select count(*)::int as n from pgboss.job where name = 'channel-deliveries'`,
    );
    await expect(
      db.$transaction(async (tx) => {
        await publishInstance(tx, instance.id, { actorId: null, role: null, via: "manual" });
        expect(await tx.delivery.count({ where: { resourceId: resource.id } })).toBe(1);
        throw new Error("rollback");
      }),
    ).rejects.toThrow("rollback");
    expect(await db.delivery.count({ where: { resourceId: resource.id } })).toBe(0);
    const jobsAfter = await db.$queryRawUnsafe<{ n: number }[]>(
      `select count(*)::int as n from pgboss.job where name = 'channel-deliveries'`,
    );
    expect(jobsAfter[0]!.n).toBe(jobsBefore[0]!.n);
    expect(await sweepDeliveries(db)).toEqual({ queued: 0, failed: 0 });
  });

  it("channels:verify passes, then fails once a delivery's recorded hash is altered", async () => {
    const report = await verifyChannels(getDb());
    // The supervising unit's page: the supervisor sees the report, an editor is refused.
    expect((await getChannelsVerifyReport(await actorFor("supervisor"))).deliveries).toBe(report.deliveries);
    await expect(getChannelsVerifyReport(editor)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(report.mismatches).toEqual([]);
    expect(report.missing).toEqual([]);
    expect(report.ok).toBe(true);
    const passed = await runVerifyScript();
    expect(passed.code).toBe(0);

    const target = await getDb().delivery.findFirstOrThrow({
      where: { action: "PUBLISH", status: "ACKNOWLEDGED", publication: { withdrawnAt: null, supersededAt: null } },
    });
    await getDb().delivery.update({ where: { id: target.id }, data: { contentHash: "0".repeat(64) } });
    const altered = await verifyChannels(getDb());
    expect(altered.ok).toBe(false);
    expect(altered.mismatches.map((problem) => problem.deliveryId)).toContain(target.id);
    const failed = await runVerifyScript();
    expect(failed.code).toBe(1);
    expect(failed.output).toContain(target.id);
    expect(failed.output).toContain("内容不一致");
    await getDb().delivery.update({ where: { id: target.id }, data: { contentHash: target.contentHash } });
    expect((await verifyChannels(getDb())).ok).toBe(true);

    // Missing: a recall that never was, and a channel placement of a live item without a delivery.
    const recall = await getDb().delivery.findFirstOrThrow({ where: { action: "RECALL" } });
    await getDb().delivery.delete({ where: { id: recall.id } });
    const bare = await webhookChannel("未分发的渠道", receiver.url);
    await getDb().channelPlacement.create({ data: { channelId: bare.id, resourceId: target.resourceId! } });
    const incomplete = await verifyChannels(getDb());
    expect(incomplete.ok).toBe(false);
    expect(incomplete.missing.map((problem) => [problem.channelId, problem.publicationId])).toEqual(
      expect.arrayContaining([
        [recall.channelId, recall.publicationId],
        [bare.id, target.publicationId],
      ]),
    );
    expect(incomplete.mismatches).toEqual([]);

    // Stale: pending for more than ten minutes (listed, but not a failure of the check by itself).
    await getDb().channelPlacement.deleteMany({ where: { channelId: bare.id } });
    const { checkpoint: _checkpoint, ...recalled } = recall;
    await getDb().delivery.create({ data: { ...recalled, status: "ACKNOWLEDGED" } });
    await getDb().delivery.update({
      where: { id: target.id },
      data: { status: "PENDING", createdAt: new Date(Date.now() - 11 * 60_000) },
    });
    const late = await verifyChannels(getDb());
    expect(late.ok).toBe(true);
    expect(late.stale.map((problem) => problem.deliveryId)).toContain(target.id);
  }, 120_000);
});

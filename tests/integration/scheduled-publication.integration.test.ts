import { describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { blocksToDoc } from "@/lib/library/content";
import { createResource, saveRevision } from "@/lib/library/resources";
import { signOff, submitForReview } from "@/lib/review/instances";
import { publishDueSchedules } from "@/lib/publish/due-schedules";
import { schedulePublication } from "@/lib/publish/schedule";
import { startJobRunner } from "@/lib/jobs/runner";
import { actorFor, actorsFor, orgId, fileDb } from "./helpers";

const CHECKS = ["politics", "law", "policy", "secrecy", "wording"];

/** An approved article scheduled for a minute from now, then made due (as if the minute passed). */
async function dueSchedule(title: string, options: { columnSlug?: string } = {}) {
  const db = getDb();
  const [editor, reviewer, deputy] = await actorsFor("editor", "reviewer", "deputy");
  const resource = await createResource(editor, { kind: "ARTICLE", ownerOrgId: await orgId("区政府办公室政务公开科") });
  const { revision } = await saveRevision(editor, {
    resourceId: resource.id,
    baseVersion: 0,
    title,
    body: blocksToDoc([{ type: "paragraph", text: "定时发布正文。" }]),
    metadata: { source: { type: "original" } },
  });
  const column = await db.column.findFirstOrThrow({
    where: { slug: options.columnSlug ?? "ywdt", site: { hosts: { some: { host: "localhost" } } } },
  });
  const publishAt = new Date(Date.now() + 5 * 60_000).toISOString();
  const instance = await submitForReview(editor, {
    resourceId: resource.id,
    baseVersion: revision.number,
    publishMode: "SCHEDULED",
    publishAt,
    columnIds: [column.id],
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
  const schedule = await db.publicationSchedule.findFirstOrThrow({ where: { instanceId: instance.id } });
  expect(schedule.status).toBe("PENDING");
  expect(await db.publication.count({ where: { resourceId: resource.id } })).toBe(0);
  await db.publicationSchedule.update({ where: { id: schedule.id }, data: { runAt: new Date(Date.now() - 1000) } });
  return { resource, instance, schedule, editor, column };
}

async function waitForStatus(scheduleId: string, timeoutMs = 30_000) {
  return vi.waitFor(
    async () => {
      const schedule = await getDb().publicationSchedule.findUniqueOrThrow({ where: { id: scheduleId } });
      if (schedule.status === "PENDING") throw new Error("the schedule is still pending");
      return schedule;
    },
    { timeout: timeoutMs, interval: 250 },
  );
}

describe("定时发布", () => {
  it("fires once with two workers running, and after a restart", async () => {
    const db = await fileDb();
    const first = await dueSchedule("两个任务进程同时运行的定时发布");
    const runners = await Promise.all([
      startJobRunner(process.env.DATABASE_URL!, "worker-a", () => {}),
      startJobRunner(process.env.DATABASE_URL!, "worker-b", () => {}),
    ]);
    try {
      expect(await waitForStatus(first.schedule.id)).toMatchObject({ status: "DONE" });
      // Both workers swept at start; a third sweep from here changes nothing either.
      await publishDueSchedules(db);
    } finally {
      await Promise.all(runners.map((runner) => runner.stop()));
    }
    expect(await db.publication.count({ where: { resourceId: first.resource.id } })).toBe(1);
    expect(
      await db.auditEvent.count({ where: { action: "publication.publish", subject: `resource:${first.resource.id}` } }),
    ).toBe(1);
    expect(await db.outboxEvent.count({ where: { subject: `resource:${first.resource.id}` } })).toBe(1);

    // Due while no worker ran: published when one starts again.
    const second = await dueSchedule("任务进程重启后的定时发布");
    const restarted = await startJobRunner(process.env.DATABASE_URL!, "worker-c", () => {});
    try {
      expect(await waitForStatus(second.schedule.id)).toMatchObject({ status: "DONE" });
    } finally {
      await restarted.stop();
    }
    expect(await db.publication.findFirstOrThrow({ where: { resourceId: second.resource.id } })).toMatchObject({
      origin: "REVIEWED",
      publishedById: null,
    });
  });

  it("marks a refused publication failed with its reason and tells the editor", async () => {
    const db = await fileDb();
    const site = await db.site.findFirstOrThrow({ where: { hosts: { some: { host: "localhost" } } } });
    await db.column.create({ data: { siteId: site.id, name: "专题活动", slug: "ztzl-2026" } });
    const { schedule, editor, resource, column } = await dueSchedule("栏目被删除后的定时发布", {
      columnSlug: "ztzl-2026",
    });
    await db.column.delete({ where: { id: column.id } });
    expect(await publishDueSchedules(db)).toEqual({ published: 0, failed: 1 });
    expect(await db.publicationSchedule.findUniqueOrThrow({ where: { id: schedule.id } })).toMatchObject({
      status: "FAILED",
      error: expect.stringContaining("栏目"),
    });
    expect(await db.notification.count({ where: { userId: editor.id, title: { startsWith: "定时发布失败" } } })).toBe(
      1,
    );
    expect(await db.publication.count({ where: { resourceId: resource.id } })).toBe(0);
  });

  it("refuses a time in the past and a schedule before approval", async () => {
    await fileDb();
    const editor = await actorFor("editor");
    const resource = await createResource(editor, {
      kind: "ARTICLE",
      ownerOrgId: await orgId("区政府办公室政务公开科"),
    });
    await saveRevision(editor, {
      resourceId: resource.id,
      baseVersion: 0,
      title: "时间校验",
      body: blocksToDoc([{ type: "paragraph", text: "正文。" }]),
      metadata: { source: { type: "original" } },
    });
    await expect(
      submitForReview(editor, {
        resourceId: resource.id,
        baseVersion: 1,
        publishMode: "SCHEDULED",
        publishAt: "2020-01-01T08:00",
      }),
    ).rejects.toMatchObject({ code: "INVALID" });
    const instance = await submitForReview(editor, { resourceId: resource.id, baseVersion: 1, publishMode: "MANUAL" });
    await expect(
      schedulePublication(editor, { instanceId: instance.id, runAt: new Date(Date.now() + 3_600_000) }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });
});

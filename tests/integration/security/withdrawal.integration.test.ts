import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { blocksToDoc } from "@/lib/library/content";
import { createResource, saveRevision } from "@/lib/library/resources";
import { signOff, submitForReview } from "@/lib/review/instances";
import { publishApproved, publishInstance } from "@/lib/publish/publish";
import { publishDueSchedules } from "@/lib/publish/due-schedules";
import { schedulePublication } from "@/lib/publish/schedule";
import { withdrawPublication } from "@/lib/publish/withdraw";
import { findSiteByHost } from "@/lib/sites/portal";
import { getPortalArticle } from "@/lib/sites/portal-article";
import type { Actor } from "@/lib/auth/session";
import { actorsFor, orgId, fileDb } from "../helpers";

// Issue #21 item 3: after a withdrawal, nothing reviewed before it may put the item back on the
// public sites — not the editor's "publish now", not a schedule, not an older approved review.

const CHECKS = ["politics", "law", "policy", "secrecy", "wording"];
const METADATA = { source: { type: "original" } };
const doc = (text: string) => blocksToDoc([{ type: "paragraph", text }]);

async function ywdt() {
  return (
    await getDb().column.findFirstOrThrow({ where: { slug: "ywdt", site: { hosts: { some: { host: "localhost" } } } } })
  ).id;
}

/** Saves `text` as the next revision and has it approved (manual publication), returning the instance. */
async function approvedRevision(
  people: { editor: Actor; reviewer: Actor; deputy: Actor },
  resourceId: string,
  baseVersion: number,
  text: string,
) {
  const { revision } = await saveRevision(people.editor, {
    resourceId,
    baseVersion,
    title: "区住房公积金贷款政策调整",
    body: doc(text),
    metadata: METADATA,
  });
  const instance = await submitForReview(people.editor, {
    resourceId,
    baseVersion: revision.number,
    publishMode: "MANUAL",
    columnIds: [await ywdt()],
  });
  for (const check of CHECKS)
    await signOff(people.reviewer, {
      instanceId: instance.id,
      stagePosition: 0,
      check,
      decision: "APPROVE",
      contentHash: revision.contentHash,
    });
  await signOff(people.deputy, {
    instanceId: instance.id,
    stagePosition: 1,
    decision: "APPROVE",
    contentHash: revision.contentHash,
  });
  expect(await getDb().reviewInstance.findUniqueOrThrow({ where: { id: instance.id } })).toMatchObject({
    status: "APPROVED",
  });
  return { instance, revision };
}

/** Two approved reviews of one item (revisions 1 and 2), the newer one published. */
async function twoApprovedNewerPublished() {
  const db = await fileDb();
  const [editor, reviewer, deputy, principal] = await actorsFor("editor", "reviewer", "deputy", "principal");
  const people = { editor, reviewer, deputy };
  const resource = await createResource(editor, { kind: "ARTICLE", ownerOrgId: await orgId("区政府办公室政务公开科") });
  const older = await approvedRevision(people, resource.id, 0, "首付比例为百分之三十（旧文本）。");
  const newer = await approvedRevision(people, resource.id, 1, "首付比例为百分之二十。");
  await publishApproved(editor, newer.instance.id);
  return { db, editor, reviewer, deputy, principal, people, resource, older, newer };
}

/** Puts an instance back to APPROVED, as rows written before this rule existed may still be. */
async function asLegacyApproved(instanceId: string) {
  await getDb().reviewInstance.update({ where: { id: instanceId }, data: { status: "APPROVED", cancelReason: null } });
}

async function liveBody(resourceId: string) {
  const site = (await findSiteByHost("localhost"))!;
  return (await getPortalArticle(site, resourceId))?.bodyHtml ?? null;
}

describe("withdrawal holds", () => {
  it("refuses the editor publishing an older approved review after the principal withdrew the item", async () => {
    const { db, editor, principal, resource, older, newer } = await twoApprovedNewerPublished();
    // Publishing the newer text already closed the older approved review.
    expect(await db.reviewInstance.findUniqueOrThrow({ where: { id: older.instance.id } })).toMatchObject({
      status: "CANCELLED",
      cancelReason: "已发布更新的修订版本",
    });

    await withdrawPublication(principal, { resourceId: resource.id, reason: "政策口径需重新核实" });
    expect(await liveBody(resource.id)).toBeNull();

    // The hostile step: the editor (who may not withdraw) publishes the older approved review.
    await expect(publishApproved(editor, older.instance.id)).rejects.toMatchObject({ code: "CONFLICT" });
    // Even where the older review still reads APPROVED (a row from before this rule), publish()
    // itself refuses it, through the action and through the lib function directly.
    await asLegacyApproved(older.instance.id);
    await expect(publishApproved(editor, older.instance.id)).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("早于已发布"),
    });
    await expect(
      db.$transaction((tx) =>
        publishInstance(tx, older.instance.id, { actorId: editor.id, role: "EDITOR", via: "manual" }),
      ),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    // Replaying the newer (withdrawn) review's publication changes nothing either.
    await expect(publishApproved(editor, newer.instance.id)).resolves.toMatchObject({ withdrawnAt: expect.any(Date) });

    expect(await db.publication.count({ where: { resourceId: resource.id } })).toBe(1);
    expect(await db.publication.count({ where: { resourceId: resource.id, withdrawnAt: null } })).toBe(0);
    expect(await db.resource.findUniqueOrThrow({ where: { id: resource.id } })).toMatchObject({ state: "WITHDRAWN" });
    expect(await liveBody(resource.id)).toBeNull();
    expect(
      await db.auditEvent.count({ where: { action: "publication.publish", subject: `resource:${resource.id}` } }),
    ).toBe(1);
  });

  it("cancels every approved-but-unpublished review when withdrawing, recorded and audited", async () => {
    const { db, editor, principal, people, resource, newer } = await twoApprovedNewerPublished();
    // A correction (revision 3) approved but not yet published, and a scheduled run of it.
    const correction = await approvedRevision(people, resource.id, 2, "首付比例为百分之二十五。");
    await schedulePublication(editor, { instanceId: correction.instance.id, runAt: new Date(Date.now() + 3_600_000) });

    await withdrawPublication(principal, { resourceId: resource.id, reason: "政策口径需重新核实" });
    expect(await db.reviewInstance.findUniqueOrThrow({ where: { id: correction.instance.id } })).toMatchObject({
      status: "CANCELLED",
      cancelReason: "稿件已撤稿",
      currentStage: -1,
    });
    expect(
      await db.publicationSchedule.findFirstOrThrow({ where: { instanceId: correction.instance.id } }),
    ).toMatchObject({ status: "CANCELLED" });
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { action: "publication.withdraw", subject: `resource:${resource.id}` },
    });
    expect(audit.data).toMatchObject({ cancelledReviews: [correction.instance.id], cancelledSchedules: 1 });

    await expect(publishApproved(editor, correction.instance.id)).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(
      schedulePublication(editor, { instanceId: correction.instance.id, runAt: new Date(Date.now() + 3_600_000) }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    // Revision 3 is newer than the published one but older than the withdrawal: refused as such.
    await asLegacyApproved(correction.instance.id);
    await expect(publishApproved(editor, correction.instance.id)).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("已撤稿"),
    });
    // Submitting that same pre-withdrawal text for a new review is refused up front.
    await expect(
      submitForReview(editor, { resourceId: resource.id, baseVersion: 3, publishMode: "MANUAL" }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("已撤稿") });
    expect(await db.publication.count({ where: { resourceId: resource.id, withdrawnAt: null } })).toBe(0);
    expect(newer.instance.id).toBeTruthy();
  });

  it("the scheduler obeys the same rule: a due schedule of pre-withdrawal text is marked failed with the reason", async () => {
    const { db, editor, principal, people, resource, older } = await twoApprovedNewerPublished();
    const correction = await approvedRevision(people, resource.id, 2, "首付比例为百分之二十五。");
    await withdrawPublication(principal, { resourceId: resource.id, reason: "政策口径需重新核实" });
    // Schedules that slipped past the cancellation (rows from before this rule), now due.
    for (const instance of [older.instance, correction.instance]) {
      await asLegacyApproved(instance.id);
      await db.publicationSchedule.create({
        data: { instanceId: instance.id, runAt: new Date(Date.now() - 1000), createdById: editor.id },
      });
    }
    expect(await publishDueSchedules(db)).toEqual({ published: 0, failed: 2 });
    const failed = await db.publicationSchedule.findMany({
      where: { instance: { resourceId: resource.id }, status: "FAILED" },
      include: { instance: true },
    });
    expect(Object.fromEntries(failed.map((schedule) => [schedule.instanceId, schedule.error]))).toEqual({
      [older.instance.id]: expect.stringContaining("早于已发布"),
      [correction.instance.id]: expect.stringContaining("已撤稿"),
    });
    expect(await db.notification.count({ where: { userId: editor.id, title: { startsWith: "定时发布失败" } } })).toBe(
      2,
    );
    expect(await db.publication.count({ where: { resourceId: resource.id, withdrawnAt: null } })).toBe(0);
    expect(await liveBody(resource.id)).toBeNull();
  });

  it("publishes again once a revision saved after the withdrawal has passed a new review, by hand or on schedule", async () => {
    const { db, editor, principal, people, resource } = await twoApprovedNewerPublished();
    await withdrawPublication(principal, { resourceId: resource.id, reason: "政策口径需重新核实" });
    const fixed = await approvedRevision(people, resource.id, 2, "首付比例为百分之二十，自2027年1月1日起执行。");
    const publication = await publishApproved(editor, fixed.instance.id);
    expect(publication).toMatchObject({ revisionId: fixed.revision.id, withdrawnAt: null, supersededAt: null });
    expect(await db.resource.findUniqueOrThrow({ where: { id: resource.id } })).toMatchObject({ state: "PUBLISHED" });
    expect(await liveBody(resource.id)).toContain("自2027年1月1日起执行");

    // Withdrawn again, and a later fixed revision goes out through the scheduler.
    await withdrawPublication(principal, { resourceId: resource.id, reason: "执行日期有变" });
    const scheduled = await approvedRevision(people, resource.id, 3, "首付比例为百分之二十，自2027年3月1日起执行。");
    const schedule = await schedulePublication(editor, {
      instanceId: scheduled.instance.id,
      runAt: new Date(Date.now() + 3_600_000),
    });
    await db.publicationSchedule.update({ where: { id: schedule.id }, data: { runAt: new Date(Date.now() - 1000) } });
    expect(await publishDueSchedules(db)).toEqual({ published: 1, failed: 0 });
    expect(await liveBody(resource.id)).toContain("自2027年3月1日起执行");
    expect(await db.resource.findUniqueOrThrow({ where: { id: resource.id } })).toMatchObject({ state: "PUBLISHED" });
  });

  it("a withdrawal racing a publication of the same item leaves no live publication behind", async () => {
    const { db, editor, principal, people, resource } = await twoApprovedNewerPublished();
    const correction = await approvedRevision(people, resource.id, 2, "首付比例为百分之二十五。");
    const [withdrawn, published] = await Promise.allSettled([
      withdrawPublication(principal, { resourceId: resource.id, reason: "政策口径需重新核实" }),
      publishApproved(editor, correction.instance.id),
    ]);
    expect(withdrawn.status).toBe("fulfilled");
    if (published.status === "rejected") expect(published.reason).toMatchObject({ code: "CONFLICT" });
    expect(await db.resource.findUniqueOrThrow({ where: { id: resource.id } })).toMatchObject({ state: "WITHDRAWN" });
    expect(
      await db.publication.count({ where: { resourceId: resource.id, withdrawnAt: null, supersededAt: null } }),
    ).toBe(0);
    expect(await liveBody(resource.id)).toBeNull();
  });
});

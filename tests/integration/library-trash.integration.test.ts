import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { blocksToDoc } from "@/lib/library/content";
import { createResource, saveRevision } from "@/lib/library/resources";
import { listLibrary } from "@/lib/library/browse";
import { listPolicyChoices } from "@/lib/library/choices";
import { restoreResources, trashResources } from "@/lib/library/trash";
import { listTrash } from "@/lib/library/trash-list";
import { purgeResources } from "@/lib/library/purge";
import { searchLibrary } from "@/lib/search/library";
import { signOff, submitForReview } from "@/lib/review/instances";
import { cancelReview } from "@/lib/review/cancel-review";
import { publishApproved } from "@/lib/publish/publish";
import { withdrawPublication } from "@/lib/publish/withdraw";
import { updateSecuritySettings } from "@/lib/auth/security-settings";
import type { Actor } from "@/lib/auth/session";
import { toChinaDateTimeInput } from "@/lib/time/china";
import { actorFor, actorsFor, fileDb, keepSecuritySettings, makeUser, orgId } from "./helpers";
import { approveReview, columnId, draft, SECTION } from "./support/review";

// 回收站 (#23 §2): never-published items go to the 回收站 and back; what is live, scheduled or under
// review is refused; trashed items are nowhere else; purge is the system administrator's, after
// the retention period, and keeps every record of accountability.

const CULTURE = "重庆市文化和旅游发展委员会";

async function backdateTrash(resourceId: string, days: number) {
  await getDb().resource.update({
    where: { id: resourceId },
    data: { trashedAt: new Date(Date.now() - days * 86_400_000) },
  });
}

/** An item approved through every stage: published now, or scheduled for tomorrow. */
async function approved(editor: Actor, title: string, mode: "MANUAL" | "SCHEDULED") {
  const [reviewer, deputy] = await actorsFor("reviewer", "deputy");
  const { resource, revision } = await draft(editor, title, "正文。");
  const instance = await submitForReview(editor, {
    resourceId: resource.id,
    baseVersion: revision.number,
    publishMode: mode,
    publishAt: mode === "SCHEDULED" ? toChinaDateTimeInput(new Date(Date.now() + 86_400_000)) : undefined,
    columnIds: [await columnId("ywdt")],
  });
  await approveReview(reviewer, deputy, instance.id, revision.contentHash);
  if (mode === "MANUAL") await publishApproved(editor, instance.id);
  return resource;
}

const published = (editor: Actor, title: string) => approved(editor, title, "MANUAL");

describe("the 回收站", () => {
  it("takes drafts out of the list, search and pickers, refuses edits, and restores them (audited)", async () => {
    const db = await fileDb();
    const editor = await actorFor("editor");
    const a = await draft(editor, "回收站测试稿件甲", "甲的正文关键字回收测试。");
    const b = await draft(editor, "回收站测试稿件乙", "乙的正文。");
    const policy = await createResource(editor, { kind: "POLICY", ownerOrgId: await orgId(SECTION) });
    await saveRevision(editor, {
      resourceId: policy.id,
      baseVersion: 0,
      title: "回收站测试政策文件",
      body: blocksToDoc([{ type: "paragraph", text: "政策正文。" }]),
      metadata: {
        source: { type: "original" },
        policy: {
          docNumber: "沙府办发〔2026〕99号",
          issuer: "重庆市沙坪坝区人民政府办公室",
          writtenOn: "2026-03-01",
          genre: "通知",
        },
      },
    });

    const report = await trashResources(editor, { ids: [a.resource.id, b.resource.id, policy.id] });
    expect(report).toMatchObject({ done: 3, refused: 0 });
    expect(report.items.map((item) => item.title)).toEqual([
      "回收站测试稿件甲",
      "回收站测试稿件乙",
      "回收站测试政策文件",
    ]);

    const listed = await listLibrary(editor, { q: "回收站测试" });
    expect(listed.items).toEqual([]);
    expect(listed.total).toBe(0);
    expect(await searchLibrary(editor, { q: "回收测试" })).toEqual([]);
    expect((await listPolicyChoices(editor)).map((choice) => choice.value)).not.toContain(policy.id);
    await expect(
      saveRevision(editor, {
        resourceId: a.resource.id,
        baseVersion: 1,
        title: "改",
        body: blocksToDoc([{ type: "paragraph", text: "改" }]),
        metadata: { source: { type: "original" } },
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND", message: "该稿件已移入回收站，恢复后才能查看或编辑。" });
    await expect(
      submitForReview(editor, { resourceId: a.resource.id, baseVersion: 1, publishMode: "MANUAL" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });

    const trash = await listTrash(editor);
    const row = trash.items.find((item) => item.id === a.resource.id)!;
    expect(row).toMatchObject({ trashedBy: "张敏", canRestore: true, canPurge: false });
    expect(trash.retentionDays).toBe(30);

    // Trashing twice is refused per item; the other item is still done.
    const again = await trashResources(editor, { ids: [a.resource.id] });
    expect(again.items[0]).toMatchObject({ ok: false, message: "该稿件已在回收站中。" });

    const restored = await restoreResources(editor, { ids: [a.resource.id] });
    expect(restored).toMatchObject({ done: 1, refused: 0 });
    expect((await listLibrary(editor, { q: "回收站测试稿件甲" })).items.map((item) => item.id)).toEqual([
      a.resource.id,
    ]);
    expect((await restoreResources(editor, { ids: [a.resource.id] })).items[0]!.message).toBe("该稿件不在回收站中。");

    const events = await db.auditEvent.findMany({
      where: { subject: `resource:${a.resource.id}`, action: { in: ["resource.trash", "resource.restore"] } },
      orderBy: { seq: "asc" },
    });
    expect(events.map((event) => [event.action, event.actorId])).toEqual([
      ["resource.trash", editor.id],
      ["resource.restore", editor.id],
    ]);
  });

  it("refuses what is live, under review or scheduled, with the way out in Chinese", async () => {
    await fileDb();
    const editor = await actorFor("editor");
    const live = await published(editor, "已发布的稿件不能删除");
    const running = await draft(editor, "审核中的稿件不能删除", "正文。");
    const instance = await submitForReview(editor, {
      resourceId: running.resource.id,
      baseVersion: 1,
      publishMode: "MANUAL",
    });
    const scheduled = await approved(editor, "定时发布的稿件不能删除", "SCHEDULED");
    const report = await trashResources(editor, { ids: [live.id, running.resource.id, scheduled.id] });
    expect(report.items.map((item) => item.message)).toEqual([
      "稿件已发布，须先撤稿才能移入回收站。",
      "稿件正在审核中，须先撤回审核才能移入回收站。",
      "稿件已定时发布，须先取消定时发布才能移入回收站。",
    ]);
    expect(report).toMatchObject({ done: 0, refused: 3 });
    expect(
      await getDb().resource.count({ where: { id: { in: [live.id, running.resource.id] }, trashedAt: { not: null } } }),
    ).toBe(0);

    // Withdrawn and cancelled: now they may go.
    await withdrawPublication(await actorFor("officer"), { resourceId: live.id, reason: "内容有误需要更正" });
    await cancelReview(editor, instance.id);
    expect(await trashResources(editor, { ids: [live.id, running.resource.id] })).toMatchObject({ done: 2 });
  });

  it("is closed to another unit's editor: they cannot see, trash or restore", async () => {
    await fileDb();
    const editor = await actorFor("editor");
    const outsider = await makeUser("culture.trash", "EDITOR", CULTURE);
    const { resource } = await draft(editor, "区政务公开科的草稿", "正文。");
    const refused = await trashResources(outsider, { ids: [resource.id] });
    expect(refused.items[0]).toMatchObject({
      ok: false,
      title: "（无法查看的稿件）",
      message: "稿件不存在或无权查看。",
    });
    await trashResources(editor, { ids: [resource.id] });
    expect((await listTrash(outsider)).items.map((item) => item.id)).not.toContain(resource.id);
    const restore = await restoreResources(outsider, { ids: [resource.id] });
    expect(restore.items[0]).toMatchObject({ ok: false, message: "稿件不存在或无权查看。" });
    // A reviewer of the unit sees the item but may not restore it.
    const reviewer = await actorFor("reviewer");
    expect((await listTrash(reviewer)).items.find((item) => item.id === resource.id)).toMatchObject({
      canRestore: false,
    });
    expect((await restoreResources(reviewer, { ids: [resource.id] })).items[0]!.message).toMatch(
      /^无权恢复该稿件：属于/,
    );
    expect((await getDb().resource.findUniqueOrThrow({ where: { id: resource.id } })).trashedAt).not.toBeNull();
  });
});

describe("purging the 回收站", () => {
  it("is refused to anyone but the system administrator", async () => {
    await fileDb();
    const editor = await actorFor("editor");
    const { resource } = await draft(editor, "编辑不能彻底删除", "正文。");
    await trashResources(editor, { ids: [resource.id] });
    await backdateTrash(resource.id, 40);
    for (const username of ["editor", "officer", "secadmin", "supervisor"]) {
      await expect(purgeResources(await actorFor(username), { ids: [resource.id] })).rejects.toMatchObject({
        code: "FORBIDDEN",
        message: "只有系统管理员可以彻底删除回收站中的稿件。",
      });
    }
    expect(await getDb().resource.count({ where: { id: resource.id } })).toBe(1);
  });

  it("waits for the configured retention period, then removes the item and keeps the audit trail", async () => {
    const db = await fileDb();
    await keepSecuritySettings();
    const [editor, admin] = await actorsFor("editor", "admin");
    const { resource } = await draft(editor, "保留期限内不能彻底删除", "正文。");
    const notTrashed = await draft(editor, "不在回收站的稿件", "正文。");
    await trashResources(editor, { ids: [resource.id] });
    await backdateTrash(resource.id, 20);

    const early = await purgeResources(admin, { ids: [resource.id, notTrashed.resource.id] });
    expect(early.items[0]).toMatchObject({ ok: false, title: "保留期限内不能彻底删除" });
    expect(early.items[0]!.message).toMatch(/须保留 30 天，\d{4}-\d{2}-\d{2} \d{2}:\d{2} 后方可彻底删除。$/);
    expect(early.items[1]).toMatchObject({ ok: false, message: "只能彻底删除回收站中的稿件。" });
    expect((await listTrash(admin)).items.find((item) => item.id === resource.id)).toMatchObject({ canPurge: false });

    // The security administrator shortens the period (三员分立: the system administrator only purges).
    await updateSecuritySettings(await actorFor("secadmin"), { trashRetentionDays: 14 });
    expect((await listTrash(admin)).items.find((item) => item.id === resource.id)).toMatchObject({ canPurge: true });
    const purged = await purgeResources(admin, { ids: [resource.id] });
    expect(purged).toMatchObject({ done: 1, refused: 0 });
    expect(await db.resource.count({ where: { id: resource.id } })).toBe(0);
    expect(await db.revision.count({ where: { resourceId: resource.id } })).toBe(0);
    const events = await db.auditEvent.findMany({
      where: { subject: `resource:${resource.id}` },
      orderBy: { seq: "asc" },
    });
    expect(events.map((event) => event.action)).toEqual([
      "resource.create",
      "resource.revision.save",
      "resource.trash",
      "resource.purge",
    ]);
    expect(events.at(-1)).toMatchObject({ actorId: admin.id, data: expect.objectContaining({ retentionDays: 14 }) });
    // Outside a purge, revisions stay immutable.
    await expect(db.revision.deleteMany({ where: { resourceId: notTrashed.resource.id } })).rejects.toThrow(
      /immutable/,
    );
  });

  it("removes a review nobody signed with the item, and keeps an item a reviewer signed", async () => {
    const db = await fileDb();
    const [editor, reviewer, admin] = await actorsFor("editor", "reviewer", "admin");
    const cancelled = await draft(editor, "撤回过审核的草稿", "正文。");
    const unsigned = await submitForReview(editor, {
      resourceId: cancelled.resource.id,
      baseVersion: 1,
      publishMode: "MANUAL",
    });
    await cancelReview(editor, unsigned.id);
    const returned = await draft(editor, "被退回修改的草稿", "正文。");
    const signed = await submitForReview(editor, {
      resourceId: returned.resource.id,
      baseVersion: 1,
      publishMode: "MANUAL",
    });
    await signOff(reviewer, {
      instanceId: signed.id,
      stagePosition: 0,
      check: "politics",
      decision: "RETURN",
      reason: "请补充会议时间",
      contentHash: returned.revision.contentHash,
    });
    const ids = [cancelled.resource.id, returned.resource.id];
    await trashResources(editor, { ids });
    for (const id of ids) await backdateTrash(id, 31);
    const report = await purgeResources(admin, { ids });
    expect(report.items.map((item) => [item.ok, item.message])).toEqual([
      [true, "已彻底删除。"],
      [false, "该稿件有审核签署记录（责任记录须保留），不能彻底删除。"],
    ]);
    expect(await db.reviewInstance.count({ where: { id: unsigned.id } })).toBe(0);
    expect(await db.signOff.count({ where: { instanceId: signed.id } })).toBe(1);
    expect(await db.resource.count({ where: { id: returned.resource.id } })).toBe(1);
  });

  it("keeps an item whose records must stay: one that was once published", async () => {
    await fileDb();
    const [editor, admin] = await actorsFor("editor", "admin");
    const live = await published(editor, "曾经发布的稿件");
    await withdrawPublication(await actorFor("officer"), { resourceId: live.id, reason: "该信息已不再适用" });
    await trashResources(editor, { ids: [live.id] });
    await backdateTrash(live.id, 400);
    const report = await purgeResources(admin, { ids: [live.id] });
    expect(report.items[0]).toMatchObject({
      ok: false,
      message: "该稿件曾经发布，发布与撤稿记录须保留，不能彻底删除。",
    });
    expect(await getDb().resource.count({ where: { id: live.id } })).toBe(1);
  });
});

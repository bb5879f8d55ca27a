import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { createResource } from "@/lib/library/resources";
import { COUNT_CAP, listLibrary } from "@/lib/library/browse";
import { exportResources } from "@/lib/library/export";
import { trashResources } from "@/lib/library/trash";
import { submitResourcesForReview } from "@/lib/review/bulk-submit";
import { submitForReview } from "@/lib/review/instances";
import { addResourcesToColumns } from "@/lib/publish/bulk-placements";
import { getColumnTree } from "@/lib/publish/column-tree";
import { actorFor, actorsFor, fileDb, makeUser, orgId } from "./helpers";
import { approveReview, columnId, draft, SECTION } from "./support/review";
import { zipEntry } from "./support/registry";

// The library list's bulk use cases (#23 §2): each item checked on its own, refusals reported
// per item in Chinese, changes audited; the list's column/creator filters and total; the
// column picker's tree with reasons.

const CULTURE = "重庆市文化和旅游发展委员会";
const DISTRICT_SITE = "重庆市沙坪坝区人民政府";

async function cultureColumn(slug: string) {
  return (await getDb().column.findFirstOrThrow({ where: { slug, site: { name: CULTURE } } })).id;
}

describe("bulk 送审", () => {
  it("submits each saved draft through the one submission use case and reports the rest", async () => {
    const db = await fileDb();
    const editor = await actorFor("editor");
    const a = await draft(editor, "批量送审甲", "正文。");
    const b = await draft(editor, "批量送审乙", "正文。");
    const unsaved = await createResource(editor, { kind: "ARTICLE", ownerOrgId: await orgId(SECTION) });
    const running = await draft(editor, "已在审核中的稿件", "正文。");
    await submitForReview(editor, { resourceId: running.resource.id, baseVersion: 1, publishMode: "MANUAL" });
    const outsider = await makeUser("culture.bulk", "EDITOR", CULTURE);
    const theirs = await createResource(outsider, { kind: "ARTICLE", ownerOrgId: await orgId(CULTURE) });

    const report = await submitResourcesForReview(editor, {
      ids: [a.resource.id, b.resource.id, unsaved.id, running.resource.id, theirs.id],
      publishMode: "ON_APPROVAL",
      columnIds: [await columnId("ywdt")],
    });
    expect(report).toMatchObject({ done: 2, refused: 3 });
    expect(report.items.map((item) => [item.ok, item.message])).toEqual([
      [true, expect.stringMatching(/^已提交审核（.+）。$/)],
      [true, expect.stringMatching(/^已提交审核/)],
      [false, "稿件尚未保存第一版，不能送审。"],
      [false, "该稿件已在审核中。"],
      [false, "未找到该记录，或您无权查看。"],
    ]);
    expect(report.items[4]!.title).toBe("（无法查看的稿件）");
    const instances = await db.reviewInstance.findMany({
      where: { resourceId: { in: [a.resource.id, b.resource.id] }, status: "IN_PROGRESS" },
    });
    expect(instances).toHaveLength(2);
    expect(
      await db.auditEvent.count({
        where: { action: "review.submit", subject: { in: instances.map((instance) => `review:${instance.id}`) } },
      }),
    ).toBe(2);

    // Bad input changes nothing and says why.
    await expect(submitResourcesForReview(editor, { ids: [], publishMode: "MANUAL" })).rejects.toMatchObject({
      code: "INVALID",
      message: "请先勾选稿件。",
    });
    await expect(
      submitResourcesForReview(editor, { ids: [a.resource.id], publishMode: "SOMETIME" }),
    ).rejects.toMatchObject({ code: "INVALID" });
  });
});

describe("bulk 添加栏目", () => {
  it("adds columns to reviewed items, refuses drafts and columns the editor may not place on", async () => {
    const db = await fileDb();
    const [editor, reviewer, deputy] = await actorsFor("editor", "reviewer", "deputy");
    const { resource, revision } = await draft(editor, "审核通过待发布的稿件", "正文。");
    const instance = await submitForReview(editor, {
      resourceId: resource.id,
      baseVersion: 1,
      publishMode: "MANUAL",
      columnIds: [await columnId("ywdt")],
    });
    await approveReview(reviewer, deputy, instance.id, revision.contentHash);
    const plain = await draft(editor, "尚未审核的草稿", "正文。");

    const report = await addResourcesToColumns(editor, {
      ids: [resource.id, plain.resource.id],
      columnIds: [await columnId("tzgg")],
    });
    expect(report.items.map((item) => [item.ok, item.message])).toEqual([
      [true, "已添加到 1 个栏目。"],
      [false, "稿件审核通过后才能调整发布栏目；审核前请在提交审核时选择栏目。"],
    ]);
    expect(await db.placement.count({ where: { resourceId: resource.id } })).toBe(1);
    expect(await db.auditEvent.count({ where: { action: "placement.add", subject: `resource:${resource.id}` } })).toBe(
      1,
    );

    const closed = await addResourcesToColumns(editor, {
      ids: [resource.id],
      columnIds: [await cultureColumn("wlzx")],
    });
    expect(closed.items[0]).toMatchObject({ ok: false, message: "您无权在栏目“文旅资讯”放置稿件。" });
    await expect(addResourcesToColumns(editor, { ids: [resource.id], columnIds: [] })).rejects.toMatchObject({
      code: "INVALID",
      message: "请选择栏目。",
    });
  });
});

describe("bulk 导出 XLSX", () => {
  it("exports the selected items the actor may see, in order, and audits it", async () => {
    const db = await fileDb();
    const editor = await actorFor("editor");
    const a = await draft(editor, "导出测试稿件一", "正文。");
    const b = await draft(editor, "导出测试稿件二", "正文。");
    const gone = await draft(editor, "导出测试已删除", "正文。");
    await trashResources(editor, { ids: [gone.resource.id] });
    const outsider = await makeUser("culture.export", "EDITOR", CULTURE);
    const theirs = await createResource(outsider, { kind: "ARTICLE", ownerOrgId: await orgId(CULTURE) });

    const { fileName, data, rows, skipped } = await exportResources(editor, {
      ids: [b.resource.id, a.resource.id, gone.resource.id, theirs.id],
    });
    expect(fileName).toMatch(/^资源库稿件-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect({ rows, skipped }).toEqual({ rows: 2, skipped: 2 });
    const text = `${zipEntry(data, "xl/sharedStrings.xml") ?? ""}${zipEntry(data, "xl/worksheets/sheet1.xml") ?? ""}`;
    expect(text).toContain("导出测试稿件一");
    expect(text.indexOf("导出测试稿件二")).toBeLessThan(text.indexOf("导出测试稿件一"));
    expect(text).not.toContain("导出测试已删除");
    expect(text).toContain("张敏");
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "library.export", actorId: editor.id } });
    expect(event.data).toMatchObject({ resourceIds: [b.resource.id, a.resource.id], skipped: 2 });
    await expect(exportResources(outsider, { ids: [a.resource.id] })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(exportResources(await actorFor("admin"), { ids: [a.resource.id] })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });
});

describe("the library list", () => {
  it("filters by column and creator and counts what matches", async () => {
    await fileDb();
    const [editor, officer, supervisor] = await actorsFor("editor", "officer", "supervisor");
    const mine = await draft(editor, "筛选测试张敏的稿件", "正文。");
    await draft(officer, "筛选测试李静的稿件", "正文。");
    const byEditor = await listLibrary(supervisor, { q: "筛选测试", authorId: editor.id });
    expect(byEditor.items.map((item) => item.id)).toEqual([mine.resource.id]);
    expect(byEditor.items[0]).toMatchObject({ authorName: "张敏" });
    expect((await listLibrary(supervisor, { q: "筛选测试" })).total).toBe(2);

    // Seeded documents are placed in 上级文件; the count is the same query as the list.
    const sjwj = await columnId("sjwj");
    const placed = await getDb().placement.count({
      where: { columnId: sjwj, resource: { trashedAt: null } },
    });
    const inColumn = await listLibrary(supervisor, { columnId: sjwj });
    expect(inColumn.total).toBe(placed);
    expect(inColumn.total).toBeGreaterThan(0);
    expect(inColumn.totalCapped).toBe(false);
    await expect(listLibrary(supervisor, { columnId: "not-a-uuid" })).rejects.toMatchObject({ code: "INVALID" });

    // Past COUNT_CAP the total says "more than", so a platform-wide count costs what a page costs.
    const section = await orgId(SECTION);
    await getDb().resource.createMany({
      data: Array.from({ length: COUNT_CAP + 1 }, (_, index) => ({
        kind: "ARTICLE" as const,
        ownerOrgId: section,
        createdById: editor.id,
        title: `计数上限测试${index}`,
      })),
    });
    expect(await listLibrary(supervisor, { q: "计数上限测试" })).toMatchObject({ total: COUNT_CAP, totalCapped: true });
    const one = await listLibrary(supervisor, { q: "计数上限测试1000" });
    expect(one).toMatchObject({ total: 1, totalCapped: false });
  });
});

describe("the column picker tree", () => {
  it("shows every site's columns, with the reason where the editor may not place", async () => {
    await fileDb();
    const editor = await actorFor("editor");
    const tree = await getColumnTree(editor, { ownerOrgId: await orgId(SECTION) });
    const district = tree.find((site) => site.siteName === DISTRICT_SITE)!;
    const news = district.columns.find((column) => column.name === "政务动态")!;
    const ywdt = district.columns.find((column) => column.name === "沙坪坝要闻")!;
    expect(ywdt).toMatchObject({ placeable: true, reason: null, depth: news.depth + 1 });
    expect(district.columns.find((column) => column.name === "政民互动")).toMatchObject({
      placeable: false,
      reason: "互动交流栏目不放置稿件",
    });
    const culture = tree.find((site) => site.siteName === CULTURE)!;
    expect(culture.columns.every((column) => !column.placeable)).toBe(true);
    expect(culture.columns.find((column) => column.name === "文旅资讯")).toMatchObject({
      reason: `无权发布到该栏目：属于${CULTURE}`,
    });
  });

  it("opens another unit's site (资源同享) to someone who places there too", async () => {
    const db = await fileDb();
    const shared = await makeUser("shared.editor", "EDITOR", CULTURE);
    await db.membership.create({ data: { userId: shared.id, orgId: await orgId(SECTION), role: "EDITOR" } });
    const tree = await getColumnTree(await actorFor("shared.editor"), { ownerOrgId: await orgId(SECTION) });
    const culture = tree.find((site) => site.siteName === CULTURE)!;
    expect(culture.columns.find((column) => column.name === "文旅资讯")).toMatchObject({ placeable: true });
  });
});

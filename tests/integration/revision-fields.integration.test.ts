import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { blocksToDoc, computeContentHash } from "@/lib/library/content";
import { saveRevision } from "@/lib/library/resources";
import { uploadAsset } from "@/lib/library/assets";
import { ZRevisionMetadata } from "@/lib/library/metadata";
import { restoreRevision } from "@/lib/review/restore-revision";
import { cancelReview } from "@/lib/review/cancel-review";
import { signOff, submitForReview } from "@/lib/review/instances";
import { withdrawPublication } from "@/lib/publish/withdraw";
import { findSiteByHost, listSiteItems } from "@/lib/sites/portal";
import { getPortalArticle } from "@/lib/sites/portal-article";
import { loadRenditionSource } from "@/lib/channels/renditions/source";
import { renderJson } from "@/lib/channels/renditions/json";
import { actorsFor, fileDb, makeUser } from "./helpers";
import { ARTICLE_METADATA, columnId, draft, signChecks, submitted } from "./support/review";

// The article fields of a revision (stored, signed), 恢复此版本 and its refusals, and the first
// 发布时间 kept across corrections (and by the migration that filled it in for existing data).

const body = (text: string) => blocksToDoc([{ type: "paragraph", text }]);
const png = () =>
  sharp({ create: { width: 64, height: 32, channels: 3, background: "#b31d1d" } })
    .png()
    .toBuffer();

async function approve(instance: { id: string; contentHash: string }) {
  const [reviewer, deputy] = await actorsFor("reviewer", "deputy");
  await signChecks(reviewer, instance.id, instance.contentHash);
  await signOff(deputy, {
    instanceId: instance.id,
    stagePosition: 1,
    decision: "APPROVE",
    contentHash: instance.contentHash,
  });
}

describe("article fields", () => {
  it("are stored on the revision and signed with it; absent, the hash is what it was before them", async () => {
    const db = await fileDb();
    const [editor] = await actorsFor("editor");
    const image = await uploadAsset(editor, { fileName: "会场.png", bytes: await png() });
    const { resource, revision } = await draft(editor, "区政府召开常务会议", "会议研究了重点工作。");
    // Saved without the new fields: the hash is over exactly the metadata an earlier version stored.
    const before = { source: { type: "original" }, keywords: [], disclosure: { type: "proactive" }, relations: [] };
    expect(revision.contentHash).toBe(
      computeContentHash({ title: "区政府召开常务会议", body: body("会议研究了重点工作。"), metadata: before }),
    );

    const metadata = {
      ...ARTICLE_METADATA,
      leadTitle: "聚焦高质量发展",
      subtitle: "研究部署今冬明春重点工作",
      author: "张敏",
      editor: "李静",
      source: { type: "original", name: "重庆日报" },
      titleImage: { src: `/api/assets/${image.id}`, focalX: 0.3, focalY: 0.6, alt: "会议现场" },
    };
    const { revision: second } = await saveRevision(editor, {
      resourceId: resource.id,
      baseVersion: 1,
      title: "区政府召开常务会议",
      body: body("会议研究了重点工作。"),
      metadata,
    });
    const stored = await db.revision.findUniqueOrThrow({ where: { id: second.id } });
    expect(stored.metadata).toMatchObject({
      leadTitle: "聚焦高质量发展",
      subtitle: "研究部署今冬明春重点工作",
      author: "张敏",
      editor: "李静",
      source: { type: "original", name: "重庆日报" },
      titleImage: { src: `/api/assets/${image.id}`, focalX: 0.3, focalY: 0.6, alt: "会议现场" },
    });
    expect(stored.contentHash).toBe(
      computeContentHash({
        title: "区政府召开常务会议",
        body: body("会议研究了重点工作。"),
        metadata: ZRevisionMetadata.parse(metadata),
      }),
    );
    expect(stored.contentHash).not.toBe(revision.contentHash);
  });

  it("refuses a title image outside the asset library, not an image, or of a unit the editor cannot see", async () => {
    const db = await fileDb();
    const [editor] = await actorsFor("editor");
    const outsider = await makeUser("fields-culture-editor", "EDITOR", "重庆市文化和旅游发展委员会");
    const theirs = await uploadAsset(outsider, { fileName: "展览.png", bytes: await png() });
    const pdf = await uploadAsset(editor, {
      fileName: "通知.pdf",
      bytes: new TextEncoder().encode("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"),
    });
    const { resource } = await draft(editor, "标题图片校验", "正文。");
    const save = (metadata: Record<string, unknown>) =>
      saveRevision(editor, {
        resourceId: resource.id,
        baseVersion: 1,
        title: "标题图片校验",
        body: body("正文。"),
        metadata: { ...ARTICLE_METADATA, ...metadata },
      });
    const image = (id: string) => ({ titleImage: { src: `/api/assets/${id}`, focalX: 0.5, focalY: 0.5 } });
    await expect(save(image("00000000-0000-4000-8000-000000000000"))).rejects.toMatchObject({
      code: "INVALID",
      message: "标题图片不在素材库中或无权使用，请重新选择。",
      fieldErrors: { "metadata.titleImage.src": ["标题图片不在素材库中或无权使用，请重新选择。"] },
    });
    await expect(save(image(theirs.id))).rejects.toMatchObject({ code: "INVALID" });
    await expect(save(image(pdf.id))).rejects.toMatchObject({
      code: "INVALID",
      message: "标题图片须是 JPG、PNG、GIF 或 WebP 图片。",
    });
    await expect(save({ titleImage: { src: "https://evil.example/a.png" } })).rejects.toMatchObject({
      code: "INVALID",
    });
    await expect(save({ externalUrl: "javascript:alert(document.cookie)" })).rejects.toMatchObject({
      code: "INVALID",
      fieldErrors: { "metadata.externalUrl": ["外链须为 http:// 或 https:// 开头的完整网址"] },
    });
    expect(await db.revision.count({ where: { resourceId: resource.id } })).toBe(1);
  });
});

describe("恢复此版本", () => {
  it("saves the old content as a new, audited revision and leaves history as it was", async () => {
    const db = await fileDb();
    const [editor] = await actorsFor("editor");
    const { resource, revision: first } = await draft(editor, "区图书馆开放时间", "每周一闭馆。");
    const { revision: second } = await saveRevision(editor, {
      resourceId: resource.id,
      baseVersion: 1,
      title: "区图书馆开放时间调整",
      body: body("每周二闭馆。"),
      metadata: { ...ARTICLE_METADATA, author: "张敏" },
    });
    const restored = await restoreRevision(editor, { resourceId: resource.id, number: 1, baseVersion: 2 });
    expect(restored).toMatchObject({ created: true, restoredFrom: 1 });
    expect(restored.revision).toMatchObject({ number: 3, title: "区图书馆开放时间", contentHash: first.contentHash });
    expect(restored.revision.metadata).toEqual(first.metadata);
    // History is never rewritten: both earlier revisions are as they were.
    const revisions = await db.revision.findMany({ where: { resourceId: resource.id }, orderBy: { number: "asc" } });
    expect(revisions.map((revision) => [revision.number, revision.contentHash])).toEqual([
      [1, first.contentHash],
      [2, second.contentHash],
      [3, first.contentHash],
    ]);
    expect(await db.resource.findUniqueOrThrow({ where: { id: resource.id } })).toMatchObject({
      version: 3,
      title: "区图书馆开放时间",
    });
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { subject: `resource:${resource.id}`, action: "resource.revision.restore" },
    });
    expect(audit.data).toMatchObject({ number: 3, restoredFrom: 1, contentHash: first.contentHash });
  });

  it("is refused for the current version, a missing one, a stale page, and people who may not edit", async () => {
    const db = await fileDb();
    const [editor, reviewer] = await actorsFor("editor", "reviewer");
    const outsider = await makeUser("restore-culture-editor", "EDITOR", "重庆市文化和旅游发展委员会");
    const { resource } = await draft(editor, "恢复拒绝", "第一版。");
    await saveRevision(editor, {
      resourceId: resource.id,
      baseVersion: 1,
      title: "恢复拒绝",
      body: body("第二版。"),
      metadata: ARTICLE_METADATA,
    });
    await expect(restoreRevision(editor, { resourceId: resource.id, number: 2, baseVersion: 2 })).rejects.toMatchObject(
      {
        code: "CONFLICT",
        message: "第 2 版已是当前版本，无需恢复。",
      },
    );
    await expect(restoreRevision(editor, { resourceId: resource.id, number: 9, baseVersion: 2 })).rejects.toMatchObject(
      {
        code: "NOT_FOUND",
      },
    );
    // Someone saved since the history page was opened (a replayed or stale request).
    await expect(restoreRevision(editor, { resourceId: resource.id, number: 1, baseVersion: 1 })).rejects.toMatchObject(
      {
        code: "CONFLICT",
      },
    );
    await expect(
      restoreRevision(reviewer, { resourceId: resource.id, number: 1, baseVersion: 2 }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      restoreRevision(outsider, { resourceId: resource.id, number: 1, baseVersion: 2 }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      restoreRevision(editor, { resourceId: resource.id, number: "x", baseVersion: 2 }),
    ).rejects.toMatchObject({ code: "INVALID" });
    await expect(restoreRevision(null, { resourceId: resource.id, number: 1, baseVersion: 2 })).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
    });
    expect(await db.revision.count({ where: { resourceId: resource.id } })).toBe(2);
  });

  it("is refused while a review runs or an approved text waits, and allowed once it is over", async () => {
    const db = await fileDb();
    const [editor] = await actorsFor("editor");
    const { resource, instance } = await submitted(editor, "审核中恢复", "第一版。");
    await expect(restoreRevision(editor, { resourceId: resource.id, number: 1, baseVersion: 1 })).rejects.toMatchObject(
      {
        code: "CONFLICT",
      },
    );
    // Under review at version 2 (the edit reopened the review on the new text).
    const { revision } = await saveRevision(editor, {
      resourceId: resource.id,
      baseVersion: 1,
      title: "审核中恢复",
      body: body("第二版。"),
      metadata: ARTICLE_METADATA,
    });
    await expect(restoreRevision(editor, { resourceId: resource.id, number: 1, baseVersion: 2 })).rejects.toMatchObject(
      {
        code: "CONFLICT",
        message: "该稿件正在审核中，不能恢复旧版本。如需恢复，请先撤回审核。",
      },
    );
    expect(await db.revision.count({ where: { resourceId: resource.id } })).toBe(2);
    const open = await db.reviewInstance.findFirstOrThrow({
      where: { resourceId: resource.id, status: "IN_PROGRESS" },
    });
    expect(open.revisionId).toBe(revision.id);
    expect(instance.id).not.toBe(open.id);
    await cancelReview(editor, open.id);

    // Approved for a manual publication that has not happened yet.
    const waiting = await submitForReview(editor, {
      resourceId: resource.id,
      baseVersion: 2,
      publishMode: "MANUAL",
      columnIds: [await columnId("ywdt")],
    });
    await approve(waiting);
    await expect(restoreRevision(editor, { resourceId: resource.id, number: 1, baseVersion: 2 })).rejects.toMatchObject(
      {
        code: "CONFLICT",
        message: "该稿件已审核通过、等待发布，不能恢复旧版本。请先发布或取消该次审核。",
      },
    );
    await db.reviewInstance.update({ where: { id: waiting.id }, data: { status: "CANCELLED", currentStage: -1 } });
    const restored = await restoreRevision(editor, { resourceId: resource.id, number: 1, baseVersion: 2 });
    expect(restored.revision.number).toBe(3);
  });
});

describe("发布时间 across corrections", () => {
  it("keeps the first publication time, shows the correction's as 更新时间, and starts again after a withdrawal", async () => {
    const db = await fileDb();
    const [editor, officer] = await actorsFor("editor", "officer");
    const { resource, instance } = await submitted(editor, "区政务服务中心办理时间", "工作日 9:00 开始办理。");
    await approve(instance);
    const first = await db.publication.findFirstOrThrow({ where: { resourceId: resource.id } });
    expect(first.firstPublishedAt).toBeNull();

    const correct = async (text: string, baseVersion: number) => {
      await saveRevision(editor, {
        resourceId: resource.id,
        baseVersion,
        title: "区政务服务中心办理时间",
        body: body(text),
        metadata: ARTICLE_METADATA,
      });
      const correction = await submitForReview(editor, {
        resourceId: resource.id,
        baseVersion: baseVersion + 1,
        publishMode: "ON_APPROVAL",
        correctionNote: "办理时间有误，已更正。",
      });
      await approve(correction);
      return db.publication.findFirstOrThrow({ where: { reviewInstanceId: correction.id } });
    };
    const second = await correct("工作日 8:30 开始办理。", 1);
    const third = await correct("工作日 8:30 开始办理，周六上午照常。", 2);
    expect(second.firstPublishedAt).toEqual(first.publishedAt);
    expect(third.firstPublishedAt).toEqual(first.publishedAt);
    expect(third.publishedAt.getTime()).toBeGreaterThan(first.publishedAt.getTime());

    const site = (await findSiteByHost("localhost"))!;
    const article = (await getPortalArticle(site, resource.id))!;
    expect(article.publishedAt).toEqual(first.publishedAt);
    expect(article.updatedAt).toEqual(third.publishedAt);
    expect(article.correction?.at).toEqual(third.publishedAt);
    const { items } = await listSiteItems(site.id, { onlyResourceIds: [resource.id], take: 1 });
    expect(items[0]).toMatchObject({ publishedAt: first.publishedAt, updatedAt: third.publishedAt });
    const document = await db.searchDocument.findFirstOrThrow({ where: { id: `res-${resource.id}` } });
    expect(document.publishedAt).toEqual(first.publishedAt);
    const json = renderJson(await loadRenditionSource(db, third.id)).document;
    expect(json.publishedAt).toBe(first.publishedAt.toISOString());
    expect(json.updatedAt).toBe(third.publishedAt.toISOString());

    // Withdrawn and published again: a new first publication, not a correction.
    await withdrawPublication(officer, { resourceId: resource.id, reason: "信息已过时需撤回" });
    await saveRevision(editor, {
      resourceId: resource.id,
      baseVersion: 3,
      title: "区政务服务中心办理时间（新）",
      body: body("工作日 8:30 开始办理。"),
      metadata: ARTICLE_METADATA,
    });
    const again = await submitForReview(editor, {
      resourceId: resource.id,
      baseVersion: 4,
      publishMode: "ON_APPROVAL",
      columnIds: [await columnId("ywdt")],
    });
    await approve(again);
    const republished = await db.publication.findFirstOrThrow({ where: { reviewInstanceId: again.id } });
    expect(republished.firstPublishedAt).toBeNull();
    expect((await getPortalArticle(site, resource.id))!).toMatchObject({
      publishedAt: republished.publishedAt,
      updatedAt: null,
    });
  });

  it("is filled in for existing corrections by the migration, following each chain", async () => {
    const db = await fileDb();
    const [editor] = await actorsFor("editor");
    const { resource, instance } = await submitted(editor, "迁移前的更正", "原文。");
    await approve(instance);
    await saveRevision(editor, {
      resourceId: resource.id,
      baseVersion: 1,
      title: "迁移前的更正",
      body: body("更正后的正文。"),
      metadata: ARTICLE_METADATA,
    });
    const correction = await submitForReview(editor, {
      resourceId: resource.id,
      baseVersion: 2,
      publishMode: "ON_APPROVAL",
      correctionNote: "更正。",
    });
    await approve(correction);
    const chain = await db.publication.findMany({
      where: { resourceId: resource.id },
      orderBy: { publishedAt: "asc" },
    });
    expect(chain).toHaveLength(2);
    // As the data stood before the column existed.
    await db.$executeRawUnsafe(`update "Publication" set "firstPublishedAt" = null`);
    const migration = fs
      .readdirSync("prisma/migrations")
      .find((name) => name.endsWith("_publication_first_published_at"))!;
    const sql = fs.readFileSync(path.join("prisma/migrations", migration, "migration.sql"), "utf8");
    await db.$executeRawUnsafe(sql.slice(sql.indexOf("WITH RECURSIVE")));
    const after = await db.publication.findMany({
      where: { resourceId: resource.id },
      orderBy: { publishedAt: "asc" },
    });
    expect(after.map((row) => row.firstPublishedAt)).toEqual([null, chain[0]!.publishedAt]);
    // Seeded first publications (历史导入) stay as they were.
    expect(await db.publication.count({ where: { origin: "IMPORTED", firstPublishedAt: { not: null } } })).toBe(0);
  });
});

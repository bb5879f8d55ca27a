import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { blocksToDoc } from "@/lib/library/content";
import { createResource, saveRevision } from "@/lib/library/resources";
import { submitForReview } from "@/lib/review/instances";
import { cancelReview } from "@/lib/review/cancel-review";
import { issuePreviewLink } from "@/lib/sites/preview/issue-preview";
import { openPreview } from "@/lib/sites/preview/open-preview";
import { listPreviewChoices } from "@/lib/sites/preview/targets";
import { PREVIEW_TRASHED } from "@/lib/sites/preview/access";
import { restoreResources, trashResources } from "@/lib/library/trash";
import { signPreviewToken, verifyPreviewToken } from "@/lib/sites/preview/token";
import { actorFor, fileDb, makeUser, orgId } from "./helpers";
import { ARTICLE_METADATA, columnId, draft, submitted } from "./support/review";

// #23 §1: a draft previewed in each placed site's template through a signed short-lived link,
// for the editors and reviewers of that resource only.

const CULTURE = "重庆市文化和旅游发展委员会";
const HOUSING = "重庆市住房和城乡建设委员会";

async function tokenOf(path: string) {
  return path.replace("/admin/preview/", "");
}

/** A culture-commission article in review: its three-level workflow (供稿科室审核 first). */
async function cultureReview() {
  const editor = await makeUser(`wl.editor.${Date.now()}`, "EDITOR", CULTURE);
  const resource = await createResource(editor, { kind: "ARTICLE", ownerOrgId: await orgId(CULTURE) });
  const { revision } = await saveRevision(editor, {
    resourceId: resource.id,
    baseVersion: 0,
    title: "文旅消费季活动安排",
    body: blocksToDoc([{ type: "paragraph", text: "活动安排如下。" }]),
    metadata: ARTICLE_METADATA,
  });
  await submitForReview(editor, {
    resourceId: resource.id,
    baseVersion: revision.number,
    publishMode: "MANUAL",
    columnIds: [await columnId("wlzx", "wlw.localhost")],
  });
  return resource;
}

describe("draft preview in a placed site's template", () => {
  it("lets the unit's editor issue a link and open the revision as the site's article page, audited", async () => {
    const db = await fileDb();
    const editor = await actorFor("editor");
    const { resource, revision } = await submitted(editor, "预览测试：区政府常务会议召开", "会议研究了近期重点工作。");
    const choices = await listPreviewChoices(editor, { resourceId: resource.id });
    expect(choices?.reason).toBeNull();
    expect(choices?.targets.map((target) => target.label)).toEqual(["重庆市沙坪坝区人民政府 · 沙坪坝要闻"]);

    const issued = await issuePreviewLink(
      editor,
      { resourceId: resource.id, columnId: choices!.targets[0]!.columnId },
      { ip: "10.0.0.8", userAgent: "vitest" },
    );
    expect(issued.path).toMatch(/^\/admin\/preview\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(issued.expiresAt.getTime() - Date.now()).toBeGreaterThan(29 * 60_000);
    expect(issued.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(30 * 60_000);

    const preview = await openPreview(editor, await tokenOf(issued.path));
    expect(preview.site.name).toBe("重庆市沙坪坝区人民政府");
    expect(preview.site.theme).toBe("classic");
    expect(preview.article).toMatchObject({
      resourceId: resource.id,
      title: "预览测试：区政府常务会议召开",
      column: { name: "沙坪坝要闻", slug: "ywdt" },
      correction: null,
    });
    expect(preview.article.bodyHtml).toContain("会议研究了近期重点工作。");
    expect(preview.banner).toMatchObject({ revisionNumber: 1, newerRevision: null, status: "审核中" });

    const event = await db.auditEvent.findFirstOrThrow({
      where: { action: "preview.issue", subject: `resource:${resource.id}` },
    });
    expect(event).toMatchObject({ actorId: editor.id, role: "EDITOR", ip: "10.0.0.8" });
    expect(event.data).toMatchObject({
      revision: 1,
      revisionId: revision.id,
      site: "重庆市沙坪坝区人民政府",
      column: "沙坪坝要闻",
    });
  });

  it("lets the reviewer of its running review open the revision under review, and says when a newer one exists", async () => {
    const editor = await actorFor("editor");
    const { resource, revision, instance } = await submitted(editor, "预览测试：审核中的稿件", "第一版正文。");
    const reviewer = await actorFor("reviewer");
    const choices = await listPreviewChoices(reviewer, { resourceId: resource.id, revisionId: instance.revisionId });
    const issued = await issuePreviewLink(reviewer, {
      resourceId: resource.id,
      revisionId: revision.id,
      columnId: choices!.targets[0]!.columnId,
    });
    expect((await openPreview(reviewer, await tokenOf(issued.path))).banner.status).toBe("审核中");
    expect(
      await getDb().auditEvent.count({
        where: { action: "preview.issue", actorId: reviewer.id, role: "CHECK_REVIEWER" },
      }),
    ).toBe(1);

    // A later save cancels that review; the link still shows the revision it was issued for.
    await saveRevision(editor, {
      resourceId: resource.id,
      baseVersion: 1,
      title: "预览测试：审核中的稿件（修改）",
      body: blocksToDoc([{ type: "paragraph", text: "第二版正文。" }]),
      metadata: ARTICLE_METADATA,
    });
    const again = await openPreview(editor, await tokenOf(issued.path));
    expect(again.article.title).toBe("预览测试：审核中的稿件");
    expect(again.banner).toMatchObject({ revisionNumber: 1, newerRevision: 2 });
  });

  it("lets whoever may sign a stage of the running review preview it, only while it runs", async () => {
    const db = await fileDb();
    // 住房城乡建委: a workflow whose one stage a site administrator approves (a role the permission
    // table does not let preview drafts).
    await db.workflow.create({
      data: {
        name: "网站管理员审核",
        orgId: await orgId(HOUSING),
        stages: { create: [{ position: 0, name: "网站管理员审核", type: "ROLE_APPROVAL", role: "SITE_ADMIN" }] },
      },
    });
    const editor = await makeUser("zj.editor", "EDITOR", HOUSING);
    const siteAdmin = await makeUser("zj.siteadmin", "SITE_ADMIN", HOUSING);
    const resource = await createResource(editor, { kind: "ARTICLE", ownerOrgId: await orgId(HOUSING) });
    const { revision } = await saveRevision(editor, {
      resourceId: resource.id,
      baseVersion: 0,
      title: "住房公积金政策调整说明",
      body: blocksToDoc([{ type: "paragraph", text: "调整内容如下。" }]),
      metadata: ARTICLE_METADATA,
    });
    const site = await db.site.findFirstOrThrow({ where: { name: "重庆市沙坪坝区人民政府" } });
    const token = signPreviewToken({
      resourceId: resource.id,
      revisionId: revision.id,
      siteId: site.id,
      columnId: await columnId("ywdt"),
      expiresAt: new Date(Date.now() + 60_000),
    });
    await expect(openPreview(siteAdmin, token)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const instance = await submitForReview(editor, {
      resourceId: resource.id,
      baseVersion: 1,
      publishMode: "MANUAL",
      columnIds: [],
    });
    expect((await openPreview(siteAdmin, token)).banner.status).toBe("审核中");
    await cancelReview(editor, instance.id);
    await expect(openPreview(siteAdmin, token)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("refuses an editor of another unit and a reviewer of an unrelated review, to issue or to open", async () => {
    await fileDb();
    const editor = await actorFor("editor");
    const { resource } = await submitted(editor, "预览测试：他单位不可见", "正文。");
    const column = await columnId("ywdt");
    const issued = await issuePreviewLink(editor, { resourceId: resource.id, columnId: column });
    const token = await tokenOf(issued.path);

    await cultureReview();
    const cultureEditor = await makeUser("wl.other.editor", "EDITOR", CULTURE);
    const cultureReviewer = await makeUser("wl.section.reviewer", "SECTION_REVIEWER", CULTURE);
    for (const outsider of [cultureEditor, cultureReviewer]) {
      await expect(openPreview(outsider, token)).rejects.toMatchObject({
        code: "FORBIDDEN",
        message: "您不是该稿件的编辑或审核人员，不能预览。",
      });
      await expect(issuePreviewLink(outsider, { resourceId: resource.id, columnId: column })).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
      expect(await listPreviewChoices(outsider, { resourceId: resource.id })).toBeNull();
    }
    // The culture reviewer is a reviewer, of their own unit's review: that one they may preview.
    const cultureResource = await getDb().resource.findFirstOrThrow({ where: { title: "文旅消费季活动安排" } });
    expect((await listPreviewChoices(cultureReviewer, { resourceId: cultureResource.id }))?.targets).toHaveLength(1);
    expect(await getDb().auditEvent.count({ where: { action: "preview.issue", actorId: cultureEditor.id } })).toBe(0);
  });

  it("refuses a signed-out visitor, an expired link and a tampered one", async () => {
    const editor = await actorFor("editor");
    const { resource } = await submitted(editor, "预览测试：过期与篡改", "正文。");
    const issued = await issuePreviewLink(editor, { resourceId: resource.id, columnId: await columnId("ywdt") });
    const token = await tokenOf(issued.path);
    await expect(openPreview(null, token)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    await expect(openPreview(editor, token, new Date(issued.expiresAt.getTime() + 1000))).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("有效期已过"),
    });
    const [payload, signature] = token.split(".") as [string, string];
    const flipped = `${payload.slice(0, 10)}${payload[10] === "A" ? "B" : "A"}${payload.slice(11)}.${signature}`;
    await expect(openPreview(editor, flipped)).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: expect.stringContaining("已被改动"),
    });
    await expect(openPreview(editor, "../../etc/passwd")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses a revision of another resource, and a column the item is not placed in", async () => {
    const db = await fileDb();
    const editor = await actorFor("editor");
    const { resource } = await submitted(editor, "预览测试：甲稿", "甲稿正文。");
    const other = await draft(editor, "预览测试：乙稿", "乙稿正文。");
    await expect(
      issuePreviewLink(editor, {
        resourceId: resource.id,
        revisionId: other.revision.id,
        columnId: await columnId("ywdt"),
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND", message: "该修订版本不属于此稿件。" });
    // Even a correctly signed token (only the platform can make one) pairing them is refused.
    const site = await db.site.findFirstOrThrow({ where: { name: "重庆市沙坪坝区人民政府" } });
    const mixed = signPreviewToken({
      resourceId: resource.id,
      revisionId: other.revision.id,
      siteId: site.id,
      columnId: await columnId("ywdt"),
      expiresAt: new Date(Date.now() + 60_000),
    });
    expect(verifyPreviewToken(mixed).ok).toBe(true);
    await expect(openPreview(editor, mixed)).rejects.toMatchObject({ code: "NOT_FOUND" });
    // A column of another site than the token's.
    const elsewhere = signPreviewToken({
      resourceId: resource.id,
      revisionId: (await db.revision.findFirstOrThrow({ where: { resourceId: resource.id } })).id,
      siteId: site.id,
      columnId: await columnId("wlzx", "wlw.localhost"),
      expiresAt: new Date(Date.now() + 60_000),
    });
    await expect(openPreview(editor, elsewhere)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      issuePreviewLink(editor, { resourceId: resource.id, columnId: await columnId("tzgg") }),
    ).rejects.toMatchObject({ code: "INVALID", message: "该栏目不是此稿件的发布栏目，不能在其中预览。" });
    await expect(issuePreviewLink(editor, { resourceId: resource.id, columnId: "x" })).rejects.toMatchObject({
      code: "INVALID",
    });
  });

  it("before any placement, lets the editor preview in a column they could choose, and tells a reviewer why not", async () => {
    const db = await fileDb();
    const editor = await actorFor("editor");
    const { resource } = await draft(editor, "预览测试：尚未送审", "送审前先看效果。");
    const choices = await listPreviewChoices(editor, { resourceId: resource.id });
    expect(choices).toMatchObject({ targets: [], reason: expect.stringContaining("尚未选择发布栏目") });
    const labels = choices!.candidates.map((candidate) => candidate.label);
    expect(labels).toContain("重庆市沙坪坝区人民政府 · 沙坪坝要闻");
    // Only where the submission form would let this editor place it: not 市文化旅游委's site.
    expect(labels.some((label) => label.startsWith(CULTURE))).toBe(false);
    expect(labels.some((label) => label.includes("政民互动"))).toBe(false);

    const issued = await issuePreviewLink(editor, { resourceId: resource.id, columnId: await columnId("ywdt") });
    const preview = await openPreview(editor, await tokenOf(issued.path));
    expect(preview.article.column?.name).toBe("沙坪坝要闻");
    expect(preview.banner.status).toBe("未提交审核");
    await expect(
      issuePreviewLink(editor, { resourceId: resource.id, columnId: await columnId("wlzx", "wlw.localhost") }),
    ).rejects.toMatchObject({ code: "INVALID", message: "该栏目不是此稿件的发布栏目，不能在其中预览。" });
    await expect(
      issuePreviewLink(editor, { resourceId: resource.id, columnId: await columnId("zmhd") }),
    ).rejects.toMatchObject({ code: "INVALID" });

    // A reviewer of the unit places nothing: the button stays disabled, with the reason.
    expect(await listPreviewChoices(await actorFor("reviewer"), { resourceId: resource.id })).toMatchObject({
      targets: [],
      candidates: [],
      reason: expect.stringContaining("提交审核时选择栏目后"),
    });
    const empty = await createResource(editor, { kind: "ARTICLE", ownerOrgId: await orgId("区政府办公室政务公开科") });
    expect(await listPreviewChoices(editor, { resourceId: empty.id })).toMatchObject({
      revision: null,
      reason: expect.stringContaining("请先保存稿件"),
    });
    expect(await db.auditEvent.count({ where: { action: "preview.issue", subject: `resource:${resource.id}` } })).toBe(
      1,
    );
  });
});

describe("draft preview of an item in the 回收站", () => {
  it("refuses to issue or open a link while the item is in the 回收站, and works again once restored", async () => {
    await fileDb();
    const editor = await actorFor("editor");
    const { resource } = await draft(editor, "预览测试：移入回收站的草稿", "草稿正文。");
    const choices = await listPreviewChoices(editor, { resourceId: resource.id });
    const columnId = choices!.candidates[0]!.columnId;
    const issued = await issuePreviewLink(editor, { resourceId: resource.id, columnId });

    const trashed = await trashResources(editor, { ids: [resource.id] });
    expect(trashed.done).toBe(1);
    await expect(openPreview(editor, await tokenOf(issued.path))).rejects.toThrow(PREVIEW_TRASHED);
    await expect(issuePreviewLink(editor, { resourceId: resource.id, columnId })).rejects.toThrow(PREVIEW_TRASHED);
    expect(await listPreviewChoices(editor, { resourceId: resource.id })).toBeNull();

    await restoreResources(editor, { ids: [resource.id] });
    const reopened = await openPreview(editor, await tokenOf(issued.path));
    expect(reopened.article.title).toBe("预览测试：移入回收站的草稿");
  });
});

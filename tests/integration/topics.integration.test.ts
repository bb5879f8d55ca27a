import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { getAssetFile, uploadAsset } from "@/lib/library/assets";
import { saveColumn } from "@/lib/sites/admin";
import { findSiteByHost, getColumnPage } from "@/lib/sites/portal";
import { findTopicOf, getTopicSections, listTopics } from "@/lib/sites/topics";
import { governmentMetaTags } from "@/lib/sites/meta";
import { getColumnTree } from "@/lib/publish/column-tree";
import { cacheTag, newRenderScope, runInScope } from "@/lib/cache/render-scope";
import type { Actor } from "@/lib/auth/session";
import { makePng } from "../fixtures/make-docx";
import { actorsFor, fileDb, makeUser } from "./helpers";
import { approveReview, submitted } from "./support/review";

// 专题/专栏 (#24 item 3): the site administrator creates a topic with an intro, a banner (uploaded
// or picked from the library) and sub-columns; editors place items in the sub-columns; the topic
// page and the 专题 index show them, are purged exactly when they change, and the banner is public.

const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

async function districtSite() {
  return (await findSiteByHost("localhost"))!;
}

/** The column, audit and asset counts: a refused save changes none of them. */
async function counts() {
  const db = getDb();
  const [columns, audits, assets] = await Promise.all([db.column.count(), db.auditEvent.count(), db.asset.count()]);
  return { columns, audits, assets };
}

async function createTopic(siteadmin: Actor, slug: string, extra: Record<string, unknown> = {}) {
  const site = await districtSite();
  const topic = await saveColumn(siteadmin, {
    siteId: site.id,
    parentId: "",
    linkUrl: "",
    name: "优化营商环境专题",
    slug,
    kind: "TOPIC",
    intro: "示例：围绕优化营商环境，集中发布政策文件、解读和工作动态。",
    bannerSrc: "",
    bannerUpload: { fileName: "营商环境题图.png", bytes: await makePng(1200, 300) },
    position: 90,
    ...extra,
  });
  const subColumns = [];
  for (const [index, name] of ["政策文件", "工作动态"].entries())
    subColumns.push(
      await saveColumn(siteadmin, {
        siteId: site.id,
        parentId: topic.id,
        linkUrl: "",
        name,
        slug: `${slug}-${index + 1}`,
        kind: "LIST",
        position: index,
      }),
    );
  return { site, topic, subColumns };
}

/** The tags a portal read labels its page with. */
async function tagsOf(read: () => Promise<unknown>): Promise<Set<string>> {
  const scope = newRenderScope();
  await runInScope(scope, read);
  return scope.tags;
}

async function purgedSince(id: bigint): Promise<Set<string>> {
  const rows = await getDb().portalPurge.findMany({ where: { id: { gt: id } } });
  return new Set(rows.flatMap((row) => row.tags));
}

async function lastPurgeId(): Promise<bigint> {
  return (await getDb().portalPurge.findFirst({ orderBy: { id: "desc" } }))?.id ?? 0n;
}

describe("creating a 专题", () => {
  it("the site administrator creates a topic with an uploaded banner and two sub-columns, audited", async () => {
    await fileDb();
    const [siteadmin, editor] = await actorsFor("siteadmin", "editor");
    const { site, topic, subColumns } = await createTopic(siteadmin, "it-yshj");
    expect(topic).toMatchObject({ kind: "TOPIC", intro: expect.stringContaining("营商环境") });
    expect(topic.bannerSrc).toMatch(/^\/api\/assets\/[0-9a-f-]{36}$/);
    const assetId = topic.bannerSrc!.split("/").pop()!;
    const asset = await getDb().asset.findUniqueOrThrow({ where: { id: assetId } });
    expect(asset).toMatchObject({ ownerOrgId: site.orgId, uploadedById: siteadmin.id, mimeType: "image/png" });
    expect(subColumns.map((column) => column.parentId)).toEqual([topic.id, topic.id]);

    const audits = await getDb().auditEvent.findMany({
      where: { actorId: siteadmin.id, action: { in: ["column.create", "asset.upload"] } },
      orderBy: { seq: "asc" },
    });
    expect(audits.map((event) => event.action)).toEqual([
      "asset.upload",
      "column.create",
      "column.create",
      "column.create",
    ]);
    expect(audits[1]!.data).toMatchObject({ columnId: topic.id, kind: "TOPIC", bannerSrc: topic.bannerSrc });

    // The banner is public as soon as a site column uses it.
    await expect(getAssetFile(null, assetId)).resolves.toMatchObject({ access: "public" });

    // The editor's column picker offers both sub-columns.
    const picker = (await getColumnTree(editor)).find((entry) => entry.siteId === site.id)!;
    for (const sub of subColumns)
      expect(picker.columns.find((column) => column.id === sub.id)).toMatchObject({ placeable: true });
  });

  it("a banner picked from the library becomes public with the topic, and a changed banner leaves the old one", async () => {
    await fileDb();
    const [siteadmin, editor] = await actorsFor("siteadmin", "editor");
    const picked = await uploadAsset(editor, { fileName: "专题图.png", bytes: await makePng(900, 240) });
    await expect(getAssetFile(null, picked.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const site = await districtSite();
    const topic = await saveColumn(siteadmin, {
      siteId: site.id,
      parentId: "",
      linkUrl: "",
      name: "乡村振兴专题",
      slug: "xczx",
      kind: "TOPIC",
      intro: "",
      bannerSrc: `/api/assets/${picked.id}`,
      position: 91,
    });
    expect(topic.bannerSrc).toBe(`/api/assets/${picked.id}`);
    await expect(getAssetFile(null, picked.id)).resolves.toMatchObject({ access: "public" });

    const replaced = await saveColumn(siteadmin, {
      siteId: site.id,
      columnId: topic.id,
      parentId: "",
      linkUrl: "",
      name: "乡村振兴专题",
      slug: "xczx",
      kind: "TOPIC",
      intro: "",
      bannerSrc: "",
      bannerUpload: { fileName: "新题图.png", bytes: await makePng(800, 200) },
      position: 91,
    });
    expect(replaced.bannerSrc).not.toBe(topic.bannerSrc);
    await expect(getAssetFile(null, picked.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses the wrong role, another unit's site and bad input, with Chinese errors, changing nothing", async () => {
    await fileDb();
    const [siteadmin, editor] = await actorsFor("siteadmin", "editor");
    const site = await districtSite();
    const culture = (await findSiteByHost("wlw.localhost"))!;
    const outsider = await makeUser("topic-outsider", "EDITOR", "重庆市文化和旅游发展委员会");
    const foreignImage = await uploadAsset(outsider, { fileName: "外单位.png", bytes: await makePng(400, 100) });
    const pdf = await uploadAsset(editor, { fileName: "通知.pdf", bytes: PDF });
    const base = {
      siteId: site.id,
      parentId: "",
      linkUrl: "",
      name: "示例专题",
      slug: "slzt",
      kind: "TOPIC",
      intro: "示例简介",
      bannerSrc: "",
      position: 92,
    };
    const before = await counts();

    await expect(saveColumn(editor, base)).rejects.toMatchObject({
      code: expect.stringMatching(/FORBIDDEN|NOT_FOUND/),
    });
    await expect(saveColumn(siteadmin, { ...base, siteId: culture.id })).rejects.toMatchObject({
      code: expect.stringMatching(/FORBIDDEN|NOT_FOUND/),
    });
    const refusals: [Record<string, unknown>, string, string][] = [
      [{ slug: "专题" }, "slug", "栏目路径只能用小写字母、数字和连字符"],
      [{ intro: "政".repeat(501) }, "intro", "专题简介不超过 500 字"],
      [{ intro: "简介\u0000" }, "intro", "内容含有不允许的控制字符。"],
      [{ bannerSrc: "https://example.com/banner.png" }, "bannerSrc", "题图须从图片库选择或上传"],
      [{ bannerSrc: `/api/assets/${pdf.id}` }, "bannerSrc", "题图须是 JPG、PNG、GIF 或 WebP 图片。"],
      [{ bannerSrc: `/api/assets/${foreignImage.id}` }, "bannerSrc", "题图不在图片库中或无权使用，请重新选择。"],
      [{ bannerUpload: { fileName: "题图.png", bytes: PDF } }, "bannerFile", "文件内容与扩展名 .png 不符"],
      [
        { bannerUpload: { fileName: "题图.pdf", bytes: PDF } },
        "bannerFile",
        "请上传图片文件（JPG、PNG、GIF 或 WebP）。",
      ],
      [{ kind: "LIST" }, "intro", "只有专题栏目可以设置简介和题图"],
    ];
    for (const [change, field, message] of refusals) {
      const error = await saveColumn(siteadmin, { ...base, ...change }).then(
        () => null,
        (caught: unknown) => caught as { code: string; message: string; fieldErrors: Record<string, string[]> },
      );
      expect(error, JSON.stringify(change).slice(0, 80)).toMatchObject({ code: "INVALID" });
      expect([error!.message, ...(error!.fieldErrors[field] ?? [])].join(" ")).toContain(message);
    }
    expect(await counts()).toEqual(before);
    expect(await getDb().column.findFirst({ where: { slug: "slzt" } })).toBeNull();
  });
});

describe("the 专题 on the portal", () => {
  it("shows sub-columns' newest items, lists the topic in the index, and is purged exactly", async () => {
    await fileDb();
    const [siteadmin, editor, reviewer, deputy] = await actorsFor("siteadmin", "editor", "reviewer", "deputy");
    const { topic, subColumns } = await createTopic(siteadmin, "szzf");
    let site = await districtSite();
    const topicColumn = (await getColumnPage(site, "szzf", 1))!.column;
    const topicTags = await tagsOf(async () => {
      await findSiteByHost("localhost");
      await getColumnPage(site, "szzf", 1);
      await getTopicSections(site, topicColumn);
    });
    const indexTags = await tagsOf(async () => listTopics((await findSiteByHost("localhost"))!));
    const subTags = await tagsOf(async () => getColumnPage((await findSiteByHost("localhost"))!, "szzf-1", 1));
    expect(findTopicOf(site, subColumns[0]!.id)).toMatchObject({ id: topic.id, bannerSrc: topic.bannerSrc });
    expect((await listTopics(site)).find((card) => card.id === topic.id)).toMatchObject({
      name: "优化营商环境专题",
      bannerSrc: topic.bannerSrc,
      updatedAt: null,
    });

    // Publishing into a sub-column purges the topic page, the sub-column page and the index.
    const marker = await lastPurgeId();
    const { resource, instance } = await submitted(editor, "示例：区政务服务中心推出“一窗综办”", "示例正文。", {
      columnIds: [subColumns[0]!.id],
    });
    await approveReview(reviewer, deputy, instance.id, instance.contentHash);
    const purged = await purgedSince(marker);
    expect(purged).toContain(cacheTag.column(subColumns[0]!.id));
    for (const tags of [topicTags, indexTags, subTags]) expect([...tags].some((tag) => purged.has(tag))).toBe(true);

    site = await districtSite();
    const sections = await getTopicSections(site, topicColumn);
    expect(sections.map((section) => section.column.name)).toEqual(["政策文件", "工作动态"]);
    expect(sections[0]!.items.map((item) => item.resourceId)).toEqual([resource.id]);
    expect(sections[1]!.items).toEqual([]);
    const publication = await getDb().publication.findFirstOrThrow({ where: { resourceId: resource.id } });
    expect((await listTopics(site)).find((card) => card.id === topic.id)!.updatedAt).toEqual(publication.publishedAt);

    // A settings change of the topic purges its pages and the index (through the site's tag).
    const settingsMarker = await lastPurgeId();
    await saveColumn(siteadmin, {
      siteId: site.id,
      columnId: topic.id,
      parentId: "",
      linkUrl: "",
      name: "优化营商环境专题",
      slug: "szzf",
      kind: "TOPIC",
      intro: "示例：新的专题简介。",
      bannerSrc: topic.bannerSrc,
      position: 90,
    });
    const settingsPurged = await purgedSince(settingsMarker);
    expect(settingsPurged).toContain(cacheTag.site(site.id));
    for (const tags of [topicTags, indexTags, subTags]) expect(tags).toContain(cacheTag.site(site.id));
  });

  it("names the topic's column type for monitoring", () => {
    expect(
      governmentMetaTags({ siteName: "区政府", siteCode: "5001060001", column: { name: "专题", kind: "TOPIC" } }),
    ).toMatchObject({ ColumnName: "专题", ColumnType: "专题" });
  });
});

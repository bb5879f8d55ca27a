import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { blocksToDoc } from "@/lib/library/content";
import { uploadAsset } from "@/lib/library/assets";
import { createResource, saveRevision } from "@/lib/library/resources";
import { submitForReview } from "@/lib/review/instances";
import { getReview } from "@/lib/review/queries";
import { renderReviewArticle } from "@/lib/sites/review-article";
import { findSiteByHost, findColumn, buildColumnTree } from "@/lib/sites/portal";
import { getPortalArticle, getSinglePage } from "@/lib/sites/portal-article";
import { listColumnLeaders } from "@/lib/sites/leaders";
import { getPublishingState } from "@/lib/publish/state";
import { saveColumn } from "@/lib/sites/admin";
import { ArticleView } from "@/components/portal/article-view";
import { LeaderGrid } from "@/components/portal/leader-grid";
import type { Actor } from "@/lib/auth/session";
import { makeDocx, makePng } from "../fixtures/make-docx";
import { importDocx } from "@/lib/library/import-docx";
import { actorsFor, fileDb, makeUser, orgId } from "./helpers";
import { SECTION, approveReview } from "./support/review";
import { search, title } from "./support/search";

// 领导之窗 and 单页 go through the library and review like every other item: created, pre-checked,
// reviewed as the portal will show them, published to the column that lists them. Refused: a
// leader without a name, leader fields on an article, a person who may not write.

const ORIGINAL = { type: "original" };
const resume = (text: string) => blocksToDoc([{ type: "paragraph", text }]);

async function districtColumns(siteadmin: Actor) {
  const site = (await findSiteByHost("localhost"))!;
  for (const [name, slug, kind] of [
    ["领导之窗", "ldzc", "LIST"],
    ["关于本站", "gybz", "PAGE"],
  ] as const) {
    if (!site.columns.some((column) => column.slug === slug))
      await saveColumn(siteadmin, { siteId: site.id, parentId: null, name, slug, kind, linkUrl: "", position: "20" });
  }
  const fresh = (await findSiteByHost("localhost"))!;
  const tree = buildColumnTree(fresh.columns);
  return { site: fresh, leaders: findColumn(tree, "ldzc")!, about: findColumn(tree, "gybz")! };
}

async function leaderItem(editor: Actor, leader: Record<string, unknown>, text = "示例某，男，汉族，1972年生。") {
  const resource = await createResource(editor, { kind: "LEADER", ownerOrgId: await orgId(SECTION) });
  const { revision } = await saveRevision(editor, {
    resourceId: resource.id,
    baseVersion: 0,
    title: String(leader.name).trim() || "领导简介",
    body: resume(text),
    metadata: { source: ORIGINAL, leader },
  });
  return { resource, revision };
}

const view = (article: Parameters<typeof ArticleView>[0]["article"]) =>
  renderToStaticMarkup(createElement(ArticleView, { article, headingLevel: 1 }));

describe("领导之窗 through library, review and portal", () => {
  it("is reviewed as the portal shows it, then listed by rank and found by name and post", async () => {
    await fileDb();
    const [editor, reviewer, deputy, siteadmin] = await actorsFor("editor", "reviewer", "deputy", "siteadmin");
    const { leaders } = await districtColumns(siteadmin);
    const photo = await uploadAsset(editor, { fileName: "示例区长.png", bytes: await makePng(300, 400) });
    const chief = await leaderItem(editor, {
      name: "示例甲",
      post: "区委副书记、区政府区长",
      duties: "主持区政府全面工作。\n负责审计方面工作。",
      photo: { src: `/api/assets/${photo.id}`, focalX: 0.5, focalY: 0.25, alt: "示例甲标准照" },
      rank: 1,
    });
    const deputyChief = await leaderItem(editor, {
      name: "示例乙",
      post: "区政府副区长",
      duties: "负责发展改革工作。",
      rank: 2,
    });

    // Submitted to the leaders' column; the reviewer reads the card the portal will show.
    const submit = (item: typeof chief) =>
      submitForReview(editor, {
        resourceId: item.resource.id,
        baseVersion: item.revision.number,
        publishMode: "ON_APPROVAL",
        columnIds: [leaders.id],
      });
    const second = await submit(deputyChief);
    const first = await submit(chief);
    const review = await getReview(reviewer, first.id);
    expect(review.text).toContain("姓名：示例甲\n职务：区委副书记、区政府区长\n分工：主持区政府全面工作。");
    const rendering = await renderReviewArticle(review);
    if (!rendering.ok) throw new Error(rendering.message);
    expect(rendering.article.leader).toEqual({
      name: "示例甲",
      post: "区委副书记、区政府区长",
      duties: ["主持区政府全面工作。", "负责审计方面工作。"],
      photo: { src: `/api/assets/${photo.id}`, focalX: 0.5, focalY: 0.25, alt: "示例甲标准照" },
    });
    const reviewed = view(rendering.article);
    expect(reviewed).toContain('<h1 class="article-title leader-name">示例甲</h1>');
    expect(reviewed).toContain("<li>负责审计方面工作。</li>");
    expect(reviewed).toContain("object-position:50% 25%");
    expect(reviewed).toContain(">简历</h2>");
    expect(reviewed).not.toContain("来源：");

    // Published in the opposite order of rank: the grid still lists the 区长 first.
    await approveReview(reviewer, deputy, second.id, second.contentHash);
    await approveReview(reviewer, deputy, first.id, first.contentHash);
    const site = (await findSiteByHost("localhost"))!;
    const published = await getPortalArticle(site, chief.resource.id);
    expect(published?.leader).toEqual(rendering.article.leader);
    expect(view(published!).replace(/<time[^>]*>.*?<\/time>/g, "")).toBe(
      reviewed.replace(/<time[^>]*>.*?<\/time>/g, ""),
    );
    const cards = await listColumnLeaders(leaders);
    expect(cards.map((card) => [card.name, card.post])).toEqual([
      ["示例甲", "区委副书记、区政府区长"],
      ["示例乙", "区政府副区长"],
    ]);
    const grid = renderToStaticMarkup(createElement(LeaderGrid, { leaders: cards }));
    expect(grid).toContain(`href="/content/${chief.resource.id}"`);
    expect(grid).toContain('<span class="leader-card-post">区政府副区长</span>');

    // Search finds a leader by the post and by a line of the 分工, not only by the title.
    expect((await search("副区长")).hits.map((hit) => title(hit.title))).toContain("示例乙");
    expect((await search("发展改革")).hits.map((hit) => title(hit.title))).toContain("示例乙");
  });

  it("refuses a leader without a name, leader fields on an article, a photo not in the library, and a reviewer's edit", async () => {
    const db = await fileDb();
    const [editor, reviewer] = await actorsFor("editor", "reviewer");
    const before = await db.revision.count();
    await expect(leaderItem(editor, { name: " ", post: "区政府副区长" })).rejects.toMatchObject({
      code: "INVALID",
      fieldErrors: { "metadata.leader.name": ["请填写领导姓名"] },
    });
    const empty = await createResource(editor, { kind: "LEADER", ownerOrgId: await orgId(SECTION) });
    await expect(
      saveRevision(editor, {
        resourceId: empty.id,
        baseVersion: 0,
        title: "示例丙",
        body: resume("简历"),
        metadata: { source: ORIGINAL },
      }),
    ).rejects.toMatchObject({
      code: "INVALID",
      fieldErrors: { "metadata.leader": ["领导之窗须填写姓名、职务等信息"] },
    });
    const article = await createResource(editor, { kind: "ARTICLE", ownerOrgId: await orgId(SECTION) });
    await expect(
      saveRevision(editor, {
        resourceId: article.id,
        baseVersion: 0,
        title: "区政府召开常务会议",
        body: resume("会议研究了有关事项。"),
        metadata: { source: ORIGINAL, leader: { name: "示例丁", post: "区长" } },
      }),
    ).rejects.toMatchObject({
      code: "INVALID",
      fieldErrors: { "metadata.leader": ["只有领导之窗有姓名、职务等信息"] },
    });
    await expect(
      leaderItem(editor, {
        name: "示例戊",
        post: "区政府副区长",
        photo: { src: "/api/assets/0b6f1c2e-5a4d-4e3f-9a1b-2c3d4e5f6a7b" },
      }),
    ).rejects.toMatchObject({
      code: "INVALID",
      fieldErrors: { "metadata.leader.photo.src": [expect.stringContaining("素材库")] },
    });
    // Another unit's photo is not this editor's to use.
    const outsider = await makeUser("wl.editor", "EDITOR", "重庆市文化和旅游发展委员会");
    const foreign = await uploadAsset(outsider, { fileName: "照片.png", bytes: await makePng() });
    await expect(
      leaderItem(editor, { name: "示例己", post: "区政府副区长", photo: { src: `/api/assets/${foreign.id}` } }),
    ).rejects.toMatchObject({ code: "INVALID" });
    // A reviewer may not create or write a leader's item.
    await expect(createResource(reviewer, { kind: "LEADER", ownerOrgId: await orgId(SECTION) })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const { resource } = await leaderItem(editor, { name: "示例庚", post: "区政府副区长" });
    await expect(
      saveRevision(reviewer, {
        resourceId: resource.id,
        baseVersion: 1,
        title: "示例庚",
        body: resume("改写的简历"),
        metadata: { source: ORIGINAL, leader: { name: "示例庚", post: "区长" } },
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    // Only the one valid leader was saved.
    expect(await db.revision.count()).toBe(before + 1);
  });
});

describe("单页 in a single-page column", () => {
  it("publishes 关于本站 without list clutter, and warns when the column already shows another page", async () => {
    await fileDb();
    const [editor, reviewer, deputy, siteadmin] = await actorsFor("editor", "reviewer", "deputy", "siteadmin");
    const { about } = await districtColumns(siteadmin);
    const page = async (heading: string, text: string) => {
      const resource = await createResource(editor, { kind: "SINGLE_PAGE", ownerOrgId: await orgId(SECTION) });
      const { revision } = await saveRevision(editor, {
        resourceId: resource.id,
        baseVersion: 0,
        title: heading,
        body: resume(text),
        metadata: { source: ORIGINAL },
      });
      const instance = await submitForReview(editor, {
        resourceId: resource.id,
        baseVersion: revision.number,
        publishMode: "ON_APPROVAL",
        columnIds: [about.id],
      });
      return { resource, instance };
    };
    const first = await page("关于本站", "本网站是示例区人民政府门户网站。");
    expect((await getPublishingState(editor, first.resource.id)).singlePageOverlaps).toEqual([]);
    await approveReview(reviewer, deputy, first.instance.id, first.instance.contentHash);
    const site = (await findSiteByHost("localhost"))!;
    const shown = await getSinglePage(site, about);
    expect(shown?.resourceId).toBe(first.resource.id);
    const html = view(shown!);
    expect(html).toContain("本网站是示例区人民政府门户网站。");
    expect(html).toContain("更新时间");
    expect(html).not.toContain("来源：");
    expect(html).not.toContain("policy-meta");

    // A second page for the same column: the editor is told it would replace the first; once
    // published, the column shows the newest.
    const second = await page("关于本站（修订）", "本网站由示例区人民政府办公室主办。");
    expect((await getPublishingState(editor, second.resource.id)).singlePageOverlaps).toEqual([
      { columnId: about.id, column: "关于本站", site: site.name, titles: ["关于本站"] },
    ]);
    await approveReview(reviewer, deputy, second.instance.id, second.instance.contentHash);
    expect((await getSinglePage(site, about))?.resourceId).toBe(second.resource.id);
    expect((await getPublishingState(editor, first.resource.id)).singlePageOverlaps).toMatchObject([
      { titles: ["关于本站（修订）"] },
    ]);
  });
});

describe("机构职能 and a leader's 简历 from Word", () => {
  it("shows the unit's particulars above the 主要职责, and keeps an imported 简历 as a working copy", async () => {
    const db = await fileDb();
    const [editor, reviewer, deputy] = await actorsFor("editor", "reviewer", "deputy");
    const resource = await createResource(editor, { kind: "INSTITUTION", ownerOrgId: await orgId(SECTION) });
    await expect(
      saveRevision(editor, {
        resourceId: resource.id,
        baseVersion: 0,
        title: "区政府办公室主要职责",
        body: resume("负责区政府会务和文电工作。"),
        metadata: { source: ORIGINAL, institution: { phone: "电话023" } },
      }),
    ).rejects.toMatchObject({ fieldErrors: { "metadata.institution.phone": [expect.stringContaining("数字")] } });
    const { revision } = await saveRevision(editor, {
      resourceId: resource.id,
      baseVersion: 0,
      title: "区政府办公室主要职责",
      body: resume("负责区政府会务和文电工作。"),
      metadata: {
        source: ORIGINAL,
        institution: { name: "示例区人民政府办公室", head: "", address: "示例区示例路1号", phone: "023-65368000" },
      },
    });
    const instance = await submitForReview(editor, {
      resourceId: resource.id,
      baseVersion: revision.number,
      publishMode: "ON_APPROVAL",
      columnIds: [(await db.column.findFirstOrThrow({ where: { slug: "ywdt" } })).id],
    });
    await approveReview(reviewer, deputy, instance.id, instance.contentHash);
    const article = await getPortalArticle((await findSiteByHost("localhost"))!, resource.id);
    expect(article?.institution).toEqual([
      ["机构名称", "示例区人民政府办公室"],
      ["办公地址", "示例区示例路1号"],
      ["办公电话", "023-65368000"],
    ]);
    const html = view(article!);
    expect(html).toContain("<dt>办公地址</dt><dd>示例区示例路1号</dd>");
    expect(html).toContain(">主要职责</h2>");
    expect(html).not.toContain("来源：");

    // A 简历 imported from Word waits for the name and post as the editor's working copy.
    const imported = await importDocx(editor, {
      fileName: "简历.docx",
      bytes: await makeDocx(),
      kind: "LEADER",
      ownerOrgId: await orgId(SECTION),
    });
    expect(imported.saved).toBe(false);
    expect(await db.revision.count({ where: { resourceId: imported.resourceId } })).toBe(0);
  });
});

import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { createResource, saveRevision } from "@/lib/library/resources";
import type { RichText } from "@/lib/library/content";
import { signOff, signOffChecks, submitForReview } from "@/lib/review/instances";
import { getReview } from "@/lib/review/queries";
import { findSiteByHost } from "@/lib/sites/portal";
import { getPortalArticle } from "@/lib/sites/portal-article";
import { MISMATCH_MESSAGE, renderReviewArticle } from "@/lib/sites/review-article";
import { renderReviewChannels } from "@/lib/channels/review-renditions";
import { updateChannel } from "@/lib/channels/channel-admin";
import { ArticleView } from "@/components/portal/article-view";
import type { Actor } from "@/lib/auth/session";
import { actorsFor, fileDb, orgId } from "./helpers";
import { CHECKS, SECTION, columnId } from "./support/review";

// What reviewers sign is what the public sees (DESIGN invariant 9): the review page's article is
// the portal's own rendering of the revision bound to the review's content hash, equal to the
// published page's; the rendered diff marks changes inside the rendered body, table cells and
// images included; each chosen channel's rendition keeps the images.

const IMAGE = "33333333-3333-4333-8333-333333333333";
const ATTACHMENT = "44444444-4444-4444-8444-444444444444";
const text = (value: string) => ({ type: "text", text: value });
const paragraph = (content: RichText[], align?: string) => ({
  type: "paragraph",
  ...(align ? { attrs: { textAlign: align } } : {}),
  content,
});
const cell = (type: "tableCell" | "tableHeader", value: string, colspan = 1) => ({
  type,
  attrs: { colspan, rowspan: 1 },
  content: [paragraph([text(value)])],
});

function body(lastCell: string): RichText {
  return {
    type: "doc",
    content: [
      paragraph([text("为做好全区政务公开工作，现将有关事项通知如下。")]),
      paragraph([{ type: "image", attrs: { src: `/api/assets/${IMAGE}`, alt: "全区政务公开工作示意图" } }], "center"),
      {
        type: "table",
        content: [
          { type: "tableRow", content: [cell("tableHeader", "重点任务（合并单元格）", 2)] },
          { type: "tableRow", content: [cell("tableCell", "政策解读"), cell("tableCell", lastCell)] },
        ],
      },
      paragraph([
        text("附件："),
        { type: "text", text: "实施方案.pdf", marks: [{ type: "link", attrs: { href: `/api/assets/${ATTACHMENT}` } }] },
      ]),
      paragraph([text("重庆市沙坪坝区人民政府办公室")], "right"),
    ],
  };
}

const METADATA = {
  source: { type: "original" },
  policy: {
    docNumber: "沙府办发〔2026〕21号",
    issuer: "重庆市沙坪坝区人民政府办公室",
    writtenOn: "2026-05-06",
    genre: "通知",
  },
};

async function submitPolicy(
  editor: Actor,
  resourceId: string,
  baseVersion: number,
  lastCell: string,
  channelIds: string[] = [],
) {
  const { revision } = await saveRevision(editor, {
    resourceId,
    baseVersion,
    title: "关于做好2026年政务公开重点工作的通知",
    body: body(lastCell),
    metadata: METADATA,
  });
  return submitForReview(editor, {
    resourceId,
    baseVersion: revision.number,
    publishMode: "ON_APPROVAL",
    columnIds: [await columnId("zcwj")],
    channelIds,
  });
}

async function approve(reviewer: Actor, deputy: Actor, instance: { id: string; contentHash: string }) {
  await signOffChecks(reviewer, {
    instanceId: instance.id,
    stagePosition: 0,
    checks: CHECKS,
    decision: "APPROVE",
    contentHash: instance.contentHash,
  });
  await signOff(deputy, {
    instanceId: instance.id,
    stagePosition: 1,
    decision: "APPROVE",
    contentHash: instance.contentHash,
  });
}

const fragment = (article: Parameters<typeof ArticleView>[0]["article"]) =>
  renderToStaticMarkup(createElement(ArticleView, { article, headingLevel: 2 }));

describe("the review page renders what the portal will publish", () => {
  it("shows images, merged cells, attachments, alignment and the policy table exactly as the published page", async () => {
    const db = await fileDb();
    const [editor, reviewer, deputy] = await actorsFor("editor", "reviewer", "deputy");
    const resource = await createResource(editor, { kind: "POLICY", ownerOrgId: await orgId(SECTION) });
    const instance = await submitPolicy(editor, resource.id, 0, "全年不少于12次");

    const before = await renderReviewArticle(await getReview(reviewer, instance.id));
    if (!before.ok) throw new Error(before.message);
    const html = before.article.bodyHtml;
    expect(html).toContain(`<img alt="全区政务公开工作示意图" src="/api/assets/${IMAGE}"`);
    expect(html).toContain('<p style="text-align:center">');
    expect(html).toContain('<th colspan="2">');
    expect(html).toContain('<p style="text-align:right">重庆市沙坪坝区人民政府办公室</p>');
    expect(before.article.attachments).toEqual([{ href: `/api/assets/${ATTACHMENT}`, name: "实施方案.pdf" }]);
    expect(before.article.metadata.policy?.docNumber).toBe("沙府办发〔2026〕21号");
    expect(before.site?.name).toBeTruthy();
    expect(before.live).toBeNull();
    const reviewFragment = fragment(before.article);
    expect(reviewFragment).toContain('class="policy-meta"');
    expect(reviewFragment).toContain("实施方案.pdf");

    await approve(reviewer, deputy, instance);
    const site = (await findSiteByHost("localhost"))!;
    const published = await getPortalArticle(site, resource.id);
    expect(published).not.toBeNull();
    // After publication: the same article, field for field, and the same rendered fragment.
    const after = await renderReviewArticle(await getReview(reviewer, instance.id));
    if (!after.ok) throw new Error(after.message);
    expect(after.article).toEqual(published);
    expect(fragment(after.article)).toBe(fragment(published!));
    // Before publication only the date differed (it was not yet known).
    expect(reviewFragment.replace(/<time[^>]*>.*?<\/time>|\d{4}年\d{1,2}月\d{1,2}日/g, "")).toBe(
      fragment(published!).replace(/<time[^>]*>.*?<\/time>|\d{4}年\d{1,2}月\d{1,2}日/g, ""),
    );
    expect(await db.publication.count({ where: { resourceId: resource.id } })).toBe(1);
  });

  it("is derived from the revision bound to the signed content hash, and shows nothing else", async () => {
    const db = await fileDb();
    const [editor, reviewer] = await actorsFor("editor", "reviewer");
    const resource = await createResource(editor, { kind: "POLICY", ownerOrgId: await orgId(SECTION) });
    const instance = await submitPolicy(editor, resource.id, 0, "按季度发布");
    const review = await getReview(reviewer, instance.id);
    const rendering = await renderReviewArticle(review);
    expect(rendering.ok).toBe(true);
    // The signed hash is that of the revision under review; a review bound to other content is refused.
    const revision = await db.revision.findUniqueOrThrow({ where: { id: instance.revisionId } });
    expect(revision.contentHash).toBe(instance.contentHash);
    const tampered = { ...review, instance: { ...review.instance, contentHash: "f".repeat(64) } };
    expect(await renderReviewArticle(tampered)).toEqual({ ok: false, message: MISMATCH_MESSAGE });
    expect(await renderReviewChannels(tampered)).toEqual([]);
  });

  it("marks what changed from the live version inside the rendered body, table cells included", async () => {
    const db = await fileDb();
    const [editor, reviewer, deputy] = await actorsFor("editor", "reviewer", "deputy");
    const resource = await createResource(editor, { kind: "POLICY", ownerOrgId: await orgId(SECTION) });
    const first = await submitPolicy(editor, resource.id, 0, "全年不少于12次");
    await approve(reviewer, deputy, first);
    const version = (await db.resource.findUniqueOrThrow({ where: { id: resource.id } })).version;
    const second = await submitPolicy(editor, resource.id, version, "全年不少于24次");

    const rendering = await renderReviewArticle(await getReview(reviewer, second.id));
    if (!rendering.ok || !rendering.live) throw new Error("expected a rendered diff");
    expect(rendering.live.revisionNumber).toBe(1);
    expect(rendering.live.bodyDiff).toMatch(/<td><p>全年不少于<del>12<\/del><ins>24<\/ins>次<\/p><\/td>/);
    expect(rendering.live.bodyDiff).toContain(`<img alt="全区政务公开工作示意图" src="/api/assets/${IMAGE}"`);
    expect(rendering.live.bodyDiff).toContain('<th colspan="2">');
    expect(rendering.live.titleDiff.every((segment) => segment.type === "equal")).toBe(true);
    // The article shown is still the new revision, not the live one.
    expect(rendering.article.bodyHtml).toContain("全年不少于24次");
  });

  it("shows each chosen channel's rendition beside it, the WeChat article with its image", async () => {
    const db = await fileDb();
    const [editor, reviewer, admin] = await actorsFor("editor", "reviewer", "siteadmin");
    const wechat = await db.channel.findFirstOrThrow({ where: { name: "重庆沙坪坝发布 微信公众号" } });
    // Seeded without credentials (未配置, not offered); the site administrator sets them up.
    await updateChannel(admin, {
      channelId: wechat.id,
      orgId: wechat.orgId,
      accountId: wechat.accountId,
      name: wechat.name,
      appId: "wx0123456789abcdef",
      appSecret: "wechat-app-secret-for-tests",
    });
    const resource = await createResource(editor, { kind: "POLICY", ownerOrgId: await orgId(SECTION) });
    const instance = await submitPolicy(editor, resource.id, 0, "按月发布", [wechat.id]);
    const renditions = await renderReviewChannels(await getReview(reviewer, instance.id));
    expect(renditions.map((preview) => preview.format)).toEqual(["wechat-article"]);
    const rendition = renditions[0]!.rendition;
    if (rendition.format !== "wechat-article") throw new Error("wrong format");
    expect(rendition.contentHash).toBe(instance.contentHash);
    // Not placed yet: the page is that of the chosen column's site, and the image is kept.
    expect(rendition.contentSourceUrl).toMatch(new RegExp(`/content/${resource.id}$`));
    expect(rendition.images).toHaveLength(1);
    expect(rendition.images[0]).toMatch(new RegExp(`^https?://[^/]+/api/assets/${IMAGE}$`));
    expect(rendition.html).toContain(`src="${rendition.images[0]}"`);
    expect(rendition.html).toContain('colspan="2"');
    expect(renditions[0]!.channels).toEqual([expect.objectContaining({ id: wechat.id, setupProblem: null })]);

    // Credentials removed after submission: the reviewer sees the channel marked 未配置.
    await db.channel.update({ where: { id: wechat.id }, data: { secrets: null } });
    const after = await renderReviewChannels(await getReview(reviewer, instance.id));
    expect(after[0]!.channels).toEqual([
      expect.objectContaining({ id: wechat.id, setupProblem: "未设置接口凭据（AppSecret）" }),
    ]);
  });
});

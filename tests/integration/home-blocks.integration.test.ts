import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { PORTAL_PURGE_CHANNEL, parsePurgePayload } from "@/lib/cache/portal-purge";
import { newRenderScope, runInScope } from "@/lib/cache/render-scope";
import { DomainError } from "@/lib/errors";
import { blocksToDoc } from "@/lib/library/content";
import { assetUrl, getAssetFile, uploadAsset } from "@/lib/library/assets";
import { createResource, saveRevision } from "@/lib/library/resources";
import { submitForReview } from "@/lib/review/instances";
import { findSiteByHost } from "@/lib/sites/portal";
import { saveColumn } from "@/lib/sites/admin";
import {
  getHomeComposer,
  homePreviewPath,
  openHomePreview,
  publishHomeLayout,
  saveHomeDraft,
} from "@/lib/sites/home-layout";
import { getPortalHomeBlocks, loadHomeBlockViews } from "@/lib/sites/home-portal";
import { homeTag } from "@/lib/sites/home-tags";
import { ZHomeBlock, type THomeBlockInput } from "@/lib/sites/home-blocks";
import type { Actor } from "@/lib/auth/session";
import { actorsFor, fileDb, makeUser, orgId } from "./helpers";
import { ARTICLE_METADATA, SECTION, approveReview, columnId, submitted } from "./support/review";

// The composed home page against the real database: who may save and publish a layout, what the
// audit log says about it, and that every block labels the home page with the tags that the
// publishing of an item it shows purges.

const CULTURE = "重庆市文化和旅游发展委员会";

let listener: pg.Client;
const notifications: string[][] = [];

beforeAll(async () => {
  await fileDb();
  listener = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await listener.connect();
  listener.on("notification", (message) => notifications.push(parsePurgePayload(message.payload)));
  await listener.query(`listen ${PORTAL_PURGE_CHANNEL}`);
});

afterAll(async () => {
  await listener.end();
});

/** Waits for a purge notification naming `tag`. */
async function purgeNaming(tag: string): Promise<string[]> {
  return vi.waitFor(
    () => {
      const found = notifications.find((tags) => tags.includes(tag));
      if (!found) throw new Error(`no purge of ${tag} within 5 s`);
      return found;
    },
    { timeout: 5000, interval: 20 },
  );
}

async function districtSite() {
  return (await findSiteByHost("localhost"))!;
}

/** The tags the home page carries when rendered with `blocks`. */
async function pageTags(blocks: Awaited<ReturnType<typeof getPortalHomeBlocks>>) {
  const scope = newRenderScope();
  const views = await runInScope(scope, async () => {
    const site = await districtSite();
    return loadHomeBlockViews(site, blocks);
  });
  return { tags: scope.tags, views };
}

const tokenOf = (path: string) => path.split("/").pop()!;

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

async function layoutInput(blocks: THomeBlockInput[], baseVersion?: number) {
  const site = await districtSite();
  const layout = await getDb().homeLayout.findUnique({ where: { siteId: site.id } });
  return { siteId: site.id, baseVersion: baseVersion ?? layout?.draftVersion ?? 0, blocks };
}

async function publishLeader(editor: Actor, reviewer: Actor, deputy: Actor, name: string, rank: number) {
  const resource = await createResource(editor, { kind: "LEADER", ownerOrgId: await orgId(SECTION) });
  const { revision } = await saveRevision(editor, {
    resourceId: resource.id,
    baseVersion: 0,
    title: `${name}（示例）`,
    body: blocksToDoc([{ type: "paragraph", text: `${name}，示例简历。` }]),
    metadata: { ...ARTICLE_METADATA, leader: { name, post: rank === 0 ? "区长（示例）" : "副区长（示例）", rank } },
  });
  const instance = await submitForReview(editor, {
    resourceId: resource.id,
    baseVersion: revision.number,
    publishMode: "ON_APPROVAL",
    columnIds: [await columnId("ldzc-test")],
  });
  await approveReview(reviewer, deputy, instance.id, revision.contentHash);
  return resource.id;
}

describe("the site administrator's layout", () => {
  it("starts from the seeded published layout, saves a draft, previews and publishes it, audited", async () => {
    const [siteadmin] = await actorsFor("siteadmin");
    const site = await districtSite();
    const composer = await getHomeComposer(siteadmin, site.id);
    expect(composer.blocks.map((block) => block.title)).toContain("最新政策文件");
    expect(composer.hasUnpublished).toBe(false);

    const blocks: THomeBlockInput[] = [
      { kind: "NOTICES", title: "通知公告", config: { columnId: await columnId("tzgg"), count: 5 } },
      { kind: "HEADLINES", title: "沙坪坝要闻", config: { columnIds: [await columnId("ywdt")], count: 6 } },
      {
        kind: "LINKS",
        title: "上级政府网站",
        config: { links: [{ name: "重庆市人民政府", url: "https://www.cq.gov.cn/" }] },
      },
    ];
    const saved = await saveHomeDraft(siteadmin, await layoutInput(blocks));
    expect(saved.version).toBe(composer.version + 1);
    // The portal still shows the published layout; the preview shows the draft.
    expect((await getPortalHomeBlocks(site)).map((block) => block.title)).toContain("最新政策文件");
    const preview = await openHomePreview(siteadmin, tokenOf(saved.previewPath));
    expect(preview.blocks.map((block) => block.title)).toEqual(["通知公告", "沙坪坝要闻", "上级政府网站"]);
    expect((await getHomeComposer(siteadmin, site.id)).hasUnpublished).toBe(true);

    notifications.length = 0;
    await publishHomeLayout(siteadmin, { siteId: site.id, version: saved.version });
    await purgeNaming(homeTag(site.id));
    expect((await getPortalHomeBlocks(site)).map((block) => block.title)).toEqual([
      "通知公告",
      "沙坪坝要闻",
      "上级政府网站",
    ]);

    const events = await getDb().auditEvent.findMany({
      where: { subject: `site:${site.id}`, action: { startsWith: "site.home." } },
      orderBy: { seq: "asc" },
    });
    expect(events.map((event) => event.action)).toEqual(["site.home.draft", "site.home.publish"]);
    const published = events[1]!.data as { after: string; before: string; changes: string[] };
    expect(published.after).toBe("通知公告「通知公告」；要闻「沙坪坝要闻」；链接组「上级政府网站」");
    expect(published.before).toContain("政策文件「最新政策文件」");
    expect(published.changes).toContain("新增链接组「上级政府网站」");
    expect(published.changes).toContain("删除政策文件「最新政策文件」");
    expect(published.changes).toContain("调整区块顺序");

    // Publishing the same version again changes nothing.
    const again = await refusal(publishHomeLayout(siteadmin, { siteId: site.id, version: saved.version }));
    expect(again.code).toBe("INVALID");
  });

  it("refuses a stale draft, another site's columns and malformed blocks, changing nothing", async () => {
    const [siteadmin] = await actorsFor("siteadmin");
    const site = await districtSite();
    const before = await getDb().homeLayout.findUniqueOrThrow({ where: { siteId: site.id } });
    const notice = {
      kind: "NOTICES" as const,
      title: "通知公告",
      config: { columnId: await columnId("tzgg"), count: 5 },
    };

    const stale = await refusal(saveHomeDraft(siteadmin, await layoutInput([notice], before.draftVersion - 1)));
    expect(stale.code).toBe("CONFLICT");
    expect(stale.message).toBe("首页布局已被他人修改，请刷新页面后再编辑。");

    const foreign = { ...notice, config: { columnId: await columnId("wlzx", "wlw.localhost"), count: 5 } };
    const wrongSite = await refusal(saveHomeDraft(siteadmin, await layoutInput([foreign])));
    expect(wrongSite.code).toBe("INVALID");
    expect(wrongSite.message).toContain("所选栏目不属于本网站");

    const bad = await refusal(
      saveHomeDraft(
        siteadmin,
        await layoutInput([{ kind: "IMAGE_BANNER", title: "横幅", config: { src: "javascript:alert(1)", alt: "图" } }]),
      ),
    );
    expect(bad.code).toBe("INVALID");
    expect(bad.fieldErrors["blocks.0.config.src"]).toBeDefined();
    expect((await refusal(saveHomeDraft(siteadmin, { siteId: site.id, baseVersion: 1, blocks: "[]" }))).code).toBe(
      "INVALID",
    );

    const after = await getDb().homeLayout.findUniqueOrThrow({ where: { siteId: site.id } });
    expect(after).toEqual(before);
  });

  it("is the site's administrators' only: editors, other sites' administrators and strangers are refused", async () => {
    const site = await districtSite();
    const [editor, officer] = await actorsFor("editor", "officer");
    const cultureAdmin = await makeUser("culture-siteadmin", "SITE_ADMIN", CULTURE);
    const input = await layoutInput([
      { kind: "LINKS", title: "政府网站", config: { links: [{ name: "中国政府网", url: "https://www.gov.cn/" }] } },
    ]);
    const before = await getDb().homeBlock.count({ where: { siteId: site.id } });
    for (const actor of [editor, officer, cultureAdmin]) {
      expect((await refusal(saveHomeDraft(actor, input))).code).toBe("FORBIDDEN");
      expect((await refusal(publishHomeLayout(actor, { siteId: site.id, version: input.baseVersion }))).code).toBe(
        "FORBIDDEN",
      );
      expect((await refusal(getHomeComposer(actor, site.id))).code).toBe("FORBIDDEN");
      expect((await refusal(openHomePreview(actor, tokenOf(homePreviewPath(site.id, input.baseVersion))))).code).toBe(
        "FORBIDDEN",
      );
    }
    expect((await refusal(saveHomeDraft(null, input))).code).toBe("UNAUTHENTICATED");
    expect(await getDb().homeBlock.count({ where: { siteId: site.id } })).toBe(before);
    // The culture administrator keeps their own site.
    const culture = (await findSiteByHost("wlw.localhost"))!;
    expect((await getHomeComposer(cultureAdmin, culture.id)).site.name).toBe(CULTURE);
  });
});

describe("the preview link", () => {
  it("opens only the draft it was issued for, until it expires, for the site's administrators", async () => {
    const [siteadmin] = await actorsFor("siteadmin");
    const notice = { kind: "NOTICES" as const, title: "通知公告", config: { columnId: await columnId("tzgg") } };
    const first = await saveHomeDraft(siteadmin, await layoutInput([notice]));
    const token = tokenOf(first.previewPath);
    expect((await openHomePreview(siteadmin, token)).version).toBe(first.version);

    const tampered = token.replace(/^(.)/, (char) => (char === "A" ? "B" : "A"));
    expect((await refusal(openHomePreview(siteadmin, tampered))).code).toBe("NOT_FOUND");
    expect((await refusal(openHomePreview(siteadmin, "不是链接"))).code).toBe("NOT_FOUND");
    const later = new Date(Date.now() + 24 * 3600_000);
    const expired = await refusal(openHomePreview(siteadmin, token, later));
    expect(expired.code).toBe("FORBIDDEN");
    expect(expired.message).toContain("有效期已过");
    expect((await refusal(openHomePreview(null, token))).code).toBe("UNAUTHENTICATED");

    // Saved again: the old link no longer shows what the draft now is.
    await saveHomeDraft(siteadmin, await layoutInput([notice, { ...notice, title: "公示公告" }]));
    expect((await refusal(openHomePreview(siteadmin, token))).message).toContain("不再可用");
  });
});

describe("exact caching of the home page", () => {
  it("tags the page with what each block shows: publishing an item there purges it, elsewhere not", async () => {
    const [siteadmin, editor, reviewer, deputy] = await actorsFor("siteadmin", "editor", "reviewer", "deputy");
    const site = await districtSite();
    await saveColumn(siteadmin, {
      siteId: site.id,
      name: "领导之窗",
      slug: "ldzc-test",
      kind: "LIST",
      parentId: "",
      linkUrl: "",
      position: 9,
    });
    const blocks = [
      { kind: "FOCUS", title: "图片新闻", config: { columnIds: [await columnId("ywdt")], count: 5 } },
      { kind: "NOTICES", title: "通知公告", config: { columnId: await columnId("tzgg"), count: 5 } },
      { kind: "LEADERS", title: "领导之窗", config: { columnId: await columnId("ldzc-test"), count: 8 } },
    ] as const;
    const parsed = blocks.map((block) => ZHomeBlock.parse(block));

    // Each block alone: the blocks showing the column are purged, a block of another column is not.
    const ywdt = await columnId("ywdt");
    const tzgg = await columnId("tzgg");
    const focus = { kind: "FOCUS", title: "图片新闻", config: { columnIds: [ywdt] } };
    const headlines = { kind: "HEADLINES", title: "沙坪坝要闻", config: { columnIds: [ywdt] } };
    const latest = { kind: "HEADLINES", title: "最新发布", config: { columnIds: [] } };
    const news = { kind: "COLUMN", title: "政务动态", config: { columnId: await columnId("news") } };
    const notices = { kind: "NOTICES", title: "通知公告", config: { columnId: tzgg } };
    const policies = { kind: "POLICIES", title: "最新政策文件", config: { columnIds: [] } };
    const cases = [
      {
        column: ywdt,
        title: "焦点图栏目中的新稿件",
        shown: [focus, headlines, latest, news, policies],
        not: [notices],
      },
      { column: tzgg, title: "通知公告栏目中的新稿件", shown: [notices, news, latest], not: [focus, headlines] },
    ];
    for (const { column, title, shown, not } of cases) {
      const tagsOf = new Map(
        await Promise.all(
          [...shown, ...not].map(async (block) => [block, (await pageTags([ZHomeBlock.parse(block)])).tags] as const),
        ),
      );
      notifications.length = 0;
      const { instance, revision } = await submitted(editor, title, `${title}的正文。`, { columnIds: [column] });
      await approveReview(reviewer, deputy, instance.id, revision.contentHash);
      const purged = await purgeNaming(`column:${column}`);
      for (const block of shown)
        expect(
          purged.some((tag) => tagsOf.get(block)!.has(tag)),
          block.title,
        ).toBe(true);
      for (const block of not)
        expect(
          purged.some((tag) => tagsOf.get(block)!.has(tag)),
          block.title,
        ).toBe(false);
    }

    // 领导之窗: leaders by rank, whatever order they were published in.
    const { tags } = await pageTags(parsed);
    notifications.length = 0;
    await publishLeader(editor, reviewer, deputy, "王示例", 1);
    const purged = await purgeNaming(`column:${await columnId("ldzc-test")}`);
    expect(purged.some((tag) => tags.has(tag))).toBe(true);
    await publishLeader(editor, reviewer, deputy, "李示例", 0);
    const { views } = await pageTags(parsed);
    const leaders = views.find((view) => view.kind === "LEADERS");
    expect(leaders?.kind === "LEADERS" && leaders.leaders.map((leader) => [leader.name, leader.post])).toEqual([
      ["李示例", "区长（示例）"],
      ["王示例", "副区长（示例）"],
    ]);
  });

  it("carries the layout's own tag, and leaves out a block whose column is gone", async () => {
    const site = await districtSite();
    const scope = newRenderScope();
    await runInScope(scope, () => getPortalHomeBlocks(site));
    expect(scope.tags.has(homeTag(site.id))).toBe(true);
    const { views } = await pageTags([
      {
        kind: "COLUMN",
        title: "已删除的栏目",
        config: { columnId: crypto.randomUUID(), count: 6, showSummary: false, showImage: false },
      },
      { kind: "NOTICES", title: "通知公告", config: { columnId: await columnId("tzgg"), count: 5 } },
    ]);
    expect(views.map((view) => view.title)).toEqual(["通知公告"]);
  });
});

describe("an image banner", () => {
  it("is uploaded by the site administrator, and public once a published layout shows it", async () => {
    const [siteadmin] = await actorsFor("siteadmin");
    const site = await districtSite();
    const png = readFileSync(path.resolve("public/channels/wechat-cover.png"));
    // A site administrator may upload images only (the library's other files are editors' work).
    const pdf = await refusal(
      uploadAsset(siteadmin, { fileName: "横幅.pdf", bytes: new TextEncoder().encode("%PDF-1.4\n%%EOF\n") }),
    );
    expect(pdf.code).toBe("INVALID");
    const asset = await uploadAsset(siteadmin, { fileName: "横幅.png", bytes: png });
    expect(asset.ownerOrgId).toBe(site.orgId);
    expect((await refusal(getAssetFile(null, asset.id))).code).toBe("NOT_FOUND");

    const banner = {
      kind: "IMAGE_BANNER" as const,
      title: "横幅",
      config: { src: assetUrl(asset), href: "/columns/zmhd", alt: "示例横幅" },
    };
    const saved = await saveHomeDraft(siteadmin, await layoutInput([banner]));
    // A draft is not public.
    expect((await refusal(getAssetFile(null, asset.id))).code).toBe("NOT_FOUND");
    await publishHomeLayout(siteadmin, { siteId: site.id, version: saved.version });
    expect((await getAssetFile(null, asset.id)).access).toBe("public");
  });
});

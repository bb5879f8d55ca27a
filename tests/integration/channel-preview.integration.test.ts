import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import { blocksToDoc } from "@/lib/library/content";
import { createResource, saveRevision } from "@/lib/library/resources";
import { previewRenditions } from "@/lib/channels/preview";
import { renderForChannel, renditionHash } from "@/lib/channels/renditions/render";
import { loadRenditionSource, renditionSourceForRevision } from "@/lib/channels/renditions/source";
import { buildChannelFeed } from "@/lib/channels/feed";
import { GET as feedRoute } from "@/app/api/channels/[id]/feed/route";
import { actorFor, makeUser, orgId, fileDb } from "./helpers";

// 多渠道预览 and the renditions' sources read from the library: who may see the previews, that
// they show the latest (or a chosen) revision, the portal link of a placed item, and the pull feed
// of a FEED channel listing only live, acknowledged deliveries.

const SECTION = "区政府办公室政务公开科";
const DISTRICT = "重庆市沙坪坝区人民政府";
const body = (text: string) => blocksToDoc([{ type: "paragraph", text }]);

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error("expected a refusal");
}

beforeAll(async () => {
  await fileDb();
});

describe("multi-channel preview", () => {
  async function draft() {
    const editor = await actorFor("editor");
    const resource = await createResource(editor, { kind: "ARTICLE", ownerOrgId: await orgId(SECTION) });
    const first = await saveRevision(editor, {
      resourceId: resource.id,
      baseVersion: 0,
      title: "沙坪坝区召开政务公开工作推进会",
      body: body("会议部署了下一阶段工作。"),
      metadata: { source: { type: "original" }, summary: "会议部署了下一阶段工作。" },
    });
    const second = await saveRevision(editor, {
      resourceId: resource.id,
      baseVersion: 1,
      title: "沙坪坝区召开2026年政务公开工作推进会",
      body: body("会议总结了上一阶段工作，部署了下一阶段任务。"),
      metadata: { source: { type: "original" } },
    });
    return { editor, resource, first, second };
  }

  it("shows every channel's rendition of the latest revision to the editor", async () => {
    const { editor, resource } = await draft();
    const preview = await previewRenditions(editor, { resourceId: resource.id });
    expect(preview.revision).toMatchObject({
      number: 2,
      title: "沙坪坝区召开2026年政务公开工作推进会",
      isLatest: true,
    });
    expect(preview.previews.map((entry) => entry.format)).toEqual(["wechat-article", "weibo-status", "json"]);
    for (const entry of preview.previews) {
      const { rendition } = entry;
      if (rendition.format === "wechat-article") {
        expect(rendition.title).toBe("沙坪坝区召开2026年政务公开工作推进会");
        expect(rendition.html).toContain("部署了下一阶段任务");
        expect(rendition.html).not.toContain("会议部署了下一阶段工作。");
      } else if (rendition.format === "weibo-status") {
        expect(rendition.text.startsWith("【沙坪坝区召开2026年政务公开工作推进会】")).toBe(true);
        expect(rendition.length).toBeLessThanOrEqual(rendition.limit);
      } else {
        expect(rendition.document.title).toBe("沙坪坝区召开2026年政务公开工作推进会");
      }
    }
    // Not placed on any site yet: no link back, which the preview says before anyone submits.
    expect(preview.portalUrl).toBeNull();
    const weibo = preview.previews.find((entry) => entry.format === "weibo-status")!.rendition;
    expect(weibo.format === "weibo-status" && weibo.problems.length).toBe(1);
  });

  it("shows a chosen revision, and the same to a reviewer of the unit", async () => {
    const { resource, first } = await draft();
    const reviewer = await actorFor("reviewer");
    const preview = await previewRenditions(reviewer, { resourceId: resource.id, revisionId: first.revision.id });
    expect(preview.revision).toMatchObject({ number: 1, title: "沙坪坝区召开政务公开工作推进会", isLatest: false });
    const editorView = await previewRenditions(await actorFor("editor"), {
      resourceId: resource.id,
      revisionId: first.revision.id,
    });
    expect(editorView.previews.map((entry) => renditionHash(entry.rendition))).toEqual(
      preview.previews.map((entry) => renditionHash(entry.rendition)),
    );
  });

  it("refuses an editor of another unit, the signed-out, and a revision of another resource", async () => {
    const { resource } = await draft();
    const outsider = await makeUser("culture-editor", "EDITOR", "重庆市文化和旅游发展委员会");
    expect((await refusal(previewRenditions(outsider, { resourceId: resource.id }))).code).toBe("NOT_FOUND");
    expect((await refusal(previewRenditions(null, { resourceId: resource.id }))).code).toBe("UNAUTHENTICATED");
    const other = await draft();
    expect(
      (
        await refusal(
          previewRenditions(other.editor, { resourceId: resource.id, revisionId: other.second.revision.id }),
        )
      ).code,
    ).toBe("NOT_FOUND");
  });

  it("asks for a saved version before there is anything to preview", async () => {
    const editor = await actorFor("editor");
    const resource = await createResource(editor, { kind: "ARTICLE", ownerOrgId: await orgId(SECTION) });
    expect((await refusal(previewRenditions(editor, { resourceId: resource.id }))).message).toContain("保存");
  });
});

describe("rendition sources from the library", () => {
  it("reads a publication's revision, its unit and the portal page of its first placement", async () => {
    const db = getDb();
    const publication = await db.publication.findFirstOrThrow({
      where: { withdrawnAt: null, supersededAt: null, resource: { placements: { some: {} } } },
      include: {
        revision: true,
        resource: {
          include: {
            ownerOrg: true,
            placements: {
              orderBy: [{ createdAt: "asc" }, { id: "asc" }],
              take: 1,
              include: { column: { include: { site: { include: { hosts: { orderBy: { host: "asc" } } } } } } },
            },
          },
        },
      },
    });
    const source = await loadRenditionSource(db, publication.id);
    const host = publication.resource.placements[0]!.column.site.hosts[0]!.host;
    expect(source).toMatchObject({
      resourceId: publication.resourceId,
      kind: publication.resource.kind,
      title: publication.revision.title,
      bodyHtml: publication.revision.bodyHtml,
      contentHash: publication.revision.contentHash,
      publishedAt: publication.publishedAt,
      correctionNote: publication.correctionNote,
    });
    expect(source.portalUrl).toMatch(
      new RegExp(`^https?://${host.replace(/\./g, "\\.")}(:\\d+)?/content/${publication.resourceId}$`),
    );
    expect(source.sourceName.length).toBeGreaterThan(0);
    // Read twice, rendered twice: the same bytes.
    const again = await renditionSourceForRevision(db, publication.revisionId);
    expect(
      renderForChannel("WECHAT", { ...again, publishedAt: source.publishedAt, correctionNote: source.correctionNote }),
    ).toEqual(renderForChannel("WECHAT", source));
  });
});

describe("FEED channel", () => {
  it("lists acknowledged deliveries of live publications, newest first, and drops withdrawn ones", async () => {
    const db = getDb();
    const district = await orgId(DISTRICT);
    const account = await db.newMediaAccount.create({
      data: { orgId: district, platform: "OTHER", name: "沙坪坝区融媒体订阅", manager: "林海", phone: "023-65000000" },
    });
    const channel = await db.channel.create({
      data: { orgId: district, kind: "FEED", accountId: account.id, name: "测试订阅源", config: {} },
    });
    const publications = await db.publication.findMany({
      where: { withdrawnAt: null, supersededAt: null },
      orderBy: { publishedAt: "asc" },
      take: 4,
      select: { id: true, resourceId: true, contentHash: true },
    });
    expect(publications).toHaveLength(4);
    const statuses = ["ACKNOWLEDGED", "ACKNOWLEDGED", "PENDING", "FAILED"] as const;
    for (const [index, publication] of publications.entries()) {
      await db.delivery.create({
        data: {
          publicationId: publication.id,
          channelId: channel.id,
          resourceId: publication.resourceId,
          action: "PUBLISH",
          contentHash: publication.contentHash,
          idempotencyKey: `feed-test-${index}`,
          status: statuses[index],
          createdAt: new Date(Date.UTC(2026, 0, 1 + index)),
        },
      });
    }

    const feed = await buildChannelFeed(channel.id, "http://localhost:3000/api/channels/x/feed");
    expect(feed?.version).toBe("https://jsonfeed.org/version/1.1");
    expect(feed!.items.map((item) => item.id)).toEqual([publications[1]!.resourceId, publications[0]!.resourceId]);
    expect(feed!.items[0]!._tongyuan.contentHash).toBe(publications[1]!.contentHash);

    const response = await feedRoute(new Request(`http://localhost:3000/api/channels/${channel.id}/feed`), {
      params: Promise.resolve({ id: channel.id }),
    });
    expect(response.headers.get("content-type")).toContain("application/feed+json");
    expect(((await response.json()) as { items: unknown[] }).items).toHaveLength(2);

    await db.publication.update({ where: { id: publications[1]!.id }, data: { withdrawnAt: new Date() } });
    expect((await buildChannelFeed(channel.id, "x"))!.items.map((item) => item.id)).toEqual([
      publications[0]!.resourceId,
    ]);

    // Only FEED channels in good standing have a feed.
    await db.channel.update({ where: { id: channel.id }, data: { active: false } });
    expect(await buildChannelFeed(channel.id, "x")).toBeNull();
    const notFound = await feedRoute(new Request("http://localhost:3000/api/channels/nope/feed"), {
      params: Promise.resolve({ id: "nope" }),
    });
    expect(notFound.status).toBe(404);
  });
});

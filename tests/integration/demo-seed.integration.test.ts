import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { getAssetFile, readBytes } from "@/lib/library/assets";
import { ZRevisionMetadata } from "@/lib/library/metadata";
import { loadSeedDocuments } from "@/lib/seed/demo-platform";
import { seedSampleContent } from "@/lib/seed/samples";
import { SAMPLE_MARK, SAMPLE_NOTE } from "@/lib/seed/sample-text";
import { loadApprovedNotice } from "@/lib/disclosure/notice-document";
import { descendantIds, findSiteByHost, getPortalHome, listSiteItems, type PortalColumn } from "@/lib/sites/portal";
import { getPortalHomeBlocks, loadHomeBlockViews, type HomeBlockView } from "@/lib/sites/home-portal";
import { withInteractionEntries } from "@/lib/interaction/home-entries";
import { listServedQa } from "@/lib/interaction/qa/public-qa";
import { fileDb } from "./helpers";

// The demo platform as a fresh `npm start` shows it: the platform seed and its 示例 content.

const HOSTS = ["localhost", "wlw.localhost"];
const NOT_LISTING = new Set(["LINK", "INTERACTION", "SEARCH"]);
let seededIn = 0;

async function snapshot() {
  const db = getDb();
  const [resources, revisions, publications, placements, relations, assets, columns, audit] = await Promise.all([
    db.resource.count(),
    db.revision.count(),
    db.publication.count(),
    db.placement.count(),
    db.resourceRelation.count(),
    db.asset.count(),
    db.column.findMany({ select: { id: true, bannerSrc: true, nav: true }, orderBy: { id: "asc" } }),
    db.auditEvent.count(),
  ]);
  return { resources, revisions, publications, placements, relations, assets, columns, audit };
}

function walk(columns: PortalColumn[]): PortalColumn[] {
  return columns.flatMap((column) => [column, ...walk(column.children)]);
}

beforeAll(async () => {
  await fileDb();
  const started = performance.now();
  const result = await seedSampleContent(getDb());
  seededIn = performance.now() - started;
  expect(result.seeded).toBe(true);
  expect(result.items).toBeGreaterThanOrEqual(200);
}, 180_000);

describe("demo platform with its sample content", () => {
  it("fills every column of the standard columns, and every block of both home pages", async () => {
    console.info(`sample content seeded in ${Math.round(seededIn)} ms`);
    for (const host of HOSTS) {
      const site = (await findSiteByHost(host))!;
      const home = await getPortalHome(site);
      for (const column of walk(home.tree).filter((candidate) => !NOT_LISTING.has(candidate.kind))) {
        const { total } = await listSiteItems(site.id, {
          columnIds: [column.id, ...descendantIds(column)],
          take: 1,
          withTotal: true,
        });
        expect(total, `${host} ${column.name}`).toBeGreaterThan(0);
      }
      for (const block of home.blocks) expect(block.items.length, `${host} ${block.column.name}`).toBeGreaterThan(0);
      // The home page the portal shows: every block its administrator published has something in it.
      const views = await withInteractionEntries(
        site.id,
        await loadHomeBlockViews(site, await getPortalHomeBlocks(site)),
      );
      expect(views.map((view) => view.kind)).toEqual(expect.arrayContaining(["FOCUS", "LEADERS", "TOPICS"]));
      for (const view of views) expect(blockSize(view), `${host} ${view.title}`).toBeGreaterThan(0);
      expect(home.policies.length).toBeGreaterThan(0);
      expect(home.interpretations.length).toBeGreaterThan(0);
      // The headline has its picture; the newest item is days old, not months (首页更新).
      expect(home.latest[0]!.titleImage?.src).toMatch(/^\/api\/assets\//);
      expect(Date.now() - home.latest[0]!.publishedAt.getTime()).toBeLessThan(3 * 86_400_000);
      // Footer pages are not blocks or navigation; 专题 have their banner, intro and two sub-columns.
      expect(home.blocks.map((block) => block.column.slug)).not.toContain("gybz");
      expect(home.tree.filter((column) => !column.nav).map((column) => column.name)).toEqual([
        "关于本站",
        "联系我们",
        "网站声明",
        "使用帮助",
      ]);
      const topics = walk(home.tree).filter((column) => column.kind === "TOPIC");
      expect(topics.length).toBeGreaterThanOrEqual(2);
      const rows = await getDb().column.findMany({ where: { id: { in: topics.map((topic) => topic.id) } } });
      for (const row of rows) {
        expect(row.bannerSrc).toMatch(/^\/api\/assets\/[0-9a-f-]{36}$/);
        expect(row.intro).toContain("示例");
      }
      for (const topic of topics) expect(topic.children).toHaveLength(2);
    }
  });

  it("files the standard 政府信息公开 catalogue of the district", async () => {
    const site = (await findSiteByHost("localhost"))!;
    const tree = (await getPortalHome(site)).tree;
    const catalogue = tree.find((column) => column.slug === "zfxxgk")!;
    expect(catalogue.kind).toBe("DISCLOSURE");
    expect(catalogue.children.map((column) => column.name)).toEqual([
      "政府信息公开指南",
      "政府信息公开制度",
      "法定主动公开内容",
      "政府信息公开年报",
      "政府网站工作年度报表",
      "依申请公开",
    ]);
    const proactive = catalogue.children.find((column) => column.slug === "fdzdgknr")!;
    expect(walk(proactive.children).map((column) => column.slug)).toEqual(
      expect.arrayContaining(["jgzn", "fgwj", "zcwj", "sjwj", "zcjd", "ghxx", "czxx", "zdxm"]),
    );
    expect(tree.map((column) => column.slug)).toEqual(
      expect.arrayContaining(["news", "ldzc", "zjspb", "zfxxgk", "zt", "zmhd", "bsfw", "xxjj"]),
    );
  });

  it("fills the district's 依申请公开 with requests in different states, one answered with its 告知书", async () => {
    const db = getDb();
    const district = await db.organization.findFirstOrThrow({ where: { name: "重庆市沙坪坝区人民政府" } });
    const requests = await db.disclosureRequest.findMany({
      where: { unitId: district.id },
      include: { answer: true, extensions: true, fees: true, attachments: true },
    });
    expect(requests.map((request) => request.state).sort()).toEqual(
      ["CORRECTION", "DELIVERED", "RECEIVED", "REGISTERED"].sort(),
    );
    const extended = requests.find((request) => request.state === "REGISTERED")!;
    expect(extended.extensions).toEqual([expect.objectContaining({ status: "APPROVED", workingDays: 15 })]);
    expect(extended.fees).toEqual([expect.objectContaining({ amountYuan: 1100, paidAt: expect.any(Date) })]);
    expect((extended.clock as { extendedDays: number; pausedDays: number }).extendedDays).toBe(15);
    expect(requests.find((request) => request.state === "RECEIVED")!.attachments).toHaveLength(1);
    const answered = requests.find((request) => request.state === "DELIVERED")!;
    expect(answered).toMatchObject({ answerType: "PARTIAL", answer: { status: "DELIVERED" } });
    const notice = await loadApprovedNotice(answered.id);
    expect(notice?.html).toContain("本机关向您提供可以公开的部分");
    for (const request of requests) expect(request.dueAt.getTime()).toBeGreaterThan(request.receivedAt.getTime());
  });

  it("gives every published policy its 索引号, unique, and no other kind of item goes without one", async () => {
    const db = getDb();
    const published = await db.resource.findMany({ where: { state: "PUBLISHED" } });
    expect(published.filter((resource) => resource.kind === "POLICY").length).toBeGreaterThanOrEqual(15);
    for (const resource of published) expect(resource.indexNumber, resource.title).toMatch(/^[0-9A-Z]+\/\d{4}-\d+$/);
    expect(new Set(published.map((resource) => resource.indexNumber)).size).toBe(published.length);
  });

  it("files other governments' documents in 学习借鉴 only, never as 政策文件 or 上级文件", async () => {
    const db = getDb();
    const documents = await loadSeedDocuments();
    const foreign = documents.filter((document) => !document.issuer.startsWith("重庆市"));
    expect(foreign.length).toBeGreaterThanOrEqual(3);
    const filed = await db.placement.findMany({
      where: { column: { slug: { in: ["zcwj", "sjwj"] } } },
      include: { resource: { include: { revisions: true } } },
    });
    expect(filed.length).toBeGreaterThan(0);
    for (const placement of filed) {
      const metadata = ZRevisionMetadata.parse(placement.resource.revisions[0]!.metadata);
      expect(metadata.policy?.issuer, placement.resource.title).toMatch(/^重庆市/);
    }
    for (const document of foreign) {
      const slugs = await db.placement.findMany({
        where: { resource: { title: document.title } },
        select: { column: { select: { slug: true } } },
      });
      expect(slugs.map((row) => row.column.slug)).toEqual(["xxjj"]);
    }
  });

  it("marks every sample item 示例 in its title and body, and links every 解读 to a policy", async () => {
    const db = getDb();
    const titles = new Set((await loadSeedDocuments()).map((document) => document.title));
    const samples = await db.revision.findMany({
      where: { title: { notIn: [...titles] } },
      include: { resource: true },
    });
    expect(samples.length).toBeGreaterThanOrEqual(200);
    for (const revision of samples) {
      expect(revision.title.startsWith(SAMPLE_MARK), revision.title).toBe(true);
      expect(revision.bodyHtml, revision.title).toContain(SAMPLE_NOTE);
      const metadata = ZRevisionMetadata.parse(revision.metadata);
      if (revision.resource.kind === "LEADER") expect(metadata.leader?.name).toContain("示例");
      if (revision.resource.kind === "POLICY") expect(metadata.policy?.docNumber).toMatch(/^示例/);
    }
    const interpretations = await db.resource.findMany({
      where: { kind: "INTERPRETATION" },
      include: { relationsFrom: { include: { to: true } } },
    });
    expect(interpretations.length).toBeGreaterThan(0);
    for (const interpretation of interpretations) {
      expect(interpretation.relationsFrom.map((relation) => [relation.kind, relation.to.kind])).toEqual([
        ["INTERPRETS", "POLICY"],
      ]);
    }
    // Some interpret the seeded documents themselves.
    expect(interpretations.some((item) => titles.has(item.relationsFrom[0]!.to.title))).toBe(true);
    const leaders = await db.resource.count({ where: { kind: "LEADER" } });
    expect(leaders).toBeGreaterThanOrEqual(6);
  });

  it("fills the district's 咨询答问 with served entries by theme, one on the 社会保障卡 resting on a policy", async () => {
    const district = (await findSiteByHost("localhost"))!;
    const entries = await getDb().qaEntry.findMany({ include: { policies: true, resource: true } });
    expect(entries.length).toBeGreaterThanOrEqual(12);
    const card = entries.find((entry) => entry.resource.title.includes("社会保障卡"))!;
    expect(card.themes).toContain("social-security");
    expect(card.policies).toHaveLength(1);
    const served = await listServedQa(district.id);
    expect(served.entries.length).toBe(entries.length - 1);
    expect(served.entries.map((entry) => entry.id)).not.toContain(
      entries.find((entry) => entry.validTo !== null)!.resourceId,
    );
    expect((await listServedQa(district.id, { theme: "social-security" })).entries.length).toBeGreaterThanOrEqual(2);
  });

  it("stores the drawn pictures like uploads: bytes match their hash, shown publicly once published", async () => {
    const db = getDb();
    const assets = await db.asset.findMany();
    expect(assets.length).toBeGreaterThanOrEqual(20);
    for (const asset of assets) {
      const bytes = await readBytes(asset.storageKey);
      expect(createHash("sha256").update(bytes).digest("hex")).toBe(asset.sha256);
      expect(bytes.byteLength).toBe(asset.size);
      expect(asset.mimeType).toBe("image/jpeg");
      expect(asset.width).toBeGreaterThan(0);
    }
    const site = (await findSiteByHost("localhost"))!;
    const { items } = await listSiteItems(site.id, { take: 1 });
    const id = items[0]!.titleImage!.src.split("/").pop()!;
    expect((await getAssetFile(null, id)).access).toBe("public");
  });

  it("spreads the dates over recent months, none in the future", async () => {
    const publications = await getDb().publication.findMany({ select: { publishedAt: true } });
    const now = Date.now();
    for (const publication of publications) expect(publication.publishedAt.getTime()).toBeLessThanOrEqual(now);
    const recent = publications.filter((publication) => now - publication.publishedAt.getTime() < 120 * 86_400_000);
    const months = new Set(recent.map((publication) => publication.publishedAt.toISOString().slice(0, 7)));
    expect(months.size).toBeGreaterThanOrEqual(3);
  });

  it("changes nothing when seeded again, even twice at once", async () => {
    const before = await snapshot();
    const runs = await Promise.all([seedSampleContent(getDb()), seedSampleContent(getDb())]);
    expect(runs).toEqual([
      { seeded: false, items: 0 },
      { seeded: false, items: 0 },
    ]);
    expect(await snapshot()).toEqual(before);
  });
});

/** How many things a home block shows (slides, items, entries, topics, leaders or links). */
function blockSize(view: HomeBlockView): number {
  switch (view.kind) {
    case "FOCUS":
      return view.slides.length;
    case "HEADLINES":
      return view.items.length + (view.headline ? 1 : 0);
    case "LIST":
      return view.items.length;
    case "SERVICES":
    case "INTERACTION":
      return view.entries.length;
    case "TOPICS":
      return view.topics.length;
    case "LEADERS":
      return view.leaders.length;
    case "IMAGE_BANNER":
      return 1;
    case "LINKS":
      return view.links.length;
  }
}

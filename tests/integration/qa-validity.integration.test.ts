import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/session";
import { blocksToDoc } from "@/lib/library/content";
import { createResource, saveRevision } from "@/lib/library/resources";
import { submitForReview } from "@/lib/review/instances";
import { findSiteByHost, getColumnPage, getPortalHome, listSitemapEntries, type PortalSite } from "@/lib/sites/portal";
import { loadHomeBlockViews } from "@/lib/sites/home-portal";
import type { THomeBlock } from "@/lib/sites/home-blocks";
import { answerQuestion } from "@/lib/interaction/ask/answer-question";
import { sweepQaValidity } from "@/lib/interaction/qa/validity-sweep";
import { loadRenditionSource } from "@/lib/channels/renditions/source";
import { renderJson } from "@/lib/channels/renditions/json";
import { actorFor, fileDb, orgId } from "./helpers";
import { search } from "./support/search";
import { approveReview, columnId, SECTION } from "./support/review";

// 答问 outside their 有效期 on a fixed clock: an entry valid until yesterday is gone from portal
// search, the home page's blocks, the column list, the sitemap, /api/qa and 智能问答 (one use case
// serves both); an entry in force is in each of them. The daily sweep then removes the expired
// entry's search document and purges the pages that listed it.

const DAY_ONE = new Date("2026-12-07T10:00:00+08:00");
const DAY_TWO = new Date("2026-12-08T10:00:00+08:00");
const SLUG = "zxdw";

let editor: Actor;
let reviewer: Actor;
let deputy: Actor;
let site: PortalSite;
let expiring = "";
let current = "";
let pending = "";

async function publishQa(title: string, text: string, qa: Record<string, unknown>) {
  const id = (await createResource(editor, { kind: "QA", ownerOrgId: await orgId(SECTION) })).id;
  const { revision } = await saveRevision(editor, {
    resourceId: id,
    baseVersion: 0,
    title,
    body: blocksToDoc([{ type: "paragraph", text }]),
    metadata: { source: { type: "original" }, qa },
  });
  const instance = await submitForReview(editor, {
    resourceId: id,
    baseVersion: revision.number,
    publishMode: "ON_APPROVAL",
    columnIds: [await columnId(SLUG)],
  });
  await approveReview(reviewer, deputy, instance.id, revision.contentHash);
  return id;
}

/** Where each entry shows, today as the fixed clock says. */
async function presence() {
  const column = (await getColumnPage(site, SLUG, 1))!;
  const home = await getPortalHome(site);
  const block = {
    kind: "HEADLINES",
    title: "咨询答问",
    config: { columnIds: [column.column.id], count: 8, withImage: false },
  };
  const views = await loadHomeBlockViews(site, [block as THomeBlock]);
  const sitemap = await listSitemapEntries(site.id, 10_000);
  const found = (await search("冬季取暖补贴")).hits.map((hit) => hit.href);
  const asked = await answerQuestion({ q: "冬季取暖补贴怎么申领" }, { siteId: site.id, baseUrl: "http://localhost" });
  const answered = asked.answers.map((answer) => answer.sourceUrl);
  const where = (id: string) => ({
    column: column.items.some((item) => item.resourceId === id),
    homeLatest: home.latest.some((item) => item.resourceId === id),
    homeColumnBlock: home.blocks.some((entry) => entry.items.some((item) => item.resourceId === id)),
    homeBlock: JSON.stringify(views).includes(id),
    sitemap: sitemap.some((entry) => entry.resourceId === id),
    search: found.some((url) => url.includes(id)),
    answers: answered.some((url) => url.includes(id)),
  });
  return { expiring: where(expiring), current: where(current), pending: where(pending) };
}

const everywhere = {
  column: true,
  homeLatest: true,
  homeColumnBlock: true,
  homeBlock: true,
  sitemap: true,
  search: true,
  answers: true,
};
const nowhere = Object.fromEntries(Object.keys(everywhere).map((key) => [key, false]));

beforeAll(async () => {
  await fileDb();
  editor = await actorFor("editor");
  reviewer = await actorFor("reviewer");
  deputy = await actorFor("deputy");
  site = (await findSiteByHost("localhost"))!;
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(DAY_ONE);
  expiring = await publishQa("2026 年冬季取暖补贴申领截止时间是哪天？", "冬季取暖补贴申领截止到 2026 年 12 月 7 日。", {
    validFrom: "2026-11-01",
    validTo: "2026-12-07",
  });
  current = await publishQa("冬季取暖补贴向哪个部门申领？", "冬季取暖补贴向户籍所在地街道（镇）社会事务办申领。", {
    validFrom: "2026-01-01",
  });
  pending = await publishQa(
    "2027 年冬季取暖补贴什么时候开始申领？",
    "2027 年冬季取暖补贴自 2026 年 12 月 9 日起申领。",
    {
      validFrom: "2026-12-09",
    },
  );
}, 180_000);

afterAll(() => {
  vi.useRealTimers();
});

describe("答问有效期 across the portal, search and 智能问答", () => {
  it("shows an entry within its validity everywhere, and one not yet valid nowhere", async () => {
    vi.setSystemTime(DAY_ONE);
    const seen = await presence();
    expect(seen.expiring).toEqual(everywhere);
    expect(seen.current).toEqual(everywhere);
    expect(seen.pending).toEqual(nowhere);
  });

  it("leaves an entry valid until yesterday out of every place, before any sweep", async () => {
    vi.setSystemTime(DAY_TWO);
    const seen = await presence();
    expect(seen.expiring).toEqual(nowhere);
    expect(seen.current).toEqual(everywhere);
  });

  it("the daily sweep removes the expired entry's search document and purges its pages, once", async () => {
    vi.setSystemTime(DAY_ONE);
    await sweepQaValidity(getDb());
    vi.setSystemTime(DAY_TWO);
    const db = getDb();
    const live = (await db.searchIndexState.findUniqueOrThrow({ where: { engine: "postgres" } })).live;
    expect(await db.searchDocument.count({ where: { id: `res-${expiring}`, generation: live } })).toBe(1);
    const purgesBefore = await db.portalPurge.count();
    const swept = await sweepQaValidity(db);
    expect(swept).toEqual({ ended: 1, began: 0 });
    expect(await db.searchDocument.count({ where: { id: `res-${expiring}`, generation: live } })).toBe(0);
    expect(await db.searchDocument.count({ where: { id: `res-${current}`, generation: live } })).toBe(1);
    expect(await db.searchDocument.count({ where: { id: `res-${pending}`, generation: live } })).toBe(1);
    const events = await db.outboxEvent.findMany({ where: { topic: "qa.validity.changed" } });
    expect(events.map((event) => event.subject)).toEqual([`resource:${expiring}`]);
    const purges = await db.portalPurge.findMany({ orderBy: { id: "desc" }, take: 1 });
    expect(await db.portalPurge.count()).toBe(purgesBefore + 1);
    expect(purges[0]!.tags).toEqual(expect.arrayContaining([`listing:${site.id}`]));
    // The same day again: nothing more to announce.
    expect(await sweepQaValidity(db)).toEqual({ ended: 0, began: 0 });
  });

  it("on the day an entry becomes valid, it appears, and the sweep purges the pages that now list it", async () => {
    vi.setSystemTime(new Date("2026-12-09T00:30:00+08:00"));
    expect((await presence()).pending).toEqual(everywhere);
    expect(await sweepQaValidity(getDb())).toEqual({ ended: 0, began: 1 });
  });
});

describe("答问 renditions for channels", () => {
  it("name the entry's themes in Chinese, not by their codes", async () => {
    const db = getDb();
    const theme = await db.qaTheme.findFirstOrThrow({ orderBy: { position: "asc" } });
    const id = await publishQa("取暖补贴可以委托他人代领吗？", "可以，代领人须持双方身份证件。", {
      validFrom: "2026-01-01",
      themes: [theme.code],
    });
    const publication = await db.publication.findFirstOrThrow({ where: { resourceId: id } });
    const { document } = renderJson(await loadRenditionSource(db, publication.id));
    expect(document.metadata.qaThemes!.value).toEqual([theme.name]);
    expect(theme.name).toMatch(/\p{Script=Han}/u);
  });
});

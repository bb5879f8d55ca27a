import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { DEFAULT_THRESHOLDS, type CheckName, type CheckResult } from "@/lib/supervision/checks";
import { loadContentContext, measureContent, type ScanStats } from "@/lib/supervision/monitors/content";
import { runMonitors } from "@/lib/supervision/run-monitors";
import { loadLexicon, LEXICON_STATE_KEY } from "@/lib/review/revision-checks";
import { verifyAuditChain } from "@/lib/audit/verify";
import { restoreResources } from "@/lib/library/trash";
import { fileDb, makeUser, orgId } from "./helpers";
import { at } from "./support/interaction";

// #28 "Speed": the content scan reads only what was published, corrected or placed on a site since its
// last scan (a mark per site), the whole site weekly (Sunday by default) and whenever the lexicon or the
// serious-error list changed; the site's results come from the kept outcomes of every live item.
// Fixed clock: Monday 2026-11-16 10:00 China time; Sunday is 2026-11-22.

const MONDAY = at("2026-11-16T10:00:00");
const HOUR = 3_600_000;
const later = (hours: number) => new Date(MONDAY.getTime() + hours * HOUR);
const HOUSING = "重庆市住房和城乡建设委员会";
const SERIOUS = "深入学习贯彻党的第二十届全国代表大会精神";
const PLAIN = "住房城乡建设工作动态";

let serial = 0;
let authorId = "";

async function newSite() {
  serial += 1;
  return getDb().site.create({
    data: {
      name: `增量扫描测试网站${serial}`,
      siteCode: `50000098${String(serial).padStart(2, "0")}`,
      orgId: await orgId(HOUSING),
      position: 200 + serial,
      hosts: { create: { host: `zl${serial}.localhost` } },
    },
  });
}

async function column(siteId: string, name: string) {
  return getDb().column.create({
    data: { siteId, name, slug: `z${Math.random().toString(36).slice(2, 10)}`, kind: "LIST" },
  });
}

async function item(columnId: string, publishedAt: Date, text: string) {
  const db = getDb();
  const org = await orgId(HOUSING);
  const resource = await db.resource.create({
    data: {
      kind: "ARTICLE",
      ownerOrgId: org,
      createdById: authorId,
      state: "PUBLISHED",
      title: "测试信息",
      version: 1,
    },
  });
  const revision = await db.revision.create({
    data: {
      resourceId: resource.id,
      number: 1,
      title: "测试信息",
      body: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] },
      bodyHtml: `<p>${text}</p>`,
      metadata: {},
      contentHash: `h${resource.id}`,
      authorId,
    },
  });
  const publication = await db.publication.create({
    data: { resourceId: resource.id, revisionId: revision.id, origin: "IMPORTED", publishedAt },
  });
  // Placed when published, on the test's clock (the scan compares placement times with its mark).
  await db.placement.create({ data: { columnId, resourceId: resource.id, createdAt: publishedAt } });
  return { resource, publication };
}

const byName = (results: CheckResult[], name: CheckName) => results.find((result) => result.name === name)!;

async function scan(site: { id: string }, now: Date) {
  const stats: ScanStats = { sites: 0, fullSites: 0, read: 0 };
  const results = await measureContent(getDb(), site, now, DEFAULT_THRESHOLDS, {
    context: await loadContentContext(getDb()),
    pacer: { rest: async () => {}, totals: () => ({ busyMs: 0, restMs: 0, batches: 0 }) },
    stats,
  });
  return { results, stats, serious: byName(results, "site.content-serious") };
}

beforeAll(async () => {
  const db = await fileDb();
  authorId = (await db.user.findUniqueOrThrow({ where: { username: "editor" } })).id;
});

describe("增量内容扫描", () => {
  it("reads a new item, not an unchanged one, and keeps the unchanged one's findings", async () => {
    const site = await newSite();
    const news = await column(site.id, "工作动态");
    const bad = await item(news.id, new Date(MONDAY.getTime() - 48 * HOUR), SERIOUS);
    await item(news.id, new Date(MONDAY.getTime() - 24 * HOUR), PLAIN);

    const first = await scan(site, MONDAY);
    expect(first.stats).toMatchObject({ fullSites: 1, read: 2 });
    expect(first.serious).toMatchObject({ status: "fail", measured: 1 });
    expect(first.serious.evidence).toMatchObject({ scanned: 2, items: [{ resourceId: bad.resource.id }] });

    // An hour later nothing changed: nothing is read, the serious error is still reported.
    const second = await scan(site, later(1));
    expect(second.stats).toMatchObject({ fullSites: 0, read: 0 });
    expect(second.serious).toMatchObject({ status: "fail", measured: 1 });
    expect(second.serious.evidence).toEqual(first.serious.evidence);

    // An item published after the last scan is read (one), and only it.
    const fresh = await item(news.id, later(1.5), "联系人王某，手机13812345678");
    const third = await scan(site, later(2));
    expect(third.stats).toMatchObject({ fullSites: 0, read: 1 });
    expect(third.serious).toMatchObject({ status: "fail", measured: 1 });
    expect(byName(third.results, "site.content-privacy").evidence).toMatchObject({
      scanned: 3,
      items: [{ resourceId: fresh.resource.id }],
    });
  });

  it("reads an old item placed on the site since the last scan (re-placed)", async () => {
    const site = await newSite();
    const news = await column(site.id, "工作动态");
    const elsewhere = await newSite();
    const other = await column(elsewhere.id, "通知公告");
    const old = await item(other.id, new Date(MONDAY.getTime() - 240 * HOUR), SERIOUS);
    expect((await scan(site, MONDAY)).serious.status).toBe("ok");
    await getDb().placement.create({ data: { columnId: news.id, resourceId: old.resource.id, createdAt: later(0.5) } });
    const after = await scan(site, later(1));
    expect(after.stats.read).toBe(1);
    expect(after.serious.status).toBe("fail");
  });

  it("reads an item restored from the 回收站 at the next run, not at the weekly full scan", async () => {
    // The 回收站 takes only withdrawn items, but one trashed live (before that rule, or by a data
    // repair) and then restored is live again with its old publication and placement times.
    const site = await newSite();
    const news = await column(site.id, "工作动态");
    const bad = await item(news.id, new Date(MONDAY.getTime() - 48 * HOUR), SERIOUS);
    await item(news.id, new Date(MONDAY.getTime() - 24 * HOUR), PLAIN);
    await getDb().resource.update({ where: { id: bad.resource.id }, data: { trashedAt: MONDAY } });
    expect((await scan(site, MONDAY)).serious.status).toBe("ok");

    const housingEditor = await makeUser("housing.restorer", "EDITOR", HOUSING);
    const restored = await restoreResources(housingEditor, { ids: [bad.resource.id] });
    expect(restored.items[0]).toMatchObject({ ok: true });
    expect((await getDb().resource.findUniqueOrThrow({ where: { id: bad.resource.id } })).restoredAt).not.toBeNull();
    // On the test's clock (the use case stamps the real time).
    await getDb().resource.update({ where: { id: bad.resource.id }, data: { restoredAt: later(0.5) } });
    const next = await scan(site, later(1));
    expect(next.stats).toMatchObject({ fullSites: 0, read: 1 });
    expect(next.serious).toMatchObject({ status: "fail", measured: 1 });
    expect(next.serious.evidence).toMatchObject({ items: [{ resourceId: bad.resource.id }] });
    // Read once: the run after reads nothing again and keeps the finding.
    const after = await scan(site, later(2));
    expect(after.stats.read).toBe(0);
    expect(after.serious.status).toBe("fail");
  });

  it("closes a withdrawn item's content finding without reading anything again", async () => {
    const site = await newSite();
    const news = await column(site.id, "工作动态");
    const bad = await item(news.id, new Date(MONDAY.getTime() - 48 * HOUR), SERIOUS);
    const checks: CheckName[] = ["site.content-serious"];
    const db = getDb();
    await runMonitors(db, { trigger: "job", now: MONDAY, siteIds: [site.id], checks });
    const finding = await db.finding.findFirstOrThrow({ where: { siteId: site.id, check: "site.content-serious" } });
    expect(finding.state).toBe("OPEN");

    // Seen again as it was by an incremental run: the same finding, still open, nothing read.
    const again = await runMonitors(db, { trigger: "job", now: later(1), siteIds: [site.id], checks });
    expect(again.scan).toMatchObject({ fullSites: 0, read: 0 });
    expect(again.changes).toMatchObject({ opened: 0, resolved: 0 });
    expect(await db.finding.findUniqueOrThrow({ where: { id: finding.id } })).toMatchObject({
      state: "OPEN",
      lastSeenAt: later(1),
    });

    await db.publication.update({ where: { id: bad.publication.id }, data: { withdrawnAt: later(1.5) } });
    const closed = await runMonitors(db, { trigger: "job", now: later(2), siteIds: [site.id], checks });
    expect(closed.scan.read).toBe(0);
    expect(closed.changes.resolved).toBe(1);
    expect(await db.finding.findUniqueOrThrow({ where: { id: finding.id } })).toMatchObject({ state: "RESOLVED" });
    expect(await db.contentScanItem.count({ where: { siteId: site.id } })).toBe(0);
    // Opened and resolved by the monitor, audited once each (written in bulk), and the chain holds.
    const audits = await db.auditEvent.findMany({
      where: { subject: `supervision-finding:${finding.id}` },
      orderBy: { seq: "asc" },
    });
    expect(audits.map((event) => event.action)).toEqual(["supervision.finding.open", "supervision.finding.resolve"]);
    expect(audits[0]!.data).toMatchObject({ monitorCheck: "site.content-serious", severity: "FAIL", veto: true });
    expect((await verifyAuditChain(db)).firstBreak).toBeNull();
  });

  it("reads every live item again when the lexicon changes", async () => {
    const db = getDb();
    const site = await newSite();
    const news = await column(site.id, "工作动态");
    await item(news.id, new Date(MONDAY.getTime() - 48 * HOUR), "关于推进老旧小区改造的代开增值税问题说明");
    await item(news.id, new Date(MONDAY.getTime() - 24 * HOUR), PLAIN);
    expect((await scan(site, MONDAY)).serious.status).toBe("ok");
    expect((await scan(site, later(1))).stats.read).toBe(0);

    const before = await db.platformState.findUnique({ where: { key: LEXICON_STATE_KEY } });
    const lexicon = await loadLexicon(db);
    await db.platformState.upsert({
      where: { key: LEXICON_STATE_KEY },
      create: {
        key: LEXICON_STATE_KEY,
        value: { ...lexicon, sensitive: [...lexicon.sensitive, { word: "代开增值税", level: "block" }] },
      },
      update: { value: { ...lexicon, sensitive: [...lexicon.sensitive, { word: "代开增值税", level: "block" }] } },
    });
    try {
      const changed = await scan(site, later(2));
      expect(changed.stats).toMatchObject({ fullSites: 1, read: 2 });
      expect(changed.serious.status).toBe("fail");
      // The rules are those of the mark now: the next run is incremental again.
      expect((await scan(site, later(3))).stats).toMatchObject({ fullSites: 0, read: 0 });
    } finally {
      if (before)
        await db.platformState.update({ where: { key: LEXICON_STATE_KEY }, data: { value: before.value ?? {} } });
      else await db.platformState.delete({ where: { key: LEXICON_STATE_KEY } });
    }
  });

  it("runs the weekly full scan once on its day (Sunday by default), and after a week without one", async () => {
    const site = await newSite();
    const news = await column(site.id, "工作动态");
    await item(news.id, new Date(MONDAY.getTime() - 48 * HOUR), PLAIN);
    await item(news.id, new Date(MONDAY.getTime() - 24 * HOUR), SERIOUS);
    expect((await scan(site, MONDAY)).stats.fullSites).toBe(1);
    expect((await scan(site, at("2026-11-21T10:00:00"))).stats).toMatchObject({ fullSites: 0, read: 0 });
    const sunday = await scan(site, at("2026-11-22T06:30:00"));
    expect(sunday.stats).toMatchObject({ fullSites: 1, read: 2 });
    expect(sunday.serious.status).toBe("fail");
    expect((await scan(site, at("2026-11-22T18:00:00"))).stats.fullSites).toBe(0);
    // Monday to Sunday and the next Sunday's run missed: a week after the last full scan reads all.
    expect((await scan(site, at("2026-11-28T10:00:00"))).stats.fullSites).toBe(0);
    expect((await scan(site, at("2026-11-30T06:30:00"))).stats).toMatchObject({ fullSites: 1, read: 2 });
  });
});

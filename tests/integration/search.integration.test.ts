import { beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { createDb, getDb, resolveDatabaseUrl } from "@/lib/db/client";
import { findSiteByHost } from "@/lib/sites/portal";
import { blocksToDoc } from "@/lib/library/content";
import { createResource, saveRevision } from "@/lib/library/resources";
import { signOff, submitForReview } from "@/lib/review/instances";
import { withdrawPublication } from "@/lib/publish/withdraw";
import { saveColumn } from "@/lib/sites/admin";
import { ZSearchParams } from "@/lib/search/query";
import { chooseCommonLexemes } from "@/lib/search/postgres/common-lexemes";
import { forgetIndexStatistics, PostgresEngine } from "@/lib/search/postgres/engine";
import { deleteDocuments, writeDocuments } from "@/lib/search/postgres/indexing";
import { poolReader, SEARCH_SESSION, searchReader } from "@/lib/search/postgres/reader";
import { MeiliEngine } from "@/lib/search/meilisearch";
import { consumeOutbox } from "@/lib/events/outbox";
import { contentDocId, type SearchDoc } from "@/lib/search/documents";
import { meiliHandleEvent, reindexMeilisearch, reindexPostgres } from "@/lib/search/service";
import { searchPortal } from "@/lib/search/search-portal";
import type { Actor } from "@/lib/auth/session";
import { searchLibrary } from "@/lib/search/library";
import { getSynonymsForAdmin, saveSynonyms } from "@/lib/search/synonyms";
import { actorsFor, makeUser, fileDb, restoreAfterTest } from "./helpers";
import { searchContract } from "./search-contract";

// Search against the real database: the contract on PostgreSQL (and on Meilisearch when
// MEILI_URL is set), kept exact by the publishing transaction, rebuilt without downtime.

beforeAll(async () => {
  await fileDb();
  await reindexPostgres();
});

const title = (pieces: { text: string }[]) => pieces.map((piece) => piece.text).join("");

/** A test article placed on `siteId`, published at `publishedAt`. */
function testDoc(id: string, title: string, body: string, siteIds: string[], publishedAt: Date): SearchDoc {
  return {
    id,
    publicationId: null,
    type: "CONTENT",
    kind: "ARTICLE",
    title,
    summary: "",
    body,
    url: `/${id}`,
    unitId: null,
    unitName: "试验单位",
    year: publishedAt.getUTCFullYear(),
    validity: null,
    themeCode: null,
    genre: null,
    docNumber: null,
    siteIds,
    columnIds: [],
    publishedAt,
  };
}

/** The live generation and its common lexemes, the seeded district site, and another site. */
async function liveIndexAndSites() {
  const db = getDb();
  const { live, common } = await db.searchIndexState.findUniqueOrThrow({ where: { engine: "postgres" } });
  const site = (await findSiteByHost("localhost"))!;
  const other = (await db.site.findFirstOrThrow({ where: { id: { not: site.id } } })).id;
  return { db, live, common, site, other };
}

/** The PostgreSQL engine, recording the parameters of each search statement it runs. */
function recordingEngine(): { engine: PostgresEngine; statements: unknown[][] } {
  const read = searchReader();
  const statements: unknown[][] = [];
  const engine = new PostgresEngine((text, values) => {
    if (text.startsWith("with matches")) statements.push(values);
    return read(text, values);
  });
  return { engine, statements };
}

async function search(q: string, host = "localhost") {
  const site = (await findSiteByHost(host))!;
  return searchPortal(ZSearchParams.parse({ q }), {
    siteId: site.id,
    hrefFor: async (_siteId, path) => path,
    engine: new PostgresEngine(),
  });
}

async function publish(
  editor: Actor,
  reviewer: Actor,
  deputy: Actor,
  text: { title: string; body: string },
  resourceId?: string,
) {
  const organization = await getDb().organization.findFirstOrThrow({ where: { name: "区政府办公室政务公开科" } });
  const district = (await findSiteByHost("localhost"))!;
  const column = district.columns.find((candidate) => candidate.slug === "ywdt")!;
  const resource = resourceId
    ? { id: resourceId }
    : await createResource(editor, { kind: "ARTICLE", ownerOrgId: organization.id });
  const version = (await getDb().resource.findUniqueOrThrow({ where: { id: resource.id } })).version;
  const { revision } = await saveRevision(editor, {
    resourceId: resource.id,
    baseVersion: version,
    title: text.title,
    body: blocksToDoc([{ type: "paragraph", text: text.body }]),
    metadata: { source: { type: "original" } },
  });
  const instance = await submitForReview(editor, {
    resourceId: resource.id,
    baseVersion: revision.number,
    publishMode: "ON_APPROVAL",
    columnIds: [column.id],
    ...(resourceId ? { correctionNote: "更正标题。" } : {}),
  });
  for (const check of ["politics", "law", "policy", "secrecy", "wording"])
    await signOff(reviewer, {
      instanceId: instance.id,
      stagePosition: 0,
      check,
      decision: "APPROVE",
      contentHash: instance.contentHash,
    });
  await signOff(deputy, {
    instanceId: instance.id,
    stagePosition: 1,
    decision: "APPROVE",
    contentHash: instance.contentHash,
  });
  return resource.id;
}

describe("the contract on PostgreSQL", () => {
  searchContract(
    () => new PostgresEngine(),
    async () => {},
  );
});

describe.runIf(Boolean(process.env.MEILI_URL))("the contract on Meilisearch", () => {
  const engine = new MeiliEngine(process.env.MEILI_URL ?? "http://127.0.0.1:7700", process.env.MEILI_MASTER_KEY);
  searchContract(
    () => engine,
    async () => void (await reindexMeilisearch(engine)),
  );
});

describe("kept in step with publishing", () => {
  it("finds an item as soon as it is published, its correction replaces it, and withdrawal removes it at once", async () => {
    const [editor, reviewer, deputy] = await actorsFor("editor", "reviewer", "deputy");
    const id = await publish(editor, reviewer, deputy, {
      title: "沙坪坝区冬季燃气安全专项检查启动",
      body: "区应急管理局联合燃气企业开展入户安全检查。",
    });
    expect((await search("燃气安全专项检查")).hits.map((hit) => title(hit.title))).toContain(
      "沙坪坝区冬季燃气安全专项检查启动",
    );

    await publish(
      editor,
      reviewer,
      deputy,
      { title: "沙坪坝区冬季燃气安全大检查启动", body: "区应急管理局联合燃气企业开展入户安全检查。" },
      id,
    );
    expect((await search("燃气安全专项检查")).total).toBe(0);
    expect((await search("燃气安全大检查")).hits.map((hit) => title(hit.title))).toEqual([
      "沙坪坝区冬季燃气安全大检查启动",
    ]);

    const withdrawer = (await actorsFor("principal"))[0];
    await withdrawPublication(withdrawer, { resourceId: id, reason: "信息有误，撤下核实" });
    expect((await search("燃气安全大检查")).total).toBe(0);
    expect(await getDb().searchDocument.count({ where: { id: contentDocId(id) } })).toBe(0);
  });

  it("indexes a new service entry when the site administrator adds a link column", async () => {
    const [siteadmin] = await actorsFor("siteadmin");
    const district = (await findSiteByHost("localhost"))!;
    const parent = district.columns.find((column) => column.slug === "bsfw")!;
    await saveColumn(siteadmin, {
      siteId: district.id,
      parentId: parent.id,
      name: "居住证办理",
      slug: "jzzbl",
      kind: "LINK",
      linkUrl: "https://zwykb.cq.gov.cn/grbs/jzz/",
      position: "9",
    });
    const result = await search("居住证");
    expect(result.hits[0]).toMatchObject({ type: "SERVICE", href: "https://zwykb.cq.gov.cn/grbs/jzz/" });
  });
});

describe("rebuilding", () => {
  it("fills the next generation beside the live one, takes writes made meanwhile, and swaps", async () => {
    const db = getDb();
    const before = await db.searchIndexState.findUniqueOrThrow({ where: { engine: "postgres" } });
    const liveCount = await db.searchDocument.count({ where: { generation: before.live } });
    // A build in progress: a publication now must reach both generations.
    // (Its common lexemes are its own: the row written there carries their bits.)
    await db.searchIndexState.update({
      where: { engine: "postgres" },
      data: { building: before.live + 1, buildFrom: 0n, buildingCommon: ["八点", "延时"] },
    });
    const [editor, reviewer, deputy] = await actorsFor("editor", "reviewer", "deputy");
    const id = await publish(editor, reviewer, deputy, {
      title: "区政务服务中心延时服务安排",
      body: "工作日延时至晚上八点。",
    });
    expect(await db.searchDocument.count({ where: { id: contentDocId(id) } })).toBe(2);
    const rows = await db.searchDocument.findMany({
      where: { id: contentDocId(id) },
      orderBy: { generation: "asc" },
      select: { generation: true, common: true, common2: true },
    });
    expect(rows).toEqual([
      { generation: before.live, common: 0n, common2: 0n },
      { generation: before.live + 1, common: 3n, common2: 0n },
    ]);
    // Searches keep answering from the live generation while the build runs.
    expect((await search("延时服务安排")).total).toBe(1);

    const filenode = () =>
      db.$queryRaw<{ node: number }[]>`select pg_relation_filenode('custom_search_terms') as node`.then(
        (rows) => rows[0]!.node,
      );
    const indexBefore = await filenode();
    // What an interrupted concurrent reindex leaves: an invalid copy, which the rebuild drops. The
    // rebuild is maintenance (search:reindex, the set-up step): it runs as the schema owner.
    const ownerDb = createDb(process.env.DATABASE_OWNER_URL!);
    await ownerDb.$executeRawUnsafe(`create index custom_search_terms_ccnew on "SearchDocument" using gin (terms)`);
    await ownerDb.$executeRawUnsafe(
      `update pg_index set indisvalid = false where indexrelid = 'custom_search_terms_ccnew'::regclass`,
    );
    const progress: number[] = [];
    const result = await reindexPostgres(ownerDb, (done) => progress.push(done)).finally(() => ownerDb.$disconnect());
    expect(result.generation).toBe(before.live + 1);
    expect(result.documents).toBe(liveCount + 1);
    expect(progress.at(-1)).toBeGreaterThan(0);
    expect(await db.searchDocument.count({ where: { generation: before.live } })).toBe(0);
    // The match index was built afresh (new storage; no leftover copy of a concurrent reindex).
    const indexes = await db.$queryRaw<{ name: string; valid: boolean }[]>`
      select c.relname as name, i.indisvalid as valid from pg_index i join pg_class c on c.oid = i.indexrelid
      where i.indrelid = '"SearchDocument"'::regclass and c.relname like 'custom_search_terms%'`;
    expect(indexes).toEqual([{ name: "custom_search_terms", valid: true }]);
    expect(await filenode()).not.toBe(indexBefore);
    expect((await search("延时服务安排")).hits.map((hit) => title(hit.title))).toEqual(["区政务服务中心延时服务安排"]);
  });
});

describe("the Meilisearch consumer of the outbox", () => {
  it("sends an item's document on publication and its removal on withdrawal, in order, from its own cursor", async () => {
    const sent: { upsert?: string; remove?: string }[] = [];
    // Records what would be sent; the requests themselves are covered by the contract run.
    const recorder = {
      upsert: async (docs: SearchDoc[]) => void sent.push({ upsert: docs[0]!.title }),
      remove: async (ids: string[]) => void sent.push({ remove: ids[0] }),
    } as unknown as MeiliEngine;
    const db = getDb();
    const last = await db.outboxEvent.findFirst({ orderBy: { id: "desc" } });
    await db.outboxCursor.upsert({
      where: { consumer: "test.meili" },
      create: { consumer: "test.meili", lastId: last?.id ?? 0n },
      update: { lastId: last?.id ?? 0n },
    });
    const [editor, reviewer, deputy, principal] = await actorsFor("editor", "reviewer", "deputy", "principal");
    const id = await publish(editor, reviewer, deputy, {
      title: "区图书馆冬季开放时间调整",
      body: "自12月1日起调整。",
    });
    await withdrawPublication(principal, { resourceId: id, reason: "时间待定" });
    await consumeOutbox("test.meili", (event) => meiliHandleEvent(recorder, db, event.payload, event.topic));
    // Both events are handled after the withdrawal, so both send the item's current state: gone.
    expect(sent).toEqual([{ remove: contentDocId(id) }, { remove: contentDocId(id) }]);
  });

  it("sends a site's service entries anew when its link columns change", async () => {
    const replaced: { siteId: string; titles: string[] }[] = [];
    const recorder = {
      replaceServices: async (siteId: string, docs: SearchDoc[]) =>
        void replaced.push({ siteId, titles: docs.map((doc) => doc.title) }),
    } as unknown as MeiliEngine;
    const db = getDb();
    const last = await db.outboxEvent.findFirst({ orderBy: { id: "desc" } });
    await db.outboxCursor.upsert({
      where: { consumer: "test.meili.services" },
      create: { consumer: "test.meili.services", lastId: last?.id ?? 0n },
      update: { lastId: last?.id ?? 0n },
    });
    const [siteadmin] = await actorsFor("siteadmin");
    const district = (await findSiteByHost("localhost"))!;
    const parent = district.columns.find((column) => column.slug === "bsfw")!;
    await saveColumn(siteadmin, {
      siteId: district.id,
      parentId: parent.id,
      name: "出入境证件办理",
      slug: "crjzj",
      kind: "LINK",
      linkUrl: "https://zwykb.cq.gov.cn/grbs/crj/",
      position: "10",
    });
    expect(
      await consumeOutbox("test.meili.services", (event) => meiliHandleEvent(recorder, db, event.payload, event.topic)),
    ).toMatchObject({ error: null });
    expect(replaced).toHaveLength(1);
    expect(replaced[0]!.siteId).toBe(district.id);
    expect(replaced[0]!.titles).toContain("出入境证件办理");
    expect(replaced[0]!.titles).toContain("社会保障卡补办（挂失补换）");
  });
});

describe("the editors' library search", () => {
  it("finds drafts by their text for those who may see the unit, and refuses everyone else", async () => {
    const [editor] = await actorsFor("editor");
    const organization = await getDb().organization.findFirstOrThrow({ where: { name: "区政府办公室政务公开科" } });
    const resource = await createResource(editor, { kind: "ARTICLE", ownerOrgId: organization.id });
    await saveRevision(editor, {
      resourceId: resource.id,
      baseVersion: 0,
      title: "关于征集民生实事项目的公告（草稿）",
      body: blocksToDoc([{ type: "paragraph", text: "面向全区征集二〇二七年民生实事候选项目。" }]),
      metadata: { source: { type: "original" } },
    });
    const hits = await searchLibrary(editor, { q: "民生实事候选" });
    expect(hits.map((hit) => hit.id)).toEqual([resource.id]);
    expect(hits[0]!.snippet.some((piece) => piece.mark && piece.text === "民生实事候选")).toBe(true);
    // The draft is not public.
    expect((await search("民生实事候选")).total).toBe(0);

    await expect(searchLibrary(null, { q: "民生实事" })).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    const outsider = await makeUser("culture-editor", "EDITOR", "重庆市文化和旅游发展委员会");
    expect(await searchLibrary(outsider, { q: "民生实事候选" })).toEqual([]);
    await expect(searchLibrary(editor, { q: "" })).rejects.toMatchObject({ message: "请输入搜索词" });
  });
});

describe("synonyms kept by the system administrator", () => {
  it("takes effect on the next search; editors are refused; a bad line changes nothing", async () => {
    const [admin, editor] = await actorsFor("admin", "editor");
    await expect(saveSynonyms(editor, { text: "a=b" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const before = await getSynonymsForAdmin(admin);
    expect(before).toContain("社保=社会保险");
    restoreAfterTest(() => saveSynonyms(admin, { text: before }));
    expect((await search("网上政府办事平台")).total).toBe(0);
    await saveSynonyms(admin, { text: `${before}\n网上政府办事平台=政府网站` });
    expect((await search("网上政府办事平台")).total).toBeGreaterThan(0);
    await expect(saveSynonyms(admin, { text: "社保=社会保险\n医保" })).rejects.toMatchObject({
      message: expect.stringContaining("第 2 行"),
    });
    expect(await getSynonymsForAdmin(admin)).toBe(`${before}\n网上政府办事平台=政府网站`);
    expect(await getDb().auditEvent.count({ where: { action: "search.synonyms.update" } })).toBe(1);
  });
});

describe("the most recent thousand matches, through time buckets", () => {
  it("returns exactly the newest matches, walking buckets from the newest, and to the oldest when a filter thins them out", async () => {
    const { db, live, common, site, other } = await liveIndexAndSites();
    // 12,000 documents a day apart back from today (almost 33 years: more than the walk names
    // year by year); two in three hold the phrase. Only every 50th holding it is on the other
    // site, so a search there walks every bucket and then what is older.
    const now = Date.now();
    const docs = Array.from({ length: 12_000 }, (_, i) =>
      testDoc(
        `window-${i}`,
        `时间窗口试验第${i}号`,
        i % 3 === 2 ? "本条不含该短语。" : `关于窗格校验的说明，第${i}条。`,
        i % 3 !== 2 && i % 50 === 0 ? [other] : [site.id],
        new Date(now - i * 86_400_000),
      ),
    );
    await writeDocuments(db, { generation: live, common }, docs, true);
    await db.$executeRawUnsafe(`analyze "SearchDocument"`);
    forgetIndexStatistics();
    try {
      const { engine, statements } = recordingEngine();
      // The buckets a search statement walked.
      const walk = (values: unknown[] | undefined) => values![2] as string[];
      const expected = docs.filter((doc) => doc.body.includes("窗格校验"));
      const query = (siteId?: string) =>
        engine.search({
          variants: ["窗格校验"],
          docNumber: null,
          filters: siteId ? { siteId } : {},
          sort: "date",
          offset: 0,
          limit: 10,
        });
      const all = await query();
      expect(all.total).toBe(1000);
      // One statement, walking buckets from next year back 30 years, then the rest: not reading all 8,000.
      const year = new Date(now).getUTCFullYear();
      expect(statements).toHaveLength(1);
      // (About 240 matches a year: this year and the last are whole-year steps, not months.)
      expect(walk(statements[0]).slice(0, 4)).toEqual([
        `'~y${year + 1}'`,
        `'~y${year}'`,
        `'~y${year - 1}'`,
        `'~y${year - 2}'`,
      ]);
      expect(walk(statements[0]).at(-1)).toBe(`'~y${year - 30}'`);
      expect(all.hits.map((hit) => hit.id)).toEqual(expected.slice(0, 10).map((doc) => doc.id));
      const years: Record<string, number> = {};
      for (const doc of expected.slice(0, 1000)) years[doc.year!] = (years[doc.year!] ?? 0) + 1;
      expect(all.facets.year).toEqual(years);
      const last = await engine.search({
        variants: ["窗格校验"],
        docNumber: null,
        filters: {},
        sort: "date",
        offset: 990,
        limit: 10,
      });
      expect(last.hits.map((hit) => hit.id)).toEqual(expected.slice(990, 1000).map((doc) => doc.id));
      // Ranked by relevance the same words in no title score by recency alone: pages follow on.
      for (const offset of [0, 10, 990]) {
        const page = await engine.search({
          variants: ["窗格校验"],
          docNumber: null,
          filters: {},
          sort: "relevance",
          offset,
          limit: 10,
        });
        expect(page.hits.map((hit) => hit.id)).toEqual(expected.slice(offset, offset + 10).map((doc) => doc.id));
      }

      const elsewhere = expected.filter((doc) => doc.siteIds.includes(other));
      const walked = statements.length;
      const there = await query(other);
      expect(statements).toHaveLength(walked + 1);
      expect(walk(statements.at(-1)).at(-1)).toBe(`'~y${year - 30}'`);
      expect(elsewhere.at(-1)!.publishedAt.getUTCFullYear()).toBeLessThan(year - 30);
      expect(there.total).toBe(elsewhere.length);
      const older = await engine.search({
        variants: ["窗格校验"],
        docNumber: null,
        filters: { siteId: other },
        sort: "date",
        offset: elsewhere.length - 5,
        limit: 10,
      });
      expect(older.hits.map((hit) => hit.id)).toEqual(elsewhere.slice(-5).map((doc) => doc.id));
      expect(there.hits.map((hit) => hit.id)).toEqual(elsewhere.slice(0, 10).map((doc) => doc.id));
    } finally {
      await deleteDocuments(
        db,
        live,
        docs.map((doc) => doc.id),
      );
    }
  });
});

describe("common lexemes, tested in the row", () => {
  it("matches exactly what the whole vector matches, also when another generation went live since the list was read", async () => {
    const db = getDb();
    const state = await db.searchIndexState.findUniqueOrThrow({ where: { engine: "postgres" } });
    const site = (await findSiteByHost("localhost"))!;
    // 300 documents, most holding 平台; one in twenty holding 罕见, half of those without 平台.
    const docs = Array.from({ length: 300 }, (_, i) =>
      testDoc(
        `common-${i}`,
        `常用词试验第${i}号`,
        i % 20 === 0 ? (i % 40 === 0 ? "罕见事项的平台。" : "罕见事项。") : "平台建设。",
        [site.id],
        new Date(Date.UTC(2026, 0, 1) + i * 3_600_000),
      ),
    );
    const chosen = chooseCommonLexemes(docs);
    expect(chosen).toContain("平台");
    expect(chosen).not.toContain("罕见");
    // Numbered after 70 others, so their bits are in the row's second bigint.
    const common = [...Array.from({ length: 70 }, (_, i) => `其他${i}`), ...chosen];
    // A generation of their own, made live for the test.
    const [mine, other] = [state.live + 100, state.live + 101];
    await writeDocuments(db, { generation: mine, common }, docs, true);
    await db.searchIndexState.update({ where: { engine: "postgres" }, data: { live: mine, common } });
    await db.$executeRawUnsafe(`analyze "SearchDocument"`);
    forgetIndexStatistics();
    try {
      const { engine, statements: asked } = recordingEngine();
      const query = {
        variants: ["罕见 平台"],
        docNumber: null,
        filters: {},
        sort: "date" as const,
        offset: 0,
        limit: 10,
      };
      const both = docs.filter((doc) => doc.body.includes("罕见") && doc.body.includes("平台")).reverse();
      const found = await engine.search(query);
      // The index is asked for 罕见 only; 平台 is tested by the row's bit.
      expect(asked[0]![0]).toBe("'罕见'");
      expect(found.total).toBe(both.length);
      expect(found.hits.map((hit) => hit.id)).toEqual(both.slice(0, 10).map((doc) => doc.id));
      // A query of common lexemes only asks the index for the rarest of them.
      expect((await engine.search({ ...query, variants: ["平台"] })).total).toBe(
        docs.filter((doc) => doc.body.includes("平台")).length,
      );
      expect(asked[1]![0]).toBe("'平台'");

      // Another generation goes live, numbering no common lexemes; this process still holds the
      // old list (cached a minute), and the rows are tested by their vectors instead.
      await writeDocuments(db, { generation: other, common: [] }, docs, true);
      await db.searchIndexState.update({ where: { engine: "postgres" }, data: { live: other, common: [] } });
      const after = await engine.search(query);
      expect(asked[2]![0]).toBe("'罕见'");
      expect(after.total).toBe(both.length);
      expect(after.hits.map((hit) => hit.id)).toEqual(both.slice(0, 10).map((doc) => doc.id));
    } finally {
      await db.searchIndexState.update({
        where: { engine: "postgres" },
        data: { live: state.live, common: state.common },
      });
      await db.$executeRaw`delete from "SearchDocument" where generation in (${mine}, ${other})`;
      forgetIndexStatistics();
    }
  });
});

describe("prepared search statements", () => {
  it("answers every filter exactly under the generic plan a prepared statement settles on", async () => {
    const { db, live, common, site, other } = await liveIndexAndSites();
    // 40 documents holding the phrase: on two sites, in two kinds, over two years.
    const docs = Array.from({ length: 40 }, (_, i) => ({
      ...testDoc(
        `prepared-${i}`,
        `预备语句试验第${i}号`,
        `关于预备语句校验的说明，第${i}条。`,
        [i % 2 ? other : site.id],
        new Date(Date.UTC(2025 + (i % 4 < 2 ? 0 : 1), 0, 1 + i)),
      ),
      kind: i % 3 === 0 ? "POLICY" : "ARTICLE",
    }));
    await writeDocuments(db, { generation: live, common }, docs, true);
    // One connection that plans every prepared statement generically, as PostgreSQL may choose
    // to after five runs: filters arrive as parameters, nulls for those not asked for.
    const pool = new pg.Pool({
      connectionString: resolveDatabaseUrl(),
      max: 1,
      options: `${SEARCH_SESSION} -c plan_cache_mode=force_generic_plan`,
    });
    try {
      const engine = new PostgresEngine(poolReader(pool));
      const cases: { filters: { siteId?: string; kind?: string; year?: number }; keep: (doc: SearchDoc) => boolean }[] =
        [
          { filters: {}, keep: () => true },
          { filters: { siteId: other }, keep: (doc) => doc.siteIds.includes(other) },
          { filters: { kind: "POLICY" }, keep: (doc) => doc.kind === "POLICY" },
          {
            filters: { siteId: site.id, year: 2026 },
            keep: (doc) => doc.siteIds.includes(site.id) && doc.year === 2026,
          },
        ];
      for (const { filters, keep } of [...cases, ...cases, ...cases]) {
        const expected = docs.filter(keep).sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime());
        const found = await engine.search({
          variants: ["预备语句"],
          docNumber: null,
          filters,
          sort: "date",
          offset: 0,
          limit: 10,
        });
        expect(found.total, JSON.stringify(filters)).toBe(expected.length);
        expect(found.hits.map((hit) => hit.id)).toEqual(expected.slice(0, 10).map((doc) => doc.id));
      }
      // All twelve ran as one prepared statement, planned once.
      const [prepared] = (
        await pool.query(
          `select generic_plans, custom_plans from pg_prepared_statements where statement like 'with matches%'`,
        )
      ).rows;
      expect(prepared).toEqual({ generic_plans: "12", custom_plans: "0" });
    } finally {
      await pool.end();
      await deleteDocuments(
        db,
        live,
        docs.map((doc) => doc.id),
      );
    }
  });
});

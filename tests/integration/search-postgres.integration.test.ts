import { beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { createDb, getDb, resolveDatabaseUrl } from "@/lib/db/client";
import { findSiteByHost } from "@/lib/sites/portal";
import { chooseCommonLexemes } from "@/lib/search/postgres/common-lexemes";
import { forgetIndexStatistics, PostgresEngine } from "@/lib/search/postgres/engine";
import { deleteDocuments, writeDocuments } from "@/lib/search/postgres/indexing";
import { poolReader, SEARCH_SESSION } from "@/lib/search/postgres/reader";
import { contentDocId, type SearchDoc } from "@/lib/search/documents";
import { reindexPostgres } from "@/lib/search/service";
import { actorsFor, fileDb } from "./helpers";
import { liveIndexAndSites, publish, recordingEngine, search, testDoc, title } from "./support/search";

// The PostgreSQL engine's index on the real database: rebuilt beside the live generation without
// downtime, the newest thousand matches walked through time buckets, common lexemes tested in the
// row, and prepared statements under a generic plan. Test documents written straight into the
// index are removed by the test that wrote them.

beforeAll(async () => {
  await fileDb();
  await reindexPostgres();
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

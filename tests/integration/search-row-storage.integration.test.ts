import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, getDb } from "@/lib/db/client";
import { PostgresEngine } from "@/lib/search/postgres/engine";
import { deleteDocuments, writeDocuments } from "@/lib/search/postgres/indexing";
import { reindexPostgres } from "@/lib/search/service";
import type { EngineQuery } from "@/lib/search/query";
import { fileDb } from "./helpers";
import { liveIndexAndSites, testDoc } from "./support/search";

// What a search reads for every candidate (id, siteIds, kind, unitName, year, validity, genre,
// title, 文号, publishedAt) stays in the row, so that filtering, counting and ranking a thousand
// matches costs no TOAST reads (migration 20261206231500_search_rows_inline); and where the values
// are kept changes no result.

/** Columns the search statement reads for every candidate or match; none may be out of line. */
const IN_ROW = ["id", "type", "kind", "url", "unitName", "validity", "genre", "docNumber", "siteIds", "title"];

const owner = () => createDb(process.env.DATABASE_OWNER_URL!);

beforeAll(async () => {
  await fileDb();
  await reindexPostgres();
});

afterAll(async () => {
  await getDb().$disconnect();
});

describe("search rows", () => {
  it("keep the columns read for every candidate in the row, however long the title and text", async () => {
    const { db, live, common, site, other } = await liveIndexAndSites();
    // A title of 150 characters (450 bytes: about what the bench:load items carry) and a long text.
    const docs = Array.from({ length: 20 }, (_, i) => ({
      ...testDoc(
        `res-row-storage-${String(i).padStart(24, "0")}`,
        `关于进一步加强政府网站和政务新媒体内容建设管理的通知第${i}号`.repeat(5).slice(0, 150),
        "各区县人民政府，市政府各部门，有关单位：为加强政府网站信息内容建设。".repeat(80),
        [site.id, other],
        new Date(Date.UTC(2026, 5, 1 + i)),
      ),
      url: `/content/row-storage-${i}`,
      unitName: "重庆市沙坪坝区人民政府办公室政务公开科",
      genre: "通知",
      docNumber: `沙府办发〔2026〕${i + 1}号`,
    }));
    await writeDocuments(db, { generation: live, common }, docs, true);
    try {
      const outOfLine = IN_ROW.map(
        (column) => `count(*) filter (where pg_column_toast_chunk_id("${column}") is not null)::int as "${column}"`,
      ).join(", ");
      const [counts] = await db.$queryRawUnsafe<Record<string, number>[]>(
        `select ${outOfLine}, count(*) filter (where pg_column_toast_chunk_id(terms) is not null)::int as terms
         from "SearchDocument" where generation = $1 and id like 'res-row-storage-%'`,
        live,
      );
      expect(counts).toEqual({ ...Object.fromEntries(IN_ROW.map((column) => [column, 0])), terms: 20 });
    } finally {
      await deleteDocuments(
        db,
        live,
        docs.map((doc) => doc.id),
      );
    }
  });

  it("answer every query alike whether those columns are in the row or out of line", async () => {
    const { db, live, common, site: district, other } = await liveIndexAndSites();
    // Beside the seeded library, items with titles as long as the bench:load ones (whose short
    // values the toaster moved out of line): of several kinds, units, years and validities.
    const words = ["政府信息公开", "政务公开", "政府网站", "通知", "新媒体管理", "实施意见"];
    const docs = Array.from({ length: 120 }, (_, i) => ({
      ...testDoc(
        `res-row-answers-${String(i).padStart(24, "0")}`,
        `关于${words[i % words.length]}工作情况的第${i}次报告`.repeat(6).slice(0, 140),
        `${words[(i * 7) % words.length]}的有关事项说明。`.repeat(1 + (i % 30)),
        i % 3 ? [district.id] : [district.id, other],
        new Date(Date.UTC(2024 + (i % 3), i % 12, 1 + (i % 28), i % 24)),
      ),
      kind: ["ARTICLE", "NOTICE", "POLICY", "INTERPRETATION"][i % 4]!,
      unitName: ["区政府办公室", "区教委", "区卫生健康委"][i % 3]!,
      validity: i % 4 === 2 ? ["VALID", "REVISED", "REPEALED"][i % 3]! : null,
      genre: i % 5 === 0 ? "办法" : null,
    }));
    await writeDocuments(db, { generation: live, common }, docs, true);
    const engine = new PostgresEngine();
    const queries: EngineQuery[] = [];
    for (const variants of [
      ["政府 信息"],
      ["政务 公开"],
      ["网站"],
      ["通知"],
      ["新媒体 管理"],
      ["中央厨房"],
      ["实施 意见"],
      ["报告 情况"],
    ])
      for (const filters of [{ siteId: district.id }, {}, { siteId: district.id, kind: "POLICY" }])
        for (const sort of ["relevance", "date"] as const)
          queries.push({ variants, docNumber: null, filters, sort, offset: 0, limit: 10 });
    const answers = async () => {
      const out = [];
      for (const query of queries) {
        const result = await engine.search(query);
        out.push({ total: result.total, facets: result.facets, hits: result.hits });
      }
      return out;
    };
    const ownerDb = owner();
    const rewrite = async (storage: "EXTENDED" | "MAIN") => {
      await ownerDb.$executeRawUnsafe(
        `alter table "SearchDocument" ${IN_ROW.filter((column) => column !== "title")
          .map((column) => `alter column "${column}" set storage ${storage}`)
          .join(", ")}`,
      );
      await ownerDb.$executeRawUnsafe(`cluster "SearchDocument" using "SearchDocument_generation_publishedAt_idx"`);
    };
    try {
      // Before: the short values moved out of line as the toaster did before the migration.
      await rewrite("EXTENDED");
      const [movedRow] = await ownerDb.$queryRawUnsafe<{ moved: number }[]>(
        `select count(*)::int as moved from "SearchDocument"
         where ${IN_ROW.map((column) => `pg_column_toast_chunk_id("${column}") is not null`).join(" or ")}`,
      );
      const before = await answers();
      await rewrite("MAIN");
      const after = await answers();
      expect(before.some((answer) => answer.total > 0)).toBe(true);
      expect(after).toEqual(before);
      // Rows with long titles had short values out of line before.
      expect(movedRow!.moved).toBeGreaterThan(0);
    } finally {
      await rewrite("MAIN");
      await ownerDb.$disconnect();
      await deleteDocuments(
        db,
        live,
        docs.map((doc) => doc.id),
      );
    }
  });
});

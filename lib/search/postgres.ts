import pg from "pg";
import { resolveDatabaseUrl, type Db, type Tx } from "@/lib/db/client";
import { MAX_HITS, variantsQuery, type EngineHit, type EngineQuery, type EngineResult, type Facets, type SearchEngine } from "@/lib/search/query";
import { lexemeLiteral, runMatch, runs, tsvectorLiteral } from "@/lib/search/tokenize";
import type { SearchDoc } from "@/lib/search/documents";

// The PostgreSQL engine (the embedded default). Documents carry a tsvector of character bigrams
// (lib/search/tokenize.ts) under a GIN index; a query matches where each of its runs occurs as a
// phrase. Matching rows are narrowed to the MAX_HITS most recent ones (for very common terms the
// planner walks the publication-time index instead of the whole posting list), then ranked by
// ts_rank_cd with field weights (title and 文号 A, summary B, body D), then: policy documents and
// interpretations weighted up (what people come to a government portal for); a policy by its
// validity (有效 before 已修订 before 废止/失效) and news by recency; documents that set rules
// (意见, 办法, 规定…) above reports that quote them (通报). Service entries and an exact 文号 lead.

export const ENGINE = "postgres";
/** 文种 of documents that set rules, rather than report on them. */
/** Time windows tried in turn, in days (null: everything). */
const WINDOWS = [365, 5 * 365, null];
const NORMATIVE_GENRES = ["意见", "实施意见", "办法", "规定", "细则", "实施细则", "条例", "决定", "规划", "方案", "标准"];
const COLUMNS = ["generation", "id", "publicationId", "type", "kind", "title", "summary", "body", "url", "unitId", "unitName", "year", "validity", "themeCode", "genre", "docNumber", "siteIds", "columnIds", "publishedAt", "terms", "titleTerms"] as const;
const CASTS: Partial<Record<(typeof COLUMNS)[number], string>> = { publicationId: "uuid", unitId: "uuid", siteIds: "uuid[]", columnIds: "uuid[]", terms: "tsvector", titleTerms: "tsvector", publishedAt: "timestamp(3)" };

/** The live generation, inside a query. */
const LIVE = `coalesce((select live from "SearchIndexState" where engine = '${ENGINE}'), 1)`;

/** Runs one read-only statement and returns its rows. */
export type SearchReader = <T>(text: string, values: unknown[]) => Promise<T[]>;

const globalForSearch = globalThis as unknown as { tongyuanSearchPool?: pg.Pool };

/**
 * Queries go through their own small pool of plain node-postgres connections, one round trip
 * each. Its sessions never plan a sequential or a plain index scan, so candidates always come
 * from the GIN bitmap: a scan that tests each row's vector reads it from TOAST, which for common
 * words cost 60,000 page reads at 100,000 documents. (Through Prisma this took a transaction:
 * BEGIN, two SET LOCAL, the query, COMMIT — five round trips per window.)
 */
export function searchReader(): SearchReader {
  globalForSearch.tongyuanSearchPool ??= new pg.Pool({
    connectionString: resolveDatabaseUrl(),
    max: 8,
    application_name: "tongyuan-search",
    options: "-c enable_seqscan=off -c enable_indexscan=off",
  });
  const pool = globalForSearch.tongyuanSearchPool;
  // An idle connection the server closed (restart, failover) is dropped and replaced on next use.
  if (pool.listenerCount("error") === 0) pool.on("error", () => {});
  return async <T>(text: string, values: unknown[]) => (await pool.query(text, values)).rows as T[];
}

/** Closes the search pool (scripts and tests that end the process's database use). */
export async function closeSearchReader(): Promise<void> {
  const pool = globalForSearch.tongyuanSearchPool;
  globalForSearch.tongyuanSearchPool = undefined;
  await pool?.end();
}

/**
 * The generations a write must reach: the live one, and the one being built (if any). Inside a
 * transaction the state row is share-locked, so a swap waits for writes in flight and they wait
 * for it.
 */
export async function writableGenerations(tx: Tx): Promise<number[]> {
  const [state] = await tx.$queryRaw<{ live: number; building: number | null }[]>`
    select live, building from "SearchIndexState" where engine = ${ENGINE} for share`;
  if (!state) return [1];
  return state.building === null ? [state.live] : [state.live, state.building];
}

export function documentTerms(doc: SearchDoc): { terms: string; titleTerms: string } {
  return {
    terms: lexemeLiteral([doc.title, doc.docNumber ?? "", doc.summary, doc.body]),
    titleTerms: tsvectorLiteral([{ text: `${doc.title} ${doc.docNumber ?? ""}`, weight: "A" }]),
  };
}

/** Inserts documents into one generation; `replace` overwrites rows already there. */
export async function writeDocuments(db: Db | Tx, generation: number, docs: SearchDoc[], replace: boolean): Promise<void> {
  for (let start = 0; start < docs.length; start += 200) {
    const batch = docs.slice(start, start + 200);
    const params: unknown[] = [];
    const rows = batch.map((doc) => {
      const { terms, titleTerms } = documentTerms(doc);
      const values: unknown[] = [generation, doc.id, doc.publicationId, doc.type, doc.kind, doc.title, doc.summary, doc.body, doc.url, doc.unitId, doc.unitName, doc.year, doc.validity, doc.themeCode, doc.genre, doc.docNumber, doc.siteIds, doc.columnIds, doc.publishedAt, terms, titleTerms];
      return `(${values.map((value, index) => {
        params.push(value);
        const cast = CASTS[COLUMNS[index]!];
        return `$${params.length}${cast ? `::${cast}` : ""}`;
      }).join(", ")})`;
    });
    const update = COLUMNS.filter((column) => column !== "generation" && column !== "id").map((column) => `"${column}" = excluded."${column}"`).join(", ");
    await db.$executeRawUnsafe(
      `insert into "SearchDocument" (${COLUMNS.map((column) => `"${column}"`).join(", ")}) values ${rows.join(", ")}
       on conflict ("generation", "id") do ${replace ? `update set ${update}` : "nothing"}`,
      ...params,
    );
  }
}

export async function deleteDocuments(db: Db | Tx, generation: number, ids: string[]): Promise<void> {
  if (ids.length) await db.$executeRaw`delete from "SearchDocument" where generation = ${generation} and id = any(${ids}::text[])`;
}

type Row = { facets: { total: number; kind: Record<string, number> | null; unit: Record<string, number> | null; year: Record<string, number> | null; validity: Record<string, number> | null }; hits: (Omit<EngineHit, "publishedAt"> & { publishedAt: string })[] };

export class PostgresEngine implements SearchEngine {
  readonly name = ENGINE;
  constructor(private readonly read: SearchReader = searchReader()) {}

  /**
   * The MAX_HITS most recent matches, ranked. A common word matches a large part of the library,
   * and reading every match to keep the most recent would grow with it; so the last year is
   * tried first, then five years, then everything: when a window already holds MAX_HITS
   * matches, those are exactly the most recent ones. (The window is a btree bitmap ANDed with
   * the GIN bitmap, so only matching rows inside it are read.) Filters only shrink the matches,
   * so a window chosen from the unfiltered estimate can only be too narrow, and is then widened.
   */
  async search(query: EngineQuery): Promise<EngineResult> {
    const match = variantsQuery(query.variants, "match");
    // The planner's estimate of all matches (from the index statistics, ~1 ms) picks the first
    // window, so a rare word does not pay for three queries.
    const estimate = match ? await this.estimateMatches(match) : 0;
    const first = estimate > 20 * MAX_HITS ? 0 : estimate > 3 * MAX_HITS ? 1 : WINDOWS.length - 1;
    const now = Date.now();
    for (const days of WINDOWS.slice(first)) {
      const result = await this.searchWindow(query, days === null ? null : new Date(now - days * 86_400_000));
      if (days === null || result.total >= MAX_HITS) return result;
    }
    throw new Error("unreachable");
  }

  private async estimateMatches(match: string): Promise<number> {
    const [row] = await this.read<{ "QUERY PLAN": { Plan: { "Plan Rows": number } }[] }>(
      `explain (format json) select 1 from "SearchDocument" d where d.generation = ${LIVE} and d.terms @@ $1::tsquery`,
      [match],
    );
    return row?.["QUERY PLAN"][0]?.Plan["Plan Rows"] ?? 0;
  }

  private async searchWindow(query: EngineQuery, since: Date | null): Promise<EngineResult> {
    const match = variantsQuery(query.variants, "match");
    const phrase = variantsQuery(query.variants, "phrase");
    const empty: EngineResult = { total: 0, hits: [], facets: { kind: {}, unit: {}, year: {}, validity: {} } };
    if (!match && !query.docNumber) return empty;
    const params: unknown[] = [match ?? "", query.docNumber];
    const where = [`d.generation = ${LIVE}`, `(${match ? `d.terms @@ $1::tsquery` : "false"} or d."docNumber" = $2::text)`];
    const filter = (sql: (index: number) => string, value: unknown) => {
      params.push(value);
      where.push(sql(params.length));
    };
    const { siteId, kind, unitId, year, validity } = query.filters;
    if (siteId) filter((i) => `$${i}::uuid = any(d."siteIds")`, siteId);
    if (kind) filter((i) => `d.kind = $${i}`, kind);
    if (unitId) filter((i) => `d."unitId" = $${i}::uuid`, unitId);
    if (year) filter((i) => `d.year = $${i}::int`, year);
    if (validity) filter((i) => `d.validity = $${i}`, validity);
    if (since) filter((i) => `d."publishedAt" >= $${i}::timestamp(3)`, since);
    params.push(query.offset, query.limit);
    const [offset, limit] = [params.length - 1, params.length];
    // The query's runs exactly in the title (or 文号) count most; a body match counts 1.
    let title = "1";
    if (phrase && query.sort === "relevance") {
      params.push(phrase);
      title = `(case when m."titleTerms" @@ $${params.length}::tsquery then 2 + ts_rank_cd(m."titleTerms", $${params.length}::tsquery) else 1 end)`;
    }
    const order =
      query.sort === "date"
        ? `m."publishedAt" desc, m.id`
        : `(case when m.type = 'SERVICE' then 10 else 0 end + case when m.exact then 20 else 0 end
            + ${title} * (case when m.kind in ('POLICY', 'INTERPRETATION') then 1.3 else 1 end)
              * (case when m.validity is null then 1 + 1.0 / (1 + extract(epoch from (now() - m."publishedAt")) / 86400 / 365)
                      when m.validity = 'VALID' then 1.2 when m.validity = 'REVISED' then 0.9 else 0.6 end)
              * (case when m.genre in (${NORMATIVE_GENRES.map((genre) => `'${genre}'`).join(", ")}) then 1.2 else 1 end)) desc, m."publishedAt" desc, m.id`;
    const sql = `with matches as materialized (
         select d.id, d.type, d.kind, d."unitId", d.year, d.validity, d.genre, d."publishedAt", d.title, d.url, d."unitName", d."docNumber",
                d."siteIds", d."titleTerms", d.generation, coalesce(d."docNumber" = $2::text, false) as exact
         from "SearchDocument" d
         where ${where.join(" and ")}
         order by d."publishedAt" desc
         limit ${MAX_HITS}
       ),
       facet as (
         select 'kind' as facet, kind as value, count(*) as n from matches where kind is not null group by kind
         union all select 'unit', "unitId"::text, count(*) from matches where "unitId" is not null group by "unitId"
         union all select 'year', year::text, count(*) from matches where year is not null group by year
         union all select 'validity', validity, count(*) from matches where validity is not null group by validity
       ),
       ranked as (
         select m.id, m.generation, m.type, m.kind, m.title, m.url, m."unitName", m."docNumber", m.validity, m."siteIds",
                m."publishedAt" at time zone 'UTC' as "publishedAt", row_number() over (order by ${order}) as position
         from matches m
         order by ${order}
         offset $${offset}::int limit $${limit}::int
       ),
       -- The text for snippets, for this page's hits only.
       page as (
         select r.id, r.type, r.kind, r.title, r.url, r."unitName", r."docNumber", r.validity, r."siteIds", r."publishedAt",
                r.position, t.summary, left(t.body, 20000) as body
         from ranked r join "SearchDocument" t on t.generation = r.generation and t.id = r.id
       )
       select jsonb_build_object(
                'total', (select count(*) from matches),
                'kind', (select jsonb_object_agg(value, n) from facet where facet = 'kind'),
                'unit', (select jsonb_object_agg(value, n) from facet where facet = 'unit'),
                'year', (select jsonb_object_agg(value, n) from facet where facet = 'year'),
                'validity', (select jsonb_object_agg(value, n) from facet where facet = 'validity')) as facets,
              coalesce((select jsonb_agg(page order by page.position) from page), '[]'::jsonb) as hits`;
    const [row] = await this.read<Row>(sql, params);
    if (!row) return empty;
    const facets: Facets = { kind: row.facets.kind ?? {}, unit: row.facets.unit ?? {}, year: row.facets.year ?? {}, validity: row.facets.validity ?? {} };
    return { total: Number(row.facets.total), facets, hits: row.hits.map((hit) => ({ ...hit, publishedAt: new Date(hit.publishedAt) })) };
  }

  /**
   * 您是不是要找: when a Han query finds nothing, try each character as unknown (a typo) and take
   * the replacement found most often in the titles and texts holding the rest (中央厨方 → 中央厨房).
   */
  async suggest(text: string, siteId?: string): Promise<string | null> {
    const parts = runs(text);
    if (parts.length !== 1 || !parts[0]!.han) return null;
    const chars = Array.from(parts[0]!.text);
    if (chars.length < 2 || chars.length > 12) return null;
    const counts = new Map<string, number>();
    for (let i = 0; i < chars.length; i += 1) {
      const left = chars.slice(0, i).join("");
      const right = chars.slice(i + 1).join("");
      // Documents with both sides; the text itself then shows what stands between them.
      const sides = [left, right].filter(Boolean).map((piece) => runMatch({ text: piece, han: true }));
      if (sides.length === 0) continue;
      const tsquery = sides.join(" & ");
      const pattern = new RegExp(`${escape(left)}(\\p{Script=Han})${escape(right)}`, "gu");
      const rows = await this.read<{ title: string; body: string }>(
        `select title, left(body, 20000) as body from "SearchDocument"
         where generation = ${LIVE} and terms @@ $1::tsquery ${siteId ? `and $2::uuid = any("siteIds")` : ""}
         limit 20`,
        [tsquery, ...(siteId ? [siteId] : [])],
      );
      for (const row of rows) {
        for (const match of `${row.title}\n${row.body}`.matchAll(pattern)) {
          if (match[1] === chars[i]) continue;
          const candidate = `${left}${match[1]}${right}`;
          counts.set(candidate, (counts.get(candidate) ?? 0) + 1);
        }
      }
    }
    const best = [...counts].sort((a, b) => b[1] - a[1])[0];
    return best ? best[0] : null;
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

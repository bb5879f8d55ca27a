import pg from "pg";
import { resolveDatabaseUrl, type Db, type Tx } from "@/lib/db/client";
import { MAX_HITS, variantsQuery, type EngineHit, type EngineQuery, type EngineResult, type Facets, type SearchEngine } from "@/lib/search/query";
import { lexemeLiteral, matchLexemes, runMatch, runs, timeBuckets, tsvectorLiteral, windowQuery } from "@/lib/search/tokenize";
import type { SearchDoc } from "@/lib/search/documents";

// The PostgreSQL engine (the embedded default). Documents carry a tsvector of character bigrams
// (lib/search/tokenize.ts) under a GIN index; a query matches where each of its runs occurs as a
// phrase. Matching rows are narrowed to the MAX_HITS most recent ones (found inside a window of
// recent time, so a common word does not read its whole posting list), then ranked by
// ts_rank_cd with field weights (title and 文号 A, summary B, body D), then: policy documents and
// interpretations weighted up (what people come to a government portal for); a policy by its
// validity (有效 before 已修订 before 废止/失效) and news by recency; documents that set rules
// (意见, 办法, 规定…) above reports that quote them (通报). Service entries and an exact 文号 lead.

export const ENGINE = "postgres";
/** 文种 of documents that set rules, rather than report on them. */
const NORMATIVE_GENRES = ["意见", "实施意见", "办法", "规定", "细则", "实施细则", "条例", "决定", "规划", "方案", "标准"];
const COLUMNS = ["generation", "id", "publicationId", "type", "kind", "title", "summary", "body", "url", "unitId", "unitName", "year", "validity", "themeCode", "genre", "docNumber", "siteIds", "columnIds", "publishedAt", "terms", "titleTerms"] as const;
const CASTS: Partial<Record<(typeof COLUMNS)[number], string>> = { publicationId: "uuid", unitId: "uuid", siteIds: "uuid[]", columnIds: "uuid[]", terms: "tsvector", titleTerms: "tsvector", publishedAt: "timestamp(3)" };

/** The live generation, inside a query. */
const LIVE = `coalesce((select live from "SearchIndexState" where engine = '${ENGINE}'), 1)`;

/** Runs one read-only statement and returns its rows. */
export type SearchReader = <T>(text: string, values: unknown[]) => Promise<T[]>;

const globalForSearch = globalThis as unknown as { tongyuanSearchPool?: pg.Pool; tongyuanSearchStatistics?: { at: number; stats: IndexStatistics } };

/**
 * ANALYZE's view of the index: rows, publication times at equal shares (oldest first), and the
 * share of rows holding each common lexeme (any other is rarer than `rarest`).
 */
export type IndexStatistics = { rows: number; published: Date[]; frequency: Map<string, number>; rarest: number };

/**
 * At most how many documents match any variant: a variant needs all its lexemes, so it matches no
 * more often than its rarest one (the planner's estimate multiplies the shares as if bigrams were
 * independent, which for the bigrams of one word undercounts by orders of magnitude).
 */
export function estimateMatches(variants: string[], stats: IndexStatistics): number {
  let share = 0;
  for (const variant of variants) {
    const lexemes = matchLexemes(variant);
    if (lexemes.length === 0) continue;
    share += Math.min(...lexemes.map((lexeme) => (lexeme.endsWith(":*") ? 1 : (stats.frequency.get(lexeme) ?? stats.rarest))));
  }
  return Math.min(1, share) * stats.rows;
}

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
    terms: `${lexemeLiteral([doc.title, doc.docNumber ?? "", doc.summary, doc.body])} ${timeBuckets(doc.publishedAt).map((bucket) => `'${bucket}'`).join(" ")}`,
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

/** Drops the cached statistics (after a rebuild's ANALYZE), so the next query reads them afresh. */
export function forgetIndexStatistics(): void {
  globalForSearch.tongyuanSearchStatistics = undefined;
}

export class PostgresEngine implements SearchEngine {
  readonly name = ENGINE;
  constructor(private readonly read: SearchReader = searchReader()) {}

  /**
   * The MAX_HITS most recent matches, ranked. A common word matches a large part of the library,
   * and reading every match to keep the most recent would grow with it; so a window of recent
   * time is tried first, sized from an estimate of the matches (the index's lexeme statistics)
   * and the spread of publication times (the column's histogram), to hold a few times MAX_HITS
   * of them. When a window holds MAX_HITS matches, those are exactly the most recent ones; else
   * it is widened by what it found, up to everything. The window is bucket lexemes in the match
   * query (lib/search/tokenize.ts), so the GIN index alone finds the matches in it; and as a
   * rebuild writes documents oldest first, a window's rows lie together in the table and in each
   * posting list, which the index skips through.
   */
  async search(query: EngineQuery): Promise<EngineResult> {
    const stats = await this.statistics();
    const estimate = estimateMatches(query.variants, stats);
    const now = new Date();
    for (let share = (3 * MAX_HITS) / Math.max(1, estimate); share < 0.5 && stats.published.length > 1; ) {
      const since = stats.published[Math.floor((1 - share) * (stats.published.length - 1))]!;
      const window = windowQuery(since, now);
      if (!window) break;
      const result = await this.searchWindow(query, window);
      if (result.total >= MAX_HITS) return result;
      // Too few: the matches counted so far tell how much wider to look (at least twice, as the
      // estimate is only an upper bound and filters thin matches out unevenly).
      share *= result.total > 0 ? Math.max(2, (1.5 * MAX_HITS) / result.total) : 8;
    }
    return this.searchWindow(query, null);
  }

  /** What ANALYZE found in the index (cached a minute): see IndexStatistics. */
  private async statistics(): Promise<IndexStatistics> {
    const cached = globalForSearch.tongyuanSearchStatistics;
    if (cached && cached.at > Date.now() - 60_000) return cached.stats;
    // publishedAt is stored as UTC without a zone: epoch milliseconds, not the driver's local time.
    const [row] = await this.read<{ rows: number; published: number[] | null; lexemes: string[] | null; frequencies: number[] | null }>(
      `select (select reltuples from pg_class where oid = '"SearchDocument"'::regclass) as rows,
              (select array(select extract(epoch from bound) * 1000 from unnest(histogram_bounds::text::timestamp[]) as bound)
                 from pg_stats where schemaname = current_schema() and tablename = 'SearchDocument' and attname = 'publishedAt') as published,
              (select most_common_elems::text::text[] from pg_stats where schemaname = current_schema() and tablename = 'SearchDocument' and attname = 'terms') as lexemes,
              (select most_common_elem_freqs from pg_stats where schemaname = current_schema() and tablename = 'SearchDocument' and attname = 'terms') as frequencies`,
      [],
    );
    const lexemes = row?.lexemes ?? [];
    const frequencies = (row?.frequencies ?? []).map(Number);
    const stats: IndexStatistics = {
      rows: Math.max(0, Number(row?.rows ?? 0)),
      published: (row?.published ?? []).map((ms) => new Date(Number(ms))),
      frequency: new Map(lexemes.map((lexeme, index) => [lexeme, frequencies[index]!])),
      // After the lexemes' own frequencies come the least and the greatest of them.
      rarest: frequencies[lexemes.length] ?? 1,
    };
    globalForSearch.tongyuanSearchStatistics = { at: Date.now(), stats };
    return stats;
  }

  /** The matches published inside `window` (a bucket tsquery; null: any time). */
  private async searchWindow(query: EngineQuery, window: string | null): Promise<EngineResult> {
    const match = variantsQuery(query.variants, "match");
    const phrase = variantsQuery(query.variants, "phrase");
    const empty: EngineResult = { total: 0, hits: [], facets: { kind: {}, unit: {}, year: {}, validity: {} } };
    if (!match && !query.docNumber) return empty;
    const params: unknown[] = [match && window ? `(${match}) & (${window})` : (match ?? ""), query.docNumber];
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

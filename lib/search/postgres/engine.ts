import {
  MAX_HITS,
  matchingVariants,
  noResult,
  variantsQuery,
  type EngineHit,
  type EngineQuery,
  type EngineResult,
  type Facets,
  type SearchEngine,
} from "@/lib/search/query";
import { lexemeQuery, runMatch, runs } from "@/lib/search/tokenize";
import { ENGINE, LIVE, type Generation } from "@/lib/search/postgres/generations";
import { planSearch, type IndexStatistics, type SearchPlan } from "@/lib/search/postgres/planner";
import { searchReader, type SearchReader } from "@/lib/search/postgres/reader";
import { excerptTerms, excerptsOf } from "@/lib/search/postgres/excerpt";
import { chinaToday } from "@/lib/time/china";

// The PostgreSQL engine (the embedded default). Documents carry a tsvector of character bigrams
// and time buckets (lib/search/tokenize.ts) under a GIN index; a query matches where every bigram
// of each of its words occurs. Matching rows are narrowed to the MAX_HITS most recent ones (a
// common word's are found bucket by bucket from the newest, so it does not read all its matches),
// then ranked: the query's words in the title (or 文号) first, the more of the title they cover the
// higher; policy documents and interpretations weighted up (what people come to a government
// portal for); a policy by its validity (有效 before 已修订 before 废止/失效) and news by recency;
// documents that set rules (意见, 办法, 规定…) above reports that quote them (通报). Service
// entries and an exact 文号 lead.
// The design, the cost model's derivation and the benchmark history: docs/adr/0001-search-engine.md.

/** 文种 of documents that set rules, rather than report on them. */
const NORMATIVE_GENRES = [
  "意见",
  "实施意见",
  "办法",
  "规定",
  "细则",
  "实施细则",
  "条例",
  "决定",
  "规划",
  "方案",
  "标准",
];

type Row = {
  facets: {
    total: number;
    kind: Record<string, number> | null;
    unit: Record<string, number> | null;
    year: Record<string, number> | null;
    validity: Record<string, number> | null;
  };
  hits: (Omit<EngineHit, "publishedAt"> & { publishedAt: string })[];
};

/**
 * The statistics a process holds (a minute): ANALYZE's, the live generation, and the plans made
 * from them, by query (at most MAX_PLANS; the walk's buckets start from next year, so a plan made
 * in the minute before a new year still walks it).
 */
type Statistics = { at: number; stats: IndexStatistics; live: Generation; plans: Map<string, SearchPlan> };
/** Plans kept per statistics entry, so that a flood of distinct queries cannot grow memory without bound. */
const MAX_PLANS = 1000;

const globalForSearch = globalThis as unknown as { tongyuanSearchStatistics?: Statistics };

/** Drops the cached statistics (after a rebuild's ANALYZE), so the next query reads them afresh. */
export function forgetIndexStatistics(): void {
  globalForSearch.tongyuanSearchStatistics = undefined;
}

export class PostgresEngine implements SearchEngine {
  readonly name = ENGINE;
  constructor(private readonly read: SearchReader = searchReader()) {}

  /**
   * The MAX_HITS most recent matches, ranked, in one statement. A common word matches a large
   * part of the library, and reading every match to keep the most recent would grow with it; so
   * when planWalk finds it cheaper, its matches are read bucket by bucket, newest first (next
   * year; this year and the last, month by month where a year would hold too many matches for one
   * step; then whole years; then anything older), and reading stops once MAX_HITS are found: about
   * as many rows are read as are kept, whatever the library's size. Each bucket is a lexeme ANDed
   * into the match query, so the GIN index alone finds a bucket's matches.
   */
  async search(query: EngineQuery): Promise<EngineResult> {
    const whole = variantsQuery(query.variants);
    if (!whole) return query.docNumber ? this.run(query, null, [], null, null) : noResult();
    const { stats, live, plans } = await this.statistics();
    const variants = matchingVariants(query.variants);
    // Planning is not free for several words, so a statistics entry keeps its plans.
    const key = variants.join("\n");
    let plan = plans.get(key);
    if (!plan) {
      plan = planSearch(variants, live.common, stats, new Date());
      if (plans.size < MAX_PLANS) plans.set(key, plan);
    }
    const { split, walk } = plan;
    const steps = walk?.buckets.map((bucket) => bucket.lexeme) ?? [];
    if (!split) return this.run(query, whole, steps, walk?.since ?? null, null);
    return this.run(query, lexemeQuery(split.looked), steps, walk?.since ?? null, {
      generation: live.generation,
      mask: split.mask,
      tested: lexemeQuery(split.tested),
    });
  }

  /** What ANALYZE found in the index, and the live generation's common lexemes (cached a minute): see IndexStatistics. */
  private async statistics(): Promise<Statistics> {
    const cached = globalForSearch.tongyuanSearchStatistics;
    if (cached && cached.at > Date.now() - 60_000) return cached;
    // publishedAt is stored as UTC without a zone: epoch milliseconds, not the driver's local time.
    const [row] = await this.read<{
      rows: number;
      published: number[] | null;
      lexemes: string[] | null;
      frequencies: number[] | null;
      live: number | null;
      common: string[] | null;
    }>(
      `select (select reltuples from pg_class where oid = '"SearchDocument"'::regclass) as rows,
              (select live from "SearchIndexState" where engine = '${ENGINE}') as live,
              (select common from "SearchIndexState" where engine = '${ENGINE}') as common,
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
    const entry: Statistics = {
      at: Date.now(),
      stats,
      live: { generation: row?.live ?? 1, common: row?.common ?? [] },
      plans: new Map(),
    };
    globalForSearch.tongyuanSearchStatistics = entry;
    return entry;
  }

  /**
   * Runs the query: the 文号's own documents, then the matches in each bucket of `steps` (tsquery
   * literals) in order, then those published before `before` (all of them when it is null); the
   * first MAX_HITS of these, their facets, and the requested page, ranked. With `common`, the
   * index looks up `match` and the row's bits test the common lexemes (`mask`, as `generation`
   * numbers them); should another generation have gone live since they were read, its rows are
   * tested by their vectors instead (`tested`), so a swap never changes a result.
   */
  private async run(
    query: EngineQuery,
    match: string | null,
    steps: string[],
    before: Date | null,
    common: { generation: number; mask: [bigint, bigint]; tested: string } | null,
  ): Promise<EngineResult> {
    const params: unknown[] = [match, query.docNumber, steps, before?.toISOString() ?? null];
    // Every filter is in the statement, null when not asked for: the text depends on the query's
    // shape only, so its prepared plan serves every query of that shape (searchReader).
    const { siteId, kind, issuer, year, validity } = query.filters;
    params.push(siteId ?? null, kind ?? null, issuer ?? null, year ?? null, validity ?? null);
    const f = params.length - 4;
    const where = [
      `d.generation = ${LIVE}`,
      `($${f}::uuid is null or $${f}::uuid = any(d."siteIds"))`,
      `($${f + 1}::text is null or d.kind = $${f + 1}::text)`,
      `($${f + 2}::text is null or d."unitName" = $${f + 2}::text)`,
      `($${f + 3}::int is null or d.year = $${f + 3}::int)`,
      `($${f + 4}::text is null or d.validity = $${f + 4}::text)`,
    ];
    // A 答问 outside its 有效期 (China day) is never a result, even before the daily sweep removes it.
    params.push(chinaToday());
    const today = params.length;
    where.push(
      `(d."validFrom" is null or d."validFrom" <= $${today}::date)`,
      `(d."validTo" is null or d."validTo" >= $${today}::date)`,
    );
    params.push(query.offset, query.limit);
    const [offset, limit] = [params.length - 1, params.length];
    // The sort key: a relevance score (equal for every match when sorting by date), then recency.
    const score = (() => {
      if (query.sort === "date") return "0";
      params.push(Date.now() / 1000);
      const now = params.length;
      // A variant's words all in the title (or 文号) count 2 and more the more of the title they
      // cover; a body match counts 1. Constants are float8: numeric ones cost a conversion a row.
      const title = this.titleScore(query.variants, params);
      return `(case when m.type = 'SERVICE' then 10 else 0 end + case when m.exact then 20 else 0 end
            + ${title} * (case when m.kind in ('POLICY', 'INTERPRETATION') then 1.3::float8 else 1 end)
              * (case when m.validity is null then 1 + 1 / (1 + ($${now}::float8 - date_part('epoch', m."publishedAt")) / 31536000)
                      when m.validity = 'VALID' then 1.2::float8 when m.validity = 'REVISED' then 0.9::float8 else 0.6::float8 end)
              * (case when m.genre in (${NORMATIVE_GENRES.map((genre) => `'${genre}'`).join(", ")}) then 1.2::float8 else 1 end))`;
    })();
    const columns = `d.id, d.type, d.kind, d."unitName", d.year, d.validity, d.genre, d."publishedAt", d.title, d."docNumber"`;
    // The 文号's own documents first (whether or not the text matches); then the walk, without
    // them: the lateral subquery runs once per bucket, in the buckets' order, then the match query
    // alone for anything older (only if something older exists: the btree on publishedAt answers
    // that at once, where the match query alone would read every match); the limit stops the walk.
    let tested = "";
    if (common) {
      params.push(String(common.mask[0]), String(common.mask[1]), common.generation, common.tested);
      const [low, high, generation, vector] = [params.length - 3, params.length - 2, params.length - 1, params.length];
      tested = ` and (case when ${LIVE} = $${generation}::int then (d.common & $${low}::bigint) = $${low}::bigint and (d.common2 & $${high}::bigint) = $${high}::bigint else d.terms @@ $${vector}::tsquery end)`;
    }
    const walked = `${where.join(" and ")} and coalesce(d."docNumber" <> $2::text, true)${tested}`;
    params.push(excerptTerms(query.variants));
    const terms = params.length;
    const sql = `with matches as materialized (
         select * from (
           select ${columns}, true as exact from "SearchDocument" d
           where ${where.join(" and ")} and $2::text is not null and d."docNumber" = $2::text
           union all
           select c.*, false from unnest($3::text[]) as step(bucket)
           cross join lateral (
             select ${columns} from "SearchDocument" d
             where ${walked} and d.terms @@ ($1::tsquery && step.bucket::tsquery)
             order by d."publishedAt" desc
           ) c
           union all
           (select ${columns}, false from "SearchDocument" d
            where ${walked} and d.terms @@ $1::tsquery
              and ($4::text is null or d."publishedAt" < ($4::timestamptz at time zone 'UTC'))
              and ($4::text is null or exists (select from "SearchDocument" o where o.generation = ${LIVE} and o."publishedAt" < ($4::timestamptz at time zone 'UTC')))
            order by d."publishedAt" desc)
         ) as walk
         limit ${MAX_HITS}
       ),
       facet as (
         select kind, nullif("unitName", '') as unit, year::text as year, validity, count(*) as n from matches
         group by grouping sets ((kind), ("unitName"), (year), (validity))
       ),
       -- Only the matches up to the end of the page are sorted (a bounded heap), then numbered.
       ranked as (
         select top.id, row_number() over (order by top.score desc, top."publishedAt" desc, top.id) as position
         from (select m.id, m."publishedAt", ${score} as score from matches m
               order by score desc, m."publishedAt" desc, m.id limit $${offset}::int + $${limit}::int) top
         order by position offset $${offset}::int
       ),
       -- Everything shown, for this page's hits only; of the body, the excerpt the snippet is cut from.
       shown as materialized (
         select t.id, t.type, t.kind, t.title, t.url, t."unitName", t."docNumber", t.validity, t."siteIds",
                t."publishedAt" at time zone 'UTC' as "publishedAt", r.position, t.summary, left(t.body, 20000) as body
         from ranked r join "SearchDocument" t on t.generation = ${LIVE} and t.id = r.id
       ),
       excerpts as materialized (${excerptsOf("shown", `$${terms}`)}),
       page as (
         select s.id, s.type, s.kind, s.title, s.url, s."unitName", s."docNumber", s.validity, s."siteIds",
                s."publishedAt", s.position, s.summary, e.excerpt
         from shown s join excerpts e on e.id = s.id
       )
       select jsonb_build_object(
                'total', (select count(*) from matches),
                'kind', (select jsonb_object_agg(kind, n) from facet where kind is not null),
                'unit', (select jsonb_object_agg(unit, n) from facet where unit is not null),
                'year', (select jsonb_object_agg(year, n) from facet where year is not null),
                'validity', (select jsonb_object_agg(validity, n) from facet where validity is not null)) as facets,
              coalesce((select jsonb_agg(page order by page.position) from page), '[]'::jsonb) as hits`;
    const [row] = await this.read<Row>(sql, params);
    if (!row) return noResult();
    const facets: Facets = {
      kind: row.facets.kind ?? {},
      unit: row.facets.unit ?? {},
      year: row.facets.year ?? {},
      validity: row.facets.validity ?? {},
    };
    return {
      total: Number(row.facets.total),
      facets,
      hits: row.hits.map((hit) => ({ ...hit, publishedAt: new Date(hit.publishedAt) })),
    };
  }

  /**
   * The title score of a match, as SQL: 2 plus the share of the title its words cover when every
   * word of a variant occurs in the title or 文号, else 1. Words other than Han are lower-case
   * (lib/search/tokenize.ts), so the title is lower-cased for them (ASCII: the database's ctype
   * is C); Han words are compared as stored, which costs nothing per row. A word is false, never
   * null, for a document without a 文号: a null would not end the AND, and every further word would
   * be looked for in the title.
   */
  private titleScore(variants: string[], params: unknown[]): string {
    const cases = variants.flatMap((variant) => {
      const words = [...new Map(runs(variant).map((run) => [run.text, run])).values()];
      if (words.length === 0) return [];
      const tests = words.map((word) => {
        params.push(word.text);
        const [title, number] = word.han ? [`m.title`, `m."docNumber"`] : [`lower(m.title)`, `lower(m."docNumber")`];
        return `(strpos(${title}, $${params.length}::text) > 0 or (m."docNumber" is not null and strpos(${number}, $${params.length}::text) > 0))`;
      });
      params.push(words.reduce((sum, word) => sum + Array.from(word.text).length, 0));
      return [
        `when ${tests.join(" and ")} then 2 + least(1, $${params.length}::float8 / greatest(1, char_length(m.title)))`,
      ];
    });
    return cases.length ? `(case ${cases.join(" ")} else 1 end)` : "1";
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

import pg from "pg";
import { resolveDatabaseUrl, type Db, type Tx } from "@/lib/db/client";
import { MAX_HITS, matchingVariants, noResult, variantsQuery, type EngineHit, type EngineQuery, type EngineResult, type Facets, type SearchEngine } from "@/lib/search/query";
import { lexemeQuery, lexemeSet, recentBuckets, runLexemes, runMatch, runs, setLiteral, timeBuckets, type Bucket } from "@/lib/search/tokenize";
import type { SearchDoc } from "@/lib/search/documents";

// The PostgreSQL engine (the embedded default). Documents carry a tsvector of character bigrams
// and time buckets (lib/search/tokenize.ts) under a GIN index; a query matches where every bigram
// of each of its words occurs. Matching rows are narrowed to the MAX_HITS most recent ones (a
// common word's are found bucket by bucket from the newest, so it does not read all its matches),
// then ranked: the query's words in the title (or 文号) first, the more of the title they cover the
// higher; policy documents and interpretations weighted up (what people come to a government
// portal for); a policy by its validity (有效 before 已修订 before 废止/失效) and news by recency;
// documents that set rules (意见, 办法, 规定…) above reports that quote them (通报). Service
// entries and an exact 文号 lead.

export const ENGINE = "postgres";
/** Up to this many possible matches, a query reads them all at once (see planWalk). */
const WALK_ABOVE = 2 * MAX_HITS;
// planWalk's costs, in units of moving one lexeme's posting list past one entry in a query read at
// once, ~0.1 µs (EXPLAIN ANALYZE at 1,000,000 documents, pages in PostgreSQL's buffers: 通知 网站
// 检查 整改 at once, 66,000 entries of its rarest lexeme times four lexemes, 28 ms).
/**
 * A bucket's step moves each of its lexemes (the bucket's own too) past the bucket's entries at
 * about a third of that: the bucket's documents lie together in the table, so each list is read
 * over one stretch (a month's 1,209 documents: 0.21 ms for 通知, 0.73 ms for seven lexemes; a
 * year's 14,206: 1.3 and 4.0 ms).
 */
const BUCKET_ENTRY = 0.3;
/** …and costs about 50 µs a lexeme whatever the bucket's size: finding and decoding its pages. */
const STEP_COST = 500;
/**
 * Reading and sorting a matching row, ~0.7–1.1 µs with its page in the buffers (a year's 14,206
 * rows: 7.9 ms read, 9 ms sorted). A page fetched from the operating system costs ~14 µs more.
 */
const ROW_COST = 10;
/** 文种 of documents that set rules, rather than report on them. */
const NORMATIVE_GENRES = ["意见", "实施意见", "办法", "规定", "细则", "实施细则", "条例", "决定", "规划", "方案", "标准"];
const COLUMNS = ["generation", "id", "publicationId", "type", "kind", "title", "summary", "body", "url", "unitId", "unitName", "year", "validity", "themeCode", "genre", "docNumber", "siteIds", "columnIds", "publishedAt", "terms", "common", "common2"] as const;
const CASTS: Partial<Record<(typeof COLUMNS)[number], string>> = { publicationId: "uuid", unitId: "uuid", siteIds: "uuid[]", columnIds: "uuid[]", terms: "tsvector", publishedAt: "timestamp(3)", common: "bigint", common2: "bigint" };

// ───────────── Common lexemes ─────────────
//
// A bigram in a tenth or more of the documents (网站 is in nine of ten of the benchmark's) costs a
// GIN scan its whole posting list, yet hardly narrows the match: at 1,000,000 documents 通知 &
// 整改 took 9.6 ms for 621 matches, with 检查 (in a fifth) 11.6 ms for 620, with 网站 too 25 ms.
// So each generation of the index names up to MAX_COMMON such lexemes, chosen when it is built,
// and every row keeps one bit for each it holds (SearchDocument.common, common2); a query asks the
// GIN index for its other lexemes, and for those common ones that rule out more rows than their
// lists cost (planSearch), and tests the rest in the row it reads anyway. The match is the same:
// the bits say exactly which of those lexemes the row's vector holds.

/**
 * At most this many common lexemes a generation: one bit each of two bigints. (The benchmark's
 * sample at 1,000,000 documents finds 87 in a fifth of them or more, and more than 128 in a tenth:
 * the 128 most frequent, down to about 16%, are named.)
 */
export const MAX_COMMON = 128;
/**
 * A lexeme in at least this share of the sampled documents is common… (A fifth left 检查, in
 * 19.8% of the benchmark's documents, to the GIN scans: 2 ms of 通知 网站 检查 整改's 12.)
 */
const COMMON_SHARE = 0.1;
/** …when at least this many documents were sampled (a small library needs none). */
const COMMON_SAMPLE_MIN = 50;

/** A generation of the index, and its common lexemes (bit i of a row's mask: common[i]). */
export type Generation = { generation: number; common: string[] };

/** The lexemes of a document's match vector, its time buckets aside. */
export function documentLexemes(doc: SearchDoc): Set<string> {
  return lexemeSet([doc.title, doc.docNumber ?? "", doc.summary, doc.body]);
}

/** The common lexemes of a sample of documents: those in COMMON_SHARE of them or more, most frequent first. */
export function chooseCommonLexemes(sample: SearchDoc[]): string[] {
  if (sample.length < COMMON_SAMPLE_MIN) return [];
  const counts = new Map<string, number>();
  // Bigrams only: a single character is a run's last, and queries ask for one only as a prefix.
  for (const doc of sample) for (const lexeme of documentLexemes(doc)) if (Array.from(lexeme).length > 1) counts.set(lexeme, (counts.get(lexeme) ?? 0) + 1);
  return [...counts]
    .filter(([, count]) => count >= COMMON_SHARE * sample.length)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, MAX_COMMON)
    .map(([lexeme]) => lexeme);
}

/** The bits of `common` a set of lexemes holds: bits 0–63 and 64–127, as two signed bigints. */
export function commonMask(lexemes: Iterable<string>, common: string[]): [bigint, bigint] {
  const held = new Set(lexemes);
  const mask = common.reduce((bits, lexeme, bit) => (held.has(lexeme) ? bits | (1n << BigInt(bit)) : bits), 0n);
  return [BigInt.asIntN(64, mask), BigInt.asIntN(64, mask >> 64n)];
}

/** The common lexemes a single-variant query tests in the row (their bits), and those it looks up. */
type Split = { looked: string[]; tested: string[]; mask: [bigint, bigint] };

/** A walk through time buckets, newest first, and where it ends (older matches are read at once). */
type Walk = { buckets: Bucket[]; since: Date };

/** How a query is matched (split: null when everything goes through the index) and read (planWalk). */
type SearchPlan = { split: Split | null; walk: Walk | null };

/**
 * How a query is matched and read. A single-variant query asks the GIN index for every lexeme
 * not common, or the rarest common one when all are (网站 alone), and tests the other common ones
 * by the row's bits; a common lexeme is looked up too when planWalk finds that cheaper: each
 * costs the index its posting list, and each spares reading the rows it would have ruled out
 * (新媒体 管理 账号 注销 at 1,000,000 documents, all five bigrams common: 注销 alone yields 2.8
 * times the rows that 注销 and 账号 do, 17.4 ms against 15.2; all five through the index, 19.4).
 * Lexemes are added one at a time, the cheapest first, while the cost falls. Several variants, an
 * OR whose lexemes' masks rows could not keep apart, go to the index whole, as does a query with
 * nothing left to test.
 */
export function planSearch(variants: string[], common: string[], stats: IndexStatistics, now: Date): SearchPlan {
  const words = variants.map(variantWords);
  const whole = (): SearchPlan => ({ split: null, walk: planWalk(words, stats, now, () => true).walk });
  if (variants.length !== 1 || common.length === 0) return whole();
  const lexemes = [...new Set(words.flat(2))];
  const isCommon = new Set(common);
  let tested = lexemes.filter((lexeme) => isCommon.has(lexeme));
  if (tested.length === 0) return whole();
  const looked = lexemes.filter((lexeme) => !isCommon.has(lexeme));
  if (looked.length === 0) {
    const rarest = [...tested].sort((a, b) => share(a, stats) - share(b, stats))[0]!;
    looked.push(rarest);
    tested = tested.filter((lexeme) => lexeme !== rarest);
  }
  const plan = (lexemes: string[]) => planWalk(words, stats, now, (lexeme) => lexemes.includes(lexeme));
  let best = plan(looked);
  while (tested.length > 0) {
    const [cheapest] = tested.map((lexeme) => ({ lexeme, plan: plan([...looked, lexeme]) })).sort((a, b) => a.plan.cost - b.plan.cost);
    if (!cheapest || cheapest.plan.cost >= best.cost) break;
    looked.push(cheapest.lexeme);
    tested = tested.filter((lexeme) => lexeme !== cheapest.lexeme);
    best = cheapest.plan;
  }
  return { split: tested.length ? { looked, tested, mask: commonMask(tested, common) } : null, walk: best.walk };
}

/** The live generation, inside a query. */
const LIVE = `coalesce((select live from "SearchIndexState" where engine = '${ENGINE}'), 1)`;

/** Runs one read-only statement and returns its rows. */
export type SearchReader = <T>(text: string, values: unknown[]) => Promise<T[]>;

const globalForSearch = globalThis as unknown as { tongyuanSearchPool?: pg.Pool; tongyuanSearchStatements?: Map<string, string>; tongyuanSearchStatistics?: Statistics };

/**
 * ANALYZE's view of the index: rows, publication times at equal shares (oldest first), and the
 * share of rows holding each common lexeme (any other is rarer than `rarest`).
 */
export type IndexStatistics = { rows: number; published: Date[]; frequency: Map<string, number>; rarest: number };

/**
 * At most how many documents match any variant: a variant needs all its lexemes, so it matches no
 * more often than its rarest one (the planner's estimate multiplies the shares as if bigrams were
 * independent, which for the bigrams of one word undercounts by orders of magnitude). With
 * `looked`, of the lexemes the GIN index looks up only: the most it may yield.
 */
export function estimateMatches(variants: string[], stats: IndexStatistics, looked: (lexeme: string) => boolean = () => true): number {
  return estimate(variants.map(variantWords), stats, looked);
}

function estimate(variants: Words[], stats: IndexStatistics, looked: (lexeme: string) => boolean): number {
  let total = 0;
  for (const words of variants) {
    const lexemes = words.flat().filter(looked);
    if (lexemes.length) total += Math.min(...lexemes.map((lexeme) => share(lexeme, stats)));
  }
  return Math.min(1, total) * stats.rows;
}

/**
 * The likely share of documents matching any variant: the bigrams of one word occur together, so a
 * word is as rare as its rarest bigram; different words are taken as independent. With `looked`,
 * of the lexemes the GIN index looks up only: the share of rows it yields to be read.
 */
export function matchDensity(variants: string[], stats: IndexStatistics, looked: (lexeme: string) => boolean = () => true): number {
  return density(variants.map(variantWords), stats, looked);
}

function density(variants: Words[], stats: IndexStatistics, looked: (lexeme: string) => boolean): number {
  let total = 0;
  for (const words of variants) {
    if (words.length === 0) continue;
    total += words.reduce((product, lexemes) => product * Math.min(1, ...lexemes.filter(looked).map((lexeme) => share(lexeme, stats))), 1);
  }
  return Math.min(1, total);
}

/** A variant's words, each as the lexemes its match asks for (tokenized once per query). */
type Words = string[][];

function variantWords(variant: string): Words {
  return runs(variant).map(runLexemes);
}

function share(lexeme: string, stats: IndexStatistics): number {
  return lexeme.endsWith(":*") ? 1 : (stats.frequency.get(lexeme) ?? stats.rarest);
}

/** The share of documents published in [from, to), from the histogram of publication times. */
export function publishedShare(published: Date[], from: Date, to: Date): number {
  const intervals = published.length - 1;
  if (intervals < 1) return 1;
  const times = boundTimes(published);
  return Math.max(0, position(times, to.getTime()) - position(times, from.getTime())) / intervals;
}

const boundsAsTimes = new WeakMap<Date[], number[]>();

function boundTimes(published: Date[]): number[] {
  let times = boundsAsTimes.get(published);
  if (!times) boundsAsTimes.set(published, (times = published.map((bound) => bound.getTime())));
  return times;
}

/** How many of the histogram's intervals lie before `time`: whole ones, and the share of the one it falls in. */
function position(times: number[], time: number): number {
  if (time <= times[0]!) return 0;
  if (time >= times[times.length - 1]!) return times.length - 1;
  // The last bound at or before `time`: times[low] <= time < times[high].
  let [low, high] = [0, times.length - 1];
  while (high - low > 1) {
    const middle = (low + high) >> 1;
    if (times[middle]! <= time) low = middle;
    else high = middle;
  }
  return low + (time - times[low]!) / (times[high]! - times[low]!);
}

/**
 * How a query reads its matches, from the index statistics: all at once, or bucket by bucket from
 * the newest (walk null: at once), whichever costs less, and what that costs (in its units). A GIN scan of an AND steps through the shortest
 * posting list among its lexemes and moves each other lexeme's list along. At once, that is the
 * query's rarest lexeme's list (estimateMatches), and then every match is read to keep the newest
 * MAX_HITS. A bucket's step goes through the bucket's list or the rarest lexeme's, the shorter,
 * and reads all the bucket's matches; the walk ends when the expected matches (matchDensity) reach
 * MAX_HITS, or goes on to anything older than its buckets. This year and the last go month by month
 * when that finds the matches still wanted for less than the year's one step: a common word
 * (网站, in nine documents of ten) finds a thousand in a month, where the year would read ten times
 * as many; words rarer together walk whole years, each month's step costing nearly as much as a
 * year's (重庆 政府网站 信息 公开 at 1,000,000: 24 months 25 ms, 2 years 16 ms). Words that are each
 * common but rarely together (通知 网站 检查 整改) would walk every bucket, so they are read at once.
 */
function planWalk(variants: Words[], stats: IndexStatistics, now: Date, looked: (lexeme: string) => boolean): { walk: Walk | null; cost: number } {
  const oldest = stats.published[0];
  const upper = estimate(variants, stats, looked);
  // Matches end the walk; candidates (the rows the index yields, common lexemes untested) are read.
  const candidates = density(variants, stats, looked) * stats.rows;
  const lexemes = variants.reduce((sum, words) => sum + words.flat().filter(looked).length, 0);
  const atOnce = upper * lexemes + ROW_COST * candidates;
  if (!oldest || upper <= WALK_ABOVE) return { walk: null, cost: atOnce };
  const expected = density(variants, stats, () => true) * stats.rows;
  /** One step through the documents published in [from, to): what it costs, and the matches it finds. */
  const step = (from: Date, to: Date) => {
    const share = publishedShare(stats.published, from, to);
    return { cost: (lexemes + 1) * (STEP_COST + BUCKET_ENTRY * Math.min(share * stats.rows, upper)) + ROW_COST * share * candidates, found: share * expected };
  };
  const byMonth = (from: Date, to: Date) => {
    const wanted = MAX_HITS - step(to, END_OF_TIME).found;
    if (wanted <= 0) return false;
    let cost = 0;
    let found = 0;
    for (let month = 11; month >= 0 && found < wanted; month -= 1) {
      const { cost: more, found: also } = step(new Date(Date.UTC(from.getUTCFullYear(), month, 1)), new Date(Date.UTC(from.getUTCFullYear(), month + 1, 1)));
      cost += more;
      found += also;
    }
    return cost < step(from, to).cost;
  };
  const walk = recentBuckets(now, oldest, byMonth);
  let cost = 0;
  let found = 0;
  for (const bucket of walk.buckets) {
    const { cost: more, found: also } = step(bucket.from, bucket.to);
    cost += more;
    found += also;
    if (found >= MAX_HITS) break;
  }
  if (found < MAX_HITS && oldest < walk.since) cost += atOnce;
  return cost < atOnce ? { walk, cost } : { walk: null, cost: atOnce };
}

const END_OF_TIME = new Date(8.64e15);

/**
 * The search sessions' settings. They never plan a sequential or a plain index scan, so
 * candidates always come from the GIN bitmap: a scan that tests each row's vector reads it from
 * TOAST, which for common words cost 60,000 page reads at 100,000 documents. Nor parallel
 * workers: a query reads about a thousand rows, and starting workers costs more than that while
 * other queries want the cores.
 */
export const SEARCH_SESSION = "-c enable_seqscan=off -c enable_indexscan=off -c max_parallel_workers_per_gather=0";

/**
 * Queries go through their own small pool of plain node-postgres connections (SEARCH_SESSION),
 * one round trip each. (Through Prisma this took a transaction: BEGIN, two SET LOCAL, the query,
 * COMMIT — five round trips per window.)
 */
export function searchReader(): SearchReader {
  globalForSearch.tongyuanSearchPool ??= new pg.Pool({
    connectionString: resolveDatabaseUrl(),
    max: 8,
    application_name: "tongyuan-search",
    options: SEARCH_SESSION,
  });
  return poolReader(globalForSearch.tongyuanSearchPool);
}

/** Reads through a pool, running the statements it has room for as prepared statements (statementName). */
export function poolReader(pool: pg.Pool): SearchReader {
  // An idle connection the server closed (restart, failover) is dropped and replaced on next use.
  if (pool.listenerCount("error") === 0) pool.on("error", () => {});
  return async <T>(text: string, values: unknown[]) => (await pool.query({ text, values, name: statementName(text) })).rows as T[];
}

/**
 * How many statement texts a process runs as prepared statements. A search statement's text
 * depends on the query's shape (how many variants and words, the sort, common lexemes or not),
 * its words and filters being parameters; parsing and planning it anew cost ~1.5 ms of a query's
 * 7–15 (1,000,000 documents), while a prepared one is planned once per connection: the first five
 * runs for their own parameters, then generically when that plan costs no more. A prepared
 * search statement holds ~0.5 MB of each connection's memory, so the first PREPARED_SHAPES texts
 * are prepared (up to 8 × 24 × 0.5 MB on the server) and any later one runs unnamed, as all did
 * before. A few shapes (one to four words, with or without a synonym) carry nearly every query.
 */
export const PREPARED_SHAPES = 24;

/** The prepared statement name of a text, while there is room: each text keeps the name it got. */
export function statementName(text: string): string | undefined {
  const names = (globalForSearch.tongyuanSearchStatements ??= new Map());
  let name = names.get(text);
  if (name === undefined && names.size < PREPARED_SHAPES) {
    name = `tongyuan_search_${names.size + 1}`;
    names.set(text, name);
  }
  return name;
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
export async function writableGenerations(tx: Tx): Promise<Generation[]> {
  const [state] = await tx.$queryRaw<{ live: number; building: number | null; common: string[] | null; buildingCommon: string[] | null }[]>`
    select live, building, common, "buildingCommon" from "SearchIndexState" where engine = ${ENGINE} for share`;
  if (!state) return [{ generation: 1, common: [] }];
  const live = { generation: state.live, common: state.common ?? [] };
  return state.building === null ? [live] : [live, { generation: state.building, common: state.buildingCommon ?? [] }];
}

/** The match vector of a document: its bigrams (documentLexemes) and its time buckets. */
export function documentTerms(doc: SearchDoc, lexemes = documentLexemes(doc)): string {
  return `${setLiteral(lexemes)} ${timeBuckets(doc.publishedAt).map((bucket) => `'${bucket}'`).join(" ")}`;
}

/** Inserts documents into one generation (with its common lexemes' bits); `replace` overwrites rows already there. */
export async function writeDocuments(db: Db | Tx, { generation, common }: Generation, docs: SearchDoc[], replace: boolean): Promise<void> {
  for (let start = 0; start < docs.length; start += 200) {
    const batch = docs.slice(start, start + 200);
    const params: unknown[] = [];
    const rows = batch.map((doc) => {
      const lexemes = documentLexemes(doc);
      const values: unknown[] = [generation, doc.id, doc.publicationId, doc.type, doc.kind, doc.title, doc.summary, doc.body, doc.url, doc.unitId, doc.unitName, doc.year, doc.validity, doc.themeCode, doc.genre, doc.docNumber, doc.siteIds, doc.columnIds, doc.publishedAt, documentTerms(doc, lexemes), ...commonMask(lexemes, common).map(String)];
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

/**
 * The statistics a process holds (a minute): ANALYZE's, the live generation, and the plans made
 * from them, by query (at most MAX_PLANS; the walk's buckets start from next year, so a plan made
 * in the minute before a new year still walks it).
 */
type Statistics = { at: number; stats: IndexStatistics; live: Generation; plans: Map<string, SearchPlan> };
const MAX_PLANS = 1000;

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
    // Planning a query of four words takes up to 0.3 ms; a statistics entry keeps its plans.
    const key = variants.join("\n");
    let plan = plans.get(key);
    if (!plan) {
      plan = planSearch(variants, live.common, stats, new Date());
      if (plans.size < MAX_PLANS) plans.set(key, plan);
    }
    const { split, walk } = plan;
    const steps = walk?.buckets.map((bucket) => bucket.lexeme) ?? [];
    if (!split) return this.run(query, whole, steps, walk?.since ?? null, null);
    return this.run(query, lexemeQuery(split.looked), steps, walk?.since ?? null, { generation: live.generation, mask: split.mask, tested: lexemeQuery(split.tested) });
  }

  /** What ANALYZE found in the index, and the live generation's common lexemes (cached a minute): see IndexStatistics. */
  private async statistics(): Promise<Statistics> {
    const cached = globalForSearch.tongyuanSearchStatistics;
    if (cached && cached.at > Date.now() - 60_000) return cached;
    // publishedAt is stored as UTC without a zone: epoch milliseconds, not the driver's local time.
    const [row] = await this.read<{ rows: number; published: number[] | null; lexemes: string[] | null; frequencies: number[] | null; live: number | null; common: string[] | null }>(
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
    const entry: Statistics = { at: Date.now(), stats, live: { generation: row?.live ?? 1, common: row?.common ?? [] }, plans: new Map() };
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
  private async run(query: EngineQuery, match: string | null, steps: string[], before: Date | null, common: { generation: number; mask: [bigint, bigint]; tested: string } | null): Promise<EngineResult> {
    const params: unknown[] = [match, query.docNumber, steps, before?.toISOString() ?? null];
    // Every filter is in the statement, null when not asked for: the text depends on the query's
    // shape only, so its prepared plan serves every query of that shape (searchReader).
    const { siteId, kind, unitId, year, validity } = query.filters;
    params.push(siteId ?? null, kind ?? null, unitId ?? null, year ?? null, validity ?? null);
    const f = params.length - 4;
    const where = [
      `d.generation = ${LIVE}`,
      `($${f}::uuid is null or $${f}::uuid = any(d."siteIds"))`,
      `($${f + 1}::text is null or d.kind = $${f + 1}::text)`,
      `($${f + 2}::uuid is null or d."unitId" = $${f + 2}::uuid)`,
      `($${f + 3}::int is null or d.year = $${f + 3}::int)`,
      `($${f + 4}::text is null or d.validity = $${f + 4}::text)`,
    ];
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
    const columns = `d.id, d.type, d.kind, d."unitId", d.year, d.validity, d.genre, d."publishedAt", d.title, d."docNumber"`;
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
         select kind, "unitId"::text as unit, year::text as year, validity, count(*) as n from matches
         group by grouping sets ((kind), ("unitId"), (year), (validity))
       ),
       -- Only the matches up to the end of the page are sorted (a bounded heap), then numbered.
       ranked as (
         select top.id, row_number() over (order by top.score desc, top."publishedAt" desc, top.id) as position
         from (select m.id, m."publishedAt", ${score} as score from matches m
               order by score desc, m."publishedAt" desc, m.id limit $${offset}::int + $${limit}::int) top
         order by position offset $${offset}::int
       ),
       -- Everything shown, for this page's hits only.
       page as (
         select t.id, t.type, t.kind, t.title, t.url, t."unitName", t."docNumber", t.validity, t."siteIds",
                t."publishedAt" at time zone 'UTC' as "publishedAt", r.position, t.summary, left(t.body, 20000) as body
         from ranked r join "SearchDocument" t on t.generation = ${LIVE} and t.id = r.id
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
    const facets: Facets = { kind: row.facets.kind ?? {}, unit: row.facets.unit ?? {}, year: row.facets.year ?? {}, validity: row.facets.validity ?? {} };
    return { total: Number(row.facets.total), facets, hits: row.hits.map((hit) => ({ ...hit, publishedAt: new Date(hit.publishedAt) })) };
  }

  /**
   * The title score of a match, as SQL: 2 plus the share of the title its words cover when every
   * word of a variant occurs in the title or 文号, else 1. Words other than Han are lower-case
   * (lib/search/tokenize.ts), so the title is lower-cased for them (ASCII: the database's ctype
   * is C); Han words are compared as stored, which costs nothing per row. A word is false, never
   * null, for a document without a 文号: a null would not end the AND, and every further word would
   * be looked for in the title (1,000 matches without 文号, four words: 1.9 ms against 1.2).
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
      return [`when ${tests.join(" and ")} then 2 + least(1, $${params.length}::float8 / greatest(1, char_length(m.title)))`];
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

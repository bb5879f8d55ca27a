import { MAX_HITS } from "@/lib/search/query";
import { recentBuckets, runLexemes, runs, type Bucket } from "@/lib/search/tokenize";
import { commonMask } from "@/lib/search/postgres/common-lexemes";

// Query planning for the PostgreSQL engine: which lexemes the GIN index looks up, and whether a
// query reads its matches at once or bucket by bucket from the newest, by a cost model over
// ANALYZE's statistics (docs/adr/0001-search-engine.md derives it).

/** Up to this many possible matches, reading them all at once reads at most twice the rows kept. */
const WALK_ABOVE = 2 * MAX_HITS;
// planWalk's costs are in units of moving one lexeme's posting list past one entry in a query read
// at once; the ADR derives each from EXPLAIN ANALYZE.
/**
 * Per lexeme and bucket entry: a third of the unit, because a bucket's documents lie together in
 * the table, so each list is read over one stretch.
 */
const BUCKET_ENTRY = 0.3;
/** Per lexeme and step, whatever the bucket's size: finding and decoding the bucket's pages. */
const STEP_COST = 500;
/** Per candidate row: reading it from the buffers and sorting it costs ten entries' moves. */
const ROW_COST = 10;

/** The common lexemes a single-variant query tests in the row (their bits), and those it looks up. */
type Split = { looked: string[]; tested: string[]; mask: [bigint, bigint] };

/** A walk through time buckets, newest first, and where it ends (older matches are read at once). */
type Walk = { buckets: Bucket[]; since: Date };

/** How a query is matched (split: null when everything goes through the index) and read (planWalk). */
export type SearchPlan = { split: Split | null; walk: Walk | null };

/**
 * How a query is matched and read. A single-variant query asks the GIN index for every lexeme
 * not common, or the rarest common one when all are (网站 alone), and tests the other common ones
 * by the row's bits; a common lexeme is looked up too when planWalk finds that cheaper: each
 * costs the index its posting list, and each spares reading the rows it would have ruled out.
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
    const [cheapest] = tested
      .map((lexeme) => ({ lexeme, plan: plan([...looked, lexeme]) }))
      .sort((a, b) => a.plan.cost - b.plan.cost);
    if (!cheapest || cheapest.plan.cost >= best.cost) break;
    looked.push(cheapest.lexeme);
    tested = tested.filter((lexeme) => lexeme !== cheapest.lexeme);
    best = cheapest.plan;
  }
  return { split: tested.length ? { looked, tested, mask: commonMask(tested, common) } : null, walk: best.walk };
}

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
export function estimateMatches(
  variants: string[],
  stats: IndexStatistics,
  looked: (lexeme: string) => boolean = () => true,
): number {
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
export function matchDensity(
  variants: string[],
  stats: IndexStatistics,
  looked: (lexeme: string) => boolean = () => true,
): number {
  return density(variants.map(variantWords), stats, looked);
}

function density(variants: Words[], stats: IndexStatistics, looked: (lexeme: string) => boolean): number {
  let total = 0;
  for (const words of variants) {
    if (words.length === 0) continue;
    total += words.reduce(
      (product, lexemes) => product * Math.min(1, ...lexemes.filter(looked).map((lexeme) => share(lexeme, stats))),
      1,
    );
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
 * the newest (walk null: at once), whichever costs less, and what that costs (in its units).
 * A GIN scan of an AND steps through the shortest posting list among its lexemes and moves each other lexeme's list along. At once, that is the
 * query's rarest lexeme's list (estimateMatches), and then every match is read to keep the newest
 * MAX_HITS. A bucket's step goes through the bucket's list or the rarest lexeme's, the shorter,
 * and reads all the bucket's matches; the walk ends when the expected matches (matchDensity) reach
 * MAX_HITS, or goes on to anything older than its buckets. This year and the last go month by month
 * when that finds the matches still wanted for less than the year's one step: a common word
 * finds a thousand in a month, where the year would read ten times as many; words rarer together
 * walk whole years, each month's step costing nearly as much as a year's. Words that are each
 * common but rarely together (通知 网站 检查 整改) would walk every bucket, so they are read at once.
 */
function planWalk(
  variants: Words[],
  stats: IndexStatistics,
  now: Date,
  looked: (lexeme: string) => boolean,
): { walk: Walk | null; cost: number } {
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
    return {
      cost:
        (lexemes + 1) * (STEP_COST + BUCKET_ENTRY * Math.min(share * stats.rows, upper)) +
        ROW_COST * share * candidates,
      found: share * expected,
    };
  };
  const byMonth = (from: Date, to: Date) => {
    const wanted = MAX_HITS - step(to, END_OF_TIME).found;
    if (wanted <= 0) return false;
    let cost = 0;
    let found = 0;
    for (let month = 11; month >= 0 && found < wanted; month -= 1) {
      const { cost: more, found: also } = step(
        new Date(Date.UTC(from.getUTCFullYear(), month, 1)),
        new Date(Date.UTC(from.getUTCFullYear(), month + 1, 1)),
      );
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

/** The latest date JavaScript can hold: a step to it counts every match newer than a bucket. */
const END_OF_TIME = new Date(8.64e15);

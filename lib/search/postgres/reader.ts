import pg from "pg";
import { resolveDatabaseUrl } from "@/lib/db/client";

/** Runs one read-only statement and returns its rows. */
export type SearchReader = <T>(text: string, values: unknown[]) => Promise<T[]>;

const globalForSearch = globalThis as unknown as { tongyuanSearchPool?: pg.Pool; tongyuanSearchStatements?: Map<string, string> };

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

import pg from "pg";
import { resolveDatabaseUrl } from "@/lib/db/client";

/** Runs one read-only statement and returns its rows. */
export type SearchReader = <T>(text: string, values: unknown[]) => Promise<T[]>;

const globalForSearch = globalThis as unknown as {
  tongyuanSearchPool?: pg.Pool;
  tongyuanSearchStatements?: Map<string, string>;
};

/**
 * The search sessions' settings. They never plan a sequential or a plain index scan, so
 * candidates always come from the GIN bitmap: a scan that tests each row's vector reads it from
 * TOAST, which for common words means tens of thousands of page reads. Nor parallel
 * workers: a query reads about a thousand rows, and starting workers costs more than that while
 * other queries want the cores.
 */
export const SEARCH_SESSION = "-c enable_seqscan=off -c enable_indexscan=off -c max_parallel_workers_per_gather=0";

/**
 * Queries go through their own small pool of plain node-postgres connections (SEARCH_SESSION),
 * one round trip each, where Prisma would need a transaction of five (BEGIN, two SET LOCAL, the
 * query, COMMIT) to apply the session's settings.
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
  return async <T>(text: string, values: unknown[]) =>
    (await pool.query({ text, values, name: statementName(text) })).rows as T[];
}

/**
 * How many statement texts a process runs as prepared statements, because each holds memory on
 * every search connection while a few shapes (one to four words, with or without a synonym) carry
 * nearly every query. A search statement's text depends on the query's shape only (how many
 * variants and words, the sort, common lexemes or not), its words and filters being parameters;
 * a prepared one is planned once per connection instead of for every query: the first five runs
 * for their own parameters, then generically when that plan costs no more. Any text beyond the
 * first PREPARED_SHAPES runs unnamed.
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

import type { Db, Tx } from "@/lib/db/client";
import { getDb } from "@/lib/db/client";
import { messages } from "@/lib/i18n/zh-CN";
import { markUncacheable } from "@/lib/sites/render-scope";
import { allContentDocuments, contentDocId, contentDocuments, normalizeDocNumber, serviceDocuments, splitPresence } from "@/lib/search/documents";
import { markText, snippet, type Marked } from "@/lib/search/highlight";
import { MeiliEngine } from "@/lib/search/meilisearch";
import { chooseCommonLexemes } from "@/lib/search/postgres/common-lexemes";
import { forgetIndexStatistics, PostgresEngine } from "@/lib/search/postgres/engine";
import { ENGINE, writableGenerations } from "@/lib/search/postgres/generations";
import { deleteDocuments, writeDocuments } from "@/lib/search/postgres/indexing";
import { PAGE_SIZE, expandSynonyms, highlightTerms, looksLikeDocNumber, noResult, type EngineResult, type SearchEngine, type SearchParams } from "@/lib/search/query";

// 搜索即服务: one entry point for the public search pages and the API, whichever engine runs.
// PostgreSQL is always kept exact (documents are written in the transaction that publishes or
// withdraws), so it also answers whenever Meilisearch is configured but unreachable.

let meili: MeiliEngine | null | undefined;

/** Meilisearch when MEILI_URL is set (validated with the rest of the environment at start-up). */
export function meiliEngine(): MeiliEngine | null {
  if (meili === undefined) {
    const url = process.env.MEILI_URL?.trim();
    meili = url ? new MeiliEngine(url, process.env.MEILI_MASTER_KEY?.trim() || undefined) : null;
  }
  return meili;
}

export async function loadSynonyms(db: Db | Tx = getDb()): Promise<string[][]> {
  const rows = await db.searchSynonym.findMany({ orderBy: { createdAt: "asc" }, select: { terms: true } });
  return rows.map((row) => row.terms);
}

// Queries read the synonyms from memory: they change a few times a year, and a saved change
// clears this process's copy at once (others follow within SYNONYM_TTL_MS).
const SYNONYM_TTL_MS = 10_000;
let synonymCache: { at: number; groups: Promise<string[][]> } | null = null;

function synonymsForQueries(db: Db): Promise<string[][]> {
  if (!synonymCache || Date.now() - synonymCache.at > SYNONYM_TTL_MS) {
    const groups = loadSynonyms(db);
    synonymCache = { at: Date.now(), groups };
    groups.catch(() => (synonymCache = null));
  }
  return synonymCache.groups;
}

export function forgetSynonyms(): void {
  synonymCache = null;
}

// Facet labels: the names of issuing units, which change rarely; a name is read again after
// UNIT_TTL_MS, so a query does not wait on a lookup it made a moment ago.
const UNIT_TTL_MS = 60_000;
let unitCache: { at: number; names: Map<string, string> } | null = null;

async function unitNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (!unitCache || Date.now() - unitCache.at > UNIT_TTL_MS) unitCache = { at: Date.now(), names: new Map() };
  const cache = unitCache;
  const missing = ids.filter((id) => !cache.names.has(id));
  if (missing.length) for (const org of await db.organization.findMany({ where: { id: { in: missing } }, select: { id: true, name: true } })) cache.names.set(org.id, org.name);
  return cache.names;
}

// ───────────── Keeping the PostgreSQL index exact ─────────────

/** Rewrites the documents of these library items in every writable generation (same transaction). */
export async function syncSearchDocuments(tx: Tx, resourceIds: string[]): Promise<void> {
  if (resourceIds.length === 0) return;
  const generations = await writableGenerations(tx);
  const docs = await contentDocuments(tx, resourceIds);
  const { present, absent } = splitPresence(docs);
  for (const generation of generations) {
    await deleteDocuments(tx, generation.generation, absent);
    await writeDocuments(tx, generation, present, true);
  }
}

/** The outbox topic that tells Meilisearch a site's service entries changed (payload: siteId). */
export const SERVICES_TOPIC = "search.services.changed";

/**
 * Rewrites a site's service entries (its link columns) after the column tree changed, and
 * records an outbox event in the same transaction for Meilisearch to follow.
 */
export async function syncServiceEntries(tx: Tx, siteId: string): Promise<void> {
  const generations = await writableGenerations(tx);
  const docs = await serviceDocuments(tx, siteId);
  for (const generation of generations) {
    await tx.$executeRaw`delete from "SearchDocument" where generation = ${generation.generation} and type = 'SERVICE' and ${siteId}::uuid = any("siteIds")`;
    await writeDocuments(tx, generation, docs, true);
  }
  await tx.outboxEvent.create({ data: { topic: SERVICES_TOPIC, subject: `site:${siteId}`, payload: { siteId } } });
}

export type Progress = (done: number, total: number) => void;

/** How many library items a rebuild samples to choose its common lexemes: enough to estimate each bigram's share. */
const COMMON_SAMPLE = 2000;

/**
 * Rebuilds the PostgreSQL index without downtime: the next generation is filled beside the live
 * one (writes in the meantime reach both), changes recorded in the outbox since the build began
 * are replayed, then the live generation is switched in one transaction and the old one dropped.
 */
export async function reindexPostgres(db: Db = getDb(), onProgress: Progress = () => {}): Promise<{ documents: number; generation: number }> {
  const total = (await db.publication.count({ where: { withdrawnAt: null, supersededAt: null } })) + (await db.column.count({ where: { kind: "LINK" } }));
  // The new generation's common lexemes, from a random sample of the library (lib/search/postgres/common-lexemes.ts).
  const sampled = await db.$queryRaw<{ resourceId: string }[]>`
    select "resourceId" from "Publication" where "withdrawnAt" is null and "supersededAt" is null order by random() limit ${COMMON_SAMPLE}`;
  const common = chooseCommonLexemes(splitPresence(await contentDocuments(db, sampled.map((row) => row.resourceId))).present);
  const { next, buildFrom } = await db.$transaction(async (tx) => {
    const [state] = await tx.$queryRaw<{ live: number; building: number | null }[]>`
      select live, building from "SearchIndexState" where engine = ${ENGINE} for update`;
    const live = state?.live ?? 1;
    const next = state?.building ?? live + 1;
    const [{ max }] = (await tx.$queryRaw<{ max: bigint | null }[]>`select max(id) as max from "OutboxEvent"`) as [{ max: bigint | null }];
    // Transactions that took an outbox id just before this one may commit after it: replay a margin.
    const buildFrom = (max ?? 0n) > 1000n ? max! - 1000n : 0n;
    await tx.searchIndexState.upsert({ where: { engine: ENGINE }, create: { engine: ENGINE, live, building: next, buildFrom, buildingCommon: common }, update: { building: next, buildFrom, buildingCommon: common } });
    return { next, buildFrom };
  });
  const target = { generation: next, common };
  await db.$executeRaw`delete from "SearchDocument" where generation = ${next}`;
  let done = 0;
  onProgress(done, total);
  for await (const docs of allContentDocuments(db)) {
    // Queries want GIN's pending list short (see the search_bucket_walk migration); a bulk build
    // wants it long, merging many documents' entries at once.
    await db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`set local gin_pending_list_limit = '4MB'`);
      await writeDocuments(tx, target, docs, false);
    }, { timeout: 120_000 });
    done += docs.length;
    onProgress(done, total);
  }
  const services = await serviceDocuments(db);
  await writeDocuments(db, target, services, false);
  onProgress(total, total);
  await db.$transaction(
    async (tx) => {
      // Waits for publishing transactions in flight (they share-lock the row), and holds new ones.
      await tx.$queryRaw`select live from "SearchIndexState" where engine = ${ENGINE} for update`;
      const events = await tx.$queryRaw<{ resourceId: string }[]>`
        select distinct payload->>'resourceId' as "resourceId" from "OutboxEvent" where id > ${buildFrom} and payload ? 'resourceId'`;
      const replay = splitPresence(await contentDocuments(tx, events.map((event) => event.resourceId)));
      await deleteDocuments(tx, next, replay.absent);
      await writeDocuments(tx, target, replay.present, true);
      await tx.$executeRaw`delete from "SearchDocument" where generation = ${next} and type = 'SERVICE'`;
      await writeDocuments(tx, target, await serviceDocuments(tx), true);
      const [{ count }] = (await tx.$queryRaw<{ count: bigint }[]>`select count(*) as count from "SearchDocument" where generation = ${next}`) as [{ count: bigint }];
      await tx.searchIndexState.update({ where: { engine: ENGINE }, data: { live: next, common, building: null, buildingCommon: [], buildFrom: null, builtAt: new Date(), documents: Number(count) } });
    },
    { timeout: 600_000 },
  );
  await db.$executeRaw`delete from "SearchDocument" where generation <> ${next}`;
  // Leave the index clean for queries: the old generation's rows and their index entries removed,
  // the new rows marked visible, GIN's pending list merged, and the statistics new, now rather than
  // whenever autovacuum comes, since queries are slower until it is done.
  await db.$executeRawUnsafe(`vacuum (analyze) "SearchDocument"`);
  // The old generation's rows came first in the table, so every common lexeme's posting tree now
  // starts with emptied leaf pages, and GIN guesses a list's length from its first leaf: 通知
  // looked rarer than a month's bucket and drove every walk step through its own list (the ADR
  // has the figures). Built afresh
  // beside the old index, which answers queries meanwhile. A copy an interrupted reindex left
  // behind (invalid, yet kept up to date by every write) is dropped first.
  const leftovers = await db.$queryRaw<{ name: string }[]>`
    select c.relname as name from pg_index i join pg_class c on c.oid = i.indexrelid
    where i.indrelid = '"SearchDocument"'::regclass and c.relname like 'custom\\_search\\_terms\\_cc%' and not i.indisvalid`;
  for (const { name } of leftovers) await db.$executeRawUnsafe(`drop index concurrently if exists "${name}"`);
  await db.$executeRawUnsafe(`reindex index concurrently custom_search_terms`);
  forgetIndexStatistics();
  const state = await db.searchIndexState.findUniqueOrThrow({ where: { engine: ENGINE } });
  return { documents: state.documents, generation: next };
}

/** Builds the PostgreSQL index on first start (or after an upgrade) when it has never been built. */
export async function ensureSearchIndex(db: Db = getDb(), log: (message: string) => void = () => {}): Promise<void> {
  const state = await db.searchIndexState.findUnique({ where: { engine: ENGINE } });
  if (state?.builtAt) return;
  log("正在建立搜索索引 (building the search index)…");
  const result = await reindexPostgres(db);
  log(`搜索索引已建立：${result.documents} 条 (search index built)`);
}

// ───────────── Meilisearch: kept in sync from the outbox ─────────────

export const MEILI_CONSUMER = "search.meilisearch";

/** Applies outbox events to Meilisearch: the item's document now, or its removal; a site's service entries anew. */
export async function meiliHandleEvent(engine: MeiliEngine, db: Db, payload: unknown, topic?: string): Promise<void> {
  const siteId = (payload as { siteId?: unknown } | null)?.siteId;
  if (topic === SERVICES_TOPIC && typeof siteId === "string") {
    await engine.replaceServices(siteId, await serviceDocuments(db, siteId));
    return;
  }
  const resourceId = (payload as { resourceId?: unknown } | null)?.resourceId;
  if (typeof resourceId !== "string") return;
  const docs = await contentDocuments(db, [resourceId]);
  const doc = docs.get(contentDocId(resourceId));
  if (doc) await engine.upsert([doc]);
  else await engine.remove([contentDocId(resourceId)]);
}

export async function reindexMeilisearch(engine: MeiliEngine, db: Db = getDb(), onProgress: Progress = () => {}): Promise<number> {
  const total = (await db.publication.count({ where: { withdrawnAt: null, supersededAt: null } })) + (await db.column.count({ where: { kind: "LINK" } }));
  let done = 0;
  async function* batches() {
    yield* allContentDocuments(db);
    yield await serviceDocuments(db);
  }
  await engine.rebuild(await loadSynonyms(db), batches(), (count) => {
    done += count;
    onProgress(Math.min(done, total), total);
  });
  return done;
}

// ───────────── Queries ─────────────

export type FacetOption = { value: string; label: string; count: number };

export type SearchHit = {
  id: string;
  type: "CONTENT" | "SERVICE";
  kindLabel: string;
  title: Marked;
  snippet: Marked;
  /** Site-relative for this site's pages; absolute for another site's page or a service. */
  href: string;
  unitName: string;
  docNumber: string | null;
  validityLabel: string | null;
  publishedAt: Date;
};

export type SearchPage = {
  total: number;
  pageCount: number;
  hits: SearchHit[];
  facets: { kind: FacetOption[]; unit: FacetOption[]; year: FacetOption[]; validity: FacetOption[] };
  suggestion: string | null;
  terms: string[];
  engine: "postgres" | "meilisearch";
  /** Meilisearch was configured but did not answer; PostgreSQL answered instead. */
  degraded: boolean;
};

/** The summary when it shows a query word, else the body (where the match is). */
function snippetSource(hit: { summary: string; body: string }, terms: string[]): string {
  const lowered = terms.map((term) => term.toLowerCase());
  const shows = (text: string) => lowered.some((term) => text.toLowerCase().includes(term));
  return [hit.summary, hit.body].find((text) => text && shows(text)) ?? (hit.summary || hit.body);
}

const kindLabels: Record<string, string> = { ...messages.resourceKinds, SERVICE: "办事服务" };

/**
 * Public search on one site's portal. `siteId` is the site asked; scope "all" searches every site.
 * `hrefFor` turns a hit of another site into an address on that site.
 */
export async function searchPortal(
  params: SearchParams,
  context: { siteId: string; hrefFor: (siteId: string, path: string) => Promise<string>; engine?: SearchEngine },
  db: Db = getDb(),
): Promise<SearchPage> {
  // Results follow every publish and withdrawal at once; the page cache cannot know which.
  markUncacheable();
  const variants = expandSynonyms(params.q, await synonymsForQueries(db));
  const query = {
    variants,
    docNumber: looksLikeDocNumber(params.q) ? normalizeDocNumber(params.q) : null,
    filters: { siteId: params.scope === "site" ? context.siteId : undefined, kind: params.kind, unitId: params.unit, year: params.year, validity: params.validity },
    sort: params.sort,
    offset: (params.page - 1) * PAGE_SIZE,
    limit: PAGE_SIZE,
  };
  const postgres = new PostgresEngine();
  const preferred: SearchEngine = context.engine ?? meiliEngine() ?? postgres;
  let result: EngineResult;
  let degraded = false;
  if (!params.q) {
    result = noResult();
  } else {
    try {
      result = await preferred.search(query);
    } catch (error) {
      if (preferred === postgres) throw error;
      degraded = true;
      result = await postgres.search(query);
    }
  }
  const terms = highlightTerms(variants);
  const names = await unitNames(db, Object.keys(result.facets.unit));
  const options = (counts: Record<string, number>, label: (value: string) => string, order: "count" | "desc" = "count") =>
    Object.entries(counts)
      .map(([value, count]) => ({ value, label: label(value), count: Number(count) }))
      .sort((a, b) => (order === "desc" ? Number(b.value) - Number(a.value) : b.count - a.count || a.label.localeCompare(b.label, "zh-CN")));
  const hits = await Promise.all(
    result.hits.map(async (hit): Promise<SearchHit> => {
      const local = hit.siteIds.includes(context.siteId) || (hit.type === "SERVICE" && !hit.url.startsWith("/"));
      return {
        id: hit.id,
        type: hit.type,
        kindLabel: kindLabels[hit.kind ?? ""] ?? "",
        title: markText(hit.title, terms),
        snippet: markText(snippet(snippetSource(hit, terms), terms), terms),
        href: local || !hit.siteIds[0] ? hit.url : await context.hrefFor(hit.siteIds[0], hit.url),
        unitName: hit.unitName,
        docNumber: hit.docNumber,
        validityLabel: hit.validity ? (messages.validity as Record<string, string>)[hit.validity] ?? null : null,
        publishedAt: hit.publishedAt,
      };
    }),
  );
  const suggestion = params.q && result.total === 0 ? await postgres.suggest(params.q, query.filters.siteId) : null;
  return {
    total: result.total,
    pageCount: Math.max(1, Math.ceil(result.total / PAGE_SIZE)),
    hits,
    facets: {
      kind: options(result.facets.kind, (value) => kindLabels[value] ?? value),
      unit: options(result.facets.unit, (value) => names.get(value) ?? value),
      year: options(result.facets.year, (value) => `${value}年`, "desc"),
      validity: options(result.facets.validity, (value) => (messages.validity as Record<string, string>)[value] ?? value),
    },
    suggestion,
    terms,
    engine: degraded ? "postgres" : preferred.name,
    degraded,
  };
}

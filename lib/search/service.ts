import type { Db, Tx } from "@/lib/db/client";
import { getDb } from "@/lib/db/client";
import {
  allContentDocuments,
  contentDocId,
  contentDocuments,
  serviceDocuments,
  splitPresence,
} from "@/lib/search/documents";
import { MeiliEngine } from "@/lib/search/meilisearch";
import { chooseCommonLexemes } from "@/lib/search/postgres/common-lexemes";
import { forgetIndexStatistics } from "@/lib/search/postgres/engine";
import { ENGINE, writableGenerations } from "@/lib/search/postgres/generations";
import { deleteDocuments, writeDocuments } from "@/lib/search/postgres/indexing";

// Keeping the search indexes: PostgreSQL's is kept exact (documents are written in the
// transaction that publishes or withdraws) and rebuilt without downtime; Meilisearch's follows the
// outbox. Queries go through lib/search/search-portal.ts.

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
export async function reindexPostgres(
  db: Db = getDb(),
  onProgress: Progress = () => {},
): Promise<{ documents: number; generation: number }> {
  const total =
    (await db.publication.count({ where: { withdrawnAt: null, supersededAt: null } })) +
    (await db.column.count({ where: { kind: "LINK" } }));
  // The new generation's common lexemes, from a random sample of the library (lib/search/postgres/common-lexemes.ts).
  const sampled = await db.$queryRaw<{ resourceId: string }[]>`
    select "resourceId" from "Publication" where "withdrawnAt" is null and "supersededAt" is null order by random() limit ${COMMON_SAMPLE}`;
  const common = chooseCommonLexemes(
    splitPresence(
      await contentDocuments(
        db,
        sampled.map((row) => row.resourceId),
      ),
    ).present,
  );
  const { next, buildFrom } = await db.$transaction(async (tx) => {
    const [state] = await tx.$queryRaw<{ live: number; building: number | null }[]>`
      select live, building from "SearchIndexState" where engine = ${ENGINE} for update`;
    const live = state?.live ?? 1;
    const next = state?.building ?? live + 1;
    const [{ max }] = (await tx.$queryRaw<{ max: bigint | null }[]>`select max(id) as max from "OutboxEvent"`) as [
      { max: bigint | null },
    ];
    // Transactions that took an outbox id just before this one may commit after it: replay a margin.
    const buildFrom = (max ?? 0n) > 1000n ? max! - 1000n : 0n;
    await tx.searchIndexState.upsert({
      where: { engine: ENGINE },
      create: { engine: ENGINE, live, building: next, buildFrom, buildingCommon: common },
      update: { building: next, buildFrom, buildingCommon: common },
    });
    return { next, buildFrom };
  });
  const target = { generation: next, common };
  await db.$executeRaw`delete from "SearchDocument" where generation = ${next}`;
  let done = 0;
  onProgress(done, total);
  for await (const docs of allContentDocuments(db)) {
    // Queries want GIN's pending list short (see the search_bucket_walk migration); a bulk build
    // wants it long, merging many documents' entries at once.
    await db.$transaction(
      async (tx) => {
        await tx.$executeRawUnsafe(`set local gin_pending_list_limit = '4MB'`);
        await writeDocuments(tx, target, docs, false);
      },
      { timeout: 120_000 },
    );
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
      const replay = splitPresence(
        await contentDocuments(
          tx,
          events.map((event) => event.resourceId),
        ),
      );
      await deleteDocuments(tx, next, replay.absent);
      await writeDocuments(tx, target, replay.present, true);
      await tx.$executeRaw`delete from "SearchDocument" where generation = ${next} and type = 'SERVICE'`;
      await writeDocuments(tx, target, await serviceDocuments(tx), true);
      const [{ count }] = (await tx.$queryRaw<
        { count: bigint }[]
      >`select count(*) as count from "SearchDocument" where generation = ${next}`) as [{ count: bigint }];
      await tx.searchIndexState.update({
        where: { engine: ENGINE },
        data: {
          live: next,
          common,
          building: null,
          buildingCommon: [],
          buildFrom: null,
          builtAt: new Date(),
          documents: Number(count),
        },
      });
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

export async function reindexMeilisearch(
  engine: MeiliEngine,
  db: Db = getDb(),
  onProgress: Progress = () => {},
): Promise<number> {
  const total =
    (await db.publication.count({ where: { withdrawnAt: null, supersededAt: null } })) +
    (await db.column.count({ where: { kind: "LINK" } }));
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

import { getDb } from "@/lib/db/client";
import { consumeOutbox } from "@/lib/events/outbox";
import { MEILI_CONSUMER, loadSynonyms, meiliEngine, meiliHandleEvent, reindexMeilisearch } from "@/lib/search/service";

// Keeps Meilisearch in step with the library (the PostgreSQL index is written in the publishing
// transaction itself). Runs with the background jobs: applies the index settings, builds the
// index when it is empty, then follows the outbox every second from its own cursor; a failing
// event is retried, never skipped.

export async function startMeiliSync(log: (message: string) => void): Promise<(() => Promise<void>) | null> {
  const engine = meiliEngine();
  if (!engine) return null;
  const db = getDb();
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const tick = async () => {
    try {
      const result = await consumeOutbox(MEILI_CONSUMER, (event) =>
        meiliHandleEvent(engine, db, event.payload, event.topic),
      );
      if (result.error) log(`[search] Meilisearch 同步失败，稍后重试 (sync failed, will retry): ${result.error}`);
    } catch (error) {
      log(`[search] Meilisearch 不可用 (unreachable): ${error instanceof Error ? error.message : error}`);
    }
  };
  running = (async () => {
    try {
      await engine.applySettings(await loadSynonyms(db));
      const stats = await engine.index().getStats();
      if (stats.numberOfDocuments === 0) {
        // Start the cursor here: the rebuild reads the library as it is now.
        const last = await db.outboxEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true } });
        await db.outboxCursor.upsert({
          where: { consumer: MEILI_CONSUMER },
          create: { consumer: MEILI_CONSUMER, lastId: last?.id ?? 0n },
          update: {},
        });
        log(`[search] Meilisearch 索引已建立：${await reindexMeilisearch(engine, db)} 条`);
      }
    } catch (error) {
      log(`[search] Meilisearch 设置失败 (settings not applied): ${error instanceof Error ? error.message : error}`);
    }
    while (!stopped) {
      await tick();
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  })();
  return async () => {
    stopped = true;
    await running;
  };
}

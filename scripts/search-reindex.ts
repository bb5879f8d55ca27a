// npm run search:reindex – rebuilds the search index from the library without downtime: the
// PostgreSQL index always (next generation built beside the live one, then swapped), and
// Meilisearch too when MEILI_URL is set (built in a side index, then swapped). Progress is shown
// as a bar. Uses the same database as the app (DATABASE_URL, or the embedded server).
import { ConfigError, parseEnv } from "@/lib/env";
import { connectDatabase, migrateAndGrant } from "@/lib/db/prepare";
import { createDb } from "@/lib/db/client";

const log = (message: string) => console.log(`[tongyuan] ${message}`);

function progress(label: string) {
  const started = performance.now();
  let lastDraw = 0;
  return (done: number, total: number) => {
    const now = performance.now();
    if (now - lastDraw < 100 && done < total) return;
    lastDraw = now;
    const width = 30;
    const filled = Math.round((done / Math.max(1, total)) * width);
    const rate = Math.round(done / Math.max(0.001, (now - started) / 1000));
    const line = `${label} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total}  ${rate} 条/秒`;
    if (process.stdout.isTTY) process.stdout.write(`\r${line}`);
    else if (done === total) console.log(line);
  };
}

async function main() {
  const env = parseEnv(process.env);
  const database = await connectDatabase(env, log);
  try {
    // The rebuild's VACUUM, REINDEX and clean-up of an interrupted rebuild's index need the owner
    // (the app role holds only MAINTAIN on the search table); without its URL, the app role tries.
    if (database.ownerUrl) await migrateAndGrant(database.ownerUrl, database.url, log);
    const { reindexMeilisearch, reindexPostgres, meiliEngine } = await import("@/lib/search/service");
    const db = createDb(database.ownerUrl ?? database.url);
    const postgres = await reindexPostgres(db, progress("PostgreSQL"));
    if (process.stdout.isTTY) process.stdout.write("\n");
    log(`PostgreSQL 搜索索引已重建：${postgres.documents} 条，第 ${postgres.generation} 代 (rebuilt)`);
    const meili = meiliEngine();
    if (meili) {
      const count = await reindexMeilisearch(meili, db, progress("Meilisearch"));
      if (process.stdout.isTTY) process.stdout.write("\n");
      log(`Meilisearch 搜索索引已重建：${count} 条 (rebuilt and swapped)`);
    }
    await db.$disconnect();
  } finally {
    await database.stop();
  }
}

main().catch((error) => {
  console.error(
    error instanceof ConfigError
      ? error.message
      : `[tongyuan] 重建索引失败 (reindex failed): ${error instanceof Error ? error.message : error}`,
  );
  process.exit(1);
});

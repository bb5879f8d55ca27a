import { ensureEmbeddedDatabase } from "@/lib/db/embedded";
import { createDb } from "@/lib/db/client";
const database = await ensureEmbeddedDatabase({ dataDir: ".data/bench-search", port: 54389, database: "bench", log: () => {} });
process.env.DATABASE_URL = database.url;
const db = createDb(database.url);
const { searchPortal } = await import("@/lib/search/service");
const { ZSearchParams } = await import("@/lib/search/query");
const site = await db.site.findFirstOrThrow();
const run = async (label: string) => {
  const times: number[] = [];
  for (const q of ["通知", "重庆", "政务 公开", "重庆 政府网站 信息 公开", "通知", "重庆"]) {
    const t = performance.now();
    await searchPortal(ZSearchParams.parse({ q, scope: "all" }), { siteId: site.id, hrefFor: async (_a, b) => b }, db);
    times.push(Math.round(performance.now() - t));
  }
  console.log(label, times.join(" "));
};
await run("as left");
await db.$executeRawUnsafe('vacuum "SearchDocument"');
await run("after vacuum");
await run("again");
await db.$disconnect(); await database.stop();

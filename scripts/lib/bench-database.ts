// The benchmarks' own embedded PostgreSQL, apart from the default run's, loaded once with the demo
// platform and thousands of published items, and kept between runs with --reuse.
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { ensureEmbeddedDatabase } from "@/lib/db/embedded";
import type { Db } from "@/lib/db/client";
import { seedDemoPlatform } from "@/lib/seed/demo-platform";
import { seedPortalLoad } from "@/lib/seed/portal-load";

/** The demo accounts' password in every bench database. */
export const BENCH_PASSWORD = "Bench-Passw0rd-2026";

/**
 * Starts the bench database in `dataDir`. `loaded` says that `reuse` found the items of an earlier
 * run there; otherwise the folder is emptied first.
 */
export async function openBenchDatabase(dataDir: string, port: number, reuse: boolean) {
  const loaded = reuse && existsSync(path.join(dataDir, "loaded"));
  if (!loaded) await fs.rm(dataDir, { recursive: true, force: true });
  const database = await ensureEmbeddedDatabase({ dataDir, port, database: "bench", log: () => {} });
  return { database, loaded };
}

/** The demo platform, with every demo account's password set to BENCH_PASSWORD. */
export async function seedBenchPlatform(db: Db) {
  await seedDemoPlatform(db, { password: BENCH_PASSWORD });
}

/** `count` published items written from the sentences of the seed documents. */
export async function seedBenchItems(url: string, count: number, options?: { sentencesPerItem?: number }) {
  const sentences = (
    JSON.parse(await fs.readFile("prisma/seed-data/documents.json", "utf8")) as { blocks: { text: string }[] }[]
  )
    .flatMap((document) => document.blocks.map((block) => block.text))
    .filter((text) => text.length >= 12);
  await seedPortalLoad(url, count, sentences, options);
}

/** Marks the data folder as loaded, for --reuse. */
export async function markLoaded(dataDir: string) {
  await fs.writeFile(path.join(dataDir, "loaded"), new Date().toISOString());
}

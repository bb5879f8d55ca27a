import pg from "pg";
import { ConfigError, type Env } from "@/lib/env";
import { createDb } from "@/lib/db/client";
import { ensureEmbeddedDatabase, type EmbeddedDatabase } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/migrate";
import { resolveDemoPassword } from "@/lib/seed/demo-password";
import { isDemoPlatformSeeded, seedDemoPlatform } from "@/lib/seed/demo-platform";
import { ensureSearchIndex } from "@/lib/search/service";

// What every entry point does before it touches data: reach the database (starting the
// embedded one when no DATABASE_URL is configured), apply pending migrations, and seed the
// demo platform once.

export type Log = (message: string) => void;

/** Reaches the configured database, or starts the embedded one. */
export async function connectDatabase(env: Env, log: Log): Promise<EmbeddedDatabase> {
  if (env.DATABASE_URL) {
    await assertReachable(env.DATABASE_URL);
    return { url: env.DATABASE_URL, isOwner: false, stop: async () => {} };
  }
  return ensureEmbeddedDatabase({
    dataDir: env.dataDir,
    port: env.EMBEDDED_PG_PORT,
    log: (message) => {
      for (const line of message.split("\n")) {
        // Connections cut by our own shutdown are expected; anything else serious is shown.
        if (/FATAL|ERROR|PANIC/.test(line) && !line.includes("terminating connection due to administrator command")) {
          log(`[postgres] ${line}`);
        }
      }
    },
  });
}

async function assertReachable(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query("select 1");
  } catch (error) {
    const reason = error instanceof Error && error.message ? error.message : String(error);
    throw new ConfigError([{ variable: "DATABASE_URL", message: `database is not reachable (${reason})` }]);
  } finally {
    await client.end().catch(() => {});
  }
}

export async function migrateDatabase(url: string, log: Log): Promise<void> {
  const applied = await applyMigrations(url);
  for (const name of applied) log(`已应用数据库迁移 (migration applied): ${name}`);
}

/** Seeds the demo platform on a database that has none. Prints the generated password once. */
export async function seedIfEmpty(url: string, env: Env, log: Log): Promise<boolean> {
  const db = createDb(url);
  try {
    if (await isDemoPlatformSeeded(db)) return false;
    const demo = await resolveDemoPassword({ dataDir: env.dataDir, seedPassword: env.SEED_PASSWORD });
    const { seeded } = await seedDemoPlatform(db, { password: demo.password });
    if (seeded) {
      log("已创建演示平台 (demo platform seeded).");
      if (demo.generated) {
        log(`演示账号密码 (demo password, shown once): ${demo.password}`);
        log(`  also saved in ${demo.file}`);
      } else if (demo.file) {
        log(`演示账号密码见 (demo password in) ${demo.file}`);
      }
    }
    return seeded;
  } finally {
    await db.$disconnect();
  }
}

/** The PostgreSQL search index is built once, on the first start after it was added. */
async function buildSearchIndexIfNeeded(url: string, log: Log): Promise<void> {
  const db = createDb(url);
  try {
    await ensureSearchIndex(db, log);
  } finally {
    await db.$disconnect();
  }
}

/** Connect, migrate, seed: everything the app needs before it serves. */
export async function prepareDatabase(env: Env, log: Log): Promise<EmbeddedDatabase> {
  const database = await connectDatabase(env, log);
  try {
    await migrateDatabase(database.url, log);
    await seedIfEmpty(database.url, env, log);
    await buildSearchIndexIfNeeded(database.url, log);
    return database;
  } catch (error) {
    await database.stop();
    throw error;
  }
}

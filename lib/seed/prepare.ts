import { ConfigError, type Env } from "@/lib/env";
import { createDb } from "@/lib/db/client";
import {
  anchorAuditChain,
  connectDatabase,
  migrateAndGrant,
  requireOwnerUrl,
  type ConnectedDatabase,
  type Log,
} from "@/lib/db/prepare";
import { assertAppRoleConfined, pendingMigrations } from "@/lib/db/roles";

// What every entry point does before it touches data (a composition root, on top of lib/db):
// reach the database; as the schema owner, migrate, grant, seed the demo platform once and build
// the search index; then make sure the app role cannot rewrite the audit log, and anchor the
// audit chain. The seed and the search index are loaded only by the owner's set-up: a process with
// the app role alone (the separate worker, #21) starts without evaluating them.

/** Seeds the demo platform on a database that has none. Prints the generated password once. */
export async function seedIfEmpty(url: string, env: Env, log: Log): Promise<boolean> {
  const { isDemoPlatformSeeded, seedDemoPlatform } = await import("@/lib/seed/demo-platform");
  const { resolveDemoPassword } = await import("@/lib/seed/demo-password");
  const { seedSampleContent } = await import("@/lib/seed/samples");
  const db = createDb(url);
  try {
    if (await isDemoPlatformSeeded(db)) return false;
    const demo = await resolveDemoPassword({ dataDir: env.dataDir, seedPassword: env.SEED_PASSWORD });
    const { seeded } = await seedDemoPlatform(db, { password: demo.password });
    if (seeded) {
      log("已创建演示平台 (demo platform seeded).");
      // The 示例 items of a fresh platform: before the search index is built, so it holds them.
      const samples = await seedSampleContent(db);
      if (samples.seeded) log(`已生成示例内容 ${samples.items} 条 (sample content seeded).`);
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
  const { ensureSearchIndex } = await import("@/lib/search/service");
  const db = createDb(url);
  try {
    await ensureSearchIndex(db, log);
  } finally {
    await db.$disconnect();
  }
}

/** Everything the owner does before the app serves: migrate, grant, seed once, build the search index. */
export async function setUpDatabase(database: ConnectedDatabase, env: Env, log: Log): Promise<void> {
  const ownerUrl = requireOwnerUrl(database);
  await migrateAndGrant(ownerUrl, database.url, log);
  await seedIfEmpty(ownerUrl, env, log);
  await buildSearchIndexIfNeeded(ownerUrl, log);
}

/**
 * Connect; set up as the owner when its URL is known (otherwise the set-up step must have run:
 * pending migrations stop start-up); refuse an app role that could rewrite the audit log; anchor
 * the audit chain. Everything the app needs before it serves.
 */
export async function prepareDatabase(env: Env, log: Log): Promise<ConnectedDatabase> {
  const database = await connectDatabase(env, log);
  try {
    if (database.ownerUrl) {
      await setUpDatabase(database, env, log);
    } else {
      const pending = await pendingMigrations(database.url);
      if (pending.length) {
        throw new ConfigError([
          {
            variable: "DATABASE_OWNER_URL",
            message: `${pending.length} migration(s) not applied (${pending.join(", ")}): run \`npm run db:prepare\` with the owner's URL first`,
          },
        ]);
      }
    }
    await assertAppRoleConfined(database.url);
    await anchorAuditChain(database.url, env, log);
    return database;
  } catch (error) {
    await database.stop();
    throw error;
  }
}

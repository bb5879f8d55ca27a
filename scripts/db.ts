// npm run db:migrate | db:migration -- <name> | db:seed – database maintenance against the same
// database the app uses (DATABASE_URL, or the embedded server on its fixed port, started for the
// duration of the command when the app is not running).
import { ConfigError, parseEnv } from "@/lib/env";
import { connectDatabase, migrateDatabase, seedIfEmpty } from "@/lib/db/prepare";
import { createMigration } from "@/lib/db/migrate";

const log = (message: string) => console.log(`[tongyuan] ${message}`);
const [command, name] = process.argv.slice(2);

async function main() {
  const env = parseEnv(process.env);
  const database = await connectDatabase(env, log);
  try {
    switch (command) {
      case "migrate":
        await migrateDatabase(database.url, log);
        log("数据库已是最新 (database is up to date).");
        break;
      case "migration": {
        if (!name) throw new Error("Usage: npm run db:migration -- <name_in_latin_letters>");
        const directory = await createMigration(database.url, name);
        log(directory ? `新迁移 (new migration): ${directory}` : "schema.prisma 没有变化 (no schema change).");
        break;
      }
      case "seed":
        await migrateDatabase(database.url, log);
        if (!(await seedIfEmpty(database.url, env, log))) log("演示平台已存在 (already seeded), nothing to do.");
        break;
      default:
        throw new Error(`Unknown command "${command ?? ""}": use migrate, migration or seed.`);
    }
  } finally {
    await database.stop();
  }
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : `[tongyuan] ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});

// npm run db:migrate | db:migration -- <name> | db:seed | db:prepare – database maintenance as the
// schema owner (DATABASE_OWNER_URL, or the embedded server's owner, started for the duration of the
// command when the app is not running). Every migration run ends by granting the app role
// (DATABASE_URL's) its rights on the tables, new ones included. db:prepare is the whole set-up step
// production runs before the app and worker start (docker-compose.yml's `setup` service).
import { ConfigError, parseEnv } from "@/lib/env";
import { anchorAuditChain, connectDatabase, migrateAndGrant, requireOwnerUrl } from "@/lib/db/prepare";
import { seedIfEmpty, setUpDatabase } from "@/lib/seed/prepare";
import { assertAppRoleConfined } from "@/lib/db/roles";
import { createMigration } from "@/lib/db/migrate";

const log = (message: string) => console.log(`[tongyuan] ${message}`);
const [command, name] = process.argv.slice(2);

async function main() {
  const env = parseEnv(process.env);
  const database = await connectDatabase(env, log);
  try {
    switch (command) {
      case "migrate":
        await migrateAndGrant(requireOwnerUrl(database), database.url, log);
        log("数据库已是最新 (database is up to date).");
        break;
      case "prepare":
        await setUpDatabase(database, env, log);
        await assertAppRoleConfined(database.url);
        await anchorAuditChain(database.url, env, log);
        log("数据库已就绪 (database set up; the app role is granted).");
        break;
      case "migration": {
        if (!name) throw new Error("Usage: npm run db:migration -- <name_in_latin_letters>");
        const directory = await createMigration(requireOwnerUrl(database), name);
        log(directory ? `新迁移 (new migration): ${directory}` : "schema.prisma 没有变化 (no schema change).");
        break;
      }
      case "seed":
        await migrateAndGrant(requireOwnerUrl(database), database.url, log);
        if (!(await seedIfEmpty(requireOwnerUrl(database), env, log)))
          log("演示平台已存在 (already seeded), nothing to do.");
        break;
      default:
        throw new Error(`Unknown command "${command ?? ""}": use migrate, migration, seed or prepare.`);
    }
  } finally {
    await database.stop();
  }
}

main().catch((error) => {
  console.error(
    error instanceof ConfigError ? error.message : `[tongyuan] ${error instanceof Error ? error.message : error}`,
  );
  process.exit(1);
});

import pg from "pg";
import { ConfigError, type Env } from "@/lib/env";
import { createDb } from "@/lib/db/client";
import { ensureEmbeddedDatabase } from "@/lib/db/embedded";
import { embeddedAppUrl } from "@/lib/db/embedded-url";
import { applyMigrations } from "@/lib/db/migrate";
import { provisionAppRole } from "@/lib/db/roles";
import { installJobSchema } from "@/lib/db/job-schema";
import { anchorConfig, writeCheckpoint } from "@/lib/audit/anchor";

// The database steps every entry point builds on: reach the database (starting the embedded one
// when no DATABASE_URL is configured); as the schema owner, apply pending migrations, install the
// job queue's schema and grant the app role its rights; anchor the audit chain. Seeding and the
// whole start-up sequence are composed on top of these in lib/seed/prepare.ts.

export type Log = (message: string) => void;

export type ConnectedDatabase = {
  /** The app role's URL: what the app, the worker and read-only commands use. */
  url: string;
  /** The schema owner's URL, when known (the embedded default, or DATABASE_OWNER_URL). */
  ownerUrl: string | undefined;
  /** True when this process started the embedded server (and so must stop it). */
  isOwner: boolean;
  stop: () => Promise<void>;
};

/** Reaches the configured database, or starts the embedded one. */
export async function connectDatabase(env: Env, log: Log): Promise<ConnectedDatabase> {
  if (env.DATABASE_URL) {
    await assertReachable(env.DATABASE_URL, "DATABASE_URL");
    if (env.databaseOwnerUrl) await assertReachable(env.databaseOwnerUrl, "DATABASE_OWNER_URL");
    return { url: env.DATABASE_URL, ownerUrl: env.databaseOwnerUrl, isOwner: false, stop: async () => {} };
  }
  const server = await ensureEmbeddedDatabase({
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
  return {
    url: embeddedAppUrl(env.EMBEDDED_PG_PORT),
    ownerUrl: server.url,
    isOwner: server.isOwner,
    stop: server.stop,
  };
}

/** The owner's URL, or a configuration error naming DATABASE_OWNER_URL for commands that need it. */
export function requireOwnerUrl(database: ConnectedDatabase): string {
  if (database.ownerUrl) return database.ownerUrl;
  throw new ConfigError([
    {
      variable: "DATABASE_OWNER_URL",
      message: "is required for this command (the schema owner's URL; DATABASE_URL is the app's role)",
    },
  ]);
}

async function assertReachable(url: string, variable: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query("select 1");
  } catch (error) {
    const reason = error instanceof Error && error.message ? error.message : String(error);
    throw new ConfigError([{ variable, message: `database is not reachable (${reason})` }]);
  } finally {
    await client.end().catch(() => {});
  }
}

export async function migrateDatabase(url: string, log: Log): Promise<void> {
  const applied = await applyMigrations(url);
  for (const name of applied) log(`已应用数据库迁移 (migration applied): ${name}`);
}

/** Migrations, pg-boss's schema and the app role's grants, as the owner (after every migration run, so new tables are granted too). */
export async function migrateAndGrant(ownerUrl: string, appUrl: string, log: Log): Promise<void> {
  await migrateDatabase(ownerUrl, log);
  await installJobSchema(ownerUrl);
  await provisionAppRole(ownerUrl, appUrl);
}

/** Appends a signed checkpoint of the newest audit event to the anchor outside the database (lib/audit/anchor.ts). */
export async function anchorAuditChain(url: string, env: Env, log: Log): Promise<void> {
  const db = createDb(url);
  try {
    await writeCheckpoint(db, anchorConfig(env), log);
  } finally {
    await db.$disconnect();
  }
}

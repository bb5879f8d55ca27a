import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/db/generated/client";
import { getEnv } from "@/lib/env";
import { embeddedAppUrl } from "@/lib/db/embedded-url";

// The one Prisma client of the process. Queries run in-process through the pg driver adapter
// (Prisma 7 needs no native query engine).

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

/** The database this process talks to, as the app role: DATABASE_URL, or the embedded server on its fixed port. */
export function resolveDatabaseUrl(): string {
  const env = getEnv();
  return env.DATABASE_URL ?? embeddedAppUrl(env.EMBEDDED_PG_PORT);
}

export function createDb(connectionString: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString, max: 10 }) });
}

const globalForDb = globalThis as unknown as { tongyuanDb?: PrismaClient };

/** Shared client (kept on globalThis so that dev-mode reloads do not open new pools). */
export function getDb(): PrismaClient {
  globalForDb.tongyuanDb ??= createDb(resolveDatabaseUrl());
  return globalForDb.tongyuanDb;
}

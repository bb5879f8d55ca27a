import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";

export type Health = {
  status: "ok" | "degraded" | "error";
  database: "ok" | "unreachable";
  search: { engine: "meilisearch" | "postgres"; status: "ok" | "unreachable" };
  time: string;
};

const TIMEOUT_MS = 3000;

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error("timeout")), TIMEOUT_MS)),
  ]);
}

async function isDatabaseUp(): Promise<boolean> {
  try {
    await withTimeout(getDb().$queryRaw`select 1`);
    return true;
  } catch {
    return false;
  }
}

async function isMeilisearchUp(url: string): Promise<boolean> {
  try {
    const response = await withTimeout(fetch(new URL("/health", url)));
    return response.ok;
  } catch {
    return false;
  }
}

/** Database down is an error (503); a configured Meilisearch that does not answer only degrades search. */
export async function checkHealth(): Promise<Health> {
  const env = getEnv();
  const [databaseUp, searchUp] = await Promise.all([
    isDatabaseUp(),
    env.MEILI_URL ? isMeilisearchUp(env.MEILI_URL) : Promise.resolve(true),
  ]);
  return {
    status: !databaseUp ? "error" : searchUp ? "ok" : "degraded",
    database: databaseUp ? "ok" : "unreachable",
    search: { engine: env.searchEngine, status: searchUp ? "ok" : "unreachable" },
    time: new Date().toISOString(),
  };
}

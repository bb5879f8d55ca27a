import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { readHeartbeat } from "@/lib/jobs/runner";

export type Health = {
  status: "ok" | "degraded" | "error";
  database: "ok" | "unreachable";
  search: { engine: "meilisearch" | "postgres"; status: "ok" | "unreachable" };
  jobs: { status: "ok" | "stale" | "unknown"; lastHeartbeat: string | null };
  time: string;
};

const TIMEOUT_MS = 3000;
/** Workers beat every minute; three missed beats mean background jobs are not running. */
const HEARTBEAT_STALE_MS = 3 * 60 * 1000;

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

/**
 * Database down is an error (503). A configured Meilisearch that does not answer, or background
 * jobs that stopped beating, only degrade the service (200, status "degraded").
 */
export async function checkHealth(): Promise<Health> {
  const env = getEnv();
  const [databaseUp, searchUp] = await Promise.all([
    isDatabaseUp(),
    env.MEILI_URL ? isMeilisearchUp(env.MEILI_URL) : Promise.resolve(true),
  ]);
  const heartbeat = databaseUp ? await withTimeout(readHeartbeat()).catch(() => null) : null;
  const jobsStatus = !heartbeat ? "unknown" : Date.now() - heartbeat.at.getTime() > HEARTBEAT_STALE_MS ? "stale" : "ok";
  return {
    status: !databaseUp ? "error" : searchUp && jobsStatus === "ok" ? "ok" : "degraded",
    database: databaseUp ? "ok" : "unreachable",
    search: { engine: env.searchEngine, status: searchUp ? "ok" : "unreachable" },
    jobs: { status: jobsStatus, lastHeartbeat: heartbeat?.at.toISOString() ?? null },
    time: new Date().toISOString(),
  };
}

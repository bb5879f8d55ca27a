import { createBackgroundDb, type BackgroundDb } from "@/lib/db/background";
import { resolveDatabaseUrl } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { backgroundPacer, type Pacer } from "@/lib/supervision/pacing";

// The supervision runs over every site and account (the daily monitors, the quarter's scoring) read
// through a pool of their own at low priority and pause between batches, so that the portal keeps
// its speed while they run (#28 "Speed": portal p99 within 10 %). One pool per process.

const APPLICATION_NAME = "tongyuan-supervision";
const holder = globalThis as unknown as { tongyuanSupervisionDb?: BackgroundDb };

export function supervisionBackground(): { db: BackgroundDb["db"]; pacer: Pacer } {
  const env = getEnv();
  holder.tongyuanSupervisionDb ??= createBackgroundDb(resolveDatabaseUrl(), {
    connections: env.SUPERVISION_DB_CONNECTIONS,
    statementTimeoutSeconds: env.SUPERVISION_STATEMENT_TIMEOUT_SECONDS,
    applicationName: APPLICATION_NAME,
    idle: env.SUPERVISION_SCHED_IDLE,
  });
  const background = holder.tongyuanSupervisionDb;
  return { db: background.db, pacer: backgroundPacer(background.lowerPriority) };
}

/** Closes this process's supervision pool (commands that end: supervision:inspect). */
export async function closeSupervisionBackground(): Promise<void> {
  const background = holder.tongyuanSupervisionDb;
  holder.tongyuanSupervisionDb = undefined;
  await background?.end();
}

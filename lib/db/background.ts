import os from "node:os";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/db/generated/client";
import { scheduleIdle } from "@/lib/os/cpu-priority";

// A client for long background work (the supervision monitors over every site, the quarter's
// scoring) that must not starve the portal: a small pool of its own, so it never holds more than
// `connections` of PostgreSQL's backends; a statement timeout, so no one query of it runs away;
// and, when PostgreSQL runs on this machine as this user (the embedded default), its backends at
// the lowest CPU priority, as `nice` does for a process. A remote server is left as it is.

export type BackgroundDbOptions = {
  connections: number;
  statementTimeoutSeconds: number;
  applicationName: string;
  /** Backends also under SCHED_IDLE (lib/os/cpu-priority.ts), not only at nice 19. */
  idle?: boolean;
};

function isLocal(connectionString: string): boolean {
  try {
    const host = new URL(connectionString).hostname;
    return host === "localhost" || host === "127.0.0.1" || host === "::1" || host === "[::1]" || host === "";
  } catch {
    return false;
  }
}

/** Lowers a local backend's CPU priority; false when the OS refuses (another user's process). */
async function lowerPriority(pid: number, idle: boolean): Promise<boolean> {
  try {
    os.setPriority(pid, 19);
  } catch {
    return false;
  }
  if (idle) await scheduleIdle(pid);
  return true;
}

export type BackgroundDb = {
  db: PrismaClient;
  /** Lowers the priority of the pool's backends opened since the last call (no-op for a remote server). */
  lowerPriority: () => Promise<void>;
  /** Closes the client and its pool (a command that ends; the servers keep theirs). */
  end: () => Promise<void>;
};

export function createBackgroundDb(connectionString: string, options: BackgroundDbOptions): BackgroundDb {
  const pool = new pg.Pool({
    connectionString,
    max: options.connections,
    application_name: options.applicationName,
    options: `-c statement_timeout=${options.statementTimeoutSeconds * 1000}`,
  });
  const db = new PrismaClient({ adapter: new PrismaPg(pool) });
  const local = isLocal(connectionString);
  const lowered = new Set<number>();
  return {
    db,
    end: async () => {
      await db.$disconnect();
      await pool.end();
    },
    async lowerPriority() {
      if (!local) return;
      const rows = await db.$queryRaw<{ pid: number }[]>`
        select pid from pg_stat_activity where application_name = ${options.applicationName}`;
      for (const { pid } of rows)
        if (!lowered.has(pid) && (await lowerPriority(pid, options.idle === true))) lowered.add(pid);
    },
  };
}

import PgBoss from "pg-boss";
import type { Db, Tx } from "@/lib/db/client";
import { JOB_SCHEMA } from "@/lib/db/job-schema";

// The queue side of 立即检查 / 开展检查 (lib/supervision/requests.ts): queuing a request's job and,
// at the worker's start, queuing again the ones no worker took. Apart from the requests themselves
// so that the worker starts without loading the monitors (they load with the first request).

export const SUPERVISION_REQUEST_QUEUE = "supervision-requests";
export const STALE_AFTER_MS = 2 * 3_600_000;

type Executor = { executeSql: (text: string, values?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }> };

/** pg-boss's SQL on the caller's transaction (values as node-postgres would send them). */
function executorFor(db: Db | Tx): Executor {
  return {
    executeSql: async (text, values = []) => {
      const params = values.map((value) => {
        if (value === undefined || value === null) return null;
        if (value instanceof Date) return value.toISOString();
        if (typeof value === "object") return JSON.stringify(value);
        return value;
      });
      return { rows: await db.$queryRawUnsafe<Record<string, unknown>[]>(text, ...params) };
    },
  };
}

// Only ever used with an explicit `db` per call: never started, it opens no connection.
let sender: PgBoss | undefined;
function jobSender(): PgBoss {
  sender ??= new PgBoss({
    schema: JOB_SCHEMA,
    db: {
      executeSql: () => {
        throw new Error("supervision requests are queued on the caller's transaction");
      },
    },
  });
  return sender;
}

/** Queues the request's job on `db`; false when the queue does not exist yet (the worker's start sweeps). */
export async function enqueueRequest(db: Db | Tx, requestId: string): Promise<boolean> {
  const [queue] = await db.$queryRaw<{ ready: boolean }[]>`select to_regclass('pgboss.queue') is not null as ready`;
  if (!queue?.ready) return false;
  const [exists] = await db.$queryRawUnsafe<{ n: number }[]>(
    `select count(*)::int as n from ${JOB_SCHEMA}.queue where name = $1`,
    SUPERVISION_REQUEST_QUEUE,
  );
  if (!exists?.n) return false;
  await jobSender().send(SUPERVISION_REQUEST_QUEUE, { requestId }, { db: executorFor(db) });
  return true;
}

/** At the worker's start: requests queued while no worker listened (or whose job was lost) are queued again. */
export async function requeueWaitingRequests(db: Db, now: Date = new Date()): Promise<number> {
  const waiting = await db.supervisionRequest.findMany({
    where: { state: "QUEUED", requestedAt: { gt: new Date(now.getTime() - STALE_AFTER_MS) } },
    select: { id: true },
  });
  for (const request of waiting) await enqueueRequest(db, request.id);
  return waiting.length;
}

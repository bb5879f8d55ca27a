import PgBoss from "pg-boss";
import type { Db, Tx } from "@/lib/db/client";
import { JOB_SCHEMA } from "@/lib/db/job-schema";

// Queuing a pg-boss job on the caller's transaction, so that the job exists exactly when the rows
// that ask for it committed (channel deliveries, supervision requests). pg-boss's `send` with a
// `db` executor runs its INSERT through that executor; this one runs it on a Prisma client or
// transaction. Any area may import this file: it imports nothing above core
// (.dependency-cruiser.cjs), unlike the rest of lib/jobs, which is a composition root.

export type JobExecutor = {
  executeSql: (text: string, values?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;
};

/** pg-boss's SQL on a Prisma client or transaction (values as node-postgres would send them). */
export function executorFor(db: Db | Tx): JobExecutor {
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
        throw new Error("jobs are sent on the caller's transaction (lib/jobs/send.ts)");
      },
    },
  });
  return sender;
}

/** Whether pg-boss's schema and `queue` exist on `db` (a worker creates the queues when it starts). */
export async function queueExists(db: Db | Tx, queue: string): Promise<boolean> {
  const [schema] = await db.$queryRawUnsafe<{ ready: boolean }[]>(
    `select to_regclass('${JOB_SCHEMA}.queue') is not null as ready`,
  );
  if (!schema?.ready) return false;
  const [found] = await db.$queryRawUnsafe<{ n: number }[]>(
    `select count(*)::int as n from ${JOB_SCHEMA}.queue where name = $1`,
    queue,
  );
  return Boolean(found?.n);
}

/**
 * Sends a job to `queue` on `db` (the caller's transaction: a rollback leaves no job). Returns the
 * job id (null when pg-boss deduplicated it), or undefined when the queue does not exist yet —
 * the caller's own sweep queues the work once a worker has started.
 */
export async function sendOnTransaction(
  db: Db | Tx,
  queue: string,
  data: object,
  options: PgBoss.SendOptions = {},
): Promise<string | null | undefined> {
  if (!(await queueExists(db, queue))) return undefined;
  return jobSender().send(queue, data, { ...options, db: executorFor(db) });
}

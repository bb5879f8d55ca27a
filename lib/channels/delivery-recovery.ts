import { getDb, type Db } from "@/lib/db/client";
import { DELIVERY_QUEUE, enqueueDelivery, JOBS_SCHEMA } from "@/lib/channels/deliveries";

// Lost and abandoned deliveries: the minute sweep queues pending deliveries without a live job,
// and lease recovery makes the job of a dead worker due at once (see lib/channels/deliveries.ts).

/**
 * Queues every pending delivery that has no live job (planned before the queue existed, or
 * lost), and fails those whose job pg-boss gave up on (a worker crashed on the last attempt).
 */
export async function sweepDeliveries(db: Db = getDb()): Promise<{ queued: number; failed: number }> {
  const [ready] = await db.$queryRaw<{ ready: boolean }[]>`select to_regclass('pgboss.job') is not null as ready`;
  if (!ready?.ready) return { queued: 0, failed: 0 };
  const orphans = await db.$queryRawUnsafe<{ id: string; lastState: string | null }[]>(
    `select d.id::text as id,
            (select j.state::text from ${JOBS_SCHEMA}.job j where j.name = $1 and j.data->>'deliveryId' = d.id::text order by j.created_on desc limit 1) as "lastState"
       from "Delivery" d
      where d.status = 'PENDING'
        and not exists (select 1 from ${JOBS_SCHEMA}.job j where j.name = $1 and j.data->>'deliveryId' = d.id::text and j.state < 'completed')`,
    DELIVERY_QUEUE,
  );
  let queued = 0;
  let failed = 0;
  for (const orphan of orphans) {
    if (orphan.lastState === "failed") {
      const changed = await db.delivery.updateMany({
        where: { id: orphan.id, status: "PENDING" },
        data: {
          status: "FAILED",
          failure: "RESULT_UNKNOWN",
          lastError: "多次发送均未得到结果（任务超时），已停止重试。请确认渠道是否已收到后再重试。",
        },
      });
      failed += changed.count;
    } else if (await enqueueDelivery(db, orphan.id)) {
      queued += 1;
    }
  }
  return { queued, failed };
}

/** The output pg-boss's maintenance gives a job it expired (pg-boss 10, plans.failJobsByTimeout). */
const PGBOSS_TIMEOUT_MESSAGE = "job failed by timeout in active state";

/**
 * Makes due at once every delivery job whose worker died: a job still active after its lease
 * (the queue's expire_in from the claim, judged by `now`), and a job pg-boss's own maintenance
 * expired first and scheduled with retry backoff (a crash is not the platform failing, so it
 * waits no backoff). A job with no retries left fails, and the sweep then marks its delivery
 * FAILED. Returns the ids of the jobs made due. Safe to run from several workers at once.
 */
export async function recoverAbandonedDeliveries(db: Db = getDb(), options: { now?: Date } = {}): Promise<string[]> {
  const [ready] = await db.$queryRaw<{ ready: boolean }[]>`select to_regclass('pgboss.job') is not null as ready`;
  if (!ready?.ready) return [];
  const now = options.now ?? new Date();
  const rows = await db.$queryRawUnsafe<{ id: string; state: string }[]>(
    `update ${JOBS_SCHEMA}.job
        set state = case when retry_count < retry_limit then 'retry'::${JOBS_SCHEMA}.job_state else 'failed'::${JOBS_SCHEMA}.job_state end,
            start_after = case when retry_count < retry_limit then least(now(), $2::timestamptz) else start_after end,
            completed_on = case when retry_count < retry_limit then null else now() end,
            output = jsonb_build_object('message', 'worker presumed dead: lease expired')
      where name = $1
        and ((state = 'active' and started_on + expire_in < $2::timestamptz)
          or (state = 'retry' and start_after > least(now(), $2::timestamptz) and output->'value'->>'message' = $3))
      returning id::text as id, state::text as state`,
    DELIVERY_QUEUE,
    now.toISOString(),
    PGBOSS_TIMEOUT_MESSAGE,
  );
  return rows.filter((row) => row.state === "retry").map((row) => row.id);
}

import PgBoss from "pg-boss";
import { getDb } from "@/lib/db/client";
import { expirePolicies } from "@/lib/library/policy-validity";

// Background jobs on PostgreSQL through pg-boss (a well-kept queue that keeps its tables in its
// own `pgboss` schema and needs nothing but the database). The embedded default runs the worker
// inside the `npm start` process; production runs `npm run worker` as its own container.
// Later issues register their queues here (channel deliveries, search indexing, deadlines).

export const HEARTBEAT_QUEUE = "platform-heartbeat";
export const WORKER_STATE_KEY = "worker-heartbeat";
export const POLICY_EXPIRY_QUEUE = "policy-expiry";

/** Records that a worker is alive, so /api/health can tell whether background jobs run. */
export async function recordHeartbeat(workerId: string): Promise<void> {
  const value = { workerId, at: new Date().toISOString() };
  await getDb().platformState.upsert({
    where: { key: WORKER_STATE_KEY },
    create: { key: WORKER_STATE_KEY, value },
    update: { value },
  });
}

export async function readHeartbeat(): Promise<{ workerId: string; at: Date } | null> {
  const row = await getDb().platformState.findUnique({ where: { key: WORKER_STATE_KEY } });
  const value = row?.value as { workerId?: string; at?: string } | undefined;
  return value?.workerId && value.at ? { workerId: value.workerId, at: new Date(value.at) } : null;
}

export type JobRunner = { stop: () => Promise<void> };

export async function startJobRunner(connectionString: string, workerId: string, log: (message: string) => void): Promise<JobRunner> {
  const boss = new PgBoss({ connectionString, schema: "pgboss", application_name: `tongyuan-${workerId}` });
  boss.on("error", (error) => log(`[jobs] ${error.message}`));
  await boss.start();
  await boss.createQueue(HEARTBEAT_QUEUE);
  await boss.schedule(HEARTBEAT_QUEUE, "* * * * *", {}, { tz: "Asia/Shanghai" });
  await boss.work(HEARTBEAT_QUEUE, async () => recordHeartbeat(workerId));
  // Shortly after midnight China time, documents whose validity ended yesterday become 已失效.
  await boss.createQueue(POLICY_EXPIRY_QUEUE);
  await boss.schedule(POLICY_EXPIRY_QUEUE, "5 0 * * *", {}, { tz: "Asia/Shanghai" });
  await boss.work(POLICY_EXPIRY_QUEUE, async () => {
    const changed = await expirePolicies(getDb());
    if (changed) log(`[jobs] ${changed} 份政策文件已失效 (policy documents expired)`);
  });
  await boss.send(POLICY_EXPIRY_QUEUE, {});
  await recordHeartbeat(workerId);
  log(`后台任务已启动 (background jobs running as ${workerId})`);
  return { stop: () => boss.stop({ graceful: true, wait: true }) };
}

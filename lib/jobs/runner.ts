import PgBoss from "pg-boss";
import pg from "pg";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { JOB_SCHEMA } from "@/lib/db/job-schema";
import { startFollowers } from "@/lib/events/bus";
import { CHINA_TIME_ZONE } from "@/lib/time/china";
import { SUPERVISION_DAILY_QUEUE, SUPERVISION_JOBS } from "@/lib/supervision/job-queues";
import { requeueWaitingRequests, SUPERVISION_REQUEST_QUEUE } from "@/lib/supervision/request-queue";

// Background jobs on PostgreSQL through pg-boss (a well-kept queue that keeps its tables in its
// own `pgboss` schema and needs nothing but the database). The schema owner installs and migrates
// that schema during set-up (lib/db/job-schema.ts); the runner, as the app role, only uses it. The embedded default runs the worker
// inside the `npm start` process; production runs `npm run worker` as its own container.
// Later issues register their queues here (channel deliveries, search indexing, deadlines).

export const HEARTBEAT_QUEUE = "platform-heartbeat";
export const WORKER_STATE_KEY = "worker-heartbeat";
export const POLICY_EXPIRY_QUEUE = "policy-expiry";
export const SCHEDULED_PUBLICATION_QUEUE = "scheduled-publications";
export const ACCOUNT_CANCELLATION_QUEUE = "new-media-cancellations";
export const AUDIT_CHECKPOINT_QUEUE = "audit-checkpoint";
export const INTERACTION_ALERTS_QUEUE = "interaction-clock-alerts";
export const DISCLOSURE_CLOCKS_QUEUE = "disclosure-clocks";
export const DISCLOSURE_REPORT_REMINDERS_QUEUE = "disclosure-report-reminders";
export const REPRINT_FETCH_QUEUE = "reprint-sources";
export const QA_VALIDITY_QUEUE = "qa-validity";
export const QUOTA_REMINDERS_QUEUE = "submission-quota-reminders";
export const SITE_REPORT_REMINDERS_QUEUE = "site-report-reminders";

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

/**
 * A job's code, imported on its first job rather than at start: the worker is ready once it is
 * connected and its queues are set up, instead of after evaluating every job's module graph
 * (seconds of CPU, #21: a restarted worker competed with the portal). A failed import is tried
 * again with the next job.
 */
function onFirstUse<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
}

// The jobs publish, expire and sweep: their events need the subscribers, registered at start.
const subscribed = onFirstUse(async () => (await import("@/lib/subscribers")).registerSubscribers());
const jobModule = onFirstUse;
const policyValidity = jobModule(() => import("@/lib/library/policy-validity"));
const dueSchedules = jobModule(() => import("@/lib/publish/due-schedules"));
const dueCancellations = jobModule(() => import("@/lib/registry/complete-due-cancellations"));
const clockAlerts = jobModule(() => import("@/lib/interaction/clock-alerts"));
const qaValidity = jobModule(() => import("@/lib/interaction/qa/validity-sweep"));
const disclosureClocks = jobModule(() => import("@/lib/disclosure/clock-sweep"));
const siteReportReminders = jobModule(() => import("@/lib/reports/website-annual/reminders"));
const reportReminders = jobModule(() => import("@/lib/disclosure/report-reminders"));
const reprintSources = jobModule(() => import("@/lib/reports/reprint/fetch-source"));
const quotaReminders = jobModule(() => import("@/lib/statistics/quota-reminders"));
const auditAnchor = jobModule(() => import("@/lib/audit/anchor"));
const supervisionJobs = jobModule(() => import("@/lib/supervision/jobs"));
const supervisionThread = jobModule(() => import("@/lib/supervision/thread"));
const deliveryWorker = jobModule(() => import("@/lib/channels/delivery-worker"));

export async function startJobRunner(
  connectionString: string,
  workerId: string,
  log: (message: string) => void,
): Promise<JobRunner> {
  // Before any queue has a worker: the jobs' events need the subscribers, and the after-commit
  // consumers (e.g. Meilisearch) started below are registered with them.
  await subscribed();
  // maintenanceIntervalSeconds: how soon a job whose worker died (expired) is retried, for the
  // queues other than deliveries (those recover on their own timer, lib/channels/deliveries).
  const boss = new PgBoss({
    connectionString,
    schema: JOB_SCHEMA,
    // Installed by the owner; the app role checks its version instead of running DDL.
    migrate: false,
    application_name: `tongyuan-${workerId}`,
    maintenanceIntervalSeconds: getEnv().JOBS_MAINTENANCE_SECONDS,
  });
  boss.on("error", (error) => log(`[jobs] ${error.message}`));
  await boss.start();
  // Workers starting together deadlock in pg-boss's queue creation; set up one at a time.
  const setupLock = new pg.Client({ connectionString, application_name: `tongyuan-${workerId}-setup` });
  await setupLock.connect();
  await setupLock.query("select pg_advisory_lock(7245003)");
  let stopDeliveryRecovery = () => {};
  try {
    stopDeliveryRecovery = await setUpQueues(boss, workerId, log);
  } finally {
    await setupLock.query("select pg_advisory_unlock(7245003)").catch(() => {});
    await setupLock.end();
  }
  await recordHeartbeat(workerId);
  const stopFollowers = await startFollowers(log);
  log(`后台任务已启动 (background jobs running as ${workerId})`);
  return {
    stop: async () => {
      stopDeliveryRecovery();
      await stopFollowers();
      await boss.stop({ graceful: true, wait: true });
    },
  };
}

async function setUpQueues(boss: PgBoss, workerId: string, log: (message: string) => void) {
  await boss.createQueue(HEARTBEAT_QUEUE);
  await boss.schedule(HEARTBEAT_QUEUE, "* * * * *", {}, { tz: CHINA_TIME_ZONE });
  await boss.work(HEARTBEAT_QUEUE, async () => recordHeartbeat(workerId));
  // Shortly after midnight China time, documents whose validity ended yesterday become 已失效.
  await boss.createQueue(POLICY_EXPIRY_QUEUE);
  await boss.schedule(POLICY_EXPIRY_QUEUE, "5 0 * * *", {}, { tz: CHINA_TIME_ZONE });
  await boss.work(POLICY_EXPIRY_QUEUE, async () => {
    const changed = await (await policyValidity()).expirePolicies(getDb());
    if (changed) log(`[jobs] ${changed} 份政策文件已失效 (policy documents expired)`);
  });
  await boss.send(POLICY_EXPIRY_QUEUE, {});
  // 答问有效期: shortly after midnight China time, entries whose validity began or ended are
  // re-indexed and the pages listing them purged (and once at start, for days no worker ran).
  await boss.createQueue(QA_VALIDITY_QUEUE);
  await boss.schedule(QA_VALIDITY_QUEUE, "7 0 * * *", {}, { tz: CHINA_TIME_ZONE });
  await boss.work(QA_VALIDITY_QUEUE, async () => {
    const { ended, began } = await (await qaValidity()).sweepQaValidity(getDb());
    if (ended || began) log(`[jobs] 答问有效期：${ended} 条到期，${began} 条生效 (Q&A validity swept)`);
  });
  await boss.send(QA_VALIDITY_QUEUE, {});
  // 政务新媒体注销: shortly after midnight China time, accounts whose announced cancellation takes
  // effect today become 已注销 (and once at start, for days no worker ran).
  await boss.createQueue(ACCOUNT_CANCELLATION_QUEUE);
  await boss.schedule(ACCOUNT_CANCELLATION_QUEUE, "10 0 * * *", {}, { tz: CHINA_TIME_ZONE });
  await boss.work(ACCOUNT_CANCELLATION_QUEUE, async () => {
    const cancelled = await (await dueCancellations()).completeDueCancellations(getDb());
    if (cancelled) log(`[jobs] ${cancelled} 个政务新媒体账号注销生效 (new-media accounts cancelled)`);
  });
  await boss.send(ACCOUNT_CANCELLATION_QUEUE, {});
  // 定时发布: every minute (publication times are shown to the minute), and once at start so
  // that publications due while no worker ran go out on restart. Each schedule is claimed under
  // a row lock, so several workers never publish one twice (lib/publish).
  await boss.createQueue(SCHEDULED_PUBLICATION_QUEUE);
  await boss.schedule(SCHEDULED_PUBLICATION_QUEUE, "* * * * *", {}, { tz: CHINA_TIME_ZONE });
  await boss.work(SCHEDULED_PUBLICATION_QUEUE, async () => {
    const { published, failed } = await (await dueSchedules()).publishDueSchedules(getDb());
    if (published || failed) log(`[jobs] 定时发布：${published} 篇已发布，${failed} 篇失败`);
  });
  await boss.send(SCHEDULED_PUBLICATION_QUEUE, {});
  // The audit chain's anchor: a signed checkpoint of the newest event every five minutes, written
  // outside the database (lib/audit/anchor.ts); at most five minutes of events are unanchored.
  await boss.createQueue(AUDIT_CHECKPOINT_QUEUE);
  await boss.schedule(AUDIT_CHECKPOINT_QUEUE, "*/5 * * * *", {}, { tz: CHINA_TIME_ZONE });
  await boss.work(AUDIT_CHECKPOINT_QUEUE, async () => {
    const { anchorConfig, writeCheckpoint } = await auditAnchor();
    await writeCheckpoint(getDb(), anchorConfig(getEnv()), log);
  });
  // 政民互动: reminders at half time and one working day before the reply is due, escalation to
  // the 直接责任人 when overdue; every five minutes and once at start. Each is sent once
  // (lib/interaction/clock-alerts), however many workers sweep.
  await boss.createQueue(INTERACTION_ALERTS_QUEUE);
  await boss.schedule(INTERACTION_ALERTS_QUEUE, "*/5 * * * *", {}, { tz: CHINA_TIME_ZONE });
  await boss.work(INTERACTION_ALERTS_QUEUE, async () => {
    const sent = await (await clockAlerts()).sendClockAlerts(getDb());
    if (sent) log(`[jobs] 政民互动：发出 ${sent} 条办理提醒或督办 (letter reminders sent)`);
  });
  await boss.send(INTERACTION_ALERTS_QUEUE, {});
  // 依申请公开: withdrawals after the 补正 or payment deadline, reminders 5 working days before the
  // due date, escalation to the head of the disclosure office when overdue (lib/disclosure/clock-sweep).
  await boss.createQueue(DISCLOSURE_CLOCKS_QUEUE);
  await boss.schedule(DISCLOSURE_CLOCKS_QUEUE, "*/5 * * * *", {}, { tz: CHINA_TIME_ZONE });
  await boss.work(DISCLOSURE_CLOCKS_QUEUE, async () => {
    const done = await (await disclosureClocks()).sweepDisclosureClocks(getDb());
    if (done) log(`[jobs] 依申请公开：${done} 项到期处理、提醒或督办 (disclosure clock steps)`);
  });
  await boss.send(DISCLOSURE_CLOCKS_QUEUE, {});
  // 政府信息公开工作年度报告: from 1 January, reminders to every unit whose report of last year is not
  // published (deadline 31 January, a government's own 31 March); each morning and once at start.
  // Each is sent once (lib/disclosure/report-reminders), however many workers sweep.
  await boss.createQueue(DISCLOSURE_REPORT_REMINDERS_QUEUE);
  await boss.schedule(DISCLOSURE_REPORT_REMINDERS_QUEUE, "0 8 * * *", {}, { tz: CHINA_TIME_ZONE });
  await boss.work(DISCLOSURE_REPORT_REMINDERS_QUEUE, async () => {
    const sent = await (await reportReminders()).sendReportReminders(getDb());
    if (sent) log(`[jobs] 政府信息公开年报：向 ${sent} 个单位发出提醒或督办 (annual report reminders sent)`);
  });
  await boss.send(DISCLOSURE_REPORT_REMINDERS_QUEUE, {});
  // 政府网站工作年度报表 and 监管年度报表 (by 31 January) and the monthly work report (by the 4th):
  // reminders each morning and once at start, each sent once (lib/reports/website-annual/reminders).
  await boss.createQueue(SITE_REPORT_REMINDERS_QUEUE);
  await boss.schedule(SITE_REPORT_REMINDERS_QUEUE, "10 8 * * *", {}, { tz: CHINA_TIME_ZONE });
  await boss.work(SITE_REPORT_REMINDERS_QUEUE, async () => {
    const sent = await (await siteReportReminders()).sendSiteReportReminders(getDb());
    if (sent) log(`[jobs] 网站工作报表：发出 ${sent} 条提醒或督办 (site report reminders sent)`);
  });
  await boss.send(SITE_REPORT_REMINDERS_QUEUE, {});
  // 监管: home-page probes every half hour (48 a day, the line asks ≥ 20), the daily monitor run
  // with its warnings and digest, and the hourly escalation of overdue rectification tickets
  // (lib/supervision/jobs.ts); the daily run also at start when none ran in the last day.
  for (const job of SUPERVISION_JOBS) {
    await boss.createQueue(job.queue);
    await boss.schedule(job.queue, job.cron, {}, { tz: CHINA_TIME_ZONE });
    await boss.work<{ atStart?: boolean }>(job.queue, async (jobs) => {
      const atStart = jobs.some((queued) => queued.data?.atStart === true);
      // The daily run over every site and account: in the supervision thread at the lowest priority.
      if (job.queue === SUPERVISION_DAILY_QUEUE)
        await (await supervisionThread()).runSupervisionTask(getDb(), { kind: "daily", atStart }, log);
      else await (await supervisionJobs()).runSupervisionJob(getDb(), job.queue, log, atStart);
    });
    if (job.atStart) await boss.send(job.queue, { atStart: true });
  }
  // 立即检查 / 开展检查 asked for in the back office: run here (one at a time, in the supervision
  // thread at the lowest priority), never in the portal;
  // requests queued while no worker listened are queued again.
  await boss.createQueue(SUPERVISION_REQUEST_QUEUE);
  await boss.work<{ requestId?: string }>(SUPERVISION_REQUEST_QUEUE, async (jobs) => {
    for (const job of jobs) {
      if (!job.data?.requestId) continue;
      const outcome = await (
        await supervisionThread()
      ).runSupervisionTask(getDb(), { kind: "request", requestId: job.data.requestId }, log);
      if (outcome) log(`[jobs] 监管：后台检查完成 ${JSON.stringify(outcome)}`);
    }
  });
  await requeueWaitingRequests(getDb());
  // 转载: the enabled upper-level sources every five minutes (conditional GET, so an unchanged feed
  // costs a 304), and once at start; new items enter the subscribed sites' 待转载 queues.
  await boss.createQueue(REPRINT_FETCH_QUEUE);
  await boss.schedule(REPRINT_FETCH_QUEUE, "*/5 * * * *", {}, { tz: CHINA_TIME_ZONE });
  await boss.work(REPRINT_FETCH_QUEUE, async () => {
    const { queued, failed } = await (await reprintSources()).fetchEnabledSources(getDb());
    if (queued || failed) log(`[jobs] 转载源：新增待转载 ${queued} 条，${failed} 个转载源抓取失败`);
  });
  await boss.send(REPRINT_FETCH_QUEUE, {});
  // 报送任务: in the month's last week (its last five working days), reminders to units below their
  // monthly quota at a receiving site; each morning and once at start, each sent once per unit and
  // month (lib/statistics/quota-reminders).
  await boss.createQueue(QUOTA_REMINDERS_QUEUE);
  await boss.schedule(QUOTA_REMINDERS_QUEUE, "30 8 * * *", {}, { tz: CHINA_TIME_ZONE });
  await boss.work(QUOTA_REMINDERS_QUEUE, async () => {
    const sent = await (await quotaReminders()).sendQuotaReminders(getDb());
    if (sent) log(`[jobs] 报送任务：向 ${sent} 个未完成任务的单位发出提醒 (quota reminders sent)`);
  });
  await boss.send(QUOTA_REMINDERS_QUEUE, {});
  // 分发同时: channel deliveries with retries and backoff, a sweep for orphaned ones, and the
  // recovery of deliveries whose worker died (lib/channels/deliveries).
  // Loaded at start: the recovery of deliveries whose worker died runs now (its bound, #20).
  return (await deliveryWorker()).startDeliveryWorkers(boss, log);
}

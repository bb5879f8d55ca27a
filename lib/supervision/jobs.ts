import type { Db } from "@/lib/db/client";
import { sendDailyDigests } from "@/lib/supervision/digest";
import { probeHomePages } from "@/lib/supervision/monitors/availability";
import { runMonitors } from "@/lib/supervision/run-monitors";
import { supervisionBackground } from "@/lib/supervision/background";
import { withSupervisionRunLock } from "@/lib/supervision/run-lock";
import { escalateOverdueTickets } from "@/lib/supervision/tickets/escalate-overdue";
import {
  SUPERVISION_DAILY_QUEUE,
  SUPERVISION_ESCALATION_QUEUE,
  SUPERVISION_PROBE_QUEUE,
} from "@/lib/supervision/job-queues";

// The supervision monitors as scheduled jobs (registered by lib/jobs/runner.ts, China time).

export { SUPERVISION_JOBS } from "@/lib/supervision/job-queues";

const DAY_MS = 86_400_000;

export async function runSupervisionJob(
  db: Db,
  queue: string,
  log: (message: string) => void,
  atStart = false,
): Promise<void> {
  const now = new Date();
  if (queue === SUPERVISION_PROBE_QUEUE) {
    await probeHomePages(db, now);
    return;
  }
  if (queue === SUPERVISION_ESCALATION_QUEUE) {
    const escalated = await escalateOverdueTickets(db, now);
    if (escalated) log(`[jobs] 监管：${escalated} 张整改单逾期升级督办 (overdue tickets escalated)`);
    return;
  }
  if (queue === SUPERVISION_DAILY_QUEUE) {
    // At start: only when no full run happened in the last day (a restart does not scan twice).
    const recent =
      atStart &&
      (await db.checkRun.findFirst({
        where: { trigger: "job", startedAt: { gt: new Date(now.getTime() - DAY_MS) } },
        select: { id: true },
      }));
    if (recent) return;
    // The full run reads through the supervision pool at low priority, pausing between batches; one
    // full run at a time (a 立即检查 or 开展检查 running now finishes first).
    const background = supervisionBackground();
    const { changes, digests } = await withSupervisionRunLock(
      db,
      async () => {
        const run = await runMonitors(background.db, { trigger: "job", now, pacer: background.pacer });
        return { changes: run.changes, digests: await sendDailyDigests(db, now) };
      },
      { onWait: () => log("[jobs] 监管：另一次检查正在进行，每日监测待其完成后开始") },
    );
    log(
      `[jobs] 监管：每日监测完成，新问题 ${changes.opened} 项，解决 ${changes.resolved} 项，自动立单 ${changes.ticketsOpened} 张，日报 ${digests} 条`,
    );
  }
}

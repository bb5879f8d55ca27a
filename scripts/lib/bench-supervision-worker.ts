// The inspection side of `npm run bench:supervision`, as the jobs worker runs it: its own process
// (its working thread at SUPERVISION_NICE when asked, as the product's supervision thread), every monitor over every site and account (no
// home-page probe: probes are their own job; no external links), then the quarter's scoring, both
// through the supervision pool at low priority and paced (SUPERVISION_DUTY_CYCLE). Runs inspections
// back to back until SIGTERM (or once with --once) and prints one JSON line per inspection.
import os from "node:os";
import { currentThreadId, scheduleIdle } from "@/lib/os/cpu-priority";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import type { Principal } from "@/lib/auth/permissions";
import { supervisionBackground } from "@/lib/supervision/background";
import { runMonitors } from "@/lib/supervision/run-monitors";
import { runInspection } from "@/lib/supervision/run-inspection";

let stopping = false;
process.on("SIGTERM", () => {
  stopping = true;
});

async function supervisor(): Promise<Principal> {
  const user = await getDb().user.findUniqueOrThrow({
    where: { username: "supervisor" },
    include: { memberships: { include: { org: true } } },
  });
  return {
    id: user.id,
    memberships: user.memberships.map((m) => ({ orgId: m.orgId, role: m.role, isRootOrg: m.org.parentId === null })),
  };
}

async function main() {
  // --low-priority: this thread at SUPERVISION_NICE (19), as the jobs process's supervision thread
  // lowers itself (lib/supervision/thread-main.ts); the process's other threads keep theirs.
  if (process.argv.includes("--low-priority")) {
    os.setPriority(getEnv().SUPERVISION_NICE);
    if (getEnv().SUPERVISION_SCHED_IDLE) await scheduleIdle(currentThreadId());
  }
  const actor = await supervisor();
  const once = process.argv.includes("--once");
  // The first run after loading reads every item (as the first daily run would); --full-scan forces it.
  const fullScan = process.argv.includes("--full-scan");
  // --min-seconds N: inspections back to back until one has finished after N seconds (decided here,
  // between two runs, so that no run is cut short or started after the bench asked to stop).
  const index = process.argv.indexOf("--min-seconds");
  const minMs = index >= 0 ? Number(process.argv[index + 1]) * 1000 : Number.POSITIVE_INFINITY;
  const began = performance.now();
  do {
    const background = supervisionBackground();
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const monitors = await runMonitors(background.db, { trigger: "cli", pacer: background.pacer, fullScan });
    const monitorsMs = Math.round(performance.now() - started);
    const scored = performance.now();
    const { summary } = await runInspection(actor, { period: "2026Q4" }, {}, new Date(), {
      reader: background.db,
      pacer: background.pacer,
    });
    const scoringMs = Math.round(performance.now() - scored);
    const cpu = process.cpuUsage(cpuBefore);
    console.log(
      JSON.stringify({
        monitorsMs,
        scoringMs,
        totalMs: monitorsMs + scoringMs,
        processCpuMs: Math.round((cpu.user + cpu.system) / 1000),
        scan: monitors.scan,
        pacing: background.pacer.totals(),
        phases: monitors.timings,
        subjects: monitors.reports.length,
        changes: monitors.changes,
        sites: summary.websites.total,
        accounts: summary.accounts.total,
      }),
    );
  } while (!once && !stopping && performance.now() - began < minMs);
  await getDb().$disconnect();
  await supervisionBackground().db.$disconnect();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import type { RequestContext } from "@/lib/auth/authenticate";
import { assertCan, type Principal } from "@/lib/auth/permissions";
import { runMonitors } from "@/lib/supervision/run-monitors";
import { supervisionBackground } from "@/lib/supervision/background";

// 立即检查: the supervising unit runs every monitor now, as the daily job would (no extra probe:
// availability is measured from the scheduled probes). The run and its outcome are audited; each
// finding and ticket it changed is audited by the run itself (system actor, with the evidence).

export async function runMonitorsNow(
  actor: Principal | null,
  now: Date = new Date(),
  context: Partial<RequestContext> = {},
) {
  const role = await assertCan(actor, "supervision.run", "platform");
  const db = getDb();
  const background = supervisionBackground();
  const outcome = await runMonitors(background.db, {
    trigger: "manual",
    now,
    startedById: actor!.id,
    pacer: background.pacer,
  });
  await db.$transaction((tx) =>
    recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "supervision.run",
      subject: `check-run:${outcome.runId}`,
      data: {
        sites: outcome.reports.filter((report) => report.kind === "site").length,
        accounts: outcome.reports.filter((report) => report.kind === "account").length,
        opened: outcome.changes.opened,
        resolved: outcome.changes.resolved,
        ticketsOpened: outcome.changes.ticketsOpened,
        ticketsClosed: outcome.changes.ticketsClosed,
      },
      ...context,
    }),
  );
  return outcome;
}

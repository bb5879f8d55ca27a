import type { Db } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { messages } from "@/lib/i18n/zh-CN";
import { notify } from "@/lib/org/notifications";
import { isCheckName } from "@/lib/supervision/checks";
import { runMonitors } from "@/lib/supervision/run-monitors";
import { NOT_RECHECKABLE } from "@/lib/supervision/reconcile";
import { ticketSerial } from "@/lib/supervision/tickets/create-ticket";
import { unitRecipients } from "@/lib/supervision/recipients";

// The monitor's re-check of a reported ticket: it runs the finding's check on the ticket's site or
// account now. A finding no longer found is resolved and its ticket closed by the run itself
// (run-monitors); one still found sends the ticket back to the unit; a check that cannot be settled
// at once (availability needs a week of probes) leaves the ticket with the supervisor.

export type RecheckOutcome = "closed" | "reopened" | "supervisor";

export async function recheckTicket(db: Db, ticketId: string, now: Date = new Date()): Promise<RecheckOutcome> {
  const ticket = await db.rectificationTicket.findUniqueOrThrow({
    where: { id: ticketId },
    include: { finding: true },
  });
  const check = ticket.finding.check;
  if (!isCheckName(check) || NOT_RECHECKABLE.has(check)) return "supervisor";
  await runMonitors(db, {
    trigger: "recheck",
    now,
    checks: [check],
    ...(ticket.siteId ? { siteIds: [ticket.siteId] } : { accountIds: [ticket.accountId!] }),
  });
  const after = await db.rectificationTicket.findUniqueOrThrow({ where: { id: ticketId } });
  if (after.state === "CLOSED") return "closed";
  if (after.state !== "REPORTED") return "supervisor";
  await db.$transaction(async (tx) => {
    const updated = await tx.rectificationTicket.updateMany({
      where: { id: ticketId, state: "REPORTED", version: after.version },
      data: { state: "OPEN", version: { increment: 1 } },
    });
    if (!updated.count) return;
    await tx.ticketStep.create({
      data: { ticketId, action: "recheck-failed", userId: null, note: ticket.finding.summary, at: now },
    });
    const serial = ticketSerial(after);
    await notify(
      tx,
      await unitRecipients(tx, after.orgId),
      messages.supervision.notify.ticketReopened(serial),
      `/admin/supervision/tickets/${ticketId}`,
      `supervision-ticket:${ticketId}`,
    );
    await recordAudit(tx, {
      actorId: null,
      action: "supervision.ticket.recheck",
      subject: `rectification-ticket:${ticketId}`,
      data: { serial, outcome: "reopened", check },
    });
  });
  return "reopened";
}

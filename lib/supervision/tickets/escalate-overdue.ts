import type { Db } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { formatDateTime } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";
import { notify } from "@/lib/org/notifications";
import { ticketSerial } from "@/lib/supervision/tickets/create-ticket";
import { firstResponsible, supervisors, unitRecipients } from "@/lib/supervision/recipients";

// 逾期升级督办: a ticket still with its unit after its deadline is escalated once, to the unit's
// 第一责任人 and the supervising unit (and its own administrators and 直接责任人 again).

export async function escalateOverdueTickets(db: Db, now: Date = new Date()): Promise<number> {
  const overdue = await db.rectificationTicket.findMany({
    where: { state: "OPEN", dueAt: { lt: now }, escalatedAt: null },
    include: { site: { select: { name: true } }, account: { select: { name: true } } },
  });
  let escalated = 0;
  for (const ticket of overdue) {
    await db.$transaction(async (tx) => {
      const claimed = await tx.rectificationTicket.updateMany({
        where: { id: ticket.id, state: "OPEN", escalatedAt: null },
        data: { escalatedAt: now, version: { increment: 1 } },
      });
      if (!claimed.count) return;
      const serial = ticketSerial(ticket);
      const subject = ticket.site
        ? `${messages.supervision.subjects.site}“${ticket.site.name}”`
        : `${messages.supervision.subjects.account}“${ticket.account?.name ?? ""}”`;
      await tx.ticketStep.create({
        data: {
          ticketId: ticket.id,
          action: "escalate",
          userId: null,
          note: `整改期限 ${formatDateTime(ticket.dueAt)}`,
          at: now,
        },
      });
      await notify(
        tx,
        [
          ...(await firstResponsible(tx, ticket.orgId)),
          ...(await unitRecipients(tx, ticket.orgId)),
          ...(await supervisors(tx)),
        ],
        messages.supervision.notify.ticketEscalated(serial, subject),
        `/admin/supervision/tickets/${ticket.id}`,
      );
      await recordAudit(tx, {
        actorId: null,
        action: "supervision.ticket.escalate",
        subject: `rectification-ticket:${ticket.id}`,
        data: { serial, dueAt: ticket.dueAt.toISOString() },
      });
      escalated += 1;
    });
  }
  return escalated;
}

import type { Tx } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { messages } from "@/lib/i18n/zh-CN";
import { completeTasks, notify } from "@/lib/org/notifications";
import { ticketSerial } from "@/lib/supervision/tickets/create-ticket";
import { supervisors, unitRecipients } from "@/lib/supervision/recipients";

// Closing (销号) a ticket, in the caller's transaction: by the monitor's re-check when the finding is
// gone, or by a supervisor when no monitor can tell. The unit and the supervisors are told.

type Ticket = { id: string; serial: number; openedAt: Date; orgId: string; state: string };

export async function closeTicketTx(
  tx: Tx,
  ticket: Ticket,
  input: {
    by: "recheck" | "supervisor";
    actorId: string | null;
    role?: string | null;
    note: string | null;
    now: Date;
    /** What the monitor's re-check saw (closed by re-check). */
    evidence?: Record<string, unknown> | null;
    context?: { ip?: string | null; userAgent?: string | null };
  },
) {
  await tx.rectificationTicket.update({
    where: { id: ticket.id },
    data: {
      state: "CLOSED",
      closedAt: input.now,
      closedById: input.actorId,
      closedBy: input.by,
      closeNote: input.note,
      version: { increment: 1 },
      steps: {
        create: {
          action: "close",
          userId: input.actorId,
          note: input.note ?? messages.supervision.closedBy[input.by],
          at: input.now,
        },
      },
    },
  });
  const serial = ticketSerial(ticket);
  await completeTasks(tx, { task: `supervision-ticket:${ticket.id}` });
  await notify(
    tx,
    [...(await unitRecipients(tx, ticket.orgId)), ...(await supervisors(tx))],
    messages.supervision.notify.ticketClosed(serial),
    `/admin/supervision/tickets/${ticket.id}`,
  );
  await recordAudit(tx, {
    actorId: input.actorId,
    role: input.role ?? null,
    action: "supervision.ticket.close",
    subject: `rectification-ticket:${ticket.id}`,
    data: { serial, by: input.by, from: ticket.state, note: input.note, evidence: input.evidence ?? null },
    ...(input.context ?? {}),
  });
}

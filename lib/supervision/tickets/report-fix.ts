import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { assertCan, type Principal } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { conflict, notFound } from "@/lib/errors";
import { messages } from "@/lib/i18n/zh-CN";
import { completeTasks, notify } from "@/lib/org/notifications";
import { parseInput } from "@/lib/validation/parse";
import { zText } from "@/lib/validation/text";
import { ticketSerial } from "@/lib/supervision/tickets/create-ticket";
import { recheckTicket } from "@/lib/supervision/tickets/recheck-ticket";
import { supervisors } from "@/lib/supervision/recipients";

// The unit reports its fix (报告整改); the monitor then re-checks at once: the ticket closes when the
// problem is gone, goes back to the unit when it is still there, and waits for a supervisor when no
// monitor can tell.

export const ZReportFix = z.object({
  ticketId: z.uuid({ message: "未找到该整改单" }),
  note: zText({ message: "整改情况不能含有控制字符" })
    .trim()
    .min(2, messages.supervision.errors.note)
    .max(2000, messages.supervision.errors.note),
  version: z.coerce.number().int().min(0),
});
export type TReportFix = z.input<typeof ZReportFix>;

type Context = { ip?: string | null; userAgent?: string | null; now?: Date };

export async function reportFix(actor: Principal | null, input: unknown, context: Context = {}) {
  const data = parseInput(ZReportFix, input);
  const db = getDb();
  const now = context.now ?? new Date();
  await db.$transaction(async (tx) => {
    const ticket = await tx.rectificationTicket.findUnique({ where: { id: data.ticketId } });
    if (!ticket) throw notFound();
    const role = await assertCan(actor, "supervision.ticket.report", { orgId: ticket.orgId }).catch(() => {
      throw notFound();
    });
    if (ticket.state !== "OPEN") throw conflict(messages.supervision.errors.ticketState);
    if (ticket.version !== data.version) throw conflict(messages.supervision.errors.stale);
    await tx.rectificationTicket.update({
      where: { id: ticket.id },
      data: {
        state: "REPORTED",
        reportedAt: now,
        reportedById: actor!.id,
        reportNote: data.note,
        version: { increment: 1 },
        steps: { create: { action: "report", userId: actor!.id, note: data.note, at: now } },
      },
    });
    const serial = ticketSerial(ticket);
    await completeTasks(tx, { task: `supervision-ticket:${ticket.id}` });
    await notify(
      tx,
      await supervisors(tx),
      messages.supervision.notify.ticketReported(serial),
      `/admin/supervision/tickets/${ticket.id}`,
    );
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "supervision.ticket.report",
      subject: `rectification-ticket:${ticket.id}`,
      data: { serial, note: data.note },
      ...context,
    });
  });
  return recheckTicket(db, data.ticketId, now);
}

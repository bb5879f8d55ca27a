import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { assertCan, type Principal } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { conflict, notFound } from "@/lib/errors";
import { messages } from "@/lib/i18n/zh-CN";
import { notify } from "@/lib/org/notifications";
import { parseInput } from "@/lib/validation/parse";
import { zText } from "@/lib/validation/text";
import { closeTicketTx } from "@/lib/supervision/tickets/close-ticket";
import { ticketSerial } from "@/lib/supervision/tickets/create-ticket";
import { unitRecipients } from "@/lib/supervision/recipients";

// A supervisor settles a reported ticket the monitor could not: 销号 (close) when satisfied, or
// 退回 (reopen) with what is still wrong.

export const ZDecideTicket = z.object({
  ticketId: z.uuid({ message: "未找到该整改单" }),
  decision: z.enum(["close", "reopen"], { message: "请选择销号或退回" }),
  note: zText({ message: "说明不能含有控制字符" })
    .trim()
    .min(2, "请填写说明（2 至 1000 字）")
    .max(1000, "请填写说明（2 至 1000 字）"),
  version: z.coerce.number().int().min(0),
});
export type TDecideTicket = z.input<typeof ZDecideTicket>;

type Context = { ip?: string | null; userAgent?: string | null; now?: Date };

export async function decideTicket(actor: Principal | null, input: unknown, context: Context = {}) {
  const data = parseInput(ZDecideTicket, input);
  const now = context.now ?? new Date();
  return getDb().$transaction(async (tx) => {
    const ticket = await tx.rectificationTicket.findUnique({ where: { id: data.ticketId } });
    if (!ticket) throw notFound();
    const role = await assertCan(actor, "supervision.ticket.close", { orgId: ticket.orgId }).catch(() => {
      throw notFound();
    });
    if (ticket.state !== "REPORTED") throw conflict(messages.supervision.errors.ticketState);
    if (ticket.version !== data.version) throw conflict(messages.supervision.errors.stale);
    if (data.decision === "close") {
      await closeTicketTx(tx, ticket, { by: "supervisor", actorId: actor!.id, role, note: data.note, now, context });
      return { state: "CLOSED" as const };
    }
    await tx.rectificationTicket.update({
      where: { id: ticket.id },
      data: {
        state: "OPEN",
        version: { increment: 1 },
        steps: { create: { action: "reopen", userId: actor!.id, note: data.note, at: now } },
      },
    });
    const serial = ticketSerial(ticket);
    await notify(
      tx,
      await unitRecipients(tx, ticket.orgId),
      messages.supervision.notify.ticketReopened(serial),
      `/admin/supervision/tickets/${ticket.id}`,
      `supervision-ticket:${ticket.id}`,
    );
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "supervision.ticket.reopen",
      subject: `rectification-ticket:${ticket.id}`,
      data: { serial, note: data.note },
      ...context,
    });
    return { state: "OPEN" as const };
  });
}

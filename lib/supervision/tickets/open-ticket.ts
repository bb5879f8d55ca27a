import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { assertCan, type Principal } from "@/lib/auth/permissions";
import { conflict, notFound } from "@/lib/errors";
import { messages } from "@/lib/i18n/zh-CN";
import { parseInput } from "@/lib/validation/parse";
import { zText } from "@/lib/validation/text";
import { createTicket, MANUAL_TICKET_WORKING_DAYS } from "@/lib/supervision/tickets/create-ticket";

// A supervisor opens a ticket by hand for a finding below the veto line (or one the monitor did not
// ticket): the unit gets a deadline in working days and the requirement in words.

export const ZOpenTicket = z.object({
  findingId: z.uuid({ message: "请选择问题" }),
  requirement: zText({ message: "整改要求不能含有控制字符" })
    .trim()
    .min(2, "请填写整改要求（2 至 1000 字）")
    .max(1000, "请填写整改要求（2 至 1000 字）"),
  workingDays: z.coerce
    .number({ message: "请填写整改期限" })
    .int("整改期限须为整数个工作日")
    .min(1, "整改期限为 1 至 60 个工作日")
    .max(60, "整改期限为 1 至 60 个工作日")
    .default(MANUAL_TICKET_WORKING_DAYS),
});
export type TOpenTicket = z.input<typeof ZOpenTicket>;

type Context = { ip?: string | null; userAgent?: string | null; now?: Date };

export async function openTicket(actor: Principal | null, input: unknown, context: Context = {}) {
  const data = parseInput(ZOpenTicket, input);
  const db = getDb();
  const now = context.now ?? new Date();
  return db.$transaction(async (tx) => {
    const finding = await tx.finding.findUnique({
      where: { id: data.findingId },
      include: {
        ticket: { select: { id: true } },
        site: { select: { name: true } },
        account: { select: { name: true } },
      },
    });
    // Load first, then authorize against the finding's own unit; another unit's finding is "not found".
    if (!finding) throw notFound();
    const role = await assertCan(actor, "supervision.ticket.open", { orgId: finding.orgId }).catch(() => {
      throw notFound();
    });
    if (finding.ticket) throw conflict(messages.supervision.errors.findingHasTicket);
    if (finding.state !== "OPEN") throw conflict(messages.supervision.errors.findingResolved);
    const subjectName = finding.site
      ? `${messages.supervision.subjects.site}“${finding.site.name}”`
      : `${messages.supervision.subjects.account}“${finding.account?.name ?? ""}”`;
    return createTicket(tx, {
      finding,
      origin: "manual",
      requirement: data.requirement,
      workingDays: data.workingDays,
      now,
      actorId: actor!.id,
      role,
      subjectName,
      context,
    });
  });
}

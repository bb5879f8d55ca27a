import type { Tx } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { loadCalendar } from "@/lib/calendar/load";
import { chinaYear } from "@/lib/time/china";
import { messages } from "@/lib/i18n/zh-CN";
import { notify } from "@/lib/org/notifications";
import { dueAfterWorkingDays } from "@/lib/interaction/clock";
import { unitRecipients } from "@/lib/supervision/recipients";

// Opening a rectification ticket (整改单) for a finding, inside the caller's transaction: due at the
// end of the n-th working day after today (lib/calendar, holidays and 调休 included, with its
// derivation kept), the unit's site administrators and 直接责任人 told, the step audited.

/** [I] working days a unit has to fix a veto-level finding, and the default for one opened by hand. */
export const AUTO_TICKET_WORKING_DAYS = 5;
export const MANUAL_TICKET_WORKING_DAYS = 10;

export type TicketFinding = {
  id: string;
  orgId: string;
  siteId: string | null;
  accountId: string | null;
  summary: string;
};

export function ticketSerial(ticket: { serial: number; openedAt: Date }): string {
  return messages.supervision.serial(chinaYear(ticket.openedAt), ticket.serial);
}

export async function createTicket(
  tx: Tx,
  input: {
    finding: TicketFinding;
    origin: "auto" | "manual";
    requirement: string;
    workingDays: number;
    now: Date;
    actorId: string | null;
    role?: string | null;
    subjectName: string;
    /** What the monitor saw (a ticket opened automatically for a veto finding). */
    evidence?: Record<string, unknown> | null;
    context?: { ip?: string | null; userAgent?: string | null };
  },
) {
  const calendar = await loadCalendar(tx);
  const { dueAt, derivation } = dueAfterWorkingDays(calendar, input.now, input.workingDays);
  const ticket = await tx.rectificationTicket.create({
    data: {
      findingId: input.finding.id,
      orgId: input.finding.orgId,
      siteId: input.finding.siteId,
      accountId: input.finding.accountId,
      origin: input.origin,
      requirement: input.requirement,
      openedAt: input.now,
      openedById: input.actorId,
      workingDays: input.workingDays,
      dueAt,
      clock: derivation,
      steps: { create: { action: "open", userId: input.actorId, note: input.requirement, at: input.now } },
    },
  });
  const serial = ticketSerial(ticket);
  await notify(
    tx,
    await unitRecipients(tx, input.finding.orgId),
    messages.supervision.notify.ticketOpened(serial, input.subjectName),
    `/admin/supervision/tickets/${ticket.id}`,
    `supervision-ticket:${ticket.id}`,
  );
  await recordAudit(tx, {
    actorId: input.actorId,
    role: input.role ?? null,
    action: "supervision.ticket.open",
    subject: `rectification-ticket:${ticket.id}`,
    data: {
      serial,
      findingId: input.finding.id,
      orgId: input.finding.orgId,
      origin: input.origin,
      workingDays: input.workingDays,
      dueAt: dueAt.toISOString(),
      evidence: input.evidence ?? null,
    },
    ...(input.context ?? {}),
  });
  return ticket;
}

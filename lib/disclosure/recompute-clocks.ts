import type { Tx } from "@/lib/db/client";
import type { RequestContext } from "@/lib/auth/authenticate";
import { recordAudit } from "@/lib/audit/record";
import { chinaDayStart } from "@/lib/time/china";
import { computeClock } from "@/lib/disclosure/clock";
import { clockFactsOf, loadWorkCalendar, REQUEST_INCLUDE } from "@/lib/disclosure/guard";

// A holiday added or removed, or a 调休上班日, moves every open 依申请公开 due date that runs over
// that day (Alaveteli #7292), counted again from the same facts; concluded requests keep the date
// they ran on. Runs in the calendar change's transaction (the "calendar.changed" subscriber);
// each moved request is recorded as a step and audited.

const OPEN = ["RECEIVED", "REGISTERED", "CORRECTION", "REVIEWING", "ANSWERED"] as const;

type Change = { tx: Tx; date: string; actorId: string; role: string; context: Partial<RequestContext> };

export async function recomputeDisclosureClocks({ tx, date, actorId, role, context }: Change): Promise<number> {
  const requests = await tx.disclosureRequest.findMany({
    where: { state: { in: [...OPEN] }, dueAt: { gte: chinaDayStart(date) } },
    include: REQUEST_INCLUDE,
  });
  if (requests.length === 0) return 0;
  const calendar = await loadWorkCalendar(tx);
  let moved = 0;
  for (const request of requests) {
    const { dueAt, derivation } = computeClock(calendar, clockFactsOf(request));
    if (dueAt.getTime() === request.dueAt.getTime()) continue;
    // The due date is not what a handler's open form edits: the version stays.
    await tx.disclosureRequest.update({
      where: { id: request.id },
      data: { dueAt, clock: derivation, nextAlertAt: request.receivedAt },
    });
    const data = { calendarDay: date, dueAt: { before: request.dueAt.toISOString(), after: dueAt.toISOString() } };
    await tx.disclosureEvent.create({ data: { requestId: request.id, kind: "CLOCK_RECOMPUTED", actorId, data } });
    await recordAudit(tx, {
      actorId,
      role,
      action: "disclosure.clock_recomputed",
      subject: `disclosure:${request.id}`,
      data: { trackingCode: request.trackingCode, ...data },
      ...context,
    });
    moved += 1;
  }
  return moved;
}

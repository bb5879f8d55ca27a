import type { Prisma } from "@/lib/db/generated/client";
import type { DisclosureEventKind, DisclosureState } from "@/lib/db/generated/enums";
import type { Db, Tx } from "@/lib/db/client";
import type { RequestContext } from "@/lib/auth/authenticate";
import { assertCan, type Principal } from "@/lib/auth/permissions";
import { type Action } from "@/lib/auth/permission-table";
import { recordAudit } from "@/lib/audit/record";
import { buildCalendar } from "@/lib/calendar/working-days";
import { chinaDay } from "@/lib/calendar/working-days";
import { conflict, notFound } from "@/lib/errors";
import { messages } from "@/lib/i18n/zh-CN";
import { computeClock, type ClockFacts } from "@/lib/disclosure/clock";

// What every staff step on a request shares: lock and load it, check the actor against the unit
// asked (a request of another unit is "not found": its existence is not disclosed), check its state,
// write the change if the request is still at the version the form saw (a replayed or stale form
// is refused), record the step and its audit event in the same transaction, and count the clock
// again from the facts now stored.

const t = messages.disclosure;
export type Context = Partial<RequestContext>;

export const REQUEST_INCLUDE = {
  pauses: { orderBy: { startedAt: "asc" } },
  extensions: { orderBy: { requestedAt: "asc" } },
  fees: { orderBy: { createdAt: "asc" } },
  answer: true,
  unit: { select: { id: true, name: true } },
} as const satisfies Prisma.DisclosureRequestInclude;

export type LoadedRequest = Prisma.DisclosureRequestGetPayload<{ include: typeof REQUEST_INCLUDE }>;

/** Locks the request row for this transaction and loads it. */
export async function lockRequest(tx: Tx, requestId: string): Promise<LoadedRequest> {
  const locked = await tx.$executeRaw`select 1 from "DisclosureRequest" where id = ${requestId}::uuid for update`;
  if (locked === 0) throw notFound();
  return tx.disclosureRequest.findUniqueOrThrow({ where: { id: requestId }, include: REQUEST_INCLUDE });
}

/** The role the actor acts in; another unit's staff get "not found". */
export async function assertOnRequest(actor: Principal | null, action: Action, request: { unitId: string }) {
  const subject = { orgId: request.unitId };
  try {
    await assertCan(actor, "disclosure.view", subject);
  } catch (error) {
    if (actor) throw notFound();
    throw error;
  }
  return assertCan(actor, action, subject);
}

export function assertState(request: { state: DisclosureState }, allowed: readonly DisclosureState[]): void {
  if (!allowed.includes(request.state)) throw conflict(t.wrongState(t.states[request.state]));
}

/** The clock's facts as stored: receipt, 补正, pauses, approved extensions. */
export function clockFactsOf(request: LoadedRequest): ClockFacts {
  return {
    receivedOn: chinaDay(request.receivedAt),
    correction: request.correctionAt
      ? {
          requestedOn: chinaDay(request.correctionAt),
          correctedOn: request.correctedAt ? chinaDay(request.correctedAt) : null,
        }
      : null,
    pauses: request.pauses.map((pause) => ({
      kind: pause.kind,
      reason: pause.reason,
      from: chinaDay(pause.startedAt),
      to: chinaDay(pause.endedAt ?? pause.limitAt),
      open: pause.endedAt === null,
    })),
    extendedDays: request.extensions
      .filter((extension) => extension.status === "APPROVED")
      .reduce((sum, extension) => sum + extension.workingDays, 0),
  };
}

export async function loadWorkCalendar(db: Db | Tx) {
  return buildCalendar(await db.calendarDay.findMany({ select: { date: true, kind: true, name: true } }));
}

export type Step = {
  tx: Tx;
  request: LoadedRequest;
  /** The version the form saw; null for the system (sweep, calendar change). */
  version: number | null;
  data: Prisma.DisclosureRequestUncheckedUpdateManyInput;
  event: DisclosureEventKind;
  note?: string | null;
  eventData?: Prisma.InputJsonValue;
  actor: { id: string; role: string } | null;
  context?: Context;
  /** Count the clock again after the change (a 补正, pause, extension, payment). */
  recount?: boolean;
};

/** The audit action of each step of a request (labelled in lib/i18n/zh-CN-audit.ts). */
const AUDIT_ACTIONS = {
  SUBMITTED: "disclosure.submitted",
  REGISTERED: "disclosure.registered",
  CORRECTION_REQUESTED: "disclosure.correction_requested",
  CORRECTED: "disclosure.corrected",
  WITHDRAWN: "disclosure.withdrawn",
  PAUSE_STARTED: "disclosure.pause_started",
  PAUSE_ENDED: "disclosure.pause_ended",
  EXTENSION_REQUESTED: "disclosure.extension_requested",
  EXTENSION_DECIDED: "disclosure.extension_decided",
  EXTENSION_NOTIFIED: "disclosure.extension_notified",
  FEE_NOTICE: "disclosure.fee_notice",
  FEE_PAID: "disclosure.fee_paid",
  ANSWER_DRAFTED: "disclosure.answer_drafted",
  ANSWER_SUBMITTED: "disclosure.answer_submitted",
  ANSWER_APPROVED: "disclosure.answer_approved",
  ANSWER_RETURNED: "disclosure.answer_returned",
  DELIVERED: "disclosure.delivered",
  ARCHIVED: "disclosure.archived",
  CLOCK_RECOMPUTED: "disclosure.clock_recomputed",
  ALERT: "disclosure.alert",
} as const satisfies Record<DisclosureEventKind, string>;

/** Writes one step: the change (version-checked), its event, its audit record and the new clock. */
export async function applyStep(step: Step): Promise<LoadedRequest> {
  const { tx, request } = step;
  const { count } = await tx.disclosureRequest.updateMany({
    where: { id: request.id, ...(step.version === null ? {} : { version: step.version }) },
    data: { ...step.data, version: { increment: 1 } },
  });
  if (count === 0) throw conflict(t.stale);
  await tx.disclosureEvent.create({
    data: {
      requestId: request.id,
      kind: step.event,
      actorId: step.actor?.id ?? null,
      note: step.note ?? null,
      data: step.eventData ?? undefined,
    },
  });
  await recordAudit(tx, {
    actorId: step.actor?.id ?? null,
    role: step.actor?.role ?? null,
    action: AUDIT_ACTIONS[step.event],
    subject: `disclosure:${request.id}`,
    data: { trackingCode: request.trackingCode, ...(step.eventData ? { step: step.eventData } : {}) },
    ...(step.context ?? {}),
  });
  const updated = await tx.disclosureRequest.findUniqueOrThrow({ where: { id: request.id }, include: REQUEST_INCLUDE });
  return step.recount ? recountRequest(tx, updated) : updated;
}

/** Counts the clock again from the stored facts and saves it when it moved. */
export async function recountRequest(tx: Tx, request: LoadedRequest): Promise<LoadedRequest> {
  const { dueAt, derivation } = computeClock(await loadWorkCalendar(tx), clockFactsOf(request));
  const start = new Date(`${derivation.start}T00:00:00+08:00`);
  await tx.disclosureRequest.update({
    where: { id: request.id },
    data: { dueAt, clock: derivation, clockStart: start, nextAlertAt: request.receivedAt },
  });
  return { ...request, dueAt, clock: derivation, clockStart: start };
}

import type { Db } from "@/lib/db/client";
import type { LetterAlertKind } from "@/lib/db/generated/enums";
import { recordAudit } from "@/lib/audit/record";
import { loadCalendar } from "@/lib/calendar/load";
import { addWorkingDays, type WorkCalendar } from "@/lib/calendar/working-days";
import { formatDateTime } from "@/lib/format";
import { notify } from "@/lib/org/notifications";
import { getOrgTree } from "@/lib/org/tree";
import { loadUnitFacts } from "@/lib/review/eligibility";
import { chinaDayEnd, chinaDayStart } from "@/lib/time/china";
import type { DueDerivation } from "@/lib/interaction/clock";

// Reminders and escalation on the reply clock (the jobs worker sweeps every few minutes): the
// lead unit's handlers hear at half time and one working day before the due date; once overdue,
// the unit's 直接责任人 is told (升级督办). Each goes out once per due date: a LetterAlert row,
// unique on (letter, kind, round, due date), is written in the transaction of the notifications,
// so a second sweep, a restarted worker or two workers racing send nothing twice. An extension, a
// calendar change or a 重办 (round 2, a clock of its own) gives a new due date, whose reminders are
// due again. The sweep reads only the
// letters whose next alert is due (Letter.nextAlertAt, see findAlertCandidates), and sets it to
// the next alert it has not sent; any change of a letter's state or due dates resets it (a trigger).

// With PENDING, the states the trigger letter_next_alert (migration 20261206141417) schedules a look
// at: a state added here must be added there.
const REPLY_OPEN = ["ACCEPTED", "ASSIGNED", "HANDLING", "REVIEWING"] as const;

type Letter = { id: string; title: string; queryCode: string; dueAt: Date; unitId: string; round: number };

/** When each reminder of a reply clock falls due (null: none of that kind for this clock). */
export function alertTimes(
  calendar: WorkCalendar,
  derivation: DueDerivation | undefined,
  receivedAt: Date,
  dueAt: Date,
): Record<"HALF_TIME" | "DAY_BEFORE" | "OVERDUE", Date | null> {
  if (derivation?.workingDays !== undefined && !derivation.hours) {
    const total = derivation.workingDays;
    return {
      // After half the working days have passed: the end of working day ⌊n/2⌋.
      HALF_TIME: total >= 2 ? chinaDayEnd(addWorkingDays(calendar, derivation.start, Math.floor(total / 2))) : null,
      // The morning of the last working day before the due day.
      DAY_BEFORE: total >= 2 ? chinaDayStart(addWorkingDays(calendar, derivation.due, -1)) : null,
      OVERDUE: new Date(dueAt.getTime() + 1),
    };
  }
  // Hour clocks (网站纠错): half the hours, and 24 hours before when the clock is longer than that.
  const span = dueAt.getTime() - receivedAt.getTime();
  return {
    HALF_TIME: new Date(receivedAt.getTime() + span / 2),
    DAY_BEFORE: span > 86_400_000 ? new Date(dueAt.getTime() - 86_400_000) : null,
    OVERDUE: new Date(dueAt.getTime() + 1),
  };
}

async function recipients(db: Db, kind: LetterAlertKind, unitId: string): Promise<string[]> {
  if (kind === "OVERDUE" || kind === "ACCEPT_OVERDUE") {
    const direct = (await loadUnitFacts(db, unitId)).direct;
    return direct ? [direct] : [];
  }
  // 留言办理员 of the unit, or of a unit above it (their role reaches the units below).
  const lineage = (await getOrgTree()).lineage(unitId);
  const handlers = await db.membership.findMany({
    where: { orgId: { in: lineage }, role: "INTERACTION_HANDLER", user: { active: true } },
    select: { userId: true },
  });
  return handlers.map((membership) => membership.userId);
}

function titleOf(kind: LetterAlertKind, letter: Letter): string {
  const due = formatDateTime(letter.dueAt);
  const name = `留言“${letter.title}”${letter.round > 1 ? "（重办）" : ""}`;
  if (kind === "HALF_TIME") return `${name}办理时间已过半，答复期限 ${due}`;
  if (kind === "DAY_BEFORE") return `${name}将于 ${due} 到期，请抓紧答复`;
  if (kind === "ACCEPT_OVERDUE") return `督办：${name}已超过受理期限（${due}）仍未受理`;
  return `督办：${name}已逾期未答复（答复期限 ${due}）`;
}

type Sent = { kind: LetterAlertKind; round: number; dueAt: Date };

const sentFor = (alerts: Sent[], kind: LetterAlertKind, round: number, dueAt: Date) =>
  alerts.some((alert) => alert.kind === kind && alert.round === round && alert.dueAt.getTime() === dueAt.getTime());

const CANDIDATE = {
  id: true,
  title: true,
  queryCode: true,
  state: true,
  receivedAt: true,
  acceptDueAt: true,
  replyDueAt: true,
  answeredAt: true,
  ratedAt: true,
  reworkCount: true,
  clock: true,
  type: { select: { unitId: true } },
  assignments: { where: { lead: true }, select: { unitId: true } },
  alerts: { select: { kind: true, round: true, dueAt: true } },
} as const;

/**
 * The letters the sweep must look at `now`: those whose next alert is due (Letter.nextAlertAt,
 * indexed), not every open letter.
 */
export function findAlertCandidates(db: Db, now: Date) {
  return db.letter.findMany({ where: { nextAlertAt: { lte: now } }, select: CANDIDATE });
}

type Candidate = Awaited<ReturnType<typeof findAlertCandidates>>[number];
type PlannedAlert = { kind: LetterAlertKind; at: Date; letter: Letter };

/** Every alert of the letter's current clock, with when it falls due (none once it left the clocks). */
function planAlerts(calendar: WorkCalendar, row: Candidate, now: Date): PlannedAlert[] {
  // 待受理 past the 受理 deadline: the type's unit's 直接责任人 hears of it.
  if (row.state === "PENDING") {
    const letter = { ...row, dueAt: row.acceptDueAt, unitId: row.type.unitId, round: 1 };
    return [{ kind: "ACCEPT_OVERDUE", at: new Date(row.acceptDueAt.getTime() + 1), letter }];
  }
  // The reply clock of the round being answered: the first reply, or the second after 重办.
  if (!(REPLY_OPEN as readonly string[]).includes(row.state) || !row.replyDueAt) return [];
  const letter: Letter = {
    ...row,
    dueAt: row.replyDueAt,
    unitId: row.assignments[0]?.unitId ?? row.type.unitId,
    round: row.reworkCount + 1,
  };
  // An hour clock runs from receipt, or from the 重办 request in round 2.
  const from = row.reworkCount && row.ratedAt ? row.ratedAt : row.receivedAt;
  const times = alertTimes(calendar, (row.clock as { reply?: DueDerivation }).reply, from, letter.dueAt);
  const overdue = now >= times.OVERDUE!;
  return (["HALF_TIME", "DAY_BEFORE", "OVERDUE"] as const)
    .filter((kind) => times[kind] !== null)
    .filter((kind) => !overdue || kind === "OVERDUE") // once overdue, the escalation replaces the reminders not yet sent
    .map((kind) => ({ kind, at: times[kind]!, letter }));
}

/** Sends the reminders and escalations due at `now`; returns how many went out. */
export async function sendClockAlerts(db: Db, now: Date = new Date()): Promise<number> {
  let sent = 0;
  const rows = await findAlertCandidates(db, now);
  const calendar = rows.length ? await loadCalendar(db) : null;
  for (const row of rows) {
    let next: Date | null = null;
    for (const alert of planAlerts(calendar!, row, now)) {
      if (sentFor(row.alerts, alert.kind, alert.letter.round, alert.letter.dueAt)) continue;
      if (now >= alert.at && (await sendOnce(db, alert.kind, alert.letter))) {
        sent += 1;
        continue;
      }
      // Not due yet, or nobody to tell yet: look again then (or on the next sweep).
      if (!next || alert.at < next) next = alert.at;
    }
    // Unless the letter changed meanwhile (then the trigger has already asked for another look).
    await db.letter.updateMany({
      where: {
        id: row.id,
        state: row.state,
        acceptDueAt: row.acceptDueAt,
        replyDueAt: row.replyDueAt,
        answeredAt: row.answeredAt,
      },
      data: { nextAlertAt: next },
    });
  }
  return sent;
}

async function sendOnce(db: Db, kind: LetterAlertKind, letter: Letter): Promise<boolean> {
  const to = await recipients(db, kind, letter.unitId);
  // Nobody to tell yet (no handler, no 直接责任人): try again on the next sweep.
  if (to.length === 0) return false;
  return db.$transaction(async (tx) => {
    const { count } = await tx.letterAlert.createMany({
      data: [{ letterId: letter.id, kind, round: letter.round, dueAt: letter.dueAt, sentTo: to }],
      skipDuplicates: true,
    });
    if (count === 0) return false;
    await notify(tx, to, titleOf(kind, letter), `/admin/interaction/${letter.id}`);
    if (kind === "OVERDUE" || kind === "ACCEPT_OVERDUE")
      await recordAudit(tx, {
        actorId: null,
        action: "interaction.letter.escalate",
        subject: `letter:${letter.id}`,
        data: {
          queryCode: letter.queryCode,
          ...(letter.round > 1 ? { round: letter.round } : {}),
          [kind === "OVERDUE" ? "replyDueAt" : "acceptDueAt"]: letter.dueAt.toISOString(),
          notified: to,
        },
      });
    return true;
  });
}

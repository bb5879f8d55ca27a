import type { Db } from "@/lib/db/client";
import type { DisclosureAlertKind, Role } from "@/lib/db/generated/enums";
import { addWorkingDays } from "@/lib/calendar/working-days";
import { formatDateTime } from "@/lib/format";
import { notify } from "@/lib/org/notifications";
import { getOrgTree } from "@/lib/org/tree";
import { chinaDayStart } from "@/lib/time/china";
import { WARNING_WORKING_DAYS, type ClockDerivation } from "@/lib/disclosure/clock";
import { applyStep, loadWorkCalendar, lockRequest } from "@/lib/disclosure/guard";

// The jobs worker's sweep over open 依申请公开 clocks (every few minutes, like letters'):
// - 待补正 past the correction deadline: withdrawn (条例第三十条), concluded as 其他处理 row 1;
// - a fee notice unpaid past its deadline: concluded as 其他处理 row 2 (国办函〔2020〕109号);
// - 5 working days before the due date the unit's disclosure officers are reminded; once overdue
//   the head of the disclosure office hears of it (升级). Each alert goes out once per due date
//   (DisclosureAlert is unique on request, kind and due date), however many workers sweep.
// Only requests whose next look is due are read (DisclosureRequest.nextAlertAt); every step that
// moves the clock sets it back to now.

const OPEN = ["RECEIVED", "REGISTERED", "REVIEWING", "ANSWERED"] as const;

async function recipients(db: Db, unitId: string, role: Role) {
  const lineage = (await getOrgTree()).lineage(unitId);
  const members = await db.membership.findMany({
    where: { orgId: { in: lineage }, role, user: { active: true } },
    select: { userId: true },
  });
  return [...new Set(members.map((member) => member.userId))];
}

async function withdraw(db: Db, requestId: string, now: Date): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const request = await lockRequest(tx, requestId);
    const unpaid = request.fees.find((fee) => !fee.paidAt && fee.payDueAt.getTime() < now.getTime());
    const noCorrection =
      request.state === "CORRECTION" && request.correctionDueAt && request.correctionDueAt.getTime() < now.getTime();
    if (!noCorrection && !(request.state === "REGISTERED" && unpaid)) return false;
    if (unpaid?.pauseId)
      await tx.disclosurePause.update({
        where: { id: unpaid.pauseId },
        data: { endedAt: unpaid.payDueAt, outcome: "逾期未缴费" },
      });
    await applyStep({
      tx,
      request,
      version: null,
      data: {
        state: "WITHDRAWN",
        answerType: noCorrection ? "OTHER_NO_CORRECTION" : "OTHER_FEE_UNPAID",
        concludedAt: now,
        nextAlertAt: null,
      },
      event: "WITHDRAWN",
      note: noCorrection ? "申请人逾期未补正，视为放弃申请" : "申请人逾期未缴纳信息处理费，不再处理",
      actor: null,
    });
    return true;
  });
}

function titleOf(kind: DisclosureAlertKind, request: { trackingCode: string; infoTitle: string; dueAt: Date }) {
  const name = `政府信息公开申请 ${request.trackingCode}（${request.infoTitle.slice(0, 20)}）`;
  return kind === "DUE_SOON"
    ? `${name}将于 ${formatDateTime(request.dueAt)} 到期，请抓紧办理`
    : `督办：${name}已逾期未答复（答复期限 ${formatDateTime(request.dueAt)}）`;
}

/** Withdrawals, reminders and escalations due at `now`; returns how many were done. */
export async function sweepDisclosureClocks(db: Db, now: Date = new Date()): Promise<number> {
  const rows = await db.disclosureRequest.findMany({
    where: { nextAlertAt: { lte: now } },
    select: {
      id: true,
      unitId: true,
      state: true,
      trackingCode: true,
      infoTitle: true,
      dueAt: true,
      clock: true,
      correctionDueAt: true,
      fees: { where: { paidAt: null }, select: { payDueAt: true } },
      alerts: { select: { kind: true, dueAt: true } },
    },
  });
  if (rows.length === 0) return 0;
  const calendar = await loadWorkCalendar(db);
  let done = 0;
  for (const row of rows) {
    const deadlines: Date[] = [];
    if (row.state === "CORRECTION" && row.correctionDueAt) deadlines.push(row.correctionDueAt);
    for (const fee of row.fees) deadlines.push(fee.payDueAt);
    if (deadlines.some((deadline) => deadline.getTime() < now.getTime()) && (await withdraw(db, row.id, now))) {
      done += 1;
      continue;
    }
    let next: Date | null = deadlines.length ? new Date(Math.min(...deadlines.map((d) => d.getTime())) + 1) : null;
    if ((OPEN as readonly string[]).includes(row.state)) {
      const due = (row.clock as ClockDerivation).due;
      const plan: { kind: DisclosureAlertKind; at: Date; role: Role }[] = [
        {
          kind: "DUE_SOON",
          at: chinaDayStart(addWorkingDays(calendar, due, -WARNING_WORKING_DAYS)),
          role: "DISCLOSURE_OFFICER",
        },
        { kind: "OVERDUE", at: new Date(row.dueAt.getTime() + 1), role: "DISCLOSURE_HEAD" },
      ];
      for (const alert of plan) {
        if (row.alerts.some((sent) => sent.kind === alert.kind && sent.dueAt.getTime() === row.dueAt.getTime()))
          continue;
        if (alert.kind === "DUE_SOON" && now.getTime() > row.dueAt.getTime()) continue;
        if (now.getTime() >= alert.at.getTime()) {
          const to = await recipients(db, row.unitId, alert.role);
          if (to.length === 0) continue;
          const sent = await db.$transaction(async (tx) => {
            const { count } = await tx.disclosureAlert.createMany({
              data: [{ requestId: row.id, kind: alert.kind, dueAt: row.dueAt, sentTo: to }],
              skipDuplicates: true,
            });
            if (count === 0) return false;
            await notify(tx, to, titleOf(alert.kind, row), `/admin/disclosure/${row.id}`);
            await tx.disclosureEvent.create({
              data: {
                requestId: row.id,
                kind: "ALERT",
                data: { kind: alert.kind, dueAt: row.dueAt.toISOString(), to },
              },
            });
            return true;
          });
          if (sent) done += 1;
          continue;
        }
        if (!next || alert.at < next) next = alert.at;
      }
    }
    await db.disclosureRequest.updateMany({
      where: { id: row.id, dueAt: row.dueAt, state: row.state },
      data: { nextAlertAt: next },
    });
  }
  return done;
}

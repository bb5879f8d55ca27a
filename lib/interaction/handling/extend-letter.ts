import type { Tx } from "@/lib/db/client";
import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import type { Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { buildCalendar } from "@/lib/calendar/working-days";
import { conflict, forbidden, invalid } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import { completeTasks, notify } from "@/lib/org/notifications";
import { loadUnitFacts } from "@/lib/review/eligibility";
import { parseInput } from "@/lib/validation/parse";
import { dueAfterDay, type DueDerivation } from "@/lib/interaction/clock";
import { letterLimits } from "@/lib/interaction/limits";
import {
  answeringUnitId,
  assertOnLetter,
  assertState,
  loadLetter,
  updateLetter,
  type LoadedLetter,
} from "@/lib/interaction/handling/guard";
import { ZDecideExtension, ZRequestExtension } from "@/lib/interaction/handling/schemas";

// 延期: the lead unit's handler asks for more working days with a reason; the unit's 直接责任人
// (the current holder named by the nearest unit in its lineage, as review finds them) approves or
// refuses. Approved days move the reply due date, counted on the holiday calendar from the same
// start; the reply may run at most the type's maxWorkingDays in total. Nobody approves their own
// request (DESIGN invariant 3).

const OPEN_FOR_REQUEST = ["ACCEPTED", "ASSIGNED", "HANDLING"] as const;
const OPEN_FOR_DECISION = ["ACCEPTED", "ASSIGNED", "HANDLING", "REVIEWING"] as const;

const taskOf = (extensionId: string) => `interaction-extension:${extensionId}`;

function replyClock(letter: LoadedLetter): DueDerivation {
  const reply = (letter.clock as { reply?: DueDerivation }).reply;
  if (!reply || reply.hours || reply.workingDays === undefined)
    throw conflict(`“${letter.type.name}”按小时计算答复时限，不能申请延期。`);
  return reply;
}

function assertWithinLimit(letter: LoadedLetter, reply: DueDerivation, days: number): void {
  const limit = letterLimits(letter).maxWorkingDays;
  if (reply.workingDays! + days > limit) {
    const message = `延期后办理时限不能超过 ${limit} 个工作日：已有 ${reply.workingDays} 个工作日，最多还能延期 ${Math.max(0, limit - reply.workingDays!)} 个工作日。`;
    throw invalid(message, { workingDays: [message] });
  }
}

async function directResponsible(tx: Tx, unitId: string): Promise<string | null> {
  return (await loadUnitFacts(tx, unitId)).direct;
}

export async function requestExtension(actor: Principal | null, input: unknown, context: Partial<RequestContext> = {}) {
  const { letterId, version, workingDays, reason } = parseInput(ZRequestExtension, input);
  return getDb().$transaction(async (tx) => {
    const letter = await loadLetter(tx, letterId);
    const unitId = answeringUnitId(letter);
    const role = await assertOnLetter(actor, "interaction.handle", letter, unitId);
    assertState(letter, OPEN_FOR_REQUEST);
    // 重办 runs the type's full reply period again from the writer's request (rate-letter.ts): the
    // letter's 延期 belongs to its first answer, so a round-1 request can never move round 2's date.
    if (letter.answeredAt) throw conflict("该留言已答复过，重办不适用延期。");
    const reply = replyClock(letter);
    if (await tx.letterExtension.findFirst({ where: { letterId, status: "PENDING" } }))
      throw conflict("该留言已有待审批的延期申请，请等待直接责任人审批。");
    assertWithinLimit(letter, reply, workingDays);
    const approver = await directResponsible(tx, unitId);
    if (!approver) throw conflict("承办单位尚未指定直接责任人，无法审批延期，请联系安全管理员指定。");
    await updateLetter(tx, letter, version, {});
    const extension = await tx.letterExtension.create({
      data: { letterId, unitId, workingDays, reason, requestedById: actor!.id },
    });
    await notify(
      tx,
      [approver],
      `留言“${letter.title}”申请延期 ${workingDays} 个工作日，请审批`,
      `/admin/interaction/${letter.id}`,
      taskOf(extension.id),
    );
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "interaction.extension.request",
      subject: `letter:${letter.id}`,
      data: { queryCode: letter.queryCode, extensionId: extension.id, workingDays, reason },
      ...context,
    });
    return { id: extension.id };
  });
}

export async function decideExtension(actor: Principal | null, input: unknown, context: Partial<RequestContext> = {}) {
  const { letterId, version, extensionId, decision, comment } = parseInput(ZDecideExtension, input);
  if (decision === "REFUSE" && !comment) {
    const message = "不批准时请填写理由。";
    throw invalid(message, { comment: [message] });
  }
  return getDb().$transaction(async (tx) => {
    const letter = await loadLetter(tx, letterId);
    const unitId = answeringUnitId(letter);
    const role = await assertOnLetter(actor, "interaction.extension.decide", letter, unitId);
    if ((await directResponsible(tx, unitId)) !== actor!.id) throw forbidden("延期申请由承办单位的直接责任人审批。");
    const extension = await tx.letterExtension.findFirst({ where: { id: extensionId, letterId } });
    // A request left pending when the first reply went out lapsed with it (no 延期 on a 重办).
    if (!extension || extension.status !== "PENDING" || letter.answeredAt)
      throw conflict("该延期申请已审批或已失效，请刷新页面。");
    if (extension.requestedById === actor!.id) throw forbidden("不能审批本人提出的延期申请。");
    assertState(letter, OPEN_FOR_DECISION);
    const approve = decision === "APPROVE";
    let replyDueAt = letter.replyDueAt;
    if (approve) {
      const reply = replyClock(letter);
      assertWithinLimit(letter, reply, extension.workingDays);
      const calendar = buildCalendar(await tx.calendarDay.findMany({ select: { date: true, kind: true, name: true } }));
      const moved = dueAfterDay(
        calendar,
        reply.start,
        reply.workingDays! + extension.workingDays,
        (reply.extendedDays ?? 0) + extension.workingDays,
      );
      replyDueAt = moved.dueAt;
      await updateLetter(tx, letter, version, {
        replyDueAt,
        clock: { ...(letter.clock as object), reply: moved.derivation },
      });
    } else {
      await updateLetter(tx, letter, version, {});
    }
    const now = new Date();
    await tx.letterExtension.update({
      where: { id: extension.id },
      data: {
        status: approve ? "APPROVED" : "REFUSED",
        decidedById: actor!.id,
        decidedAt: now,
        decisionComment: comment ?? null,
      },
    });
    await completeTasks(tx, { task: taskOf(extension.id) });
    await notify(
      tx,
      [extension.requestedById],
      approve
        ? `留言“${letter.title}”的延期已批准，答复期限改为 ${formatDateTime(replyDueAt!)}`
        : `留言“${letter.title}”的延期未获批准：${comment}`,
      `/admin/interaction/${letter.id}`,
    );
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: approve ? "interaction.extension.approve" : "interaction.extension.refuse",
      subject: `letter:${letter.id}`,
      data: {
        queryCode: letter.queryCode,
        extensionId: extension.id,
        workingDays: extension.workingDays,
        comment: comment ?? null,
        replyDueAt: { before: letter.replyDueAt?.toISOString() ?? null, after: replyDueAt?.toISOString() ?? null },
      },
      ...context,
    });
    return { id: extension.id, status: approve ? "APPROVED" : "REFUSED", replyDueAt };
  });
}

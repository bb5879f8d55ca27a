import { getDb } from "@/lib/db/client";
import type { Principal } from "@/lib/auth/permissions";
import { chinaDayEnd, chinaDayStart } from "@/lib/time/china";
import { chinaDay } from "@/lib/calendar/working-days";
import { conflict, forbidden, invalid, notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import {
  CONSULTATION_WORKING_DAYS,
  FEE_PAYMENT_WORKING_DAYS,
  MAX_EXTENSION_WORKING_DAYS,
  endOfWorkingDaysAfter,
} from "@/lib/disclosure/clock";
import { quoteFee } from "@/lib/disclosure/fees";
import {
  applyStep,
  assertOnRequest,
  assertState,
  loadWorkCalendar,
  lockRequest,
  type Context,
} from "@/lib/disclosure/guard";
import { ZDecideExtension, ZEndPause, ZFeeNotice, ZRequestExtension, ZStartPause } from "@/lib/disclosure/schemas";

// The steps that move the answer clock while a request is handled: consultations (条例第三十二条,
// 第三十四条: not counted), 延期 (第三十三条: approved by the head of the disclosure office, never
// by whoever asked, notified to the applicant, ≤ 20 working days in all) and the 信息处理费 notice
// (国办函〔2020〕109号: the clock waits until payment). Each recounts the clock.

/** 征求第三方 / 其他机关意见: the clock stops from today until the answer (at most 15 working days). */
export async function startConsultation(
  actor: Principal | null,
  input: unknown,
  context: Context = {},
  now = new Date(),
) {
  const form = parseInput(ZStartPause, input);
  return getDb().$transaction(async (tx) => {
    const request = await lockRequest(tx, form.requestId);
    const role = await assertOnRequest(actor, "disclosure.handle", request);
    assertState(request, ["REGISTERED"]);
    if (request.pauses.some((pause) => !pause.endedAt && pause.kind === form.kind && pause.party === form.party))
      throw conflict("已在向该对象征求意见，请勿重复发起。");
    const limitAt = endOfWorkingDaysAfter(await loadWorkCalendar(tx), now, CONSULTATION_WORKING_DAYS);
    const pause = await tx.disclosurePause.create({
      data: {
        requestId: request.id,
        kind: form.kind,
        party: form.party,
        reason: form.reason,
        startedAt: now,
        limitAt,
        startedById: actor!.id,
      },
    });
    await applyStep({
      tx,
      request,
      version: form.version,
      data: {},
      event: "PAUSE_STARTED",
      note: form.reason,
      eventData: { pauseId: pause.id, kind: form.kind, party: form.party, limitAt: limitAt.toISOString() },
      actor: { id: actor!.id, role },
      context,
      recount: true,
    });
    return pause;
  });
}

/** The consultation answered (or its time ran out): the clock runs again from the next working day. */
export async function endConsultation(
  actor: Principal | null,
  input: unknown,
  context: Context = {},
  now = new Date(),
) {
  const form = parseInput(ZEndPause, input);
  return getDb().$transaction(async (tx) => {
    const request = await lockRequest(tx, form.requestId);
    const role = await assertOnRequest(actor, "disclosure.handle", request);
    assertState(request, ["REGISTERED"]);
    const pause = request.pauses.find((candidate) => candidate.id === form.pauseId);
    if (!pause || pause.kind === "FEE_NOTICE") throw notFound("未找到该征求意见记录。");
    if (pause.endedAt) throw conflict("该征求意见已结束。");
    // A consultation is not counted for more than its limit: the answer, or silence, by then.
    const endedAt = now.getTime() > pause.limitAt.getTime() ? pause.limitAt : now;
    await tx.disclosurePause.update({
      where: { id: pause.id },
      data: { endedAt, endedById: actor!.id, outcome: form.outcome },
    });
    return applyStep({
      tx,
      request: { ...request, pauses: request.pauses.map((p) => (p.id === pause.id ? { ...p, endedAt } : p)) },
      version: form.version,
      data: {},
      event: "PAUSE_ENDED",
      note: form.outcome,
      eventData: { pauseId: pause.id, kind: pause.kind, endedOn: chinaDay(endedAt) },
      actor: { id: actor!.id, role },
      context,
      recount: true,
    });
  });
}

/** 延期申请 by the handler, with the days and the reason. */
export async function requestExtension(
  actor: Principal | null,
  input: unknown,
  context: Context = {},
  now = new Date(),
) {
  const form = parseInput(ZRequestExtension, input);
  return getDb().$transaction(async (tx) => {
    const request = await lockRequest(tx, form.requestId);
    const role = await assertOnRequest(actor, "disclosure.handle", request);
    assertState(request, ["REGISTERED"]);
    if (request.extensions.some((extension) => extension.status === "PENDING"))
      throw conflict("已有一项延期申请待审批。");
    const granted = request.extensions
      .filter((extension) => extension.status === "APPROVED")
      .reduce((sum, extension) => sum + extension.workingDays, 0);
    if (granted + form.workingDays > MAX_EXTENSION_WORKING_DAYS) {
      const message = `延长的期限最长不得超过 ${MAX_EXTENSION_WORKING_DAYS} 个工作日（已延期 ${granted} 个工作日）。`;
      throw invalid(message, { workingDays: [message] });
    }
    if (now.getTime() > request.dueAt.getTime()) throw conflict("已超过答复期限，不能再申请延期。");
    const extension = await tx.disclosureExtension.create({
      data: { requestId: request.id, workingDays: form.workingDays, reason: form.reason, requestedById: actor!.id },
    });
    await applyStep({
      tx,
      request,
      version: form.version,
      data: {},
      event: "EXTENSION_REQUESTED",
      note: form.reason,
      eventData: { extensionId: extension.id, workingDays: form.workingDays },
      actor: { id: actor!.id, role },
      context,
    });
    return extension;
  });
}

/** 延期审批 by the head of the disclosure office (not the one who asked); approval notifies the applicant. */
export async function decideExtension(
  actor: Principal | null,
  input: unknown,
  context: Context = {},
  now = new Date(),
) {
  const form = parseInput(ZDecideExtension, input);
  return getDb().$transaction(async (tx) => {
    const request = await lockRequest(tx, form.requestId);
    const role = await assertOnRequest(actor, "disclosure.extension.decide", request);
    assertState(request, ["REGISTERED"]);
    const extension = request.extensions.find((candidate) => candidate.id === form.extensionId);
    if (!extension) throw notFound("未找到该延期申请。");
    if (extension.status !== "PENDING") throw conflict("该延期申请已审批。");
    if (extension.requestedById === actor!.id) throw forbidden("不能审批本人提出的延期申请。");
    await tx.disclosureExtension.update({
      where: { id: extension.id },
      data: {
        status: form.approve ? "APPROVED" : "REFUSED",
        decidedById: actor!.id,
        decidedAt: now,
        decisionComment: form.comment ?? null,
        // The applicant is told on their status page, with the new due date (第三十三条: 告知申请人).
        notifiedAt: form.approve ? now : null,
      },
    });
    const approved = form.approve
      ? request.extensions.map((candidate) =>
          candidate.id === extension.id ? { ...candidate, status: "APPROVED" as const } : candidate,
        )
      : request.extensions;
    const updated = await applyStep({
      tx,
      request: { ...request, extensions: approved },
      version: form.version,
      data: {},
      event: "EXTENSION_DECIDED",
      note: form.comment ?? null,
      eventData: { extensionId: extension.id, approved: form.approve, workingDays: extension.workingDays },
      actor: { id: actor!.id, role },
      context,
      recount: form.approve,
    });
    if (form.approve)
      await tx.disclosureEvent.create({
        data: {
          requestId: request.id,
          kind: "EXTENSION_NOTIFIED",
          actorId: actor!.id,
          data: { workingDays: extension.workingDays, dueAt: updated.dueAt.toISOString() },
        },
      });
    return updated;
  });
}

/** 收费通知: the fee computed by basis (按件: this applicant's requests to the unit this month). */
export async function issueFeeNotice(actor: Principal | null, input: unknown, context: Context = {}, now = new Date()) {
  const form = parseInput(ZFeeNotice, input);
  return getDb().$transaction(async (tx) => {
    const request = await lockRequest(tx, form.requestId);
    const role = await assertOnRequest(actor, "disclosure.handle", request);
    assertState(request, ["REGISTERED"]);
    if (request.fees.some((fee) => !fee.paidAt)) throw conflict("已有一份收费通知待缴费。");
    let quantity: number;
    if (form.basis === "PER_PAGE") {
      if (!form.pages) throw invalid("按量计收请填写页数。", { pages: ["请填写页数"] });
      quantity = form.pages;
    } else {
      const day = chinaDay(request.receivedAt);
      const monthStart = chinaDayStart(`${day.slice(0, 7)}-01`);
      quantity = await tx.disclosureRequest.count({
        where: {
          unitId: request.unitId,
          idNumber: request.idNumber,
          receivedAt: { gte: monthStart, lte: chinaDayEnd(day) },
        },
      });
    }
    const quote = quoteFee(form.basis, quantity);
    if (quote.amountYuan === 0) throw invalid(`${quote.calculation}，无需发出收费通知。`);
    const calendar = await loadWorkCalendar(tx);
    const payDueAt = endOfWorkingDaysAfter(calendar, now, FEE_PAYMENT_WORKING_DAYS);
    const pause = await tx.disclosurePause.create({
      data: {
        requestId: request.id,
        kind: "FEE_NOTICE",
        party: "申请人",
        reason: `信息处理费 ${quote.amountYuan} 元（${quote.calculation}）`,
        startedAt: now,
        limitAt: payDueAt,
        startedById: actor!.id,
      },
    });
    const fee = await tx.disclosureFee.create({
      data: {
        requestId: request.id,
        basis: quote.basis,
        quantity: quote.quantity,
        amountYuan: quote.amountYuan,
        calculation: quote.calculation,
        noticeAt: now,
        payDueAt,
        pauseId: pause.id,
        createdById: actor!.id,
      },
    });
    await applyStep({
      tx,
      request,
      version: form.version,
      data: {},
      event: "FEE_NOTICE",
      note: quote.calculation,
      eventData: { feeId: fee.id, amountYuan: quote.amountYuan, basis: quote.basis, quantity: quote.quantity },
      actor: { id: actor!.id, role },
      context,
      recount: true,
    });
    return fee;
  });
}

/** 缴费 recorded by the office: the clock runs again. */
export async function recordFeePaid(actor: Principal | null, input: unknown, context: Context = {}, now = new Date()) {
  const form = parseInput(ZEndPause.omit({ outcome: true, pauseId: true }), input);
  return getDb().$transaction(async (tx) => {
    const request = await lockRequest(tx, form.requestId);
    const role = await assertOnRequest(actor, "disclosure.handle", request);
    assertState(request, ["REGISTERED"]);
    const fee = request.fees.find((candidate) => !candidate.paidAt);
    if (!fee) throw conflict("没有待缴费的收费通知。");
    if (now.getTime() > fee.payDueAt.getTime()) throw conflict("缴费期限已过，本申请按逾期未缴费处理。");
    await tx.disclosureFee.update({ where: { id: fee.id }, data: { paidAt: now } });
    if (fee.pauseId)
      await tx.disclosurePause.update({
        where: { id: fee.pauseId },
        data: { endedAt: now, endedById: actor!.id, outcome: "已缴费" },
      });
    return applyStep({
      tx,
      request: {
        ...request,
        pauses: request.pauses.map((pause) => (pause.id === fee.pauseId ? { ...pause, endedAt: now } : pause)),
      },
      version: form.version,
      data: {},
      event: "FEE_PAID",
      eventData: { feeId: fee.id, amountYuan: fee.amountYuan },
      actor: { id: actor!.id, role },
      context,
      recount: true,
    });
  });
}

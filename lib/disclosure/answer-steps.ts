import type { Tx } from "@/lib/db/client";
import { getDb } from "@/lib/db/client";
import type { Principal } from "@/lib/auth/permissions";
import { chinaDay } from "@/lib/calendar/working-days";
import { conflict, invalid } from "@/lib/errors";
import { blocksToDoc } from "@/lib/library/content";
import { ZRevisionMetadata } from "@/lib/library/metadata";
import { parseInput } from "@/lib/validation/parse";
import { submitRecordForReview } from "@/lib/interaction/submit-record";
import { reportRowOf, WITHDRAWAL_TYPES } from "@/lib/disclosure/answer-types";
import { applyStep, assertOnRequest, assertState, lockRequest, type Context } from "@/lib/disclosure/guard";
import { draftNotice } from "@/lib/disclosure/notice-template";
import { ZDeliver, ZDraftAnswer, ZStepInput } from "@/lib/disclosure/schemas";

// 答复 → 送达 → 归档 (条例第四十五条). The answer is a document: the 告知书 is drafted from the
// answer type's template, stored as a library resource of kind 告知书 and reviewed by the unit's
// workflow like any text before it goes out (DESIGN invariant 10; 法律关 where the workflow has it).
// A 告知书 sent back is drafted again as the next revision. Only an approved 告知书 is delivered,
// and delivery concludes the request: its answer type is its row in the annual report.

/** Whether the 告知书's current revision has passed review, and that revision. */
export async function loadNoticeApproval(db: Tx | ReturnType<typeof getDb>, resourceId: string | null) {
  if (!resourceId) return { approved: false, inReview: false, revision: null, returned: false };
  const resource = await db.resource.findUniqueOrThrow({ where: { id: resourceId }, select: { version: true } });
  const revision = await db.revision.findFirstOrThrow({ where: { resourceId, number: resource.version } });
  const instance = await db.reviewInstance.findFirst({
    where: { resourceId, revisionId: revision.id },
    orderBy: { submittedAt: "desc" },
    select: { status: true, contentHash: true },
  });
  const approved = instance?.status === "APPROVED" && instance.contentHash === revision.contentHash;
  return {
    approved,
    inReview: instance?.status === "IN_PROGRESS",
    returned: instance?.status === "RETURNED" || instance?.status === "REJECTED",
    revision,
  };
}

/** 起草告知书 and send it to review (again, after it was sent back). */
export async function draftAnswer(actor: Principal | null, input: unknown, context: Context = {}, now = new Date()) {
  const form = parseInput(ZDraftAnswer, input);
  return getDb().$transaction(async (tx) => {
    const request = await lockRequest(tx, form.requestId);
    const role = await assertOnRequest(actor, "disclosure.handle", request);
    assertState(request, ["REGISTERED", "REVIEWING"]);
    if (WITHDRAWAL_TYPES.includes(form.answerType))
      throw invalid("逾期不补正、逾期未缴费的申请由系统在期限届满后自动办结，不能手工选择。", {
        answerType: ["不能手工选择"],
      });
    if (form.answerType === "UNAVAILABLE_UNCLEAR" && !request.correctedAt)
      throw invalid("“补正后申请内容仍不明确”只适用于已经补正的申请。", { answerType: ["该申请未经补正"] });
    if (request.pauses.some((pause) => !pause.endedAt))
      throw conflict("征求意见或收费通知尚未结束，请先记录结果再起草告知书。");
    if (request.answer?.resourceId) {
      const approval = await loadNoticeApproval(tx, request.answer.resourceId);
      if (approval.inReview) throw conflict("告知书正在审核中，审核退回后才能修改。");
      if (approval.approved) throw conflict("告知书已审核通过，请送达。");
    }
    const clock = request.clock as { extendedDays?: number };
    const { title, blocks } = draftNotice({
      applicantName: request.applicantName,
      trackingCode: request.trackingCode,
      receivedOn: chinaDay(request.receivedAt),
      correctedOn: request.correctedAt ? chinaDay(request.correctedAt) : null,
      extendedDays: clock.extendedDays ?? 0,
      consulted: request.pauses.filter((pause) => pause.kind !== "FEE_NOTICE").map((pause) => pause.party),
      infoTitle: request.infoTitle,
      infoNumber: request.infoNumber,
      mediumWanted: request.mediumWanted,
      deliveryWanted: request.deliveryWanted,
      answerType: form.answerType,
      body: form.body,
      referTo: form.referTo ?? null,
    });
    const metadata = ZRevisionMetadata.parse({
      source: { type: "original" },
      summary: `${reportRowOf(form.answerType).shortName}　${form.documentNumber}`,
    });
    const { resource, number, contentHash, instance } = await submitRecordForReview(
      tx,
      {
        kind: "DISCLOSURE_NOTICE",
        ownerOrgId: request.unitId,
        previousId: request.answer?.resourceId ?? null,
        title: `${title}（${form.documentNumber}）`,
        body: blocksToDoc(blocks),
        metadata,
        columnId: null,
      },
      { id: actor!.id, role },
      context,
    );
    const answerData = {
      answerType: form.answerType,
      documentNumber: form.documentNumber,
      body: form.body,
      referTo: form.referTo ?? null,
      resourceId: resource.id,
      status: "REVIEWING" as const,
      draftedById: actor!.id,
      draftedAt: now,
    };
    await tx.disclosureAnswer.upsert({
      where: { requestId: request.id },
      create: { requestId: request.id, ...answerData },
      update: answerData,
    });
    return applyStep({
      tx,
      request,
      version: form.version,
      data: { state: "REVIEWING" },
      event: "ANSWER_SUBMITTED",
      eventData: {
        answerType: form.answerType,
        documentNumber: form.documentNumber,
        resourceId: resource.id,
        revision: number,
        contentHash,
        reviewInstanceId: instance.id,
      },
      actor: { id: actor!.id, role },
      context,
    });
  });
}

/** 送达: the approved 告知书 goes out; the request is concluded with its answer type. */
export async function deliverAnswer(actor: Principal | null, input: unknown, context: Context = {}, now = new Date()) {
  const form = parseInput(ZDeliver, input);
  return getDb().$transaction(async (tx) => {
    const request = await lockRequest(tx, form.requestId);
    const role = await assertOnRequest(actor, "disclosure.handle", request);
    assertState(request, ["REVIEWING", "ANSWERED"]);
    const answer = request.answer;
    if (!answer) throw conflict("尚未起草告知书。");
    const approval = await loadNoticeApproval(tx, answer.resourceId);
    if (!approval.approved) throw conflict("告知书尚未审核通过，不能送达（先审后发）。");
    await tx.disclosureAnswer.update({
      where: { id: answer.id },
      data: {
        status: "DELIVERED",
        approvedAt: answer.approvedAt ?? now,
        deliveredAt: now,
        deliveredById: actor!.id,
        deliveryMethod: form.method,
      },
    });
    return applyStep({
      tx,
      request,
      version: form.version,
      data: { state: "DELIVERED", answerType: answer.answerType, concludedAt: now, nextAlertAt: null },
      event: "DELIVERED",
      eventData: {
        answerType: answer.answerType,
        method: form.method,
        revision: approval.revision!.number,
        contentHash: approval.revision!.contentHash,
        late: now.getTime() > request.dueAt.getTime(),
      },
      actor: { id: actor!.id, role },
      context,
    });
  });
}

/** 归档 */
export async function archiveRequest(actor: Principal | null, input: unknown, context: Context = {}) {
  const form = parseInput(ZStepInput, input);
  return getDb().$transaction(async (tx) => {
    const request = await lockRequest(tx, form.requestId);
    const role = await assertOnRequest(actor, "disclosure.handle", request);
    assertState(request, ["DELIVERED", "WITHDRAWN"]);
    return applyStep({
      tx,
      request,
      version: form.version,
      data: { state: "ARCHIVED" },
      event: "ARCHIVED",
      actor: { id: actor!.id, role },
      context,
    });
  });
}

import { getDb } from "@/lib/db/client";
import { describeClock } from "@/lib/disclosure/describe-clock";
import { findRequestByCredentials } from "@/lib/disclosure/find-request";
import { loadApprovedNotice, noticeDocx } from "@/lib/disclosure/notice-document";
import { reportRowOf } from "@/lib/disclosure/answer-types";
import type { ClockDerivation } from "@/lib/disclosure/clock";
import type { Context } from "@/lib/disclosure/guard";

// What the applicant sees with the tracking code and password: the state, the due date with its
// derivation, the 补正 notice (and the form to answer it), approved extensions, and — once
// delivered — the 告知书 as reviewed, with its .docx. Staff notes and reasons for extensions are
// not shown: they are written for the office and passed no review.

export async function getRequestStatus(siteId: string | null, input: unknown, context: Context = {}) {
  const request = await findRequestByCredentials(siteId, input, context.ip ?? null);
  const [unit, extensions, answer] = await Promise.all([
    getDb().organization.findUniqueOrThrow({ where: { id: request.unitId }, select: { name: true } }),
    getDb().disclosureExtension.findMany({
      where: { requestId: request.id, status: "APPROVED" },
      orderBy: { decidedAt: "asc" },
      select: { workingDays: true, notifiedAt: true },
    }),
    getDb().disclosureAnswer.findUnique({ where: { requestId: request.id } }),
  ]);
  const delivered = request.state === "DELIVERED" || request.state === "ARCHIVED";
  const notice = delivered ? await loadApprovedNotice(request.id) : null;
  const clock = request.clock as ClockDerivation;
  return {
    trackingCode: request.trackingCode,
    unitName: unit.name,
    infoTitle: request.infoTitle,
    state: request.state,
    receivedAt: request.receivedAt,
    dueAt: request.concludedAt ? null : request.dueAt,
    clockText: describeClock(clock, request.receiptChannel),
    correction:
      request.state === "CORRECTION"
        ? { notice: request.correctionNotice ?? "", dueAt: request.correctionDueAt }
        : null,
    extensions,
    concludedAt: request.concludedAt,
    answerType: delivered && answer ? reportRowOf(answer.answerType).shortName : null,
    withdrawnAs: request.state === "WITHDRAWN" && request.answerType ? reportRowOf(request.answerType).shortName : null,
    notice,
  };
}

/** The delivered 告知书 as a .docx, for the applicant with code and password. */
export async function downloadNotice(siteId: string | null, input: unknown, context: Context = {}) {
  const request = await findRequestByCredentials(siteId, input, context.ip ?? null);
  if (request.state !== "DELIVERED" && request.state !== "ARCHIVED") return null;
  return noticeDocx(request.id);
}

import { getDb } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { recordAudit } from "@/lib/audit/record";
import type { Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { conflict } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";
import { blocksToDoc, type TextBlock } from "@/lib/library/content";
import { ZRevisionMetadata } from "@/lib/library/metadata";
import { submitRecordForReview } from "@/lib/interaction/submit-record";
import { parseInput } from "@/lib/validation/parse";
import type { Question } from "@/lib/interaction/consult/answers";
import { computeResults, resultBlocks } from "@/lib/interaction/consult/results";
import { ZDraftFeedback } from "@/lib/interaction/consult/schemas";
import {
  assertOnConsultation,
  loadConsultation,
  loadFeedbackState,
  updateConsultation,
} from "@/lib/interaction/consult/guard";

// 征集结果反馈 (store first, DESIGN invariant 10): after an activity closes, its manager writes what
// the consultation found and what was adopted and why; the platform adds the tallies of the answers
// and makes the whole a library item of kind 征集结果反馈, submitted to the unit's review workflow
// and placed in the activity's column once approved. The tallies are kept with the activity, so the
// charts the public sees show exactly the figures that were signed. Sent back by review, it is
// drafted again as a new revision of the same item.

const b = messages.consult.feedbackBody;

function paragraphs(text: string): TextBlock[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => ({ type: "paragraph", text: line }));
}

export async function draftFeedback(
  actor: Principal | null,
  input: unknown,
  context: Partial<RequestContext> = {},
  now: Date = new Date(),
) {
  const form = parseInput(ZDraftFeedback, input);
  return getDb().$transaction(async (tx) => {
    const consultation = await loadConsultation(tx, form.consultationId);
    const role = await assertOnConsultation(actor, "consultation.manage", consultation);
    if (consultation.state !== "PUBLISHED" || now < consultation.closesAt)
      throw conflict("征集结束后才能生成征集结果反馈。");
    const feedback = await loadFeedbackState(tx, consultation.feedbackResourceId);
    if (feedback === "PUBLISHED") throw conflict("征集结果反馈已发布。");
    if (feedback === "IN_REVIEW") throw conflict("征集结果反馈正在审核中。");

    const results = await computeResults(tx, consultation.id, consultation.questions as Question[]);
    const comments = await tx.consultationComment.count({
      where: { consultationId: consultation.id, status: "APPROVED" },
    });
    const title = `关于“${consultation.title}”的征集结果反馈`;
    const period = b.period(formatDateTime(consultation.opensAt), formatDateTime(consultation.closesAt));
    const body = blocksToDoc([
      { type: "heading", level: 2, text: b.basics },
      { type: "paragraph", text: period },
      { type: "paragraph", text: b.participants(results.participants) },
      { type: "paragraph", text: b.comments(comments) },
      { type: "heading", level: 2, text: b.summary },
      ...paragraphs(form.summary),
      { type: "heading", level: 2, text: b.results },
      ...resultBlocks(results),
      { type: "heading", level: 2, text: b.adoption },
      ...paragraphs(form.adoption),
    ]);
    const metadata = ZRevisionMetadata.parse({
      source: { type: "original" },
      summary: `${period}，${b.participants(results.participants)}`,
    });
    const { resource, number, contentHash, instance } = await submitRecordForReview(
      tx,
      {
        kind: "CONSULTATION_RESULT",
        ownerOrgId: consultation.site.orgId,
        previousId: consultation.feedbackResourceId,
        title,
        body,
        metadata,
        columnId: consultation.columnId,
      },
      { id: actor!.id, role },
      context,
    );
    await updateConsultation(tx, consultation, form.version, {
      feedbackResourceId: resource.id,
      results: results as unknown as Prisma.InputJsonValue,
    });
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "interaction.consultation.feedback",
      subject: `consultation:${consultation.id}`,
      data: { resourceId: resource.id, revision: number, contentHash, participants: results.participants },
      ...context,
    });
    return { resourceId: resource.id, reviewInstanceId: instance.id, findings: instance.findings };
  });
}

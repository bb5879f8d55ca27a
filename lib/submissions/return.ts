import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import type { Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { notFound, unauthenticated } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { zText } from "@/lib/validation/text";
import { notifySubmittingUnit } from "@/lib/submissions/notify-unit";
import { submissionMessages as t } from "@/lib/i18n/zh-CN-submissions";
import { actOnSide, assertTransition, lockSubmission } from "@/lib/submissions/access";
import { recordSubmissionEvent } from "@/lib/submissions/record-event";
import { ZSubmissionStep } from "@/lib/submissions/withdraw";

// 退回: the target desk declines a submission and says why; the submitting unit sees the reason.

type Context = Partial<RequestContext>;

export const ZReturn = ZSubmissionStep.extend({
  reason: zText().trim().min(1, t.errors.reasonRequired).max(500, "退回理由不超过 500 字"),
});

export async function returnSubmission(actor: Principal | null, input: unknown, context: Context = {}) {
  if (!actor) throw unauthenticated();
  const { submissionId, version, reason } = parseInput(ZReturn, input);
  const peek = await getDb().submission.findUnique({
    where: { id: submissionId },
    select: { toSite: { select: { orgId: true } } },
  });
  if (!peek) throw notFound();
  const { role } = await actOnSide(actor, "submission.decide", peek.toSite.orgId);
  return getDb().$transaction(async (tx) => {
    const submission = await lockSubmission(tx, submissionId);
    assertTransition(submission, "RETURN", version);
    const now = new Date();
    const updated = await tx.submission.update({
      where: { id: submission.id },
      data: {
        state: "RETURNED",
        reason,
        returnedAt: now,
        returnedById: actor.id,
        updatedAt: now,
        version: { increment: 1 },
      },
    });
    await recordSubmissionEvent(tx, {
      submissionId: submission.id,
      kind: "RETURN",
      fromState: "SUBMITTED",
      toState: "RETURNED",
      userId: actor.id,
      orgId: submission.toSite.orgId,
      note: reason,
      at: now,
    });
    await recordAudit(tx, {
      actorId: actor.id,
      role,
      action: "submission.return",
      subject: `submission:${submission.id}`,
      data: { title: submission.revision.title, site: submission.toSite.name, reason },
      ...context,
    });
    await notifySubmittingUnit(
      tx,
      submission,
      t.notices.returned(submission.revision.title, submission.toSite.name, reason),
    );
    return updated;
  });
}

import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import type { Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { notFound, unauthenticated } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { actOnSide, assertTransition, lockSubmission } from "@/lib/submissions/access";
import { recordSubmissionEvent } from "@/lib/submissions/record-event";

// 撤回: the submitting unit takes back a submission the desk has not decided yet.

type Context = Partial<RequestContext>;

export const ZSubmissionStep = z.object({
  submissionId: z.uuid("报送记录不正确"),
  version: z.coerce.number().int().min(1),
});

export async function withdrawSubmission(actor: Principal | null, input: unknown, context: Context = {}) {
  if (!actor) throw unauthenticated();
  const { submissionId, version } = parseInput(ZSubmissionStep, input);
  const peek = await getDb().submission.findUnique({ where: { id: submissionId }, select: { fromOrgId: true } });
  if (!peek) throw notFound();
  const { role } = await actOnSide(actor, "submission.submit", peek.fromOrgId);
  return getDb().$transaction(async (tx) => {
    const submission = await lockSubmission(tx, submissionId);
    assertTransition(submission, "WITHDRAW", version);
    const now = new Date();
    const updated = await tx.submission.update({
      where: { id: submission.id },
      data: {
        state: "WITHDRAWN",
        withdrawnAt: now,
        withdrawnById: actor.id,
        updatedAt: now,
        version: { increment: 1 },
      },
    });
    await recordSubmissionEvent(tx, {
      submissionId: submission.id,
      kind: "WITHDRAW",
      fromState: "SUBMITTED",
      toState: "WITHDRAWN",
      userId: actor.id,
      orgId: submission.fromOrgId,
      at: now,
    });
    await recordAudit(tx, {
      actorId: actor.id,
      role,
      action: "submission.withdraw",
      subject: `submission:${submission.id}`,
      data: { title: submission.revision.title, site: submission.toSite.name },
      ...context,
    });
    return updated;
  });
}

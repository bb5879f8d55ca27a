import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import type { Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { conflict, notFound } from "@/lib/errors";
import { announcePortalChange } from "@/lib/cache/portal-purge";
import { parseInput } from "@/lib/validation/parse";
import { assertOnInterview, interviewTags, lockInterview } from "@/lib/interaction/interview/guard";
import { ZRetractPost } from "@/lib/interaction/interview/schemas";

// 撤回: a post that should not stand (a wrong answer, a question approved by mistake) is taken off
// the record with a reason. The row stays, marked, for the audit trail; a RETRACTION post, the
// next entry of the record, tells open pages to remove it, and it is left out of every later
// read, of the page and of the 文字实录.

export async function retractPost(actor: Principal | null, input: unknown, context: Partial<RequestContext> = {}) {
  const form = parseInput(ZRetractPost, input);
  return getDb().$transaction(async (tx) => {
    const interview = await lockInterview(tx, form.interviewId);
    const role = await assertOnInterview(actor, "interview.manage", interview);
    const post = await tx.interviewPost.findFirst({
      where: { id: BigInt(form.postId), interviewId: interview.id, kind: { in: ["QUESTION", "ANSWER"] } },
    });
    if (!post) throw notFound("未找到该访谈记录。");
    if (post.retractedAt) throw conflict("该条记录已撤回，请刷新页面查看最新状态。");
    await tx.interviewPost.update({
      where: { id: post.id },
      data: { retractedAt: new Date(), retractedById: actor!.id, retractReason: form.reason },
    });
    const retraction = await tx.interviewPost.create({
      data: { interviewId: interview.id, kind: "RETRACTION", retractsId: post.id, body: "", postedById: actor!.id },
    });
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "interaction.interview.retract",
      subject: `interview:${interview.id}`,
      data: { postId: String(post.id), body: post.body.slice(0, 200), reason: form.reason },
      ...context,
    });
    await announcePortalChange(tx, interviewTags(interview));
    return { retractionId: retraction.id };
  });
}

import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import type { Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { conflict, notFound } from "@/lib/errors";
import { announcePortalChange } from "@/lib/cache/portal-purge";
import { parseInput } from "@/lib/validation/parse";
import { findPersonalData, applyMasks } from "@/lib/interaction/publish/deidentify";
import { assertOnInterview, assertStatus, interviewTags, lockInterview } from "@/lib/interaction/interview/guard";
import { ZModerateQuestion } from "@/lib/interaction/interview/schemas";

// 提问审核: nothing a visitor asks is shown until a moderator approves it. Approving shows the
// moderator's de-identified text (the detectors' suggestion, corrected by hand) as the next post of
// the live record; the original stays private. Rejected questions are never shown.

/** The detectors' de-identified version of a question, offered to the moderator to correct. */
export function suggestPublicText(content: string, nickname: string): string {
  const spans = findPersonalData(content, { name: nickname === "网友" ? "" : nickname, phone: "" });
  return applyMasks(
    content,
    spans.map((span) => span.text),
  );
}

export async function moderateQuestion(actor: Principal | null, input: unknown, context: Partial<RequestContext> = {}) {
  const form = parseInput(ZModerateQuestion, input);
  const db = getDb();
  const found = await db.interviewQuestion.findUnique({
    where: { id: form.questionId },
    select: { interviewId: true },
  });
  if (!found) throw notFound();
  return db.$transaction(async (tx) => {
    const interview = await lockInterview(tx, found.interviewId);
    const role = await assertOnInterview(actor, "interview.manage", interview);
    assertStatus(interview, ["ANNOUNCED", "LIVE"]);
    const question = await tx.interviewQuestion.findUniqueOrThrow({ where: { id: form.questionId } });
    if (question.status !== "PENDING") throw conflict("该提问已审核，请刷新页面查看最新状态。");
    const approved = form.decision === "APPROVE";
    const publicContent = approved ? form.publicContent : null;
    const publicNickname = approved ? form.publicNickname || "网友" : null;
    await tx.interviewQuestion.update({
      where: { id: question.id },
      data: {
        status: approved ? "APPROVED" : "REJECTED",
        publicContent,
        publicNickname,
        moderatedById: actor!.id,
        moderatedAt: new Date(),
      },
    });
    const post = publicContent
      ? await tx.interviewPost.create({
          data: {
            interviewId: interview.id,
            kind: "QUESTION",
            questionId: question.id,
            body: publicContent,
            postedById: actor!.id,
          },
        })
      : null;
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: approved ? "interaction.interview.question.approve" : "interaction.interview.question.reject",
      subject: `interview:${interview.id}`,
      data: {
        questionId: question.id,
        ...(post ? { postId: String(post.id), edited: publicContent !== question.content, publicNickname } : {}),
      },
      ...context,
    });
    if (post) await announcePortalChange(tx, interviewTags(interview));
    return { postId: post?.id ?? null };
  });
}

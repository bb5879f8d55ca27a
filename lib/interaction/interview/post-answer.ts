import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import type { Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { invalid } from "@/lib/errors";
import { announcePortalChange } from "@/lib/cache/portal-purge";
import { parseInput } from "@/lib/validation/parse";
import { assertOnInterview, assertStatus, interviewTags, lockInterview } from "@/lib/interaction/interview/guard";
import { ZPostAnswer } from "@/lib/interaction/interview/schemas";

// 嘉宾答复 during the live part: staff type what a guest says, in answer to an approved question
// or standalone (an opening statement, a policy explained). The post is the next entry of the
// live record, numbered under the interview's row lock, and reaches open pages from the database.

export async function postAnswer(actor: Principal | null, input: unknown, context: Partial<RequestContext> = {}) {
  const form = parseInput(ZPostAnswer, input);
  return getDb().$transaction(async (tx) => {
    const interview = await lockInterview(tx, form.interviewId);
    const role = await assertOnInterview(actor, "interview.manage", interview);
    assertStatus(interview, ["LIVE"]);
    const guest = interview.guests.find((candidate) => candidate.id === form.guestId);
    if (!guest) throw invalid("请选择本期访谈的嘉宾。", { guestId: ["请选择本期访谈的嘉宾"] });
    const questionId = form.questionId || null;
    if (questionId) {
      const question = await tx.interviewQuestion.findFirst({
        where: {
          id: questionId,
          interviewId: interview.id,
          status: "APPROVED",
          posts: { some: { kind: "QUESTION", retractedAt: null } },
        },
        select: { id: true },
      });
      if (!question) throw invalid("只能答复本期访谈已采用的提问。", { questionId: ["只能答复已采用的提问"] });
    }
    const post = await tx.interviewPost.create({
      data: {
        interviewId: interview.id,
        kind: "ANSWER",
        questionId,
        guestId: guest.id,
        body: form.body,
        postedById: actor!.id,
      },
    });
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "interaction.interview.answer",
      subject: `interview:${interview.id}`,
      data: { postId: String(post.id), guest: guest.name, questionId },
      ...context,
    });
    await announcePortalChange(tx, interviewTags(interview));
    return { postId: post.id };
  });
}

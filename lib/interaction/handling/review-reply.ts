import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import type { Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { conflict, forbidden, invalid } from "@/lib/errors";
import { messages } from "@/lib/i18n/zh-CN";
import { parseInput } from "@/lib/validation/parse";
import {
  answeringUnitId,
  assertOnLetter,
  assertState,
  loadLetter,
  updateLetter,
} from "@/lib/interaction/handling/guard";
import { currentRound } from "@/lib/interaction/handling/save-reply";
import { ZReviewReply } from "@/lib/interaction/handling/schemas";
import { queueReplyDelivery } from "@/lib/interaction/inbound/reply-delivery";

// 答复审核: the lead unit's 信息主管 or 直接责任人, as the message type says, approves the reply
// (it is then 答复, the writer sees it) or returns it with a comment. Nobody approves a reply
// they drafted (DESIGN invariant 3).

export async function reviewReply(actor: Principal | null, input: unknown, context: Partial<RequestContext> = {}) {
  const { letterId, version, decision, comment } = parseInput(ZReviewReply, input);
  if (decision === "RETURN" && !comment) {
    const message = "退回时请填写修改意见。";
    throw invalid(message, { comment: [message] });
  }
  return getDb().$transaction(async (tx) => {
    const letter = await loadLetter(tx, letterId);
    const role = await assertOnLetter(actor, "interaction.reply.review", letter, answeringUnitId(letter));
    if (role !== letter.type.replyReviewer)
      throw forbidden(`该类留言的答复由${messages.roles[letter.type.replyReviewer]}审核。`);
    assertState(letter, ["REVIEWING"]);
    const reply = letter.replies.find(
      (candidate) => candidate.round === currentRound(letter) && candidate.status === "SUBMITTED",
    );
    if (!reply) throw conflict("没有待审核的答复。");
    if (reply.authorId === actor!.id) throw forbidden("不能审核本人起草的答复。");
    const now = new Date();
    await tx.letterReply.update({
      where: { id: reply.id },
      data: {
        status: decision === "APPROVE" ? "APPROVED" : "RETURNED",
        reviewerId: actor!.id,
        reviewedAt: now,
        reviewComment: comment ?? null,
      },
    });
    await updateLetter(
      tx,
      letter,
      version,
      decision === "APPROVE" ? { state: "ANSWERED", answeredAt: now } : { state: "HANDLING" },
    );
    // A relayed letter's reply goes back through its relay (同源同步同反馈).
    if (decision === "APPROVE") await queueReplyDelivery(tx, letter, reply);
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: decision === "APPROVE" ? "interaction.reply.approve" : "interaction.reply.return",
      subject: `letter:${letter.id}`,
      data: { queryCode: letter.queryCode, replyId: reply.id, comment: comment ?? null },
      ...context,
    });
    return { id: reply.id, state: decision === "APPROVE" ? "ANSWERED" : "HANDLING" };
  });
}

import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import type { Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { conflict, notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { applyMasks, findPersonalData } from "@/lib/interaction/publish/deidentify";
import { ZModerateComment } from "@/lib/interaction/consult/schemas";
import { assertOnConsultation, loadConsultation } from "@/lib/interaction/consult/guard";

// 评论审核: a moderator publishes a comment in de-identified form (the commenter's name and whatever
// the personal-data detectors find are masked; the moderator may mask more) or refuses it. A public
// text still holding personal data is refused, so nothing identifying is ever shown.

/** The masked text a moderator starts from: the commenter's name and detected personal data hidden. */
export function deidentifyComment(comment: { authorName: string; body: string }): string {
  const spans = findPersonalData(comment.body, { name: comment.authorName, phone: "" });
  return applyMasks(
    comment.body,
    spans.map((span) => span.text),
  );
}

/** How the public sees a commenter: the first character of the name they gave, the rest masked. */
export function maskedAuthor(name: string): string {
  const characters = [...name.trim()];
  return characters.length ? characters[0] + "＊".repeat(Math.max(1, characters.length - 1)) : "网友";
}

export async function moderateComment(actor: Principal | null, input: unknown, context: Partial<RequestContext> = {}) {
  const form = parseInput(ZModerateComment, input);
  return getDb().$transaction(async (tx) => {
    const comment = await tx.consultationComment.findUnique({ where: { id: form.commentId } });
    if (!comment) throw notFound();
    const consultation = await loadConsultation(tx, comment.consultationId);
    const role = await assertOnConsultation(actor, "consultation.moderate", consultation);
    if (comment.status !== "PENDING") throw conflict("该评论已审核，请刷新页面查看最新状态。");
    let publicBody: string | null = null;
    if (form.decision === "APPROVE") {
      publicBody = form.publicBody ?? deidentifyComment(comment);
      const left = findPersonalData(publicBody, { name: comment.authorName, phone: "" });
      if (left.length)
        throw conflict(`公开内容中仍有个人信息（${left.map((span) => span.label).join("、")}），请遮蔽后再公开。`);
    }
    const { count } = await tx.consultationComment.updateMany({
      where: { id: comment.id, status: "PENDING" },
      data: {
        status: form.decision === "APPROVE" ? "APPROVED" : "REJECTED",
        publicBody,
        moderatedById: actor!.id,
        moderatedAt: new Date(),
        moderationNote: form.note ?? null,
      },
    });
    if (count === 0) throw conflict("该评论已审核，请刷新页面查看最新状态。");
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action:
        form.decision === "APPROVE"
          ? "interaction.consultation.comment.approve"
          : "interaction.consultation.comment.reject",
      subject: `consultation:${consultation.id}`,
      data: { title: consultation.title, commentId: comment.id, note: form.note ?? null },
      ...context,
    });
  });
}

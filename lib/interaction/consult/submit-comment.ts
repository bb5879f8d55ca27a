import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import type { RequestContext } from "@/lib/auth/authenticate";
import { consumeRateLimit } from "@/lib/auth/sign-in-throttle";
import { getEnv } from "@/lib/env";
import { conflict, invalid, notFound } from "@/lib/errors";
import { messages } from "@/lib/i18n/zh-CN";
import { zText } from "@/lib/validation/text";
import { parseInput } from "@/lib/validation/parse";
import { readFormToken } from "@/lib/interaction/consult/tokens";

// A public comment on an open activity. It waits for moderation (审核后公开) and is shown only in
// its de-identified form; the form token's nonce is kept with it, so a replayed form is refused.

const e = messages.consult.public.errors;

export const ZCommentForm = z.object({
  token: z.string().max(200),
  authorName: zText({ singleLine: true }).trim().min(1, "请填写称呼").max(20, "称呼不超过 20 个字"),
  body: zText().trim().min(5, "评论至少 5 个字").max(1000, "评论不超过 1000 字"),
  website: z.string().max(200).optional(),
});

export async function submitComment(
  consultationId: string,
  input: unknown,
  context: Partial<RequestContext> = {},
  now: Date = new Date(),
) {
  const form = parseInput(ZCommentForm, input);
  const db = getDb();
  const consultation = await db.consultation.findFirst({ where: { id: consultationId, state: "PUBLISHED" } });
  if (!consultation) throw notFound("未找到该征集调查。");
  if (now < consultation.opensAt || now >= consultation.closesAt) throw conflict(e.closed);
  const nonce = readFormToken(form.token, consultation.id, now);
  if (!nonce || form.website) throw invalid(e.token);
  const retry = await consumeRateLimit(
    "consult_comment",
    context.ip ?? "unknown",
    getEnv().CONSULT_COMMENTS_PER_HOUR,
    3600,
  );
  if (retry !== null) throw invalid(e.limit);
  await db.$transaction(async (tx) => {
    if (await tx.consultationComment.findUnique({ where: { formNonce: nonce }, select: { id: true } }))
      throw conflict(e.replayed);
    const comment = await tx.consultationComment.create({
      data: {
        consultationId: consultation.id,
        authorName: form.authorName,
        body: form.body,
        formNonce: nonce,
        createdAt: now,
      },
    });
    await recordAudit(tx, {
      actorId: null,
      action: "interaction.consultation.comment",
      subject: `consultation:${consultation.id}`,
      data: { title: consultation.title, commentId: comment.id },
      ...context,
    });
  });
}

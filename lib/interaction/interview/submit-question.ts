import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import type { RequestContext } from "@/lib/auth/authenticate";
import { consumeRateLimit } from "@/lib/auth/sign-in-throttle";
import { getEnv } from "@/lib/env";
import { conflict, invalid, notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { consumeCaptcha } from "@/lib/interaction/captcha";
import { ZQuestionForm } from "@/lib/interaction/interview/schemas";

// A visitor's question to an interview, before or during it: no account, held off as the letter
// form is (a honeypot, altcha's proof of work — one question per solved challenge — and a limit
// per client address shared by every instance). It waits 待审核 and is shown only once a
// moderator approves it, de-identified; a closed interview takes no more questions.

/** Why a submission failed without saying which trap caught it. */
const NOT_ACCEPTED = "提交未成功，请刷新页面后重新填写。";

export async function submitQuestion(
  siteId: string,
  interviewId: string,
  input: unknown,
  context: Partial<RequestContext> = {},
) {
  if (!z.uuid().safeParse(interviewId).success) throw notFound("未找到该访谈。");
  const form = parseInput(ZQuestionForm, input);
  const retryAfter = await consumeRateLimit(
    "interview_question",
    context.ip ?? "unknown",
    // The letters' hourly allowance per address [I]: a visitor asks a few questions, not dozens.
    getEnv().INTERACTION_LETTERS_PER_HOUR,
    3600,
  );
  if (retryAfter !== null) throw invalid(`提交过于频繁，请 ${Math.max(1, Math.ceil(retryAfter / 60))} 分钟后再试。`);
  if (form.website) throw invalid(NOT_ACCEPTED);
  return getDb().$transaction(async (tx) => {
    // Another site's interview is not found from this one.
    const interview = await tx.interview.findFirst({ where: { id: interviewId, siteId }, select: { status: true } });
    if (!interview) throw notFound("未找到该访谈。");
    if (interview.status === "CLOSED") throw conflict("本期访谈已结束，不再接受提问。");
    await consumeCaptcha(tx, form.captcha);
    const question = await tx.interviewQuestion.create({
      data: { interviewId, nickname: form.nickname || "网友", content: form.content },
    });
    await recordAudit(tx, {
      actorId: null,
      action: "interaction.interview.question.submit",
      subject: `interview:${interviewId}`,
      data: { questionId: question.id, length: form.content.length },
      ...context,
    });
    return { questionId: question.id };
  });
}

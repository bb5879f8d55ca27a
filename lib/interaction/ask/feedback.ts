import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { getDb } from "@/lib/db/client";
import { consumeRateLimit } from "@/lib/auth/sign-in-throttle";
import { conflict, invalid } from "@/lib/errors";
import { messages } from "@/lib/i18n/zh-CN";
import { parseInput } from "@/lib/validation/parse";
import { ZAskQuestion, deidentifyQuestion, noteAskedQuestion } from "@/lib/interaction/ask/answer-question";
import { readFeedbackToken } from "@/lib/interaction/ask/feedback-token";
import { questionKey } from "@/lib/interaction/ask/normalize";

// "是否解决了您的问题": 否 counts the question on the curation list; 是 changes nothing stored.
// Each answer's token counts once (a replay is refused), and only for the site and question it
// was issued for.

const text = messages.ask;

export const ZAnswerFeedback = ZAskQuestion.extend({
  token: z.string({ message: text.errors.badToken }).min(1, text.errors.badToken).max(200, text.errors.badToken),
  helpful: z.enum(["yes", "no"], { message: text.errors.helpful }),
});

export async function recordAnswerFeedback(
  input: unknown,
  context: { siteId: string },
  db: Db = getDb(),
): Promise<{ helpful: boolean }> {
  const data = parseInput(ZAnswerFeedback, input);
  const question = deidentifyQuestion(data.q);
  const key = questionKey(question);
  const nonce = readFeedbackToken(data.token, context.siteId, key);
  if (!nonce) throw invalid(text.errors.badToken, { token: [text.errors.badToken] });
  // The limiter's store (shared by every instance) keeps each nonce for the token's lifetime.
  if ((await consumeRateLimit("qa_feedback", nonce, 1, 24 * 3600)) !== null) throw conflict(text.errors.replayed);
  if (data.helpful === "no") await noteAskedQuestion(db, { siteId: context.siteId, key, question, unhelpful: 1 });
  return { helpful: data.helpful === "yes" };
}

import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { getDb } from "@/lib/db/client";
import { consumeRateLimit } from "@/lib/auth/sign-in-throttle";
import { conflict, invalid } from "@/lib/errors";
import { getEnv } from "@/lib/env";
import { resourceIdOf } from "@/lib/search/documents";
import { messages } from "@/lib/i18n/zh-CN";
import { parseInput } from "@/lib/validation/parse";
import { ZAskQuestion, deidentifyQuestion, noteAskedQuestion } from "@/lib/interaction/ask/answer-question";
import { readFeedbackToken } from "@/lib/interaction/ask/feedback-token";
import { questionKey } from "@/lib/interaction/ask/normalize";

// "是否解决了您的问题": 是 and 否 are counted for the site (its resolution rate) and for each source
// that answered (a Q&A entry, policy, interpretation or service entry), and 否 also counts the
// question on the curation list. Each answer's token counts once (a replay is refused), and only for
// the site and question it was issued for; an address may send QA_REQUESTS_PER_MINUTE a minute.

const text = messages.ask;

export const ZAnswerFeedback = ZAskQuestion.extend({
  token: z.string({ message: text.errors.badToken }).min(1, text.errors.badToken).max(400, text.errors.badToken),
  helpful: z.enum(["yes", "no"], { message: text.errors.helpful }),
});

/** Whether an address may send another 是/否 this minute (POST /api/qa/feedback answers 429 if not). */
export async function admitFeedback(
  ip: string | null,
): Promise<{ allowed: true } | { allowed: false; message: string; retryAfterSeconds: number }> {
  const retryAfter = await consumeRateLimit(
    "qa_feedback_address",
    ip ?? "unknown",
    getEnv().QA_REQUESTS_PER_MINUTE,
    60,
  );
  if (retryAfter === null) return { allowed: true };
  const seconds = Math.max(1, Math.ceil(retryAfter));
  return { allowed: false, message: text.errors.tooManyFeedback(seconds), retryAfterSeconds: seconds };
}

export async function recordAnswerFeedback(
  input: unknown,
  context: { siteId: string },
  db: Db = getDb(),
): Promise<{ helpful: boolean }> {
  const data = parseInput(ZAnswerFeedback, input);
  const question = deidentifyQuestion(data.q);
  const key = questionKey(question);
  const ticket = readFeedbackToken(data.token, context.siteId, key);
  if (!ticket) throw invalid(text.errors.badToken, { token: [text.errors.badToken] });
  // The limiter's store (shared by every instance) keeps each nonce for the token's lifetime.
  if ((await consumeRateLimit("qa_feedback", ticket.nonce, 1, 24 * 3600)) !== null)
    throw conflict(text.errors.replayed);
  const helpful = data.helpful === "yes";
  if (!helpful) await noteAskedQuestion(db, { siteId: context.siteId, key, question, unhelpful: 1 });
  await countFeedback(db, context.siteId, ticket.sourceIds, helpful);
  return { helpful };
}

/** One response on the site's total, and one on each source that answered (titles as they are now). */
async function countFeedback(db: Db, siteId: string, sourceIds: string[], helpful: boolean) {
  const increment = helpful ? { helpful: { increment: 1 } } : { unhelpful: { increment: 1 } };
  const first = helpful ? { helpful: 1 } : { unhelpful: 1 };
  const now = new Date();
  const resourceIds = sourceIds.map(resourceIdOf).filter((id): id is string => id !== null);
  const columnIds = sourceIds.filter((id) => id.startsWith("svc-")).map((id) => id.slice(4));
  const [resources, columns] = await Promise.all([
    db.resource.findMany({ where: { id: { in: resourceIds } }, select: { id: true, title: true, kind: true } }),
    db.column.findMany({ where: { id: { in: columnIds }, siteId }, select: { id: true, name: true } }),
  ]);
  const sources = [
    ...resources.map((resource) => ({ sourceId: `res-${resource.id}`, title: resource.title, kind: resource.kind })),
    ...columns.map((column) => ({ sourceId: `svc-${column.id}`, title: column.name, kind: "SERVICE" })),
  ];
  await db.$transaction(async (tx) => {
    await tx.askFeedbackTotal.upsert({
      where: { siteId },
      create: { siteId, ...first, updatedAt: now },
      update: { ...increment, updatedAt: now },
    });
    for (const source of sources)
      await tx.answerFeedback.upsert({
        where: { siteId_sourceId: { siteId, sourceId: source.sourceId } },
        create: { siteId, ...source, ...first, lastAt: now },
        update: { title: source.title, ...increment, lastAt: now },
      });
  });
}

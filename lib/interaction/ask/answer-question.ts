import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { getDb } from "@/lib/db/client";
import { messages } from "@/lib/i18n/zh-CN";
import { zText } from "@/lib/validation/text";
import { parseInput } from "@/lib/validation/parse";
import { expandSynonyms } from "@/lib/search/query";
import { findAnswerCandidates, type AnswerCandidate } from "@/lib/search/answers";
import { loadSynonyms } from "@/lib/search/service";
import { applyMasks, findPersonalData } from "@/lib/interaction/publish/deidentify";
import { cleanQuestion, questionKey, questionWords } from "@/lib/interaction/ask/normalize";
import { bestPassage, rankCandidates, type Ranked } from "@/lib/interaction/ask/rank";
import { phraseAnswer, type LlmConfig, type Phrased } from "@/lib/interaction/ask/phrase";
import { issueFeedbackToken } from "@/lib/interaction/ask/feedback-token";
import { qaEntryFacts, type EntryFacts } from "@/lib/interaction/ask/qa-entries";
import { resourceIdOf } from "@/lib/search/documents";

// 智能问答: one question → the 答复口径 of the site's published Q&A entries, policies and
// interpretations, and service entries that answer it, with their sources; optionally phrased by
// an OpenAI-compatible model from those passages only. A question nothing answers goes to the
// curation list (AskedQuestion), de-identified and without anything about who asked.

const text = messages.ask;

export const ZAskQuestion = z.object({
  q: z.preprocess(
    (value) => value ?? "",
    zText({ singleLine: true })
      .transform(cleanQuestion)
      .pipe(z.string().min(1, text.errors.empty).max(100, text.errors.tooLong)),
  ),
});

export type PolicyLink = { title: string; url: string };

export type Answer = {
  /** The source's search document id ("res-<resourceId>", "svc-<columnId>"). */
  sourceId: string;
  /** The Q&A entry's question, or the document's title. */
  question: string;
  /** The 答复口径: the entry's answer, the passage of a policy that answers, or how to use a service. */
  answer: string;
  kind: string;
  kindLabel: string;
  sourceTitle: string;
  sourceUrl: string;
  policyLinks: PolicyLink[];
  score: number;
};

export type AskResult = {
  question: string;
  answers: Answer[];
  phrased: Phrased | null;
  /** What a 是/否 on these answers must bring back (lib/interaction/ask/feedback-token.ts). */
  feedbackToken: string;
};

const MAX_ANSWERS = 3;
const ANSWER_CHARS = 400;

const SYNONYM_TTL_MS = 10_000;
let synonymCache: { at: number; groups: Promise<string[][]> } | null = null;

function synonyms(db: Db): Promise<string[][]> {
  if (!synonymCache || Date.now() - synonymCache.at > SYNONYM_TTL_MS) {
    const groups = loadSynonyms(db);
    synonymCache = { at: Date.now(), groups };
    groups.catch(() => (synonymCache = null));
  }
  return synonymCache.groups;
}

/** The question with personal data (ID, phone, bank card, address, plate numbers) masked. */
export function deidentifyQuestion(question: string): string {
  return applyMasks(
    question,
    findPersonalData(question, { name: null, phone: null }).map((span) => span.text),
  );
}

function absolute(url: string, baseUrl: string): string {
  return /^https?:\/\//.test(url) ? url : `${baseUrl.replace(/\/+$/, "")}${url}`;
}

function clip(value: string, max: number): string {
  const chars = Array.from(value.trim());
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : chars.join("");
}

function toAnswer(ranked: Ranked<AnswerCandidate>, baseUrl: string, facts: EntryFacts | undefined): Answer {
  const { candidate } = ranked;
  const answer =
    candidate.kind === "SERVICE"
      ? text.serviceAnswer(candidate.title)
      : candidate.kind === "QA"
        ? clip(candidate.body, ANSWER_CHARS)
        : bestPassage(candidate.body, ranked.terms) || clip(candidate.summary || candidate.body, 240);
  return {
    sourceId: candidate.id,
    question: candidate.title,
    answer,
    kind: candidate.kind,
    kindLabel: text.kinds[candidate.kind] ?? candidate.kind,
    sourceTitle: candidate.title,
    sourceUrl: absolute(candidate.url, baseUrl),
    policyLinks: (facts?.policies ?? []).map((policy) => ({
      title: policy.title,
      url: absolute(`/content/${policy.id}`, baseUrl),
    })),
    score: Math.round(ranked.score * 1000) / 1000,
  };
}

/** The answers of `siteId`'s published content to a question, best first (no side effects). */
export async function findAnswers(
  input: { siteId: string; question: string; baseUrl: string; now?: Date },
  db: Db = getDb(),
): Promise<Answer[]> {
  const now = input.now ?? new Date();
  const words = questionWords(input.question) || input.question;
  const variants = expandSynonyms(words, await synonyms(db));
  const { candidates, corpus } = await findAnswerCandidates({ siteId: input.siteId, texts: variants });
  // Q&A entries answer only within their 有效期 (lib/interaction/qa); an entry the 答问库 does not
  // know (a QA item from before it) has none.
  const entryIds = candidates.filter((c) => c.kind === "QA").map((c) => resourceIdOf(c.id)!);
  const facts = await qaEntryFacts(db, entryIds, now);
  const factsOf = (candidate: AnswerCandidate) =>
    candidate.kind === "QA" ? facts.get(resourceIdOf(candidate.id)!) : undefined;
  const answering = candidates.filter((candidate) => factsOf(candidate)?.inForce !== false);
  return rankCandidates(variants, answering, { corpus, now, limit: MAX_ANSWERS }).map((ranked) =>
    toAnswer(ranked, input.baseUrl, factsOf(ranked.candidate)),
  );
}

/**
 * Answers a visitor's (or partner's) question on one site. Bad input is refused with a Chinese
 * message; an unanswered question is counted on the curation list.
 */
export async function answerQuestion(
  input: unknown,
  context: { siteId: string; baseUrl: string; llm?: LlmConfig | null },
  db: Db = getDb(),
): Promise<AskResult> {
  const { q } = parseInput(ZAskQuestion, input);
  const question = deidentifyQuestion(q);
  const answers = await findAnswers({ siteId: context.siteId, question, baseUrl: context.baseUrl }, db);
  const key = questionKey(question);
  if (answers.length === 0) await noteAskedQuestion(db, { siteId: context.siteId, key, question, unanswered: 1 });
  const phrased = answers.length
    ? await phraseAnswer(
        question,
        answers.map((answer) => ({ title: answer.sourceTitle, text: answer.answer, url: answer.sourceUrl })),
        ...(context.llm === undefined ? [] : [context.llm]),
      )
    : null;
  const sources = answers.map((answer) => answer.sourceId);
  return { question, answers, phrased, feedbackToken: issueFeedbackToken(context.siteId, key, sources) };
}

/** Counts a question on the curation list (one row per site and question key). */
export async function noteAskedQuestion(
  db: Db,
  input: { siteId: string; key: string; question: string; unanswered?: number; unhelpful?: number },
): Promise<void> {
  const now = new Date();
  await db.askedQuestion.upsert({
    where: { siteId_key: { siteId: input.siteId, key: input.key } },
    create: {
      siteId: input.siteId,
      key: input.key,
      text: input.question,
      unanswered: input.unanswered ?? 0,
      unhelpful: input.unhelpful ?? 0,
      firstAskedAt: now,
      lastAskedAt: now,
    },
    update: {
      text: input.question,
      unanswered: { increment: input.unanswered ?? 0 },
      unhelpful: { increment: input.unhelpful ?? 0 },
      lastAskedAt: now,
    },
  });
}

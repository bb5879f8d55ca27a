import type { Db, Tx } from "@/lib/db/client";
import { tallyResults, type Answers, type Question, type Results } from "@/lib/interaction/consult/answers";
import { messages } from "@/lib/i18n/zh-CN";
import type { TextBlock } from "@/lib/library/content";

// An activity's tallies from its stored answers, and the same figures as the text blocks of the
// 征集结果反馈, so the figures a reviewer signs are the figures the public sees beside the charts.

const b = messages.consult.feedbackBody;
const kinds = messages.consult.questionKinds;

export async function computeResults(db: Db | Tx, consultationId: string, questions: Question[]): Promise<Results> {
  const responses = await db.consultationResponse.findMany({ where: { consultationId }, select: { answers: true } });
  return tallyResults(
    questions,
    responses.map((response) => response.answers as Answers),
  );
}

/** The 调查结果 section: each question with its figures, one paragraph a line. */
export function resultBlocks(results: Results): TextBlock[] {
  return results.questions.flatMap((question, index): TextBlock[] => {
    const heading: TextBlock = {
      type: "heading",
      level: 3,
      text: `${index + 1}. ${question.prompt}（${kinds[question.kind]}，${question.answered} 人作答）`,
    };
    if (question.kind === "TEXT") return [heading, { type: "paragraph", text: b.text(question.answered) }];
    if (question.kind === "RATING")
      return [
        heading,
        ...question.scores.map((score): TextBlock => ({ type: "paragraph", text: b.rating(score.score, score.count) })),
        { type: "paragraph", text: b.average(question.average ?? "—") },
      ];
    return [
      heading,
      ...question.options.map((option): TextBlock => ({
        type: "paragraph",
        text: b.option(option.label, option.count, option.share),
      })),
    ];
  });
}

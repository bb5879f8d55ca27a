import type { Results } from "@/lib/interaction/consult/answers";
import { formatDateTime } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";

const c = messages.consult;

// The live tallies of an activity for its staff, and the free-text answers, which never reach the
// public as such: the 征集结果反馈 says what they amounted to and what was adopted.

export function ConsultationTallies({
  results,
  textAnswers,
}: {
  results: Results;
  textAnswers: { question: { id: string; prompt: string }; answers: { text: string; at: Date }[] }[];
}) {
  return (
    <section aria-labelledby="tallies-heading">
      <h2 id="tallies-heading">{c.admin.responses}</h2>
      <p data-testid="admin-participants">{c.public.participants(results.participants)}</p>
      {results.questions.map((question, index) => (
        <div key={question.questionId}>
          <h3>
            {index + 1}. {question.prompt}（{c.questionKinds[question.kind]}，{question.answered} 人作答）
          </h3>
          {question.kind === "SINGLE" || question.kind === "MULTIPLE" ? (
            <ul>
              {question.options.map((option) => (
                <li key={option.label}>
                  {option.label}：{option.count} 人（{option.share}）
                </li>
              ))}
            </ul>
          ) : question.kind === "RATING" ? (
            <p>
              {question.scores.map((score) => `${score.score} 分 ${score.count} 人`).join("，")}
              {question.average ? `；平均 ${question.average} 分` : ""}
            </p>
          ) : null}
        </div>
      ))}
      {textAnswers.map(({ question, answers }) => (
        <details key={question.id}>
          <summary>
            {c.admin.textAnswers}：{question.prompt}（{answers.length} 条）
          </summary>
          <ol>
            {answers.map((answer, index) => (
              <li key={index}>
                {answer.text} <span className="hint">{formatDateTime(answer.at)}</span>
              </li>
            ))}
          </ol>
        </details>
      ))}
    </section>
  );
}

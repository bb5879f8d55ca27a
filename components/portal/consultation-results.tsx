import type { PublicConsultation } from "@/lib/interaction/consult/public-consultations";
import { messages } from "@/lib/i18n/zh-CN";
import "./consultation.css";

const t = messages.consult.public;

// The results of a closed activity whose 征集结果反馈 is published: each question's chart (ECharts,
// drawn on the server as an SVG image) with a table of the same figures for screen readers and print.

export function ConsultationResults({ consultation }: { consultation: PublicConsultation }) {
  const results = consultation.results!;
  return (
    <section aria-labelledby="consultation-results">
      <h2 id="consultation-results">{t.results}</h2>
      <p>
        {t.participants(results.participants)}
        {consultation.feedbackHref ? (
          <>
            {"　"}
            <a href={consultation.feedbackHref}>{t.feedback}</a>
          </>
        ) : null}
      </p>
      {results.questions.map((question, index) => (
        <section key={question.questionId} className="consultation-result" aria-labelledby={`result-${index}`}>
          <h3 id={`result-${index}`}>
            {index + 1}. {question.prompt}
          </h3>
          {question.kind === "TEXT" ? (
            <p>{t.textAnswers(question.answered)}</p>
          ) : (
            <>
              <img
                src={`/interaction/consultations/${consultation.id}/charts/${question.questionId}`}
                alt={t.chartAlt(question.prompt)}
                width={640}
              />
              <table>
                <thead>
                  <tr>
                    <th scope="col">{question.kind === "RATING" ? t.scoreHeader : t.optionHeader}</th>
                    <th scope="col">{t.votes}</th>
                    {question.kind === "RATING" ? null : <th scope="col">{t.share}</th>}
                  </tr>
                </thead>
                <tbody>
                  {question.kind === "RATING"
                    ? question.scores.map((score) => (
                        <tr key={score.score}>
                          <td>{t.score(score.score)}</td>
                          <td>{score.count}</td>
                        </tr>
                      ))
                    : question.options.map((option) => (
                        <tr key={option.label}>
                          <td>{option.label}</td>
                          <td>{option.count}</td>
                          <td>{option.share}</td>
                        </tr>
                      ))}
                </tbody>
              </table>
              {question.kind === "RATING" && question.average ? (
                <p>{t.average(question.average, question.max)}</p>
              ) : null}
            </>
          )}
        </section>
      ))}
    </section>
  );
}

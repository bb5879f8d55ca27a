import type { PublicConsultation } from "@/lib/interaction/consult/public-consultations";
import { messages } from "@/lib/i18n/zh-CN";
import "./consultation.css";

const t = messages.consult.public;

// The forms of an open activity, plain HTML posts that work without JavaScript: phone verification
// (when the activity requires it), the answers, and a comment. Each form carries its own signed
// token, issued for this rendering of the page (lib/interaction/consult/tokens.ts).

function Required({ required }: { required: boolean }) {
  return required ? <span className="required">{t.required}</span> : null;
}

export function PhoneForm({ consultationId }: { consultationId: string }) {
  return (
    <form
      className="consultation-form"
      method="post"
      action={`/api/interaction/consultations/${consultationId}/code`}
      aria-labelledby="phone-heading"
    >
      <h2 id="phone-heading">{t.phoneHeading}</h2>
      <p>{t.phoneNote}</p>
      <label htmlFor="code-phone">{t.phone}</label>
      <input id="code-phone" name="phone" type="tel" inputMode="numeric" autoComplete="tel" required />
      <p>
        <button type="submit" className="button">
          {t.sendCode}
        </button>
      </p>
    </form>
  );
}

export function AnswerForm({ consultation, token }: { consultation: PublicConsultation; token: string }) {
  const phone = consultation.participation === "PHONE";
  return (
    <form
      className="consultation-form"
      method="post"
      action={`/api/interaction/consultations/${consultation.id}/responses`}
      aria-labelledby="answer-heading"
    >
      <h2 id="answer-heading">{t.answerHeading}</h2>
      <input type="hidden" name="token" value={token} />
      <div className="hp" aria-hidden="true">
        <label>
          {t.honeypot}
          <input name="website" tabIndex={-1} autoComplete="off" />
        </label>
      </div>
      {consultation.questions.map((question, index) => {
        const name = `q.${question.id}`;
        const legend = (
          <legend>
            {index + 1}. {question.prompt}
            {question.kind === "MULTIPLE" ? `（${messages.consult.questionKinds.MULTIPLE}）` : null}
            <Required required={question.required} />
          </legend>
        );
        if (question.kind === "TEXT")
          return (
            <fieldset key={question.id}>
              {legend}
              <textarea
                name={name}
                rows={5}
                maxLength={2000}
                required={question.required}
                aria-label={question.prompt}
              />
            </fieldset>
          );
        const choices =
          question.kind === "RATING"
            ? Array.from({ length: question.ratingMax ?? 5 }, (_, score) => ({
                value: score + 1,
                label: t.score(score + 1),
              }))
            : question.options.map((label, value) => ({ value, label }));
        const type = question.kind === "MULTIPLE" ? "checkbox" : "radio";
        return (
          <fieldset key={question.id}>
            {legend}
            {choices.map((choice) => (
              <label key={choice.value} className="choice">
                <input
                  type={type}
                  name={name}
                  value={String(choice.value)}
                  required={type === "radio" && question.required}
                />
                {choice.label}
              </label>
            ))}
          </fieldset>
        );
      })}
      {phone ? (
        <fieldset>
          <legend>{t.phoneHeading}</legend>
          <label htmlFor="answer-phone">{t.phone}</label>
          <input id="answer-phone" name="phone" type="tel" inputMode="numeric" autoComplete="tel" required />
          <label htmlFor="answer-code">{t.code}</label>
          <input id="answer-code" name="code" type="text" inputMode="numeric" autoComplete="one-time-code" required />
        </fieldset>
      ) : null}
      <p className="consultation-privacy">{t.privacy}</p>
      <button type="submit" className="button">
        {t.submit}
      </button>
    </form>
  );
}

export function CommentForm({ consultationId, token }: { consultationId: string; token: string }) {
  return (
    <form
      className="consultation-form"
      method="post"
      action={`/api/interaction/consultations/${consultationId}/comments`}
      aria-labelledby="comment-heading"
    >
      <h3 id="comment-heading">{t.commentHeading}</h3>
      <p className="consultation-privacy">{t.commentNote}</p>
      <input type="hidden" name="token" value={token} />
      <div className="hp" aria-hidden="true">
        <label>
          {t.honeypot}
          <input name="website" tabIndex={-1} autoComplete="off" />
        </label>
      </div>
      <label htmlFor="comment-name">{t.commentName}</label>
      <input id="comment-name" name="authorName" type="text" maxLength={20} required />
      <label htmlFor="comment-body">{t.commentBody}</label>
      <textarea id="comment-body" name="body" rows={4} minLength={5} maxLength={1000} required />
      <p>
        <button type="submit" className="button">
          {t.commentSubmit}
        </button>
      </p>
    </form>
  );
}

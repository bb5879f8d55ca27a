import type { PublicConsultation } from "@/lib/interaction/consult/public-consultations";
import { formatDateTime } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";
import { AnswerForm, CommentForm, PhoneForm } from "./consultation-forms";
import { ConsultationResults } from "./consultation-results";
import "./consultation.css";

const c = messages.consult;
const t = c.public;

// One 征集调查 on the portal: its facts, the notice a form post came back with, the draft, the forms
// while it is open, the results once published, and the comments that passed moderation.

const DONE_NOTICES: Record<string, string> = { answered: t.answered, commented: t.commentSent, sent: t.codeSent };

function noticeText(code: string): string {
  return DONE_NOTICES[code] ?? (t.errors as Record<string, string>)[code] ?? t.errors.invalid;
}

export function ConsultationView({
  consultation,
  notice,
  answerToken,
  commentToken,
}: {
  consultation: PublicConsultation;
  notice: { code: string; isError: boolean } | null;
  answerToken: string | null;
  commentToken: string | null;
}) {
  const phase = consultation.phase;
  return (
    <>
      <dl className="consultation-meta">
        <dt>{t.kind}</dt>
        <dd>{c.kinds[consultation.kind]}</dd>
        <dt>{t.phase}</dt>
        <dd data-testid="consultation-phase">{c.phases[phase]}</dd>
        <dt>{t.period}</dt>
        <dd>
          {formatDateTime(consultation.opensAt)} 至 {formatDateTime(consultation.closesAt)}
        </dd>
        <dt>{t.participation}</dt>
        <dd>{c.participation[consultation.participation]}</dd>
      </dl>
      {notice ? (
        <p
          id="notice"
          className={`consultation-notice${notice.isError ? " is-error" : ""}`}
          role={notice.isError ? "alert" : "status"}
        >
          {noticeText(notice.code)}
        </p>
      ) : null}
      {consultation.intro.split(/\r?\n/).map((line, index) => (line.trim() ? <p key={index}>{line}</p> : null))}
      {consultation.kind === "DRAFT" ? (
        <section aria-labelledby="draft-heading">
          <h2 id="draft-heading">{t.draft}</h2>
          {consultation.draft ? (
            <div className="consultation-draft">
              <h3>
                <a href={consultation.draft.href}>{consultation.draft.title}</a>
              </h3>
              <div className="article-body" dangerouslySetInnerHTML={{ __html: consultation.draft.bodyHtml }} />
            </div>
          ) : (
            <p className="empty">{t.draftMissing}</p>
          )}
        </section>
      ) : null}
      {phase === "UPCOMING" ? <p className="consultation-notice">{t.notOpen}</p> : null}
      {phase === "OPEN" && answerToken ? (
        <>
          {consultation.participation === "PHONE" ? <PhoneForm consultationId={consultation.id} /> : null}
          <AnswerForm consultation={consultation} token={answerToken} />
        </>
      ) : null}
      {phase === "CLOSED" || phase === "FEEDBACK_REVIEW" ? (
        <>
          <p className="consultation-notice">{t.closed}</p>
          <p>{t.resultsPending}</p>
        </>
      ) : null}
      {phase === "DONE" && consultation.results ? <ConsultationResults consultation={consultation} /> : null}
      <section aria-labelledby="comments-heading">
        <h2 id="comments-heading">{t.comments}</h2>
        {consultation.comments.length ? (
          <ul className="consultation-comments">
            {consultation.comments.map((comment) => (
              <li key={comment.id}>
                <p className="who">
                  {comment.author} · {formatDateTime(comment.createdAt)}
                </p>
                <p>{comment.body}</p>
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty">{t.noComments}</p>
        )}
        {phase === "OPEN" && commentToken ? (
          <CommentForm consultationId={consultation.id} token={commentToken} />
        ) : null}
      </section>
    </>
  );
}

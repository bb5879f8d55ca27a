import type { ActionResult } from "@/lib/errors";
import { ActionForm } from "@/components/admin/action-form";
import { formatDateTime } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";

// The moderation queue of an interview: each visitor's question as sent (private), with the
// detectors' de-identified text to correct; approving shows that text on the site, not rejecting.

const a = messages.interview.admin;
type Action = (state: ActionResult<unknown> | null, formData: FormData) => Promise<ActionResult<unknown> | null>;

export type PendingQuestion = {
  id: string;
  nickname: string;
  content: string;
  receivedAt: Date;
  suggestion: string;
};

export function InterviewModeration({ questions, action }: { questions: PendingQuestion[]; action: Action }) {
  return (
    <section aria-labelledby="interview-pending">
      <h2 id="interview-pending">
        {a.pending}（{questions.length}）
      </h2>
      {questions.length === 0 ? <p>{a.noPending}</p> : null}
      {questions.map((question) => (
        <article key={question.id} className="moderation-item" aria-label={a.questionOf(question.nickname)}>
          <p>
            <strong>{question.nickname}</strong>　{formatDateTime(question.receivedAt)}
          </p>
          <p className="letter-body">{question.content}</p>
          <ActionForm action={action} submitLabel={a.approve}>
            <input type="hidden" name="questionId" value={question.id} />
            <input type="hidden" name="decision" value="APPROVE" />
            <div className="field">
              <label htmlFor={`public-${question.id}`}>{a.publicText}</label>
              <textarea
                id={`public-${question.id}`}
                name="publicContent"
                rows={3}
                maxLength={500}
                defaultValue={question.suggestion}
              />
            </div>
            <div className="field">
              <label htmlFor={`nickname-${question.id}`}>{a.publicNickname}</label>
              <input
                id={`nickname-${question.id}`}
                name="publicNickname"
                maxLength={20}
                defaultValue={question.nickname}
              />
            </div>
          </ActionForm>
          <ActionForm action={action} submitLabel={a.reject} confirm={a.confirmReject}>
            <input type="hidden" name="questionId" value={question.id} />
            <input type="hidden" name="decision" value="REJECT" />
          </ActionForm>
        </article>
      ))}
    </section>
  );
}

import type { ActionResult } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";
import { ActionForm, Field } from "./action-form";

const c = messages.consult;

// 评论审核: each pending comment with its original text and the de-identified text proposed for
// publication (the moderator may mask more); decided comments with their outcome.

type Comment = {
  id: string;
  authorName: string;
  body: string;
  status: "PENDING" | "APPROVED" | "REJECTED";
  publicBody: string | null;
  createdAt: Date;
  suggestedPublicBody: string | null;
};

export function ConsultationComments({
  comments,
  canModerate,
  action,
}: {
  comments: Comment[];
  canModerate: boolean;
  action: (state: ActionResult<unknown> | null, formData: FormData) => Promise<ActionResult<unknown> | null>;
}) {
  return (
    <section aria-labelledby="comments-heading">
      <h2 id="comments-heading">{c.admin.comments}</h2>
      {comments.length ? null : <p className="empty">{c.admin.noComments}</p>}
      {comments.map((comment, index) => (
        <article key={comment.id} className="panel" aria-label={c.admin.commentLabel(index + 1)}>
          <p className="hint">
            {comment.authorName} · {formatDateTime(comment.createdAt)} · {c.commentStates[comment.status]}
          </p>
          <p>{comment.body}</p>
          {comment.status === "APPROVED" ? (
            <p>
              {c.admin.publicText}
              {comment.publicBody}
            </p>
          ) : null}
          {comment.status === "PENDING" && canModerate ? (
            <>
              <ActionForm action={action} submitLabel={c.admin.approve}>
                <input type="hidden" name="commentId" value={comment.id} />
                <input type="hidden" name="decision" value="APPROVE" />
                <Field
                  id={`public-${comment.id}`}
                  name="publicBody"
                  label={c.admin.publicBody}
                  type="textarea"
                  defaultValue={comment.suggestedPublicBody ?? ""}
                />
              </ActionForm>
              <ActionForm action={action} submitLabel={c.admin.reject}>
                <input type="hidden" name="commentId" value={comment.id} />
                <input type="hidden" name="decision" value="REJECT" />
                <Field id={`note-${comment.id}`} name="note" label={c.admin.rejectNote} />
              </ActionForm>
            </>
          ) : null}
        </article>
      ))}
    </section>
  );
}

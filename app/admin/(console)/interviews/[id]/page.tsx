// GET /admin/interviews/:id – one interview: start and close it, correct the announcement, moderate
// questions, post the guests' answers live, and submit the 文字实录 for review once it has closed.
import { orPageError, requireActor } from "../../guard";
import { getInterview } from "@/lib/interaction/interview/list-interviews";
import { hrefOnSite } from "@/lib/sites/current-site";
import { ActionForm, Field } from "@/components/admin/action-form";
import { InterviewFields } from "@/components/admin/interview-fields";
import { InterviewModeration } from "@/components/admin/interview-moderation";
import { formatDateTime } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";
import {
  closeInterviewAction,
  editInterviewAction,
  moderateQuestionAction,
  postAnswerAction,
  retractPostAction,
  startInterviewAction,
  submitTranscriptAction,
} from "../actions";

const t = messages.interview;
const a = t.admin;
type Props = { params: Promise<{ id: string }> };

export default async function InterviewAdminPage({ params }: Props) {
  const actor = await requireActor();
  const interview = await orPageError(getInterview(actor, (await params).id));
  const portalHref = await hrefOnSite(interview.siteId, `/interaction/interviews/${interview.id}`);
  const open = interview.status !== "CLOSED";
  const step = (
    <>
      <input type="hidden" name="interviewId" value={interview.id} />
      <input type="hidden" name="version" value={interview.version} />
    </>
  );
  const questions = interview.posts.filter((post) => post.kind === "QUESTION");
  return (
    <>
      <h1>{interview.topic}</h1>
      <p>
        {t.fields.site}：{interview.site.name}　{t.fields.status}：<strong>{t.statuses[interview.status]}</strong>　
        {t.fields.startsAt}：{formatDateTime(interview.startsAt)} — {formatDateTime(interview.endsAt)}　
        <a href={portalHref}>{a.preview}</a>
      </p>
      <p>
        {t.fields.guests}：{interview.guests.map((guest) => `${guest.unit}${guest.title}${guest.name}`).join("、")}
      </p>
      {interview.canManage && open ? (
        <div className="inline-form">
          {interview.status === "ANNOUNCED" ? (
            <ActionForm action={startInterviewAction} submitLabel={a.start}>
              {step}
            </ActionForm>
          ) : null}
          <ActionForm action={closeInterviewAction} submitLabel={a.close} confirm={a.confirmClose}>
            {step}
          </ActionForm>
        </div>
      ) : null}

      {interview.canManage && open ? (
        <InterviewModeration questions={interview.pending} action={moderateQuestionAction} />
      ) : null}

      {interview.canManage && interview.status === "LIVE" ? (
        <section aria-labelledby="interview-answer">
          <h2 id="interview-answer">{a.answer}</h2>
          <ActionForm action={postAnswerAction} submitLabel={a.answer}>
            <input type="hidden" name="interviewId" value={interview.id} />
            <Field
              name="guestId"
              label={a.guest}
              type="select"
              required
              defaultValue={interview.guests.length === 1 ? interview.guests[0]!.id : undefined}
              options={interview.guests.map((guest) => ({ value: guest.id, label: `${guest.title}${guest.name}` }))}
            />
            <div className="field">
              <label htmlFor="answer-question">{a.answerQuestion}</label>
              <select id="answer-question" name="questionId" defaultValue="">
                <option value="">{a.standalone}</option>
                {questions.map((post) => (
                  <option key={post.id} value={post.questionId ?? ""}>
                    {post.body.slice(0, 60)}
                  </option>
                ))}
              </select>
            </div>
            <Field name="body" label={a.answerBody} type="textarea" required />
          </ActionForm>
        </section>
      ) : null}

      <section aria-labelledby="interview-record">
        <h2 id="interview-record">{a.record}</h2>
        {interview.posts.length === 0 ? <p>{t.portal.empty}</p> : null}
        <ol className="interview-record">
          {interview.posts.map((post) => (
            <li key={post.id}>
              <strong>
                {post.kind === "QUESTION"
                  ? `${t.portal.asked}${post.nickname && post.nickname !== t.portal.asked ? `“${post.nickname}”` : ""}`
                  : `${post.guest?.title ?? ""}${post.guest?.name ?? ""}`}
                ：
              </strong>
              {post.body} <small>{post.time}</small>
              {interview.canManage ? (
                <details>
                  <summary>{a.retract}</summary>
                  <ActionForm action={retractPostAction} submitLabel={a.retract} confirm={a.confirmRetract}>
                    <input type="hidden" name="interviewId" value={interview.id} />
                    <input type="hidden" name="postId" value={post.id} />
                    <Field name="reason" label={a.retractReason} id={`retract-reason-${post.id}`} required />
                  </ActionForm>
                </details>
              ) : null}
            </li>
          ))}
        </ol>
      </section>

      {interview.transcript ? (
        <section aria-labelledby="interview-transcript">
          <h2 id="interview-transcript">{a.transcript}</h2>
          {interview.transcript.state === "PUBLISHED" ? (
            <p>{a.transcriptPublished}</p>
          ) : interview.transcript.state === "IN_REVIEW" ? (
            <p>{a.transcriptDone}</p>
          ) : interview.canManage ? (
            <>
              <p>{a.transcriptIntro}</p>
              <ActionForm action={submitTranscriptAction} submitLabel={a.transcriptSubmit}>
                {step}
                <Field name="title" label={a.transcriptTitle} defaultValue={interview.transcript.title} required />
                <div className="field">
                  <label htmlFor="transcript-body">{a.transcriptBody}</label>
                  <textarea
                    id="transcript-body"
                    name="body"
                    rows={20}
                    defaultValue={interview.transcript.body}
                    required
                  />
                </div>
              </ActionForm>
            </>
          ) : null}
        </section>
      ) : null}

      {interview.canManage && open ? (
        <details>
          <summary>{a.edit}</summary>
          <ActionForm action={editInterviewAction} submitLabel={a.save}>
            {step}
            <input type="hidden" name="siteId" value={interview.siteId} />
            <InterviewFields defaults={interview} />
          </ActionForm>
        </details>
      ) : null}
    </>
  );
}

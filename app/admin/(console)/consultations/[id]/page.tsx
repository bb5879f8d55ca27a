// GET /admin/consultations/:id – one 征集调查 for its site's staff: facts and steps (publish, end early,
// cancel), live tallies and free-text answers, comments to moderate, and the 征集结果反馈.
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { orPageError, requireActor } from "../../guard";
import { getConsultationForStaff } from "@/lib/interaction/consult/admin-consultations";
import { formatDateTime } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";
import { ActionForm, Field } from "@/components/admin/action-form";
import { ConsultationTallies } from "@/components/admin/consultation-tallies";
import { ConsultationComments } from "@/components/admin/consultation-comments";
import {
  cancelConsultationAction,
  closeConsultationAction,
  draftFeedbackAction,
  moderateCommentAction,
  publishConsultationAction,
} from "../actions";

const c = messages.consult;
const a = c.admin;
type Props = { params: Promise<{ id: string }> };

export default async function ConsultationAdminPage({ params }: Props) {
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  const actor = await requireActor();
  const view = await orPageError(getConsultationForStaff(actor, id));
  const { consultation, phase, feedback, canManage } = view;
  const hidden = (
    <>
      <input type="hidden" name="consultationId" value={consultation.id} />
      <input type="hidden" name="version" value={consultation.version} />
    </>
  );
  const canCancel = canManage && consultation.state !== "CANCELLED" && !consultation.feedbackResourceId;
  return (
    <>
      <p>
        <Link href="/admin/consultations">← {a.title}</Link>
      </p>
      <h1>{consultation.title}</h1>
      <dl className="facts">
        <dt>{a.fields.site}</dt>
        <dd>{consultation.site.name}</dd>
        <dt>{a.fields.column}</dt>
        <dd>{consultation.column.name}</dd>
        <dt>{a.fields.kind}</dt>
        <dd>{c.kinds[consultation.kind]}</dd>
        <dt>{a.columns.phase}</dt>
        <dd data-testid="admin-phase">{c.phases[phase]}</dd>
        <dt>{a.columns.period}</dt>
        <dd>
          {formatDateTime(consultation.opensAt)} 至 {formatDateTime(consultation.closesAt)}
        </dd>
        <dt>{a.fields.participation}</dt>
        <dd>{c.participation[consultation.participation]}</dd>
        {consultation.draftResourceId ? (
          <>
            <dt>{a.fields.draft}</dt>
            <dd>
              <Link href={`/admin/library/${consultation.draftResourceId}`}>{a.viewDraft}</Link>
            </dd>
          </>
        ) : null}
        {consultation.state === "PUBLISHED" ? (
          <>
            <dt>{a.publicPath}</dt>
            <dd>
              <code>/interaction/consultations/{consultation.id}</code>
            </dd>
          </>
        ) : null}
      </dl>
      <p>{consultation.intro}</p>

      {canManage && phase === "DRAFT" ? (
        <ActionForm action={publishConsultationAction} submitLabel={a.publish}>
          {hidden}
        </ActionForm>
      ) : null}
      {canManage && phase === "OPEN" ? (
        <ActionForm action={closeConsultationAction} submitLabel={a.close} confirm={a.closeConfirm}>
          {hidden}
        </ActionForm>
      ) : null}

      <ConsultationTallies results={view.results} textAnswers={view.textAnswers} />

      <ConsultationComments comments={view.comments} canModerate={view.canModerate} action={moderateCommentAction} />

      <section aria-labelledby="feedback-heading">
        <h2 id="feedback-heading">{a.feedback}</h2>
        <p>
          {a.feedbackState[feedback]}
          {view.reviewInstanceId && feedback !== "NONE" ? (
            <>
              {"　"}
              <Link href={`/admin/review/${view.reviewInstanceId}`}>{a.viewReview}</Link>
            </>
          ) : null}
        </p>
        {canManage && phase === "CLOSED" ? (
          <ActionForm action={draftFeedbackAction} submitLabel={a.feedbackSubmit}>
            {hidden}
            <Field name="summary" label={a.feedbackSummary} type="textarea" />
            <Field name="adoption" label={a.feedbackAdoption} type="textarea" />
          </ActionForm>
        ) : null}
      </section>

      {canCancel ? (
        <section aria-labelledby="cancel-heading">
          <h2 id="cancel-heading">{a.cancel}</h2>
          <ActionForm action={cancelConsultationAction} submitLabel={a.cancel} confirm={a.cancelConfirm}>
            {hidden}
            <Field name="reason" label={a.cancelReason} />
          </ActionForm>
        </section>
      ) : null}
    </>
  );
}

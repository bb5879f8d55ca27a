// GET /admin/submissions/[id] – one submission: what was offered, where it was adopted, its history, and the next steps.
import Link from "next/link";
import { orPageError, requireActor } from "../../guard";
import { getSubmission } from "@/lib/submissions/queries";
import { formatDateTime } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";
import { DataTable } from "@/components/ui/data-table";
import { ActionForm, CheckboxGroup, Field } from "@/components/admin/action-form";
import {
  adoptSubmissionAction,
  adoptSubmissionEditedAction,
  returnSubmissionAction,
  withdrawSubmissionAction,
} from "../actions";
import { liveHref } from "../table";

const t = messages.submission;

export default async function SubmissionPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const { id } = await params;
  const submission = await orPageError(getSubmission(actor, id));
  const href = liveHref(submission);
  const columnOptions = submission.siteColumns.map((column) => ({ value: column.id, label: column.name }));
  const mayDecide = submission.can.adopt || submission.can.adoptEdited || submission.can.return;
  const step = (
    <>
      <input type="hidden" name="submissionId" value={submission.id} />
      <input type="hidden" name="version" value={submission.version} />
    </>
  );
  return (
    <>
      <p className="breadcrumb">
        <Link href="/admin">工作台</Link> &gt;{" "}
        {mayDecide || !submission.can.withdraw ? (
          <Link href="/admin/submissions/desk">{t.deskTitle}</Link>
        ) : (
          <Link href="/admin/submissions">{t.mineTitle}</Link>
        )}{" "}
        &gt; {t.detailTitle}
      </p>
      <h1>{submission.revision.title}</h1>
      <dl className="facts">
        <dt>{t.fields.state}</dt>
        <dd>
          <strong>{t.states[submission.state]}</strong>
        </dd>
        <dt>{t.fields.fromOrg}</dt>
        <dd>
          {submission.fromOrg.name}（{t.fields.submittedBy}：{submission.submittedBy.displayName}）
        </dd>
        <dt>{t.fields.toSite}</dt>
        <dd>{submission.toSite.name}</dd>
        <dt>{t.fields.submittedAt}</dt>
        <dd>{formatDateTime(submission.submittedAt)}</dd>
        {submission.note ? (
          <>
            <dt>{t.fields.note}</dt>
            <dd>{submission.note}</dd>
          </>
        ) : null}
        {submission.state === "RETURNED" ? (
          <>
            <dt>{t.fields.reason}</dt>
            <dd>{submission.reason}</dd>
          </>
        ) : submission.reason ? (
          <>
            <dt>{t.fields.remark}</dt>
            <dd>{submission.reason}</dd>
          </>
        ) : null}
        {submission.columns.length ? (
          <>
            <dt>{t.fields.columns}</dt>
            <dd>
              {submission.columns.map((column) => column.name).join("、")}
              {href ? (
                <>
                  {" "}
                  <a href={href} target="_blank" rel="noreferrer noopener">
                    {t.actions.viewLive}
                  </a>
                </>
              ) : (
                <>（{t.pendingLive}）</>
              )}
            </dd>
          </>
        ) : null}
      </dl>
      <h2>{t.fields.history}</h2>
      <DataTable
        rows={submission.events}
        rowKey={(event) => String(event.id)}
        label={t.fields.history}
        empty={t.empty.history}
        columns={[
          { header: t.fields.at, cell: (event) => formatDateTime(event.at) },
          { header: "办理", isRowHeader: true, cell: (event) => t.events[event.kind] },
          { header: t.fields.actor, cell: (event) => event.user?.displayName ?? "系统" },
          { header: t.fields.note, cell: (event) => event.note ?? "" },
        ]}
      />
      <h2>稿件内容（第 {submission.revision.number} 版，已审核）</h2>
      <article className="revision-body" dangerouslySetInnerHTML={{ __html: submission.revision.bodyHtml }} />
      {submission.can.withdraw ? (
        <section aria-labelledby="withdraw-heading">
          <h2 id="withdraw-heading">{t.actions.withdraw}</h2>
          <ActionForm action={withdrawSubmissionAction} submitLabel={t.actions.withdraw} confirm="确定撤回该报送？">
            {step}
          </ActionForm>
        </section>
      ) : null}
      {submission.can.adopt ? (
        <section aria-labelledby="adopt-heading">
          <h2 id="adopt-heading">{t.actions.adopt}</h2>
          <ActionForm action={adoptSubmissionAction} submitLabel={t.actions.adopt}>
            {step}
            <CheckboxGroup name="columnIds" legend={t.fields.columns} options={columnOptions} />
            <Field name="remark" id="adopt-remark" label={t.fields.remark} />
          </ActionForm>
        </section>
      ) : null}
      {submission.can.adoptEdited ? (
        <section aria-labelledby="adopt-edited-heading">
          <h2 id="adopt-edited-heading">{t.actions.adoptEdited}</h2>
          <ActionForm action={adoptSubmissionEditedAction} submitLabel={t.actions.adoptEdited}>
            {step}
            <Field
              name="title"
              id="edited-title"
              label={t.fields.editedTitle}
              defaultValue={submission.revision.title}
            />
            <Field name="body" id="edited-body" type="textarea" label={t.fields.editedBody} />
            <CheckboxGroup name="columnIds" legend={t.fields.columns} options={columnOptions} />
            <Field name="remark" id="edited-remark" label={t.fields.remark} />
          </ActionForm>
        </section>
      ) : null}
      {submission.can.return ? (
        <section aria-labelledby="return-heading">
          <h2 id="return-heading">{t.actions.return}</h2>
          <ActionForm action={returnSubmissionAction} submitLabel={t.actions.return}>
            {step}
            <Field name="reason" id="return-reason" type="textarea" label={t.fields.reason} />
          </ActionForm>
        </section>
      ) : null}
    </>
  );
}

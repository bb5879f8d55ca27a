// GET /admin/reports/:kind/:subjectId/:period – one 网站工作报表: its groups as tables (each figure with its source; entered and overridden ones with who, when and why), a chart, inline entry and override, sign-off, publication and downloads.
import Link from "next/link";
import { orPageError, requireActor } from "../../../../guard";
import { getSiteReport, STATE_LABELS } from "@/lib/reports/website-annual/view";
import { printValue, type Line } from "@/lib/reports/website-annual/compose";
import { CHART_GROUP } from "@/lib/reports/website-annual/chart";
import { fieldKey, fieldsOfGroup, SIGN_OFF_FIELDS } from "@/lib/reports/website-annual/template";
import { formatDateTime } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";
import { ActionForm, Field } from "@/components/admin/action-form";
import { DataTable } from "@/components/ui/data-table";
import { publishReportAction, saveReportFigureAction, signReportAction } from "../../../actions";

const t = messages.siteReports;
type Props = { params: Promise<{ kind: string; subjectId: string; period: string }> };

export default async function SiteReportPage({ params }: Props) {
  const actor = await requireActor();
  const view = await orPageError(getSiteReport(actor, await params));
  const { composed } = view;
  const base = `/admin/reports/${view.ref.kind}/${view.ref.subjectId}/${view.ref.period}`;
  const editable = view.canManage && !view.signedAt;
  const hidden = (
    <>
      <input type="hidden" name="kind" value={view.ref.kind} />
      <input type="hidden" name="subjectId" value={view.ref.subjectId} />
      <input type="hidden" name="period" value={view.ref.period} />
      <input type="hidden" name="version" value={view.version} />
    </>
  );
  const lineOf = (key: string) => composed.lines.find((line) => line.key === key)!;
  const label = (line: Line) =>
    line.field.path.length > 1 ? line.field.path.slice(1).join(" — ") : line.field.path[0]!;

  const groupTable = (group: string, title: string, index: number) => {
    const lines = fieldsOfGroup(composed.template, group).map((field) => lineOf(fieldKey(field)));
    return (
      <section aria-labelledby={`group-${index}`}>
        <h2 id={`group-${index}`}>{title}</h2>
        <DataTable
          rows={lines}
          rowKey={(line) => line.key}
          label={title}
          columns={[
            { header: t.table.item, cell: (line) => label(line), isRowHeader: true },
            {
              header: t.table.value,
              align: "center",
              cell: (line) => (
                <span data-testid={`value-${line.key}`}>
                  {printValue(line.value)}
                  {line.field.unit ? ` ${line.field.unit}` : ""}
                </span>
              ),
            },
            {
              header: t.table.source,
              cell: (line) => `${line.field.computed ? t.computed : t.entered}：${line.field.source}`,
            },
            {
              header: t.table.note,
              cell: (line, row) => (
                <>
                  {line.entry ? (
                    <p data-testid={`note-${line.key}`}>
                      {line.overridden ? `${t.overridden(printValue(line.computedValue))}；` : null}
                      {t.enteredBy(line.entry.byName, formatDateTime(new Date(line.entry.at)), line.entry.reason)}
                    </p>
                  ) : null}
                  {editable ? (
                    <details>
                      <summary>{line.field.computed ? "修改" : "填报"}</summary>
                      <ActionForm action={saveReportFigureAction} submitLabel={t.entry.submit}>
                        {hidden}
                        <input type="hidden" name="key" value={line.key} />
                        <Field
                          id={`value-${index}-${row}`}
                          name="value"
                          label={`${label(line)}（${t.entry.valueHint}）`}
                          defaultValue={line.value === null ? "" : printValue(line.value)}
                        />
                        <Field id={`reason-${index}-${row}`} name="reason" label={t.entry.reason} type="textarea" />
                      </ActionForm>
                      {line.entry ? (
                        <ActionForm action={saveReportFigureAction} submitLabel={t.entry.clear}>
                          {hidden}
                          <input type="hidden" name="key" value={line.key} />
                          <input type="hidden" name="clear" value="true" />
                        </ActionForm>
                      ) : null}
                    </details>
                  ) : null}
                </>
              ),
            },
          ]}
        />
      </section>
    );
  };

  return (
    <>
      <p className="breadcrumb">
        {t.breadcrumb} &gt; <Link href="/admin/reports">{t.title}</Link> &gt; {view.periodLabel}
      </p>
      <h1>
        {view.subjectName}
        {view.periodLabel}
        {composed.template.title}
      </h1>
      <dl className="facts">
        <dt>{t.facts.subject}</dt>
        <dd>{view.subjectName}</dd>
        <dt>{t.facts.period}</dt>
        <dd>{view.periodLabel}</dd>
        <dt>{t.facts.deadline}</dt>
        <dd>{view.deadline}</dd>
        <dt>{t.facts.state}</dt>
        <dd data-testid="report-state">
          {STATE_LABELS[view.state]}
          {view.resourceId ? (
            <>
              {"　"}
              <Link href={`/admin/library/${view.resourceId}`}>{t.viewResource}</Link>
            </>
          ) : null}
        </dd>
        {view.column ? (
          <>
            <dt>{t.facts.column}</dt>
            <dd>{view.column.name}</dd>
          </>
        ) : null}
      </dl>
      {composed.missing.length ? <p className="notice">{t.missing(composed.missing.length)}</p> : null}

      <section aria-labelledby="chart-heading">
        <h2 id="chart-heading">
          {t.chart}：{CHART_GROUP[view.kind].group}
        </h2>
        <img
          className="oversight-chart"
          src={`${base}/chart`}
          alt={t.chartAlt(CHART_GROUP[view.kind].group)}
          width={640}
          height={300}
        />
      </section>

      {groupTable("", t.header, 0)}
      {composed.template.groups.map((group, index) => (
        <div key={group}>{groupTable(group, group, index + 1)}</div>
      ))}

      <section aria-labelledby="sign-heading">
        <h2 id="sign-heading">{t.signOff.heading}</h2>
        {view.signedAt && composed.signOff ? (
          <dl className="facts" data-testid="sign-off">
            {SIGN_OFF_FIELDS.map((name) => (
              <div key={name}>
                <dt>{name}</dt>
                <dd>{composed.signOff![name]}</dd>
              </div>
            ))}
          </dl>
        ) : (
          <>
            <p>{t.signOff.hint}</p>
            {editable ? (
              <ActionForm action={signReportAction} submitLabel={t.signOff.submit}>
                {hidden}
                <Field name="单位负责人" label="单位负责人" required />
                <Field name="审核人" label="审核人" required />
                <Field name="填报人" label="填报人" required />
                <Field name="联系电话" label="联系电话" required />
              </ActionForm>
            ) : null}
          </>
        )}
      </section>

      <section aria-labelledby="publish-heading">
        <h2 id="publish-heading">{t.publish.heading}</h2>
        {view.publishable ? (
          <>
            <p>{t.publish.hint}</p>
            {view.canManage && view.signedAt && (view.state === "SIGNED" || view.state === "RETURNED") ? (
              <ActionForm action={publishReportAction} submitLabel={t.publish.submit}>
                {hidden}
              </ActionForm>
            ) : null}
          </>
        ) : (
          <p>{t.publish.monthly}</p>
        )}
      </section>

      <section aria-labelledby="downloads-heading">
        <h2 id="downloads-heading">{t.downloads.heading}</h2>
        <p className="inline-form">
          <a className="button-inline" href={`${base}/export?format=docx`} download>
            {t.downloads.docx}
          </a>
          <a className="button-inline" href={`${base}/export?format=xlsx`} download>
            {t.downloads.xlsx}
          </a>
        </p>
      </section>
    </>
  );
}

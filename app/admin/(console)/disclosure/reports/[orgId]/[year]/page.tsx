// GET /admin/disclosure/reports/:orgId/:year – one unit's 政府信息公开工作年度报告: its tables (computed cells with their source, entered cells with who entered them and why), the balance check, the text sections, drafting for review and the exports.
import Link from "next/link";
import { orPageError, requireActor } from "../../../../guard";
import { getReportForStaff } from "@/lib/disclosure/report-view";
import {
  entryLabel,
  feeSummary,
  feeTable,
  proactiveTables,
  remedyPlainTable,
  requestTable,
  table3CellLabel,
  table3RowLabel,
  type PlainTable,
  type ReportContent,
} from "@/lib/disclosure/report-body";
import { APPLICANT_COLUMNS, ENTRY_KEYS } from "@/lib/disclosure/report-format";
import { TABLE3_ROWS } from "@/lib/disclosure/report-overrides";
import { describeImbalance } from "@/lib/disclosure/report-tally";
import { formatDateTime } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";
import { ActionForm, Field } from "@/components/admin/action-form";
import { DataTable } from "@/components/ui/data-table";
import {
  draftReportAction,
  overrideRequestCellAction,
  saveReportEntryAction,
  saveReportTextsAction,
} from "../../actions";

const t = messages.disclosureReport;
const a = t.admin;
type Props = { params: Promise<{ orgId: string; year: string }> };

function PlainDataTable({ table, label }: { table: PlainTable; label: string }) {
  return (
    <DataTable
      rows={table.rows}
      rowKey={(_, index) => index}
      label={label}
      columns={table.header.map((header, index) => ({
        header: header || label,
        key: String(index),
        cell: (row: string[]) => row[index],
        isRowHeader: index === 0,
        align: index === 0 ? ("start" as const) : ("center" as const),
      }))}
    />
  );
}

export default async function DisclosureReportPage({ params }: Props) {
  const actor = await requireActor();
  const view = await orPageError(getReportForStaff(actor, await params));
  const content: ReportContent = {
    unitName: view.unit.name,
    year: view.year,
    overview: view.overview,
    problems: view.problems,
    otherMatters: view.otherMatters,
    entries: view.entries,
    figures: view.figures,
  };
  const hidden = (
    <>
      <input type="hidden" name="orgId" value={view.unit.id} />
      <input type="hidden" name="year" value={view.year} />
      <input type="hidden" name="version" value={view.version} />
    </>
  );
  const editable = view.canManage && view.state !== "IN_REVIEW" && view.state !== "PUBLISHED";
  const exportHref = (format: string) =>
    `/admin/disclosure/reports/${view.unit.id}/${view.year}/export?format=${format}`;
  const entered = ENTRY_KEYS.flatMap((key) => (view.entries[key] ? [{ key, entry: view.entries[key]! }] : []));
  const [docs, decisions, fees] = proactiveTables(content);
  return (
    <>
      <p className="breadcrumb">
        {a.breadcrumb} &gt; <Link href="/admin/disclosure/reports">{a.title}</Link> &gt; {view.year} 年
      </p>
      <h1>{t.title(view.unit.name, view.year)}</h1>
      <dl className="facts">
        <dt>{a.unit}</dt>
        <dd>{view.unit.name}</dd>
        <dt>{a.year}</dt>
        <dd>{view.year} 年</dd>
        <dt>{a.deadline}</dt>
        <dd>{view.deadline}</dd>
        <dt>{a.state}</dt>
        <dd data-testid="report-state">
          {a.states[view.state === "RETURNED" ? "DRAFT" : view.state]}
          {view.reviewInstanceId ? (
            <>
              {"　"}
              <Link href={`/admin/review/${view.reviewInstanceId}`}>{a.viewReview}</Link>
            </>
          ) : null}
          {view.resourceId ? (
            <>
              {"　"}
              <Link href={`/admin/library/${view.resourceId}`}>{a.viewResource}</Link>
            </>
          ) : null}
        </dd>
        {view.column ? (
          <>
            <dt>发布栏目</dt>
            <dd>
              {view.column.site.name} · {view.column.name}
            </dd>
          </>
        ) : null}
      </dl>

      <section aria-labelledby="balance-heading">
        <h2 id="balance-heading">{a.balance}</h2>
        {view.figures.imbalances.length ? (
          <p className="notice" role="alert" data-testid="report-balance">
            {t.balance.refused(describeImbalance(view.figures.imbalances))}
          </p>
        ) : (
          <p className="form-ok" role="status" data-testid="report-balance">
            {t.balance.ok}
          </p>
        )}
      </section>

      <section aria-labelledby="t2-heading">
        <h2 id="t2-heading">{t.sections.proactive}</h2>
        <p>
          {a.source}（{a.computed}）：{t.sources.docIssued("规章、行政规范性文件")}；
          {t.sources.docRepealed("规章、行政规范性文件")}；{t.sources.docCurrent("规章、行政规范性文件")}。
        </p>
        <PlainDataTable table={docs!} label={t.table2.groups.item1} />
        <p>
          {a.source}：{t.sources.entered}
        </p>
        <PlainDataTable table={decisions!} label={`${t.table2.groups.item5}、${t.table2.groups.item6}`} />
        <PlainDataTable table={fees!} label={t.table2.groups.item8} />
      </section>

      <section aria-labelledby="t3-heading">
        <h2 id="t3-heading">{t.sections.requests}</h2>
        <p>
          {a.source}（{a.computed}）：{t.sources.requests}。{t.table3.corner}。
        </p>
        <PlainDataTable table={requestTable(content)} label={t.sections.requests} />
        <h3 id="overrides-heading">{a.overrides}</h3>
        {view.figures.overrides.length ? (
          <ul data-testid="report-overrides" aria-labelledby="overrides-heading">
            {view.figures.overrides.map((override) => (
              <li key={override.key}>
                {a.overridden(
                  table3CellLabel(override.row, override.column),
                  override.computed,
                  override.value,
                  override.byName,
                  formatDateTime(new Date(override.at)),
                  override.reason,
                )}
              </li>
            ))}
          </ul>
        ) : (
          <p data-testid="report-overrides">{a.noOverrides}</p>
        )}
        {editable ? (
          <ActionForm action={overrideRequestCellAction} submitLabel={a.saveOverride}>
            {hidden}
            <p>{a.overrideHint}</p>
            <Field
              name="row"
              label={a.overrideRow}
              type="select"
              options={TABLE3_ROWS.map((row) => ({ value: row, label: table3RowLabel(row) }))}
            />
            <Field
              name="column"
              label={a.overrideColumn}
              type="select"
              options={APPLICANT_COLUMNS.map((column) => ({ value: column, label: t.table3.columns[column] }))}
            />
            <Field name="value" id="override-value" label={a.overrideValue} />
            <Field name="reason" id="override-reason" label={a.overrideReason} type="textarea" />
          </ActionForm>
        ) : null}
      </section>

      <section aria-labelledby="t4-heading">
        <h2 id="t4-heading">{t.sections.remedies}</h2>
        <p>
          {a.source}：{t.sources.entered}；{t.table4.outcomes.total}：{t.sources.total}。
        </p>
        <PlainDataTable table={remedyPlainTable(content)} label={t.sections.remedies} />
      </section>

      <section aria-labelledby="fees-heading">
        <h2 id="fees-heading">
          {t.sections.other}：{t.fees.title}
        </h2>
        <p>
          {a.source}（{a.computed}）：{t.fees.source}。
        </p>
        <p data-testid="report-fees">{feeSummary(content)}</p>
        <PlainDataTable table={feeTable(content)} label={t.fees.title} />
      </section>

      <section aria-labelledby="entries-heading">
        <h2 id="entries-heading">{a.enter}</h2>
        {view.missing.length ? (
          <p className="notice">
            {t.sources.notEntered}：{view.missing.map(entryLabel).join("、")}
          </p>
        ) : null}
        {entered.length ? (
          <ul data-testid="report-entries">
            {entered.map(({ key, entry }) => (
              <li key={key}>
                {entryLabel(key)} = {entry.value}（
                {a.enteredBy(entry.byName, formatDateTime(new Date(entry.at)), entry.reason)}）
              </li>
            ))}
          </ul>
        ) : null}
        {editable ? (
          <ActionForm action={saveReportEntryAction} submitLabel={a.saveEntry}>
            {hidden}
            <Field
              name="key"
              label="单元格"
              type="select"
              options={ENTRY_KEYS.map((key) => ({ value: key, label: entryLabel(key) }))}
            />
            <Field name="value" label={a.value} />
            <Field name="reason" label={a.reason} type="textarea" />
          </ActionForm>
        ) : null}
      </section>

      <section aria-labelledby="texts-heading">
        <h2 id="texts-heading">{a.texts}</h2>
        {editable ? (
          <ActionForm action={saveReportTextsAction} submitLabel={a.saveTexts}>
            {hidden}
            <Field name="overview" label={a.overview} type="textarea" defaultValue={view.overview} />
            <Field name="problems" label={a.problems} type="textarea" defaultValue={view.problems} />
            <Field name="otherMatters" label={a.other} type="textarea" defaultValue={view.otherMatters} />
          </ActionForm>
        ) : (
          <dl className="facts">
            <dt>{a.overview}</dt>
            <dd>{view.overview || "—"}</dd>
            <dt>{a.problems}</dt>
            <dd>{view.problems || "—"}</dd>
            <dt>{a.other}</dt>
            <dd>{view.otherMatters || "—"}</dd>
          </dl>
        )}
      </section>

      <section aria-labelledby="draft-heading">
        <h2 id="draft-heading">{a.draft}</h2>
        <p>{a.draftHint}</p>
        {editable ? (
          <ActionForm action={draftReportAction} submitLabel={a.draft}>
            {hidden}
          </ActionForm>
        ) : null}
        <p className="inline-form">
          <a className="button-inline" href={exportHref("docx")} download>
            {a.exportDocx}
          </a>
          <a className="button-inline" href={exportHref("xlsx")} download>
            {a.exportXlsx}
          </a>
        </p>
      </section>
    </>
  );
}

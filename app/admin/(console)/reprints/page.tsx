// GET /admin/reprints?siteId=&sourceId=&state= – 待转载: upper-level items to reprint within the hour, most urgent first.
import Link from "next/link";
import { firstParam, orPageError, type PageSearchParams, requireActor } from "../guard";
import { listReprintQueue } from "@/lib/reports/reprint/queue";
import { can } from "@/lib/auth/permissions";
import { formatDateTime } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";
import { DataTable } from "@/components/ui/data-table";
import { ActionForm, Field } from "@/components/admin/action-form";
import { FilterSelect, namedOptions, optionsOf } from "@/components/admin/filter-fields";
import { SiteSettingForms } from "@/components/admin/site-setting-forms";
import { ignoreReprintAction, setReprintColumnAction, takeReprintAction } from "./actions";

const t = messages.reprint;
type Props = { searchParams: PageSearchParams };

export default async function ReprintQueuePage({ searchParams }: Props) {
  const actor = await requireActor();
  const params = await searchParams;
  const filter = {
    siteId: firstParam(params.siteId),
    sourceId: firstParam(params.sourceId),
    state: firstParam(params.state),
  };
  const queue = await orPageError(listReprintQueue(actor, filter));
  const mayManageSources = await can(actor, "reprint.source.manage", "platform");
  const { figures } = queue;
  return (
    <>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      {mayManageSources ? (
        <p>
          <Link href="/admin/reprints/sources">{t.sources.title}</Link>
        </p>
      ) : null}
      <form method="get" className="inline-form" aria-label="筛选待转载信息">
        <FilterSelect
          name="siteId"
          label={t.fields.site}
          value={queue.filter.siteId}
          allLabel={t.filters.all}
          options={namedOptions(queue.sites)}
        />
        <FilterSelect
          name="sourceId"
          label={t.fields.source}
          value={queue.filter.sourceId}
          allLabel={t.filters.all}
          options={namedOptions(queue.sources)}
        />
        <FilterSelect
          name="state"
          label={t.fields.state}
          value={queue.filter.state}
          allLabel={t.filters.all}
          options={optionsOf(t.states)}
        />
        <button type="submit" className="button-inline">
          {t.filters.query}
        </button>
      </form>
      <h2>{t.figures.heading}</h2>
      <DataTable
        rows={
          [
            [t.figures.waiting, figures.waiting],
            [t.figures.pastHour, figures.pastHour],
            [t.figures.pastDeadline, figures.pastDeadline],
            [t.figures.onTime, figures.onTime],
            [t.figures.late, figures.late],
            [t.figures.ignored, figures.ignored],
          ] as [string, number][]
        }
        rowKey={([label]) => label}
        label={t.figures.heading}
        columns={[
          { header: "项目", cell: ([label]) => label, isRowHeader: true },
          { header: "条数", cell: ([, count]) => count, align: "end" },
        ]}
      />
      <h2>{t.title}</h2>
      <DataTable
        rows={queue.rows}
        rowKey={(row) => row.id}
        label={t.title}
        empty={t.none}
        columns={[
          {
            header: t.fields.title,
            isRowHeader: true,
            cell: (row) => (
              <>
                {row.title}
                {row.link ? (
                  <>
                    {" "}
                    <a href={row.link} target="_blank" rel="noreferrer noopener">
                      {t.original}
                    </a>
                  </>
                ) : null}
              </>
            ),
          },
          { header: t.fields.source, cell: (row) => row.sourceName },
          { header: t.fields.site, cell: (row) => row.siteName },
          {
            header: t.fields.originDate,
            cell: (row) => (row.originPublishedAt ? formatDateTime(row.originPublishedAt) : "—"),
          },
          {
            header: t.fields.dueAt,
            cell: (row) => (
              <>
                {formatDateTime(row.dueAt)}
                <br />
                <small>
                  {t.fields.deadlineAt} {formatDateTime(row.deadlineAt)}
                </small>
              </>
            ),
          },
          {
            header: t.fields.state,
            cell: (row) => (
              <>
                {t.states[row.state]}（{t.clockStates[row.standing === "IGNORED" ? "WAITING" : row.standing]}）
                {row.remaining ? (
                  <>
                    <br />
                    <strong className={row.remaining.startsWith("已超时") ? "form-error" : undefined}>
                      {row.remaining}
                    </strong>
                  </>
                ) : null}
              </>
            ),
          },
          {
            header: "操作",
            cell: (row) =>
              row.state === "PENDING" ? (
                <>
                  <ActionForm action={takeReprintAction} submitLabel={t.take} className="inline-form">
                    <input type="hidden" name="itemId" value={row.id} />
                    <input type="hidden" name="version" value={row.version} />
                  </ActionForm>
                  <ActionForm action={ignoreReprintAction} submitLabel={t.ignore} className="inline-form">
                    <input type="hidden" name="itemId" value={row.id} />
                    <input type="hidden" name="version" value={row.version} />
                    <Field name="reason" id={`reason-${row.id}`} label={t.ignoreReasonLabel} />
                  </ActionForm>
                </>
              ) : row.state === "TAKEN" ? (
                <>
                  {t.fields.takenAt} {row.takenAt ? formatDateTime(row.takenAt) : "—"}（{row.takenBy}）
                  <br />
                  {t.fields.publishedAt} {row.publishedAt ? formatDateTime(row.publishedAt) : "审核中"}
                  {row.resourceId ? (
                    <>
                      <br />
                      <Link href={`/admin/library/${row.resourceId}`}>{t.openResource}</Link>
                    </>
                  ) : null}
                </>
              ) : (
                <>
                  {t.fields.reason}：{row.ignoreReason}
                </>
              ),
          },
        ]}
      />
      <SiteSettingForms
        heading={t.columnSetting.heading}
        sites={queue.sites}
        action={setReprintColumnAction}
        submitLabel={t.columnSetting.save}
        name="columnId"
        idPrefix="column"
        label={t.fields.column}
        value={(site) => site.reprintColumnId ?? ""}
        options={(site) => namedOptions(site.columns)}
      />
    </>
  );
}

// GET /admin/statistics/quotas?month= – 报送任务: each unit's monthly quota at each receiving site, this month's submissions and adoptions (chart and table), and the quota settings.
import Link from "next/link";
import { firstParam, orPageError, type PageSearchParams, requireActor } from "../../guard";
import { getQuotaProgress, type QuotaRow } from "@/lib/statistics/quotas";
import { messages } from "@/lib/i18n/zh-CN";
import { DataTable } from "@/components/ui/data-table";
import { ActionForm, Field } from "@/components/admin/action-form";
import { setQuotaAction } from "./actions";

export const dynamic = "force-dynamic";

const t = messages.statistics;
const q = t.quotas;
type Props = { searchParams: PageSearchParams };

function Progress({ row }: { row: QuotaRow }) {
  const percent = row.quota ? Math.min(100, Math.round((row.submitted / row.quota) * 100)) : 100;
  return (
    <>
      <progress className="quota-progress" max={100} value={percent} aria-hidden="true" /> {percent}%
    </>
  );
}

export default async function QuotasPage({ searchParams }: Props) {
  const actor = await requireActor();
  const params = await searchParams;
  const view = await orPageError(getQuotaProgress(actor, { month: firstParam(params.month) }));
  return (
    <>
      <nav className="breadcrumb" aria-label="当前位置">
        <Link href="/admin">工作台</Link> › <Link href="/admin/statistics">{t.title}</Link> › {q.title}
      </nav>
      <h1>{q.title}</h1>
      <p>{q.intro}</p>
      <p>{q.defaults}</p>
      <p>{q.reminderWindow(view.reminderFrom)}</p>
      <p>
        <Link href="/admin/statistics/ranking">{t.ranking.title}</Link>
      </p>
      <form method="get" className="inline-form" aria-label="选择月份">
        <label>
          {q.month} <input type="month" name="month" defaultValue={view.month} required />
        </label>{" "}
        <button type="submit" className="button-inline">
          {t.filters.query}
        </button>
      </form>
      {view.sites.length === 0 ? <p>{q.noSites}</p> : null}
      {view.sites.map(({ site, rows, mayManage }) => (
        <section key={site.id} aria-labelledby={`quota-${site.id}`}>
          <h2 id={`quota-${site.id}`}>
            {q.site}：{site.name}（{view.month}）
          </h2>
          {rows.length ? (
            <img
              className="oversight-chart"
              src={`/admin/statistics/quotas/chart/${site.id}?month=${view.month}`}
              alt={q.chartAlt(site.name)}
              width={720}
              height={Math.max(200, 70 + rows.length * 54)}
            />
          ) : null}
          <DataTable
            rows={rows}
            rowKey={(row) => row.unitId}
            caption={`${site.name} ${view.month} ${q.title}`}
            empty={q.none}
            columns={[
              { header: q.unit, cell: (row) => row.unitName, isRowHeader: true },
              {
                header: q.quota,
                cell: (row) => `${row.quota}（${row.isDefault ? q.defaultQuota : q.customQuota}）`,
                align: "end",
              },
              { header: q.submitted, cell: (row) => row.submitted, align: "end" },
              { header: q.adopted, cell: (row) => row.adopted, align: "end" },
              { header: q.progress, cell: (row) => <Progress row={row} /> },
              { header: q.remaining, cell: (row) => row.remaining, align: "end" },
              {
                header: q.status,
                cell: (row) => (
                  <span className={row.met ? "light light-ok" : "light light-warn"}>{row.met ? q.met : q.below}</span>
                ),
              },
            ]}
          />
          {mayManage && rows.length ? (
            <>
              <h3>{q.set.heading}</h3>
              <ActionForm action={setQuotaAction} submitLabel={q.set.submit} className="inline-form">
                <input type="hidden" name="siteId" value={site.id} />
                <Field
                  name="orgId"
                  id={`quota-unit-${site.id}`}
                  label={q.set.unit}
                  type="select"
                  options={rows.map((row) => ({ value: row.unitId, label: row.unitName }))}
                />
                <Field
                  name="monthly"
                  id={`quota-monthly-${site.id}`}
                  label={q.set.monthly}
                  type="number"
                  defaultValue={rows[0]?.quota}
                  required
                />
              </ActionForm>
            </>
          ) : null}
        </section>
      ))}
      <h2>{t.definitionsHeading}</h2>
      <p>{q.definition}</p>
    </>
  );
}

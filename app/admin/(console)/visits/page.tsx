// GET /admin/visits?siteId=&from=&to= – 访问统计: page views and unique visitors per day (chart and
// table), the top pages, search terms and referring sites of one site over a period.
import Link from "next/link";
import { FilterDate, SiteSelect } from "@/components/admin/filter-fields";
import { orPageError, requireActor } from "../guard";
import { getVisitReport, readablePath, type VisitTopRow } from "@/lib/visits/report";
import { messages } from "@/lib/i18n/zh-CN";
import { DataTable } from "@/components/ui/data-table";

export const dynamic = "force-dynamic";

const t = messages.visits;
type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

function TopTable({
  rows,
  labels,
  show = (key) => key,
}: {
  rows: VisitTopRow[];
  labels: { heading: string; key: string; count: string };
  show?: (key: string) => string;
}) {
  return (
    <DataTable
      rows={rows.map((row, index) => ({ ...row, rank: index + 1 }))}
      rowKey={(row) => row.key}
      caption={labels.heading}
      empty={t.none}
      columns={[
        { header: t.rank, cell: (row) => row.rank, align: "end" },
        { header: labels.key, cell: (row) => show(row.key), isRowHeader: true },
        { header: labels.count, cell: (row) => row.count, align: "end" },
      ]}
    />
  );
}

export default async function VisitsPage({ searchParams }: Props) {
  const actor = await requireActor();
  const params = await searchParams;
  const filter = { siteId: first(params.siteId), from: first(params.from), to: first(params.to) };
  const report = await orPageError(getVisitReport(actor, filter));
  const query = new URLSearchParams({ siteId: report.site.id, from: report.period.from, to: report.period.to });
  return (
    <>
      <nav className="breadcrumb" aria-label="当前位置">
        <Link href="/admin">工作台</Link> › {t.title}
      </nav>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <form method="get" className="inline-form" aria-label="筛选访问统计">
        <SiteSelect label={t.filters.site} value={report.site.id} sites={report.sites} />
        <FilterDate name="from" label={t.filters.from} value={report.period.from} />
        <FilterDate name="to" label={t.filters.to} value={report.period.to} />
        <button type="submit" className="button-inline">
          {t.filters.query}
        </button>
      </form>
      <p>
        <a href={`/admin/visits/export?${query}&format=xlsx`}>{t.export.xlsx}</a>
        {" · "}
        <a href={`/admin/visits/export?${query}&format=csv`}>{t.export.csv}</a>
      </p>
      <h2>{t.totals.heading}</h2>
      <DataTable
        rows={
          [
            [t.totals.pageViews, report.totals.pageViews],
            [t.totals.uniqueVisitors, report.totals.uniqueVisitors],
          ] as [string, number][]
        }
        rowKey={([label]) => label}
        label={t.totals.heading}
        columns={[
          { header: "项目", cell: ([label]) => label, isRowHeader: true },
          { header: "数量", cell: ([, count]) => count, align: "end" },
        ]}
      />
      <section aria-labelledby="visits-daily">
        <h2 id="visits-daily">{t.daily.heading}</h2>
        <img
          className="oversight-chart"
          src={`/admin/visits/chart?${query}`}
          alt={t.chartAlt(report.period.from, report.period.to)}
          width={720}
          height={300}
        />
        <DataTable
          rows={[...report.daily].reverse()}
          rowKey={(row) => row.day}
          caption={t.daily.heading}
          columns={[
            { header: t.daily.day, cell: (row) => row.day, isRowHeader: true },
            { header: t.daily.pageViews, cell: (row) => row.pageViews, align: "end" },
            { header: t.daily.uniqueVisitors, cell: (row) => row.uniqueVisitors, align: "end" },
          ]}
        />
      </section>
      <TopTable rows={report.topPages} labels={t.topPages} show={readablePath} />
      <TopTable rows={report.topTerms} labels={t.topTerms} />
      <TopTable rows={report.topReferrers} labels={t.topReferrers} />
    </>
  );
}

// GET /admin/oversight – 监管总览: every site and account the actor answers for (the whole platform
// for the supervising unit, their own for a site administrator) with its light, latest score,
// open findings and tickets, and the quarterly trend as a chart and as a table.
import Link from "next/link";
import { orPageError, requireActor } from "../guard";
import { getSupervisionOverview, type OverviewRow } from "@/lib/supervision/overview";
import { formatDateTime } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";
import { DataTable } from "@/components/ui/data-table";
import { StatusLight } from "@/components/admin/status-light";

export const dynamic = "force-dynamic";

const m = messages.supervisionScores;
const o = m.overview;

function SubjectTable({ rows, label }: { rows: OverviewRow[]; label: string }) {
  return (
    <DataTable
      rows={rows}
      rowKey={(row) => row.id}
      caption={label}
      empty={o.none}
      columns={[
        {
          header: m.inspection.name,
          cell: (row) => <Link href={`/admin/oversight/${row.kind}/${row.id}`}>{row.name}</Link>,
        },
        { header: m.inspection.unit, cell: (row) => row.orgName },
        { header: o.status, cell: (row) => <StatusLight status={row.light} /> },
        { header: o.lastChecked, cell: (row) => (row.lastCheckedAt ? formatDateTime(row.lastCheckedAt) : "—") },
        {
          header: o.latestScore,
          cell: (row) =>
            row.passed === null ? (
              "—"
            ) : row.passed ? (
              (row.score ?? "—")
            ) : (
              <span className="light-fail">{m.inspection.fail}</span>
            ),
        },
        { header: m.inspection.rank, cell: (row) => row.rank ?? "—" },
        { header: o.openFindings, cell: (row) => row.openFindings },
        { header: o.openTickets, cell: (row) => row.openTickets },
      ]}
    />
  );
}

export default async function OversightPage() {
  const actor = await requireActor();
  const view = await orPageError(getSupervisionOverview(actor));
  return (
    <>
      <nav className="breadcrumb" aria-label="当前位置">
        <Link href="/admin">工作台</Link> › {o.title}
      </nav>
      <h1>{o.title}</h1>
      <p>
        {view.platform ? o.scope.platform : o.scope.own}
        {view.latestPeriod ? `（${m.inspection.title}：${view.latestPeriod}）` : null}
      </p>
      {view.platform ? (
        <p>
          <Link href="/admin/oversight/inspections">{m.inspection.title}</Link> ·{" "}
          <Link href="/admin/oversight/framework">{m.framework.title}</Link>
        </p>
      ) : null}
      <section aria-labelledby="oversight-trend">
        <h2 id="oversight-trend">{o.trends}</h2>
        {view.trend.length ? (
          <>
            <img className="oversight-chart" src="/admin/oversight/trend" alt={o.trendsAlt} width={640} height={300} />
            <DataTable
              rows={view.trend}
              rowKey={(point) => point.period}
              caption={o.trendsAlt}
              columns={[
                { header: o.quarter, cell: (point) => point.period },
                { header: o.averageScore, cell: (point) => point.average ?? "—" },
                { header: o.failures, cell: (point) => point.failures },
                { header: m.inspection.checked, cell: (point) => point.checked },
              ]}
            />
          </>
        ) : (
          <p>{m.inspection.none}</p>
        )}
      </section>
      <SubjectTable rows={view.sites} label={m.targets.WEBSITE} />
      <SubjectTable rows={view.accounts} label={m.targets.NEW_MEDIA} />
    </>
  );
}

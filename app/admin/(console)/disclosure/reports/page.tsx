// GET /admin/disclosure/reports – 政府信息公开工作年度报告: the reports of the units the actor works for, this year's and last year's.
import Link from "next/link";
import { orPageError, requireActor } from "../../guard";
import { listReports } from "@/lib/disclosure/report-view";
import { messages } from "@/lib/i18n/zh-CN";
import { DataTable } from "@/components/ui/data-table";

const a = messages.disclosureReport.admin;

export default async function DisclosureReportsPage() {
  const actor = await requireActor();
  const rows = await orPageError(listReports(actor));
  return (
    <>
      <p className="breadcrumb">
        {a.breadcrumb} &gt; {a.title}
      </p>
      <h1>{a.title}</h1>
      <DataTable
        rows={rows}
        rowKey={(row) => `${row.orgId}-${row.year}`}
        label={a.title}
        empty={a.empty}
        columns={[
          { header: a.unit, cell: (row) => row.unitName, isRowHeader: true },
          { header: a.year, cell: (row) => `${row.year} 年` },
          { header: a.deadline, cell: (row) => row.deadline },
          { header: a.state, cell: (row) => a.states[row.state === "RETURNED" ? "DRAFT" : row.state] },
          {
            header: a.open,
            cell: (row) => (
              <Link href={`/admin/disclosure/reports/${row.orgId}/${row.year}`}>
                {row.unitName}
                {row.year}年报
              </Link>
            ),
          },
        ]}
      />
    </>
  );
}

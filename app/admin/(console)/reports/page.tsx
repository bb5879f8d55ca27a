// GET /admin/reports – 网站工作报表: the 政府网站工作年度报表, monthly work reports and 监管年度报表 the actor may see, with status and deadline.
import Link from "next/link";
import { orPageError, requireActor } from "../guard";
import { listSiteReports, STATE_LABELS } from "@/lib/reports/website-annual/view";
import { messages } from "@/lib/i18n/zh-CN";
import { DataTable } from "@/components/ui/data-table";

const t = messages.siteReports;

export default async function SiteReportsPage() {
  const actor = await requireActor();
  const rows = await orPageError(listSiteReports(actor));
  return (
    <>
      <p className="breadcrumb">
        {t.breadcrumb} &gt; {t.title}
      </p>
      <h1>{t.title}</h1>
      <DataTable
        rows={rows}
        rowKey={(row) => row.href}
        label={t.title}
        empty={t.empty}
        columns={[
          { header: t.columns.subject, cell: (row) => row.subjectName, isRowHeader: true },
          { header: t.columns.report, cell: (row) => <Link href={row.href}>{row.title}</Link> },
          { header: t.columns.period, cell: (row) => row.period },
          {
            header: t.columns.deadline,
            cell: (row) => (
              <>
                {row.deadline}
                {row.overdue ? <strong className="form-error">（{t.overdue}）</strong> : null}
              </>
            ),
          },
          { header: t.columns.state, cell: (row) => STATE_LABELS[row.state] },
        ]}
      />
    </>
  );
}

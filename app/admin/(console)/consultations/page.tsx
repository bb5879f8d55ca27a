// GET /admin/consultations – 征集调查: the consultations and surveys of the sites the actor works for.
import Link from "next/link";
import { orPageError, requireActor } from "../guard";
import { listConsultations } from "@/lib/interaction/consult/admin-consultations";
import { getQuotaOverview } from "@/lib/interaction/consult/quota";
import { DomainError } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";
import { DataTable } from "@/components/ui/data-table";

const c = messages.consult;
const a = c.admin;

export default async function ConsultationsAdminPage() {
  const actor = await requireActor();
  const { rows, canCreate } = await orPageError(listConsultations(actor));
  // Site administrators and the supervising unit see the yearly count here too, with the Q4 warning.
  const quota = await getQuotaOverview(actor).catch((error: unknown) => {
    if (error instanceof DomainError && error.code === "FORBIDDEN") return null;
    throw error;
  });
  return (
    <>
      <h1>{a.title}</h1>
      <p>{a.intro}</p>
      {quota?.rows
        .filter((row) => row.warning)
        .map((row) => (
          <p key={row.siteId} className="notice" role="alert">
            {a.quotaWarning(row.siteName, row.done, row.quota)}
          </p>
        ))}
      {quota ? <p>{a.quotaSummary(quota.year, quota.rows)}</p> : null}
      <p className="inline-form">
        {canCreate ? (
          <Link className="button-inline" href="/admin/consultations/new">
            {a.create}
          </Link>
        ) : null}
        <Link href="/admin/consultations/quota">{a.quota}</Link>
      </p>
      <DataTable
        rows={rows}
        rowKey={(row) => row.id}
        label={a.title}
        empty={a.none}
        columns={[
          { header: a.columns.title, cell: (row) => <Link href={`/admin/consultations/${row.id}`}>{row.title}</Link> },
          { header: a.columns.kind, cell: (row) => c.kinds[row.kind] },
          { header: a.columns.site, cell: (row) => row.siteName },
          {
            header: a.columns.period,
            cell: (row) => `${formatDateTime(row.opensAt)} 至 ${formatDateTime(row.closesAt)}`,
          },
          { header: a.columns.phase, cell: (row) => c.phases[row.phase] },
          { header: a.columns.responses, cell: (row) => row.responses },
          { header: a.columns.comments, cell: (row) => row.pendingComments },
        ]}
      />
    </>
  );
}

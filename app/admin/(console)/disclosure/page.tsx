// GET /admin/disclosure – 依申请公开: the requests to the units of the actor's disclosure office.
import Link from "next/link";
import { orPageError, requireActor } from "../guard";
import { listRequests } from "@/lib/disclosure/staff-views";
import { formatDateTime } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";
import { DataTable } from "@/components/ui/data-table";

const d = messages.disclosure;

export default async function DisclosurePage() {
  const actor = await requireActor();
  const rows = await orPageError(listRequests(actor));
  return (
    <>
      <h1>{d.admin.list}</h1>
      <DataTable
        rows={rows}
        rowKey={(row) => row.id}
        label={d.admin.list}
        empty={d.admin.empty}
        columns={[
          {
            header: d.fields.trackingCode,
            cell: (row) => <Link href={`/admin/disclosure/${row.id}`}>{row.trackingCode}</Link>,
          },
          { header: d.fields.infoTitle, cell: (row) => row.infoTitle },
          {
            header: d.fields.applicantName,
            cell: (row) => `${row.applicantName}（${d.applicantTypes[row.applicantType]}）`,
          },
          { header: d.fields.unit, cell: (row) => row.unit.name },
          { header: d.fields.receiptChannel, cell: (row) => d.channels[row.receiptChannel] },
          { header: d.fields.receivedAt, cell: (row) => formatDateTime(row.receivedAt) },
          {
            header: d.fields.dueAt,
            cell: (row) =>
              row.isOpen ? `${formatDateTime(row.dueAt)}${row.isOverdue ? `（${d.admin.overdue}）` : ""}` : "—",
          },
          { header: d.fields.state, cell: (row) => d.states[row.state] },
        ]}
      />
    </>
  );
}

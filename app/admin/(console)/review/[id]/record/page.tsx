// GET /admin/review/:id/record – 审核发布责任记录: who signed each stage and check, when, on
// which revision, and any overrides; exportable as XLSX.
import Link from "next/link";
import { orPageError, requireActor } from "../../../guard";
import { getAccountabilityRecord } from "@/lib/review/accountability";
import { formatDateTime } from "@/lib/format";
import { DataTable } from "@/components/ui/data-table";

export default async function AccountabilityRecordPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const { id } = await params;
  const record = await orPageError(getAccountabilityRecord(actor, id));
  return (
    <>
      <p className="breadcrumb">
        <Link href={`/admin/review/${record.instanceId}`}>审核详情</Link>
      </p>
      <h1>审核发布责任记录</h1>
      <p>
        《{record.title}》　所属单位：{record.unit}　索引号：{record.indexNumber ?? "—"}
        <br />
        审核流程：{record.workflow}　状态：{record.status}　
        <a href={`/admin/review/${record.instanceId}/record/export`}>导出 Excel</a>
      </p>
      <DataTable
        rows={record.rows}
        rowKey={(_row, index) => index}
        label="审核责任记录"
        columns={[
          { header: "时间", cell: (row) => formatDateTime(row.at) },
          { header: "环节", cell: (row) => row.step },
          { header: "审核关口", cell: (row) => row.check },
          { header: "签署人", cell: (row) => row.person },
          { header: "身份", cell: (row) => row.role },
          { header: "意见", cell: (row) => row.decision },
          { header: "理由或说明", cell: (row) => row.reason },
          {
            header: "版本与内容指纹",
            cellTitle: (row) => row.contentHash,
            cell: (row) => `第 ${row.revision} 版 ${row.contentHash.slice(0, 12)}…`,
          },
        ]}
      />
    </>
  );
}

// GET /admin/review/:id/record – 审核发布责任记录: who signed each stage and check, when, on
// which revision, and any overrides; exportable as XLSX.
import Link from "next/link";
import { orPageError, requireActor } from "../../../guard";
import { getAccountabilityRecord } from "@/lib/review/accountability";
import { formatDateTime } from "@/lib/format";

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
        审核流程：{record.workflow}　状态：{record.status}　<a href={`/admin/review/${record.instanceId}/record/export`}>导出 Excel</a>
      </p>
      <table className="simple">
        <thead>
          <tr>
            <th scope="col">时间</th>
            <th scope="col">环节</th>
            <th scope="col">审核关口</th>
            <th scope="col">签署人</th>
            <th scope="col">身份</th>
            <th scope="col">意见</th>
            <th scope="col">理由或说明</th>
            <th scope="col">版本与内容指纹</th>
          </tr>
        </thead>
        <tbody>
          {record.rows.map((row, index) => (
            <tr key={index}>
              <td>{formatDateTime(row.at)}</td>
              <td>{row.step}</td>
              <td>{row.check}</td>
              <td>{row.person}</td>
              <td>{row.role}</td>
              <td>{row.decision}</td>
              <td>{row.reason}</td>
              <td title={row.contentHash}>
                第 {row.revision} 版 {row.contentHash.slice(0, 12)}…
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

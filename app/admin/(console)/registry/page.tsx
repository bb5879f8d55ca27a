// GET /admin/registry?orgId=&platform=&status=&q= – 政务新媒体台账: every registered account the actor may see, with filters and XLSX export.
import Link from "next/link";
import { orPageError, requireActor } from "../guard";
import { listLedger } from "@/lib/registry/list-ledger";
import { ACCOUNT_STATUSES, PLATFORMS } from "@/lib/registry/schemas";
import { formatDate } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";
import { RegistryNav } from "./registry-nav";
import { DataTable } from "@/components/ui/data-table";

const t = messages.newMedia;
type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function RegistryLedgerPage({ searchParams }: Props) {
  const actor = await requireActor();
  const query = Object.fromEntries(
    Object.entries(await searchParams).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]),
  );
  const { filter, rows, orgs } = await orPageError(listLedger(actor, query));
  const exportQuery = new URLSearchParams(
    Object.entries(filter).filter((entry): entry is [string, string] => Boolean(entry[1])),
  );
  return (
    <>
      <h1>政务新媒体台账</h1>
      <RegistryNav current="ledger" />
      <p>
        政务新媒体账号的开设、变更、关停、注销须经本单位主要负责人同意，并报主管单位审核备案（渝府办发〔2019〕64号）。一个单位在同一平台只保留一个账号；注销前须公告不少于
        15 个工作日。
      </p>
      <form method="get" action="/admin/registry" className="inline-form" role="search" aria-label="筛选台账">
        <label htmlFor="ledger-org">主办单位</label>
        <select id="ledger-org" name="orgId" defaultValue={filter.orgId ?? ""}>
          <option value="">全部</option>
          {orgs.map((org) => (
            <option key={org.id} value={org.id}>
              {org.name}
            </option>
          ))}
        </select>
        <label htmlFor="ledger-platform">平台</label>
        <select id="ledger-platform" name="platform" defaultValue={filter.platform ?? ""}>
          <option value="">全部</option>
          {PLATFORMS.map((platform) => (
            <option key={platform} value={platform}>
              {t.platforms[platform]}
            </option>
          ))}
        </select>
        <label htmlFor="ledger-status">状态</label>
        <select id="ledger-status" name="status" defaultValue={filter.status ?? ""}>
          <option value="">全部</option>
          {ACCOUNT_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t.accountStatus[status]}
            </option>
          ))}
        </select>
        <label htmlFor="ledger-q">账号名称</label>
        <input id="ledger-q" name="q" type="search" defaultValue={filter.q ?? ""} maxLength={50} />
        <button type="submit" className="button-inline">
          筛选
        </button>
      </form>
      <p>
        共 {rows.length} 个账号　<a href={`/admin/registry/export?${exportQuery.toString()}`}>导出 XLSX</a>
      </p>
      <DataTable
        rows={rows}
        rowKey={(row) => row.id}
        label="政务新媒体台账"
        columns={[
          { header: "主办单位", cell: (row) => row.unit },
          { header: "平台", cell: (row) => row.platformLabel },
          { header: "账号名称", cell: (row) => row.name },
          { header: "账号标识", cell: (row) => row.handle ?? "—" },
          { header: "运维负责人", cell: (row) => row.manager },
          { header: "联系电话", cell: (row) => row.phone },
          {
            header: "状态",
            cell: (row) => (
              <>
                {row.status === "ACTIVE" ? row.statusLabel : <span className="badge warn">{row.statusLabel}</span>}
                {row.cancelEffectiveOn ? `（${row.cancelEffectiveOn} 起注销）` : null}
              </>
            ),
          },
          { header: "开设时间", cell: (row) => formatDate(row.openedAt) },
        ]}
        empty="没有符合条件的账号。"
      />
      <p>
        <Link href="/admin/registry/new">提交开设、变更、关停或注销申请</Link>
      </p>
    </>
  );
}

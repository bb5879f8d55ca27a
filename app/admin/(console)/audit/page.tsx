// GET /admin/audit?q=&action=&actor=&from=&to=&page= – the audit administrator's viewer.
import Link from "next/link";
import { orPageError, requireActor } from "../guard";
import { listAuditEvents } from "@/lib/audit/query";
import { formatDateTime } from "@/lib/format";
import { DataTable } from "@/components/ui/data-table";

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const actor = await requireActor();
  const query = await searchParams;
  const result = await orPageError(listAuditEvents(actor, query));
  const { filter } = result;
  const params = (page: number) =>
    new URLSearchParams(
      Object.entries({ ...query, page: String(page) }).filter(([, value]) => value) as [string, string][],
    ).toString();
  return (
    <>
      <h1>审计日志</h1>
      <p>审计记录只增不改，由数据库拒绝任何修改和删除，并以哈希链防篡改；保存期限不少于 180 天（实际永久保存）。</p>
      <form className="admin-form" role="search">
        <div className="field">
          <label htmlFor="q">关键词（对象、IP、操作）</label>
          <input id="q" name="q" defaultValue={filter.q} />
        </div>
        <div className="field">
          <label htmlFor="action">操作前缀</label>
          <input id="action" name="action" defaultValue={filter.action} placeholder="如 auth.sign_in" />
        </div>
        <div className="field">
          <label htmlFor="actor">操作人用户名</label>
          <input id="actor" name="actor" defaultValue={filter.actor} />
        </div>
        <div className="field">
          <label htmlFor="from">起始日期</label>
          <input id="from" name="from" type="date" defaultValue={filter.from} />
        </div>
        <div className="field">
          <label htmlFor="to">截止日期</label>
          <input id="to" name="to" type="date" defaultValue={filter.to} />
        </div>
        <button className="button-inline" type="submit">
          查询
        </button>
        <a href={`/admin/audit/export?${params(1)}`} download>
          导出 CSV
        </a>
      </form>
      <p>共 {result.total} 条</p>
      <DataTable
        rows={result.events}
        rowKey={(event) => event.seq}
        label="审计日志"
        columns={[
          { header: "序号", cell: (event) => event.seq },
          { header: "时间", cell: (event) => formatDateTime(event.at) },
          { header: "操作人", cell: (event) => event.actor },
          { header: "角色", cell: (event) => event.role ?? "—" },
          { header: "操作", cell: (event) => event.action },
          { header: "对象", cell: (event) => event.subject },
          {
            header: "内容",
            style: { maxWidth: "24rem", overflowWrap: "anywhere", fontSize: ".85rem" },
            cell: (event) => event.data,
          },
          { header: "IP", cell: (event) => event.ip ?? "—" },
        ]}
        empty="没有符合条件的审计记录。"
      />
      <nav className="pagination" aria-label="分页">
        {filter.page > 1 ? <Link href={`/admin/audit?${params(filter.page - 1)}`}>上一页</Link> : null}
        <span>
          第 {filter.page} / {result.pageCount} 页
        </span>
        {filter.page < result.pageCount ? <Link href={`/admin/audit?${params(filter.page + 1)}`}>下一页</Link> : null}
      </nav>
    </>
  );
}

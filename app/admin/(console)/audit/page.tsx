// GET /admin/audit?category=&action=&actor=&from=&to=&q=&page=&verify= – the audit administrator's viewer.
import Link from "next/link";
import { orPageError, requireActor } from "../guard";
import { listAuditEvents } from "@/lib/audit/query";
import { auditActionChoices } from "@/lib/audit/labels";
import { checkAuditIntegrity } from "@/lib/audit/integrity";
import { formatDateTime } from "@/lib/format";
import { DataTable } from "@/components/ui/data-table";

export const dynamic = "force-dynamic";

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const actor = await requireActor();
  const query = await searchParams;
  const result = await orPageError(listAuditEvents(actor, query));
  const integrity = query.verify === "1" ? await orPageError(checkAuditIntegrity(actor)) : null;
  const { filter } = result;
  const choices = auditActionChoices();
  const params = (page: number) =>
    new URLSearchParams(
      Object.entries({ ...query, verify: "", page: String(page) }).filter(([, value]) => value) as [string, string][],
    ).toString();
  return (
    <>
      <h1>审计日志</h1>
      <p>
        记录每一位用户的登录、操作和设置变更。审计记录只增不改，数据库拒绝任何修改和删除；保存期限不少于 180
        天（实际永久保存）。
      </p>
      <section className="card" aria-labelledby="integrity-title" style={{ marginBottom: "1rem" }}>
        <h2 id="integrity-title">完整性校验</h2>
        <p>
          每条记录都带有由它的内容和前一条记录算出的校验值（哈希链），任何一条被修改、删除或插入，校验都会发现并指出是第几条。
        </p>
        {integrity ? (
          <>
            <p role="status" className={integrity.intact ? "form-ok" : "form-error"}>
              {integrity.summary}
            </p>
            {integrity.problems.length ? (
              <ul>
                {integrity.problems.map((problem) => (
                  <li key={problem}>{problem}</li>
                ))}
              </ul>
            ) : null}
            {integrity.warnings.map((warning) => (
              <p key={warning} className="secondary">
                提示：{warning}
              </p>
            ))}
          </>
        ) : null}
        <form role="search" aria-label="完整性校验">
          <input type="hidden" name="verify" value="1" />
          <button className="button-inline" type="submit">
            {integrity ? "重新校验" : "立即校验"}
          </button>
        </form>
      </section>
      <form className="admin-form" role="search" aria-label="筛选审计记录">
        <div className="field">
          <label htmlFor="category">操作类别</label>
          <select id="category" name="category" defaultValue={filter.category ?? ""}>
            <option value="">全部类别</option>
            {choices.map((choice) => (
              <option key={choice.category} value={choice.category}>
                {choice.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="action">具体操作</label>
          <select id="action" name="action" defaultValue={filter.action ?? ""}>
            <option value="">全部操作</option>
            {choices.map((choice) => (
              <optgroup key={choice.category} label={choice.label}>
                {choice.actions.map((action) => (
                  <option key={action.code} value={action.code}>
                    {action.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="actor">操作人（姓名或用户名）</label>
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
        <div className="field">
          <label htmlFor="q">关键词（对象、IP 地址）</label>
          <input id="q" name="q" defaultValue={filter.q} />
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
          {
            header: "操作人",
            cell: (event) =>
              event.actor ? (
                <>
                  {event.actor.name}
                  <br />
                  <small className="secondary login-name">{event.actor.username}</small>
                </>
              ) : (
                "系统"
              ),
          },
          { header: "角色", cell: (event) => event.role ?? "—" },
          {
            header: "操作",
            cell: (event) => (
              <>
                {event.actionLabel}
                <br />
                <small className="secondary">{event.categoryLabel}</small>
              </>
            ),
          },
          {
            header: "对象",
            cell: (event) =>
              event.subject ? (
                <>
                  <small className="secondary">{event.subject.kind}</small>{" "}
                  {event.subject.href ? (
                    <Link href={event.subject.href}>{event.subject.name}</Link>
                  ) : (
                    event.subject.name
                  )}
                  {event.subject.loginName ? (
                    <small className="secondary login-name"> {event.subject.loginName}</small>
                  ) : null}
                </>
              ) : (
                "—"
              ),
          },
          {
            header: "内容",
            style: { maxWidth: "20rem" },
            cell: (event) => (
              <>
                {event.summary}
                <br />
                <Link href={`/admin/audit/${event.seq}`} aria-label={`查看第 ${event.seq} 条记录的详情`}>
                  查看详情
                </Link>
              </>
            ),
          },
          { header: "IP 地址", cell: (event) => event.ip ?? "—" },
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

// GET /admin/audit/:seq – one audit record: who, what, on what, the content as a before/after table.
import Link from "next/link";
import { orPageError, requireActor } from "../../guard";
import { getAuditEvent } from "@/lib/audit/query";
import { formatDateTime } from "@/lib/format";
import { DataTable } from "@/components/ui/data-table";
import type { AuditDetailRow } from "@/lib/audit/labels";

export default async function AuditEventPage({ params }: { params: Promise<{ seq: string }> }) {
  const actor = await requireActor();
  const { seq } = await params;
  const event = await orPageError(getAuditEvent(actor, seq));
  const { detail } = event;
  const fieldsTable = (rows: AuditDetailRow[], label: string) => (
    <DataTable
      rows={rows}
      rowKey={(row) => row.field}
      label={label}
      columns={[
        { header: "项目", isRowHeader: true, cell: (row) => row.label },
        { header: "内容", cell: (row) => row.value },
      ]}
      empty="没有记录其他内容。"
    />
  );
  return (
    <>
      <p className="breadcrumb">
        <Link href="/admin/audit">审计日志</Link> &gt; 第 {event.seq} 条
      </p>
      <h1>{event.actionLabel}</h1>
      <dl className="meta-list">
        <dt>时间</dt>
        <dd>{formatDateTime(event.at)}</dd>
        <dt>操作人</dt>
        <dd>
          {event.actor ? (
            <>
              {event.actor.name} <small className="secondary login-name">{event.actor.username}</small>
            </>
          ) : (
            "系统"
          )}
          {event.role ? `（${event.role}）` : null}
        </dd>
        <dt>操作类别</dt>
        <dd>{event.categoryLabel}</dd>
        <dt>对象</dt>
        <dd>
          {event.subject ? (
            <>
              {event.subject.kind}{" "}
              {event.subject.href ? <Link href={event.subject.href}>{event.subject.name}</Link> : event.subject.name}
              {event.subject.loginName ? (
                <small className="secondary login-name"> {event.subject.loginName}</small>
              ) : null}
            </>
          ) : (
            "—"
          )}
        </dd>
        <dt>IP 地址</dt>
        <dd>{event.ip ?? "—"}</dd>
      </dl>
      {detail.kind === "change" ? (
        <>
          <h2>修改前后对照</h2>
          <DataTable
            rows={detail.rows}
            rowKey={(row) => row.field}
            label="修改前后对照"
            columns={[
              { header: "项目", isRowHeader: true, cell: (row) => row.label },
              { header: "修改前", cell: (row) => row.before },
              {
                header: "修改后",
                cell: (row) => (row.after !== row.before ? <strong>{row.after}</strong> : row.after),
              },
            ]}
            empty="没有字段变化。"
          />
          {detail.other.length ? (
            <>
              <h2>其他记录内容</h2>
              {fieldsTable(detail.other, "其他记录内容")}
            </>
          ) : null}
        </>
      ) : (
        <>
          <h2>记录内容</h2>
          {fieldsTable(detail.rows, "记录内容")}
        </>
      )}
      <details>
        <summary>技术信息（供核查）</summary>
        <dl className="meta-list secondary">
          <dt>操作代码</dt>
          <dd>
            <code>{event.action}</code>
          </dd>
          <dt>对象标识</dt>
          <dd>
            <code>{event.subjectCode ?? "—"}</code>
          </dd>
          <dt>浏览器标识</dt>
          <dd>{event.userAgent ?? "—"}</dd>
          <dt>本条校验值</dt>
          <dd>
            <code>{event.hash}</code>
          </dd>
          <dt>前一条校验值</dt>
          <dd>
            <code>{event.prevHash}</code>
          </dd>
        </dl>
      </details>
    </>
  );
}

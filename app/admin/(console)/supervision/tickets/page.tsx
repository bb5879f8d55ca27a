// GET /admin/supervision/tickets?state=&overdue=&page= – 整改单: the rectification tickets of the units
// the actor may see, the nearest deadline first.
import Link from "next/link";
import { orPageError, requireActor } from "../../guard";
import { listTickets } from "@/lib/supervision/queries";
import { formatDateTime } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";
import { DataTable } from "@/components/ui/data-table";

const t = messages.supervision;
type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function TicketsPage({ searchParams }: Props) {
  const actor = await requireActor();
  const params = await searchParams;
  const filter = Object.fromEntries(
    ["state", "overdue", "page"].flatMap((key) => {
      const value = first(params[key]);
      return value ? [[key, value]] : [];
    }),
  );
  const result = await orPageError(listTickets(actor, filter));
  const query = (page: number) => new URLSearchParams({ ...filter, page: String(page) }).toString();
  return (
    <>
      <p className="breadcrumb">{t.title} &gt; 整改单</p>
      <h1>整改单</h1>
      <p>
        达到单项否决线的问题自动立单，其他问题由主管单位立单；整改期限按工作日计算，逾期未整改的升级督办。
        <Link href="/admin/supervision/findings">查看监测问题</Link>
      </p>
      <form method="get" className="inline-form">
        <label>
          状态{" "}
          <select name="state" defaultValue={result.filter.state}>
            <option value="ACTIVE">未销号</option>
            <option value="OPEN">{t.ticketStates.OPEN}</option>
            <option value="REPORTED">{t.ticketStates.REPORTED}</option>
            <option value="CLOSED">{t.ticketStates.CLOSED}</option>
            <option value="ALL">全部</option>
          </select>
        </label>{" "}
        <label>
          <input type="checkbox" name="overdue" value="yes" defaultChecked={result.filter.overdue === "yes"} /> 只看逾期
        </label>{" "}
        <button type="submit" className="button-inline">
          筛选
        </button>
      </form>
      <DataTable
        rows={result.tickets}
        rowKey={(row) => row.id}
        label="整改单"
        empty="没有符合条件的整改单。"
        columns={[
          { header: "编号", cell: (row) => <Link href={`/admin/supervision/tickets/${row.id}`}>{row.serial}</Link> },
          { header: "对象", cell: (row) => row.subject },
          { header: "责任单位", cell: (row) => row.orgName },
          { header: "问题", cell: (row) => `${row.summary}${row.veto ? "（否决项）" : ""}` },
          { header: "来源", cell: (row) => t.ticketOrigins[row.origin as keyof typeof t.ticketOrigins] ?? row.origin },
          { header: "状态", cell: (row) => `${t.ticketStates[row.state]}${row.escalated ? "（已督办）" : ""}` },
          {
            header: "整改期限",
            cell: (row) => (
              <span className={row.overdue ? "status-fail" : undefined}>
                {formatDateTime(row.dueAt)}
                {row.overdue ? "（已逾期）" : ""}
              </span>
            ),
          },
        ]}
      />
      <p>
        共 {result.total} 张
        {result.page > 1 ? (
          <>
            {" "}
            <Link href={`?${query(result.page - 1)}`}>上一页</Link>
          </>
        ) : null}
        {result.page * result.pageSize < result.total ? (
          <>
            {" "}
            <Link href={`?${query(result.page + 1)}`}>下一页</Link>
          </>
        ) : null}
      </p>
    </>
  );
}

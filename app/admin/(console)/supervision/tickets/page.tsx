// GET /admin/supervision/tickets?state=&overdue=&page= – 整改单: the rectification tickets of the units
// the actor may see, the nearest deadline first.
import Link from "next/link";
import { orPageError, requireActor } from "../../guard";
import { listTickets } from "@/lib/supervision/queries";
import { formatDateTime } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";
import { SupervisionList } from "@/components/admin/supervision-list";

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
    <SupervisionList
      title="整改单"
      section={{ label: t.title }}
      intro={
        <>
          达到单项否决线的问题自动立单，其他问题由主管单位立单；整改期限按工作日计算，逾期未整改的升级督办。
          <Link href="/admin/supervision/findings">查看监测问题</Link>
        </>
      }
      filters={[
        {
          kind: "select",
          label: "状态",
          name: "state",
          value: result.filter.state,
          options: [
            { value: "ACTIVE", label: "未销号" },
            { value: "OPEN", label: t.ticketStates.OPEN },
            { value: "REPORTED", label: t.ticketStates.REPORTED },
            { value: "CLOSED", label: t.ticketStates.CLOSED },
            { value: "ALL", label: "全部" },
          ],
        },
        {
          kind: "checkbox",
          label: "只看逾期",
          name: "overdue",
          value: "yes",
          checked: result.filter.overdue === "yes",
        },
      ]}
      rows={result.tickets}
      rowKey={(row) => row.id}
      empty="没有符合条件的整改单。"
      unit="张"
      pager={{ total: result.total, page: result.page, pageSize: result.pageSize, query }}
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
  );
}

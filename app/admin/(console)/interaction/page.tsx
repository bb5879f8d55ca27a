// GET /admin/interaction?state=&channel= – 政民互动: the letters of the units the actor handles or reviews for,
// by state and by channel (the national 我为政府网站找错 messages apart).
import Link from "next/link";
import { firstParam, orPageError, type PageSearchParams, requireActor } from "../guard";
import { listLetters } from "@/lib/interaction/handling/list-letters";
import { formatDateTime } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";
import { DataTable } from "@/components/ui/data-table";

const t = messages.interaction;
type Props = { searchParams: PageSearchParams };

export default async function InteractionQueuePage({ searchParams }: Props) {
  const actor = await requireActor();
  const params = await searchParams;
  const state = firstParam(params.state);
  const channel = firstParam(params.channel);
  const rows = await orPageError(listLetters(actor, { ...(state ? { state } : {}), ...(channel ? { channel } : {}) }));
  const href = (change: { state?: string; channel?: string }) => {
    const query = new URLSearchParams(
      Object.entries({ state, channel, ...change }).filter((entry): entry is [string, string] => !!entry[1]),
    ).toString();
    return `/admin/interaction${query ? `?${query}` : ""}`;
  };
  const now = new Date();
  return (
    <>
      <h1>政民互动</h1>
      <p>本单位受理或承办的群众留言。受理、转办、答复和审核均按工作日计时，逾期的期限以“已逾期”标出。</p>
      <p>
        <Link href="/admin/interaction/national">{t.national.register}</Link>　
        <Link href="/admin/interaction/statistics">{t.statistics.title}</Link>
      </p>
      <nav aria-label="按状态筛选" className="inline-form">
        <Link href={href({ state: "" })} aria-current={state ? undefined : "page"}>
          全部
        </Link>
        {Object.entries(t.states).map(([value, label]) => (
          <Link key={value} href={href({ state: value })} aria-current={state === value ? "page" : undefined}>
            {label}
          </Link>
        ))}
      </nav>
      <nav aria-label="按来源筛选" className="inline-form">
        <Link href={href({ channel: "" })} aria-current={channel ? undefined : "page"}>
          全部来源
        </Link>
        {Object.entries(t.channels).map(([value, label]) => (
          <Link key={value} href={href({ channel: value })} aria-current={channel === value ? "page" : undefined}>
            {label}
          </Link>
        ))}
      </nav>
      <DataTable
        rows={rows}
        rowKey={(row) => row.id}
        label="群众留言"
        empty="暂无留言。"
        columns={[
          { header: "查询码", cell: (row) => <Link href={`/admin/interaction/${row.id}`}>{row.queryCode}</Link> },
          { header: "标题", cell: (row) => <Link href={`/admin/interaction/${row.id}`}>{row.title}</Link> },
          { header: "类型", cell: (row) => row.typeName },
          {
            header: "来源",
            cell: (row) => `${t.channels[row.channel]}${row.externalRef ? `（${row.externalRef}）` : ""}`,
          },
          { header: "网站", cell: (row) => row.siteName },
          { header: "状态", cell: (row) => t.states[row.state] },
          { header: "来信时间", cell: (row) => formatDateTime(row.receivedAt) },
          {
            header: "期限",
            cell: (row) => {
              const due = row.state === "PENDING" ? row.acceptDueAt : row.replyDueAt;
              if (!due || ["REJECTED", "ANSWERED", "CLOSED", "MERGED"].includes(row.state)) return "—";
              return `${row.state === "PENDING" ? "受理" : "答复"} ${formatDateTime(due)}${due < now ? "（已逾期）" : ""}`;
            },
          },
        ]}
      />
    </>
  );
}

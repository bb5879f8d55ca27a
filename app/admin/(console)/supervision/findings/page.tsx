// GET /admin/supervision/findings?state=&severity=&site=&account=&page= – 监测问题: what the monitors
// found on the sites and accounts the actor may see, worst first; a supervisor opens tickets here.
import Link from "next/link";
import { orPageError, requireActor } from "../../guard";
import { listFindings } from "@/lib/supervision/queries";
import { can } from "@/lib/auth/permissions";
import { formatDateTime } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";
import { SupervisionList } from "@/components/admin/supervision-list";
import { ActionForm, Field } from "@/components/admin/action-form";
import { SupervisionRequestStatus } from "@/components/admin/supervision-request-status";
import { requestStatusFor } from "@/lib/supervision/requests";
import { openTicketAction, runMonitorsAction } from "../actions";

export const dynamic = "force-dynamic";

const t = messages.supervision;
type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function FindingsPage({ searchParams }: Props) {
  const actor = await requireActor();
  const params = await searchParams;
  const filter = Object.fromEntries(
    ["state", "severity", "site", "account", "org", "check", "page"].flatMap((key) => {
      const value = first(params[key]);
      return value ? [[key, value]] : [];
    }),
  );
  const [result, mayRun, status] = await Promise.all([
    orPageError(listFindings(actor, filter)),
    can(actor, "supervision.run", "platform"),
    requestStatusFor(actor, "monitors"),
  ]);
  const query = (page: number) => new URLSearchParams({ ...filter, page: String(page) }).toString();
  return (
    <SupervisionList
      title="监测问题"
      section={{ label: t.title, href: "/admin/supervision/tickets" }}
      intro={
        <>
          按《政府网站与政务新媒体检查指标》单项否决项和主管单位要求每日监测；“预警”为接近否决线，“不合格”为已达否决线或未达要求。
          <Link href="/admin/supervision/tickets">查看整改单</Link>
        </>
      }
      actions={
        mayRun ? (
          <>
            <ActionForm action={runMonitorsAction} submitLabel="立即检查" className="inline-form">
              <input type="hidden" name="run" value="1" />
            </ActionForm>
            {status ? <SupervisionRequestStatus request={status.request} /> : null}
          </>
        ) : null
      }
      filters={[
        {
          kind: "select",
          label: "状态",
          name: "state",
          value: result.filter.state,
          options: [
            { value: "OPEN", label: t.findingStates.OPEN },
            { value: "RESOLVED", label: t.findingStates.RESOLVED },
            { value: "ALL", label: "全部" },
          ],
        },
        {
          kind: "select",
          label: "程度",
          name: "severity",
          value: result.filter.severity,
          options: [
            { value: "ALL", label: "全部" },
            { value: "FAIL", label: t.statuses.fail },
            { value: "WARN", label: t.statuses.warn },
          ],
        },
        { kind: "hidden", name: "site", value: result.filter.site },
        { kind: "hidden", name: "account", value: result.filter.account },
      ]}
      rows={result.findings}
      rowKey={(row) => row.id}
      empty="没有符合条件的问题。"
      unit="项"
      pager={{ total: result.total, page: result.page, pageSize: result.pageSize, query }}
      columns={[
        {
          header: "对象",
          cell: (row) => (
            <Link href={`/admin/supervision/findings?${row.subjectKind}=${row.subjectId}`}>
              {t.subjects[row.subjectKind]}：{row.subject}
            </Link>
          ),
        },
        { header: "指标", cell: (row) => `${row.checkLabel}${row.veto ? "（否决项）" : ""}` },
        { header: "问题", cell: (row) => row.summary },
        {
          header: "程度",
          cell: (row) => <span className={`status-${row.severity}`}>{t.statuses[row.severity]}</span>,
        },
        { header: "首次发现", cell: (row) => formatDateTime(row.firstSeenAt) },
        { header: "最近监测", cell: (row) => formatDateTime(row.lastSeenAt) },
        {
          header: "整改",
          cell: (row) =>
            row.ticket ? (
              <Link href={`/admin/supervision/tickets/${row.ticket.id}`}>
                {row.ticket.serial}（{t.ticketStates[row.ticket.state as keyof typeof t.ticketStates]}）
              </Link>
            ) : row.canOpenTicket ? (
              <details>
                <summary>立整改单</summary>
                <ActionForm action={openTicketAction} submitLabel="下发整改单">
                  <input type="hidden" name="findingId" value={row.id} />
                  <Field
                    id={`requirement-${row.id}`}
                    name="requirement"
                    label="整改要求"
                    type="textarea"
                    required
                    defaultValue={`${row.subject}：${row.summary}，请按要求整改并报告。`}
                  />
                  <Field
                    id={`days-${row.id}`}
                    name="workingDays"
                    label="整改期限（工作日）"
                    type="number"
                    defaultValue={10}
                  />
                </ActionForm>
              </details>
            ) : (
              "—"
            ),
        },
      ]}
    />
  );
}

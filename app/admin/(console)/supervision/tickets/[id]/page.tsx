// GET /admin/supervision/tickets/:id – one rectification ticket: the finding and its evidence, the
// deadline and how it was counted, the history; the unit reports its fix, the supervisor settles
// what the monitor cannot.
import Link from "next/link";
import { orPageError, requireActor } from "../../../guard";
import { getTicket } from "@/lib/supervision/queries";
import type { DueDerivation as Derivation } from "@/lib/interaction/clock";
import { DueDerivation } from "@/components/admin/due-derivation";
import { ActionForm, Field } from "@/components/admin/action-form";
import { formatDateTime } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";
import { DataTable } from "@/components/ui/data-table";
import { decideTicketAction, reportFixAction } from "../../actions";

const t = messages.supervision;
type Props = { params: Promise<{ id: string }> };

export default async function TicketPage({ params }: Props) {
  const actor = await requireActor();
  const ticket = await orPageError(getTicket(actor, (await params).id));
  const step = (
    <>
      <input type="hidden" name="ticketId" value={ticket.id} />
      <input type="hidden" name="version" value={ticket.version} />
    </>
  );
  return (
    <>
      <p className="breadcrumb">
        <Link href="/admin/supervision/tickets">整改单</Link> &gt; {ticket.serial}
      </p>
      <h1>整改单 {ticket.serial}</h1>
      <dl className="detail-list">
        <dt>状态</dt>
        <dd>
          {t.ticketStates[ticket.state]}
          {ticket.closedBy ? `（${t.closedBy[ticket.closedBy]}）` : ""}
          {ticket.escalatedAt ? `（${formatDateTime(ticket.escalatedAt)} 已升级督办）` : ""}
        </dd>
        <dt>对象</dt>
        <dd>
          {t.subjects[ticket.subjectKind]}：{ticket.subject}（{ticket.orgName}）
        </dd>
        <dt>指标</dt>
        <dd>
          {ticket.checkLabel}
          {ticket.veto ? "（单项否决项）" : ""}
        </dd>
        <dt>问题</dt>
        <dd>
          {ticket.finding.summary}（{t.findingStates[ticket.finding.state]}，最近监测{" "}
          {formatDateTime(ticket.finding.lastSeenAt)}）
        </dd>
        <dt>整改要求</dt>
        <dd>{ticket.requirement}</dd>
        <dt>来源</dt>
        <dd>{t.ticketOrigins[ticket.origin as keyof typeof t.ticketOrigins] ?? ticket.origin}</dd>
        <dt>立单时间</dt>
        <dd>{formatDateTime(ticket.openedAt)}</dd>
        <dt>整改期限</dt>
        <dd>
          {formatDateTime(ticket.dueAt)}
          {ticket.overdue ? "（已逾期）" : ""}
          {ticket.clock.start && ticket.clock.due ? <DueDerivation derivation={ticket.clock as Derivation} /> : null}
        </dd>
        {ticket.reportNote ? (
          <>
            <dt>整改情况</dt>
            <dd>{ticket.reportNote}</dd>
          </>
        ) : null}
      </dl>

      <h2>监测证据</h2>
      <pre className="evidence">{JSON.stringify(ticket.finding.evidence, null, 2)}</pre>

      {ticket.canReport ? (
        <section aria-labelledby="ticket-report">
          <h2 id="ticket-report">报告整改</h2>
          <p>报告后系统立即复查：问题已消除的自动销号，仍存在的退回继续整改。</p>
          <ActionForm action={reportFixAction} submitLabel="报告整改">
            {step}
            <Field name="note" label="整改情况" type="textarea" required />
          </ActionForm>
        </section>
      ) : null}

      {ticket.canDecide ? (
        <section aria-labelledby="ticket-decide">
          <h2 id="ticket-decide">复核</h2>
          <p>该问题无法由系统自动复查，请核实整改情况后销号或退回。</p>
          <ActionForm action={decideTicketAction} submitLabel="提交复核">
            {step}
            <Field
              name="decision"
              label="复核结论"
              type="select"
              required
              defaultValue="close"
              options={[
                { value: "close", label: "整改到位，销号" },
                { value: "reopen", label: "整改不到位，退回" },
              ]}
            />
            <Field name="note" label="说明" type="textarea" required />
          </ActionForm>
        </section>
      ) : null}

      <h2>办理记录</h2>
      <DataTable
        rows={ticket.steps}
        rowKey={(row) => row.id}
        label="办理记录"
        empty="暂无记录"
        columns={[
          { header: "时间", cell: (row) => formatDateTime(row.at) },
          { header: "环节", cell: (row) => t.steps[row.action as keyof typeof t.steps] ?? row.action },
          { header: "办理人", cell: (row) => row.by },
          { header: "说明", cell: (row) => row.note ?? "" },
        ]}
      />
    </>
  );
}

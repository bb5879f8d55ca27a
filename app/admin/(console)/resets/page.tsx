// GET /admin/resets – administrators' password and 2FA resets waiting for a second administrator.
import { orPageError, requireActor } from "../guard";
import { listCredentialResets } from "@/lib/org/credential-resets";
import { formatDateTime } from "@/lib/format";
import { ActionForm } from "@/components/admin/action-form";
import { approveResetAction, refuseResetAction } from "./actions";
import { DataTable } from "@/components/ui/data-table";
import { messages } from "@/lib/i18n/zh-CN";

export default async function ResetsPage() {
  const actor = await requireActor();
  const { pending, decided } = await orPageError(listCredentialResets(actor));
  const person = (p: { displayName: string; username: string } | null) =>
    p ? `${p.displayName}（${p.username}）` : "—";
  return (
    <>
      <h1>重置审批</h1>
      <p>
        系统管理员、安全管理员、审计管理员的密码或双因素认证，须由其中一名管理员申请、另一名管理员批准后才会重置（两人审批）；申请人和账号本人都不能批准。批准密码重置时，一次性密码只向批准人显示一次。
      </p>
      <section aria-labelledby="pending-title">
        <h2 id="pending-title">待审批</h2>
        {pending.length === 0 ? <p>没有待审批的申请。</p> : null}
        <ul>
          {pending.map((request) => (
            <li key={request.id} className="card">
              重置 {person(request.target)} 的{request.kindLabel} · 申请人 {person(request.requestedBy)} ·{" "}
              {formatDateTime(request.requestedAt)}
              {request.canApprove ? (
                <ActionForm
                  action={approveResetAction}
                  submitLabel="批准"
                  className="inline-form"
                  confirm="确定批准该重置申请？"
                >
                  <input type="hidden" name="requestId" value={request.id} />
                </ActionForm>
              ) : (
                <p>须由另一名管理员批准。</p>
              )}
              {request.canRefuse ? (
                <ActionForm
                  action={refuseResetAction}
                  submitLabel={request.canApprove ? "拒绝" : "撤回"}
                  className="inline-form"
                >
                  <input type="hidden" name="requestId" value={request.id} />
                </ActionForm>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="decided-title">
        <h2 id="decided-title">最近处理</h2>
        <DataTable
          rows={decided}
          rowKey={(request) => request.id}
          label="最近处理的重置申请"
          columns={[
            { header: "账号", cell: (request) => person(request.target) },
            { header: "内容", cell: (request) => request.kindLabel },
            { header: "申请人", cell: (request) => person(request.requestedBy) },
            { header: "结果", cell: (request) => messages.credentialResets.status[request.status] },
            { header: "审批人", cell: (request) => person(request.decidedBy) },
            { header: "处理时间", cell: (request) => (request.decidedAt ? formatDateTime(request.decidedAt) : "—") },
          ]}
          empty="暂无已处理的申请。"
        />
      </section>
    </>
  );
}

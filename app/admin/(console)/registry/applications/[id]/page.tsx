// GET /admin/registry/applications/:id – one 政务新媒体审批表: what is applied for, the approval chain, decisions, and the approver's buttons.
import { orPageError, requireActor } from "../../../guard";
import { getApplication } from "@/lib/registry/get-application";
import { chineseDay } from "@/lib/calendar/working-days";
import { formatDateTime } from "@/lib/format";
import { ActionForm } from "@/components/admin/action-form";
import { decideApplicationAction, withdrawApplicationAction } from "../../actions";
import { RegistryNav } from "../../registry-nav";
import { messages } from "@/lib/i18n/zh-CN";

const FIELD_LABELS: Record<string, string> = messages.newMedia.accountFields;

export default async function RegistryApplicationPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const application = await orPageError(getApplication(actor, (await params).id));
  const data = application.data as Record<string, string | null | Record<string, string | null>>;
  const before = (data.before ?? null) as Record<string, string | null> | null;
  return (
    <>
      <h1>政务新媒体{application.kindLabel}审批表</h1>
      <RegistryNav current="applications" />
      <table className="simple" aria-label="申请内容">
        <tbody>
          <tr>
            <th scope="row">申请事项</th>
            <td>{application.kindLabel}</td>
          </tr>
          <tr>
            <th scope="row">主办单位</th>
            <td>{application.unit}</td>
          </tr>
          <tr>
            <th scope="row">平台</th>
            <td>{application.platformLabel}</td>
          </tr>
          {application.account ? (
            <tr>
              <th scope="row">所涉账号</th>
              <td>
                {application.account.name}（{application.account.statusLabel}）
              </td>
            </tr>
          ) : null}
          {Object.entries(FIELD_LABELS)
            .filter(([key]) => key in data)
            .map(([key, label]) => (
              <tr key={key}>
                <th scope="row">{label}</th>
                <td>
                  {(data[key] as string | null) || "—"}
                  {before && (before[key] ?? null) !== (data[key] ?? null) ? (
                    <span>（原：{before[key] || "—"}）</span>
                  ) : null}
                </td>
              </tr>
            ))}
          {application.effectiveOn ? (
            <>
              <tr>
                <th scope="row">注销生效日期</th>
                <td>
                  {chineseDay(application.effectiveOn)}
                  {application.earliestEffectiveOn ? (
                    <span>（如今日审批通过并公告，最早可为 {chineseDay(application.earliestEffectiveOn)}）</span>
                  ) : null}
                </td>
              </tr>
              <tr>
                <th scope="row">注销公告</th>
                <td style={{ whiteSpace: "pre-wrap" }}>{String(data.notice ?? "")}</td>
              </tr>
            </>
          ) : null}
          <tr>
            <th scope="row">申请理由</th>
            <td style={{ whiteSpace: "pre-wrap" }}>{application.reason}</td>
          </tr>
          <tr>
            <th scope="row">提交人</th>
            <td>
              {application.submittedBy}　{formatDateTime(application.submittedAt)}
            </td>
          </tr>
          <tr>
            <th scope="row">状态</th>
            <td>
              {application.statusLabel}
              {application.decidedAt ? `　${formatDateTime(application.decidedAt)}` : null}
            </td>
          </tr>
        </tbody>
      </table>

      <section aria-labelledby="chain-title" style={{ marginTop: "1.5rem" }}>
        <h2 id="chain-title">审批意见</h2>
        <ol className="stages">
          {application.steps.map((step) => (
            <li key={step.index} aria-current={step.isCurrent ? "step" : undefined}>
              <strong>{step.name}</strong>（{step.approver}）：
              {step.decision ? (
                <>
                  {step.decision.label}　{step.decision.by}　{formatDateTime(step.decision.at)}
                  {step.decision.comment ? `　意见：${step.decision.comment}` : null}
                </>
              ) : step.isCurrent ? (
                "待审批"
              ) : (
                "—"
              )}
            </li>
          ))}
        </ol>
      </section>

      {application.canDecide ? (
        <section className="card" aria-labelledby="decide-title" style={{ marginTop: "1.5rem" }}>
          <h2 id="decide-title">审批</h2>
          <ActionForm action={decideApplicationAction} submitLabel="提交审批意见">
            <input type="hidden" name="applicationId" value={application.id} />
            <input type="hidden" name="step" value={application.currentStep} />
            <fieldset className="field">
              <legend>意见</legend>
              <label className="inline">
                <input type="radio" name="decision" value="APPROVE" defaultChecked /> 同意
              </label>
              <label className="inline">
                <input type="radio" name="decision" value="REJECT" /> 不同意
              </label>
            </fieldset>
            <div className="field">
              <label htmlFor="decide-comment">审批意见（不同意时必填）</label>
              <textarea id="decide-comment" name="comment" rows={3} maxLength={500} />
            </div>
          </ActionForm>
        </section>
      ) : application.decideRefusal && application.status === "PENDING" ? (
        <p className="notice">{application.decideRefusal}</p>
      ) : null}

      {application.canWithdraw ? (
        <ActionForm
          action={withdrawApplicationAction}
          submitLabel="撤回申请"
          className="inline-form"
          confirm="确定撤回这份申请？"
        >
          <input type="hidden" name="applicationId" value={application.id} />
        </ActionForm>
      ) : null}
    </>
  );
}

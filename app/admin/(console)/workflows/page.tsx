// GET /admin/workflows – review workflows per unit and kind, and the checks of the check stage.
import { orPageError, requireActor } from "../guard";
import { listWorkflowConfig } from "@/lib/review/workflows";
import { messages } from "@/lib/i18n/zh-CN";
import { ActionForm, Field } from "@/components/admin/action-form";
import { WorkflowForm } from "@/components/review/workflow-form";
import { saveCheckAction, saveWorkflowAction } from "./actions";

export default async function WorkflowsPage() {
  const actor = await requireActor();
  const config = await orPageError(listWorkflowConfig(actor));
  return (
    <>
      <h1>审核流程</h1>
      <p>
        提交审核时，按稿件所属单位（由近及远）和稿件类型选用流程；都未配置时使用平台默认流程。修改只对之后的提交生效，审核中的稿件按提交时的流程进行。
      </p>
      {config.workflows.map((workflow) => (
        <section key={workflow.id} className="card" aria-label={workflow.name} style={{ marginBottom: "1rem" }}>
          <h2>{workflow.name}</h2>
          <p>
            适用：{workflow.orgName} · {workflow.kind ? messages.resourceKinds[workflow.kind] : "全部类型"}
          </p>
          <WorkflowForm
            idPrefix={`wf-${workflow.id}`}
            workflow={workflow}
            orgs={config.orgs}
            checks={config.checks}
            action={saveWorkflowAction}
          />
        </section>
      ))}
      <section className="card" aria-labelledby="new-workflow" style={{ marginBottom: "1rem" }}>
        <h2 id="new-workflow">新建流程</h2>
        <WorkflowForm
          idPrefix="wf-new"
          workflow={null}
          orgs={config.orgs}
          checks={config.checks}
          action={saveWorkflowAction}
        />
      </section>
      <section className="card" aria-labelledby="checks-title">
        <h2 id="checks-title">审核关口</h2>
        <ul>
          {config.checks.map((check) => (
            <li key={check.code}>
              <ActionForm action={saveCheckAction} submitLabel="改名" className="inline-form">
                <input type="hidden" name="code" value={check.code} />
                <label htmlFor={`check-${check.code}`}>
                  {check.name} <small className="code-secondary">{check.code}</small>
                </label>
                <input
                  id={`check-${check.code}`}
                  name="name"
                  defaultValue={check.name}
                  aria-label={`${check.name}的新名称`}
                />
              </ActionForm>
            </li>
          ))}
        </ul>
        <ActionForm action={saveCheckAction} submitLabel="新增关口">
          <Field id="new-check-code" name="code" label="编码（小写字母，如 secrecy）" required />
          <Field id="new-check-name" name="name" label="名称" required />
        </ActionForm>
      </section>
    </>
  );
}

import { ActionForm, Field } from "@/components/admin/action-form";
import { messages } from "@/lib/i18n/zh-CN";
import { DataTable } from "@/components/ui/data-table";

// One workflow's form: name, where it applies, and up to eight ordered stages.

const STAGE_TYPES = Object.entries(messages.stageTypes).map(([value, label]) => ({ value, label }));
const REVIEW_ROLES = ["SECTION_REVIEWER", "INFO_OFFICER", "INFO_SUPERVISOR", "CHECK_REVIEWER", "EDITOR"] as const;

type StageValue = { name: string; type: string; role: string | null; checks: string[]; condition: string };

export function WorkflowForm({
  idPrefix,
  workflow,
  orgs,
  checks,
  action,
}: {
  idPrefix: string;
  workflow: {
    id: string;
    name: string;
    orgId: string | null;
    kind: string | null;
    allowSameSigner: boolean;
    stages: StageValue[];
  } | null;
  orgs: { id: string; name: string }[];
  checks: { code: string; name: string }[];
  action: Parameters<typeof ActionForm>[0]["action"];
}) {
  const rows = Math.min(8, (workflow?.stages.length ?? 0) + 2);
  return (
    <ActionForm action={action} submitLabel={workflow ? "保存流程" : "新建流程"}>
      <input type="hidden" name="id" value={workflow?.id ?? ""} />
      <Field id={`${idPrefix}-name`} name="name" label="流程名称" defaultValue={workflow?.name} required />
      {workflow ? (
        <>
          <input type="hidden" name="orgId" value={workflow.orgId ?? ""} />
          <input type="hidden" name="kind" value={workflow.kind ?? ""} />
        </>
      ) : (
        <>
          <Field
            id={`${idPrefix}-org`}
            name="orgId"
            label="适用单位（不选为平台默认）"
            type="select"
            options={orgs.map((org) => ({ value: org.id, label: org.name }))}
          />
          <Field
            id={`${idPrefix}-kind`}
            name="kind"
            label="稿件类型（不选为全部类型）"
            type="select"
            options={Object.entries(messages.resourceKinds).map(([value, label]) => ({ value, label }))}
          />
        </>
      )}
      <div className="field">
        <label className="inline">
          <input type="checkbox" name="allowSameSigner" defaultChecked={workflow?.allowSameSigner} />{" "}
          允许同一人签署多个环节
        </label>
      </div>
      <DataTable
        rows={Array.from({ length: rows }, (_, index) => workflow?.stages[index])}
        rowKey={(_stage, index) => index}
        label={workflow ? `${workflow.name}的审核环节` : "新流程的审核环节"}
        columns={[
          { header: "顺序", cell: (_stage, index) => index + 1 },
          {
            header: "环节名称",
            cell: (stage, index) => (
              <input
                aria-label={`第 ${index + 1} 环节名称`}
                id={`${idPrefix}-stage-${index}-name`}
                name={`stages.${index}.name`}
                defaultValue={stage?.name ?? ""}
              />
            ),
          },
          {
            header: "类型",
            cell: (stage, index) => (
              <select
                aria-label={`第 ${index + 1} 环节类型`}
                name={`stages.${index}.type`}
                defaultValue={stage?.type ?? ""}
              >
                <option value="">（不设此环节）</option>
                {STAGE_TYPES.map((type) => (
                  <option key={type.value} value={type.value}>
                    {type.label}
                  </option>
                ))}
              </select>
            ),
          },
          {
            header: "角色",
            cell: (stage, index) => (
              <select
                aria-label={`第 ${index + 1} 环节角色`}
                name={`stages.${index}.role`}
                defaultValue={stage?.role ?? ""}
              >
                <option value="">—</option>
                {REVIEW_ROLES.map((role) => (
                  <option key={role} value={role}>
                    {messages.roles[role]}
                  </option>
                ))}
              </select>
            ),
          },
          {
            header: "审核关口",
            cell: (stage, index) =>
              checks.map((check) => (
                <label key={check.code} className="inline">
                  <input
                    type="checkbox"
                    name={`stages.${index}.checks`}
                    value={check.code}
                    defaultChecked={stage?.checks.includes(check.code)}
                  />{" "}
                  {check.name}
                </label>
              )),
          },
          {
            header: "适用",
            cell: (stage, index) => (
              <select
                aria-label={`第 ${index + 1} 环节适用条件`}
                name={`stages.${index}.condition`}
                defaultValue={stage?.condition ?? "ALWAYS"}
              >
                <option value="ALWAYS">始终</option>
                <option value="FLAGGED">仅敏感或重大信息</option>
              </select>
            ),
          },
        ]}
      />
    </ActionForm>
  );
}

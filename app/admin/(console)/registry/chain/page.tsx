// GET /admin/registry/chain – the registry's approval chain (审批链) and region name, kept by the system administrator.
import { orPageError, requireActor } from "../../guard";
import { getApprovalChain } from "@/lib/registry/get-approval-chain";
import { ActionForm, Field } from "@/components/admin/action-form";
import { saveChainAction, setRegionAction } from "../actions";
import { DataTable } from "@/components/ui/data-table";

const EXTRA_ROWS = 2;

export default async function RegistryChainPage() {
  const actor = await requireActor();
  const config = await orPageError(getApprovalChain(actor));
  const rows = [...config.steps.map((step) => ({ ...step })), ...Array.from({ length: EXTRA_ROWS }, () => null)];
  return (
    <>
      <h1>政务新媒体审批链</h1>
      <p>
        开设、变更、关停、注销申请按下列环节依次审批（渝府办发〔2019〕64号：经本单位主要负责人同意，并报主管单位备案）。“本单位及上级单位”：审批人在申请单位或其上级单位担任该角色；“主管单位”：在主管单位担任该角色。修改只对之后提交的申请生效。
      </p>
      <section className="card" aria-labelledby="chain-title">
        <h2 id="chain-title">审批环节</h2>
        <ActionForm action={saveChainAction} submitLabel="保存审批链">
          <DataTable
            rows={rows}
            rowKey={(_step, index) => index}
            label="审批环节"
            columns={[
              {
                header: "顺序",
                cell: (_step, index) => (
                  <input
                    aria-label={`第 ${index + 1} 行顺序`}
                    name={`steps.${index}.order`}
                    type="number"
                    min={1}
                    max={10}
                    defaultValue={index + 1}
                    style={{ width: "4em" }}
                  />
                ),
              },
              {
                header: "环节名称",
                cell: (step, index) => (
                  <input
                    aria-label={`第 ${index + 1} 行环节名称`}
                    name={`steps.${index}.name`}
                    defaultValue={step?.name ?? ""}
                    placeholder={step ? undefined : "新增环节"}
                  />
                ),
              },
              {
                header: "审批角色",
                cell: (step, index) => (
                  <select
                    aria-label={`第 ${index + 1} 行审批角色`}
                    name={`steps.${index}.role`}
                    defaultValue={step?.role ?? ""}
                  >
                    <option value="">请选择</option>
                    {config.roles.map((role) => (
                      <option key={role.value} value={role.value}>
                        {role.label}
                      </option>
                    ))}
                  </select>
                ),
              },
              {
                header: "审批范围",
                cell: (step, index) => (
                  <select
                    aria-label={`第 ${index + 1} 行审批范围`}
                    name={`steps.${index}.scope`}
                    defaultValue={step?.scope ?? "unit"}
                  >
                    {config.scopes.map((scope) => (
                      <option key={scope.value} value={scope.value}>
                        {scope.label}
                      </option>
                    ))}
                  </select>
                ),
              },
              {
                header: "删除",
                cell: (step, index) =>
                  step ? (
                    <input aria-label={`删除第 ${index + 1} 行`} type="checkbox" name={`steps.${index}.remove`} />
                  ) : null,
              },
            ]}
          />
        </ActionForm>
      </section>
      <section className="card" aria-labelledby="region-title" style={{ marginTop: "1.5rem" }}>
        <h2 id="region-title">地区名称</h2>
        <p>政务新媒体名称应体现行政区域名称：开设和变更时，账号名称须包含此名称。</p>
        <ActionForm action={setRegionAction} submitLabel="保存地区名称">
          <Field name="region" label="地区名称" defaultValue={config.region} required />
        </ActionForm>
      </section>
    </>
  );
}

// GET /admin/permissions – the permission table (actions × roles), generated from lib/auth/permission-table.ts.
import { orPageError, requireActor } from "../guard";
import { getPermissionReference } from "@/lib/auth/permission-reference";
import { messages } from "@/lib/i18n/zh-CN";
import { DataTable } from "@/components/ui/data-table";

export default async function PermissionsPage() {
  const actor = await requireActor();
  const reference = await orPageError(getPermissionReference(actor));
  return (
    <>
      <h1>权限对照表</h1>
      <p>
        默认拒绝：表中未列出的操作、未勾选的角色一律不允许。“本单位及下级”指角色所在单位及其下级单位；“全平台”指在最上级单位担任该角色。
      </p>
      <div style={{ overflowX: "auto" }}>
        <DataTable
          rows={reference.rows}
          rowKey={(row) => row.action}
          label="权限对照表"
          columns={[
            {
              header: "操作",
              isRowHeader: true,
              cell: (row) => (
                <>
                  {row.description}
                  <br />
                  <small className="code-secondary">{row.action}</small>
                </>
              ),
            },
            { header: "范围", cell: (row) => (row.scope === "platform" ? "全平台" : "本单位及下级") },
            ...reference.roles.map((role, index) => ({
              key: role,
              header: messages.roles[role],
              cell: (row: (typeof reference.rows)[number]) => (row.allowed[index] ? "✓" : ""),
              cellLabel: (row: (typeof reference.rows)[number]) => (row.allowed[index] ? "允许" : "不允许"),
            })),
          ]}
        />
      </div>
    </>
  );
}

// GET /admin/permissions – the permission table (actions × roles), generated from lib/auth/permissions.ts.
import { orPageError, requireActor } from "../guard";
import { getPermissionReference } from "@/lib/auth/permission-reference";
import { messages } from "@/lib/i18n/zh-CN";

export default async function PermissionsPage() {
  const actor = await requireActor();
  const reference = await orPageError(getPermissionReference(actor));
  return (
    <>
      <h1>权限对照表</h1>
      <p>默认拒绝：表中未列出的操作、未勾选的角色一律不允许。“本单位及下级”指角色所在单位及其下级单位；“全平台”指在最上级单位担任该角色。</p>
      <div style={{ overflowX: "auto" }}>
        <table className="simple">
          <thead>
            <tr>
              <th scope="col">操作</th>
              <th scope="col">范围</th>
              {reference.roles.map((role) => (
                <th scope="col" key={role}>
                  {messages.roles[role]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {reference.rows.map((row) => (
              <tr key={row.action}>
                <th scope="row">
                  {row.description}
                  <br />
                  <code>{row.action}</code>
                </th>
                <td>{row.scope === "platform" ? "全平台" : "本单位及下级"}</td>
                {row.allowed.map((allowed, index) => (
                  <td key={reference.roles[index]} aria-label={allowed ? "允许" : "不允许"}>
                    {allowed ? "✓" : ""}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

// GET /admin/users?q= – user accounts the actor may manage.
import Link from "next/link";
import { z } from "zod";
import { orPageError, requireActor } from "../guard";
import { listUsers } from "@/lib/org/users";
import { can } from "@/lib/auth/permissions";
import { formatDateTime } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";

const ZSearch = z.object({ q: z.string().trim().max(64).optional().catch(undefined) });

export default async function UsersPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const actor = await requireActor();
  const { q } = ZSearch.parse(await searchParams);
  const users = await orPageError(listUsers(actor, { q }));
  const canCreate = await can(actor, "user.create", "platform");
  return (
    <>
      <h1>用户管理</h1>
      <form className="admin-form" role="search">
        <div className="field">
          <label htmlFor="q">用户名或姓名</label>
          <input id="q" name="q" defaultValue={q} />
        </div>
        <button className="button-inline" type="submit">
          查询
        </button>
        {canCreate ? <Link href="/admin/users/new">新建用户</Link> : null}
      </form>
      <table className="simple">
        <thead>
          <tr>
            <th scope="col">用户名</th>
            <th scope="col">姓名</th>
            <th scope="col">单位和角色</th>
            <th scope="col">状态</th>
            <th scope="col">最近登录</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id}>
              <td>
                <Link href={`/admin/users/${user.id}`}>{user.username}</Link>
              </td>
              <td>{user.displayName}</td>
              <td>{user.memberships.length ? user.memberships.map((m) => `${m.orgName} · ${messages.roles[m.role]}`).join("；") : "暂无角色（待安全管理员授予）"}</td>
              <td>
                {user.active ? "正常" : <span className="badge warn">已停用</span>}
                {user.isLocked ? <span className="badge warn">已锁定</span> : null}
                {user.hasTotp ? <span className="badge">动态口令</span> : null}
              </td>
              <td>{user.lastSignInAt ? formatDateTime(user.lastSignInAt) : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

// GET /admin/users?q= – user accounts the actor may manage.
import Link from "next/link";
import { z } from "zod";
import { orPageError, requireActor } from "../guard";
import { listUsers } from "@/lib/org/users";
import { can } from "@/lib/auth/permissions";
import { formatDateTime } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";
import { DataTable } from "@/components/ui/data-table";

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
      <DataTable
        rows={users}
        rowKey={(user) => user.id}
        label="用户列表"
        columns={[
          { header: "用户名", cell: (user) => <Link href={`/admin/users/${user.id}`}>{user.username}</Link> },
          { header: "姓名", cell: (user) => user.displayName },
          {
            header: "单位和角色",
            cell: (user) =>
              user.memberships.length
                ? user.memberships.map((m) => `${m.orgName} · ${messages.roles[m.role]}`).join("；")
                : "暂无角色（待安全管理员授予）",
          },
          {
            header: "状态",
            cell: (user) => (
              <>
                {user.active ? "正常" : <span className="badge warn">已停用</span>}
                {user.isLocked ? <span className="badge warn">已锁定</span> : null}
                {user.hasTotp ? <span className="badge">动态口令</span> : null}
              </>
            ),
          },
          { header: "最近登录", cell: (user) => (user.lastSignInAt ? formatDateTime(user.lastSignInAt) : "—") },
        ]}
        empty="没有符合条件的用户。"
      />
    </>
  );
}

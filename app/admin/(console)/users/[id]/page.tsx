// GET /admin/users/:id – one account: state, roles, and the actions the actor may take.
import { notFound } from "next/navigation";
import { z } from "zod";
import { orPageError, requireActor } from "../../guard";
import { getUser } from "@/lib/org/users";
import { listOrgChoices, ROLE_CHOICES, CHECK_CHOICES } from "@/lib/org/options";
import { formatDateTime } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";
import { ActionForm, CheckboxGroup, Field } from "@/components/admin/action-form";
import {
  addMembershipAction,
  removeMembershipAction,
  resetPasswordAction,
  resetTotpAction,
  setActiveAction,
  unlockAction,
} from "../actions";

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const parsed = z.uuid().safeParse((await params).id);
  if (!parsed.success) notFound();
  const user = await orPageError(getUser(actor, parsed.data));
  const grantable = await listOrgChoices(actor, "membership.manage");
  return (
    <>
      <h1>
        {user.displayName}（{user.username}）
      </h1>
      <p>
        状态：{user.active ? "正常" : "已停用"}
        {user.isLocked && user.lockedUntil ? `；已锁定至 ${formatDateTime(user.lockedUntil)}` : ""}
        {user.mustChangePassword ? "；下次登录须修改密码" : ""}
        ；双因素认证：{user.hasTotp ? "已开启" : "未开启"}；最近登录：
        {user.lastSignInAt ? formatDateTime(user.lastSignInAt) : "—"}
      </p>
      <section className="card" aria-labelledby="account-actions">
        <h2 id="account-actions">账号操作</h2>
        {user.isPlatformAdmin ? (
          <p>
            该用户是系统、安全或审计管理员：重置其密码或双因素认证须由另一名管理员在“重置审批”中批准后才生效，并会通知本人。
          </p>
        ) : null}
        <ActionForm
          action={setActiveAction}
          submitLabel={user.active ? "停用账号" : "启用账号"}
          confirm={user.active ? "确定停用该账号？" : undefined}
        >
          <input type="hidden" name="userId" value={user.id} />
          <input type="hidden" name="active" value={String(!user.active)} />
        </ActionForm>
        <ActionForm action={resetPasswordAction} submitLabel="重置密码" confirm="确定重置该用户的密码？">
          <input type="hidden" name="userId" value={user.id} />
        </ActionForm>
        <ActionForm action={unlockAction} submitLabel="解除锁定">
          <input type="hidden" name="userId" value={user.id} />
        </ActionForm>
        <ActionForm action={resetTotpAction} submitLabel="重置双因素认证" confirm="确定重置该用户的动态口令绑定？">
          <input type="hidden" name="userId" value={user.id} />
        </ActionForm>
      </section>
      <section className="card" aria-labelledby="roles-title" style={{ marginTop: "1rem" }}>
        <h2 id="roles-title">单位和角色</h2>
        {user.memberships.length === 0 ? <p>该账号暂无任何角色：须由安全管理员授予角色后方可使用。</p> : null}
        <ul>
          {user.memberships.map((membership) => (
            <li key={membership.id}>
              {membership.orgName} · {messages.roles[membership.role]}
              {membership.checks.length
                ? `（${membership.checks.map((c) => messages.checks[c as keyof typeof messages.checks] ?? c).join("、")}）`
                : ""}
              {grantable.length > 0 && user.id !== actor.id ? (
                <ActionForm
                  action={removeMembershipAction}
                  submitLabel="撤销"
                  className="inline-form"
                  confirm="确定撤销该角色？"
                >
                  <input type="hidden" name="membershipId" value={membership.id} />
                </ActionForm>
              ) : null}
            </li>
          ))}
        </ul>
        <p>
          角色只能由安全管理员授予、撤销，不能授予或撤销自己的角色；系统管理员、安全管理员、审计管理员只设在最上级单位，且同一人只能担任其中一个。
        </p>
        {grantable.length > 0 && user.id !== actor.id ? (
          <ActionForm action={addMembershipAction} submitLabel="授予角色">
            <input type="hidden" name="userId" value={user.id} />
            <Field name="orgId" label="单位" type="select" options={grantable} required />
            <Field name="role" label="角色" type="select" options={ROLE_CHOICES} required />
            <CheckboxGroup name="checks" legend="可签署的审核关口（仅审核人）" options={CHECK_CHOICES} />
          </ActionForm>
        ) : null}
      </section>
    </>
  );
}

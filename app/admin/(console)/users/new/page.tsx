// GET /admin/users/new – create an account with its first role.
import { orPageError, requireActor } from "../../guard";
import { createUserAction } from "../actions";
import { listActionableOrgs, ROLE_CHOICES, CHECK_CHOICES } from "@/lib/org/options";
import { ActionForm, CheckboxGroup, Field } from "@/components/admin/action-form";

export default async function NewUserPage() {
  const actor = await requireActor();
  const orgs = await orPageError(listActionableOrgs(actor, "user.create"));
  return (
    <>
      <h1>新建用户</h1>
      <ActionForm action={createUserAction} submitLabel="创建账号">
        <Field name="username" label="用户名" required autoComplete="off" />
        <Field name="displayName" label="姓名" required />
        <Field name="orgId" label="单位" type="select" options={orgs} required />
        <Field name="role" label="角色" type="select" options={ROLE_CHOICES} required />
        <CheckboxGroup name="checks" legend="可签署的审核关口（仅审核人）" options={CHECK_CHOICES} />
      </ActionForm>
    </>
  );
}

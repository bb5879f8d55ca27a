// GET /admin/users/new – create an account (system administrator); it holds no role yet.
import { orPageError, requireActor } from "../../guard";
import { createUserAction } from "../actions";
import { assertCan } from "@/lib/auth/permissions";
import { ActionForm, Field } from "@/components/admin/action-form";

export default async function NewUserPage() {
  const actor = await requireActor();
  await orPageError(assertCan(actor, "user.create", "platform"));
  return (
    <>
      <h1>新建用户</h1>
      <p role="note">
        三员分立：新建的账号没有任何角色，登录后不能办理任何业务；须由安全管理员在该用户的页面授予单位和角色后方可使用。
      </p>
      <ActionForm action={createUserAction} submitLabel="创建账号">
        <Field name="username" label="用户名" required autoComplete="off" />
        <Field name="displayName" label="姓名" required />
      </ActionForm>
    </>
  );
}

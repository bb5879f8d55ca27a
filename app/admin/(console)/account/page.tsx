// GET /admin/account – the signed-in user's own password and two-factor settings.
import { requireActor } from "../guard";
import { changePasswordAction, beginTotpAction, confirmTotpAction } from "./actions";
import { ActionForm, Field } from "@/components/admin/action-form";
import { TotpEnrollment } from "@/components/admin/totp-enrollment";

export default async function AccountPage() {
  const actor = await requireActor({ allowObligation: true });
  return (
    <>
      <h1>账号安全</h1>
      {actor.obligation === "change_password" ? (
        <p className="notice" role="alert">
          为保障账号安全，请先修改密码（新账号、密码被重置或已到期时须修改）。
        </p>
      ) : null}
      {actor.obligation === "enroll_totp" ? (
        <p className="notice" role="alert">
          您的角色要求双因素认证，请先绑定动态口令。
        </p>
      ) : null}
      <section className="card" aria-labelledby="password-title">
        <h2 id="password-title">修改密码</h2>
        <p>
          密码至少 10
          位，须包含大写字母、小写字母、数字、符号中的至少三类，且不能包含用户名（不区分大小写）。修改成功后，您在其他浏览器或设备上的登录将全部退出。
        </p>
        <ActionForm action={changePasswordAction} submitLabel="修改密码">
          <Field name="currentPassword" label="当前密码" type="password" autoComplete="current-password" required />
          <Field name="newPassword" label="新密码" type="password" autoComplete="new-password" required />
          <Field name="confirmPassword" label="确认新密码" type="password" autoComplete="new-password" required />
        </ActionForm>
      </section>
      <section className="card" aria-labelledby="totp-title" style={{ marginTop: "1rem" }}>
        <h2 id="totp-title">双因素认证（动态口令）</h2>
        {actor.hasTotp ? (
          <p>已开启。登录时需输入身份验证器应用显示的 6 位动态口令。如更换手机，请联系安全管理员重置。</p>
        ) : actor.obligation === "change_password" ? (
          <p>请先修改密码，再绑定动态口令。</p>
        ) : (
          <TotpEnrollment begin={beginTotpAction} confirm={confirmTotpAction} />
        )}
      </section>
    </>
  );
}

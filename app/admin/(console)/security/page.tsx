// GET /admin/security – lockout, sign-in throttle, password expiry and idle timeout (security administrator).
import { orPageError, requireActor } from "../guard";
import { getSecuritySettings } from "@/lib/auth/security-settings";
import { assertCan } from "@/lib/auth/permissions";
import { ActionForm, Field } from "@/components/admin/action-form";
import { updateSecurityAction } from "./actions";

export default async function SecurityPage() {
  const actor = await requireActor();
  await orPageError(assertCan(actor, "security.settings", "platform"));
  const settings = await getSecuritySettings();
  return (
    <>
      <h1>安全策略</h1>
      <p>
        依据等级保护 2.0
        要求：登录失败处理、登录频率限制、口令定期更换、会话超时。需要双因素认证的角色：直接责任人、第一责任人、系统管理员、安全管理员、审计管理员。
      </p>
      <ActionForm action={updateSecurityAction} submitLabel="保存">
        <Field
          name="lockoutThreshold"
          label="连续登录失败锁定次数"
          type="number"
          defaultValue={settings.lockoutThreshold}
          required
        />
        <Field
          name="lockoutMinutes"
          label="锁定时长（分钟）"
          type="number"
          defaultValue={settings.lockoutMinutes}
          required
        />
        <Field
          name="signInPerAddressPerMinute"
          label="同一地址每分钟最多登录尝试次数"
          type="number"
          defaultValue={settings.signInPerAddressPerMinute}
          required
        />
        <Field
          name="signInFailuresPerUsernamePerMinute"
          label="同一用户名每分钟最多登录失败次数"
          type="number"
          defaultValue={settings.signInFailuresPerUsernamePerMinute}
          required
        />
        <Field
          name="signInFailuresPerAddressPerHour"
          label="同一地址每小时最多登录失败次数（防撞库）"
          type="number"
          defaultValue={settings.signInFailuresPerAddressPerHour}
          required
        />
        <Field
          name="passwordMaxAgeDays"
          label="密码有效期（天）"
          type="number"
          defaultValue={settings.passwordMaxAgeDays}
          required
        />
        <Field
          name="idleTimeoutMinutes"
          label="无操作自动退出（分钟）"
          type="number"
          defaultValue={settings.idleTimeoutMinutes}
          required
        />
        <Field
          name="trashRetentionDays"
          label="回收站保留期限（天，期满后系统管理员方可彻底删除）"
          type="number"
          defaultValue={settings.trashRetentionDays}
          required
        />
      </ActionForm>
    </>
  );
}

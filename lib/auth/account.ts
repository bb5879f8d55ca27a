import QRCode from "qrcode";
import { z } from "zod";
import { zText } from "@/lib/validation/text";
import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { checkPasswordPolicy } from "@/lib/auth/password-policy";
import { decryptSecret, encryptSecret, newTotpSecret, totpUri, verifyTotp } from "@/lib/auth/totp";
import { invalid, unauthenticated } from "@/lib/errors";
import type { RequestContext } from "@/lib/auth/authenticate";

// Self-service for the signed-in user: change the password, enrol a TOTP authenticator.
// These stay open while a sign-in obligation is pending, since they are how it is met.

type Self = { id: string } | null;
type Context = Partial<RequestContext>;

export const ZChangePassword = z
  .object({
    currentPassword: zText().min(1, "请输入当前密码"),
    newPassword: zText().min(1, "请输入新密码").max(256),
    confirmPassword: zText(),
  })
  .refine((value) => value.newPassword === value.confirmPassword, { message: "两次输入的新密码不一致", path: ["confirmPassword"] });

export async function changeOwnPassword(self: Self, input: unknown, context: Context = {}) {
  if (!self) throw unauthenticated();
  const parsed = ZChangePassword.safeParse(input);
  if (!parsed.success) throw invalid("请检查填写的内容。", z.flattenError(parsed.error).fieldErrors);
  const db = getDb();
  const user = await db.user.findUniqueOrThrow({ where: { id: self.id } });
  if (!(await verifyPassword(user.passwordHash, parsed.data.currentPassword))) {
    throw invalid("当前密码不正确。", { currentPassword: ["当前密码不正确"] });
  }
  const problems = checkPasswordPolicy(parsed.data.newPassword, user.username);
  if (await verifyPassword(user.passwordHash, parsed.data.newPassword)) problems.push("新密码不能与当前密码相同。");
  if (problems.length > 0) throw invalid("新密码不符合要求。", { newPassword: problems });
  const passwordHash = await hashPassword(parsed.data.newPassword);
  await db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: user.id },
      data: { passwordHash, mustChangePassword: false, passwordChangedAt: new Date() },
    });
    await recordAudit(tx, { actorId: user.id, action: "account.password.change", subject: `user:${user.id}`, data: {}, ...context });
  });
}

/** Starts (or restarts) enrolment: a new secret, stored encrypted, not yet active. */
export async function beginTotpEnrollment(self: Self, context: Context = {}) {
  if (!self) throw unauthenticated();
  const db = getDb();
  const user = await db.user.findUniqueOrThrow({ where: { id: self.id } });
  if (user.totpEnabledAt) throw invalid("您已绑定动态口令；如需更换，请联系安全管理员重置。");
  const secret = newTotpSecret();
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { totpSecret: encryptSecret(secret) } });
    await recordAudit(tx, { actorId: user.id, action: "account.totp.begin", subject: `user:${user.id}`, data: {}, ...context });
  });
  const uri = totpUri(secret, user.username);
  return { secret, uri, qrSvg: await QRCode.toString(uri, { type: "svg", margin: 1, width: 200 }) };
}

export const ZConfirmTotp = z.object({ code: zText().trim().regex(/^\d{6}$/, "请输入 6 位数字动态口令") });

export async function confirmTotpEnrollment(self: Self, input: unknown, context: Context = {}) {
  if (!self) throw unauthenticated();
  const parsed = ZConfirmTotp.safeParse(input);
  if (!parsed.success) throw invalid("请检查填写的内容。", z.flattenError(parsed.error).fieldErrors);
  const db = getDb();
  const user = await db.user.findUniqueOrThrow({ where: { id: self.id } });
  if (user.totpEnabledAt) return;
  if (!user.totpSecret) throw invalid("请先生成绑定二维码。");
  if (!verifyTotp(decryptSecret(user.totpSecret), parsed.data.code)) {
    throw invalid("动态口令不正确，请核对手机时间后重试。", { code: ["动态口令不正确"] });
  }
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { totpEnabledAt: new Date() } });
    await recordAudit(tx, { actorId: user.id, action: "account.totp.enable", subject: `user:${user.id}`, data: {}, ...context });
  });
}

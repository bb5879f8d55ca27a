import QRCode from "qrcode";
import { z } from "zod";
import { zText } from "@/lib/validation/text";
import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { checkPasswordPolicy } from "@/lib/auth/password-policy";
import { decryptSecret, encryptSecret, newTotpSecret, totpUri, verifyTotp } from "@/lib/auth/totp";
import { invalid, unauthenticated } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { endSessionIn, type RequestContext } from "@/lib/auth/authenticate";
import { countPasswordFailure, isLocked, lockUserRow } from "@/lib/auth/lockout";
import { getSecuritySettings } from "@/lib/auth/security-settings";
import { noteSignInFailure } from "@/lib/auth/sign-in-throttle";
import { formatDateTime } from "@/lib/format";

// Self-service for the signed-in user: change the password, enrol a TOTP authenticator.
// These stay open while a sign-in obligation is pending, since they are how it is met.

/** The signed-in user and, where there is one, the session the request came in (kept on a password change). */
type Self = { id: string; sessionId?: string } | null;
type Context = Partial<RequestContext>;

export const ZChangePassword = z
  .object({
    currentPassword: zText().min(1, "请输入当前密码"),
    newPassword: zText().min(1, "请输入新密码").max(256),
    confirmPassword: zText(),
  })
  .refine((value) => value.newPassword === value.confirmPassword, {
    message: "两次输入的新密码不一致",
    path: ["confirmPassword"],
  });

/**
 * Changes the signed-in user's own password. A wrong current password counts like a failed sign-in
 * (same counter and lockout, under the account's row lock, and the same throttle); the attempt that
 * locks the account also ends this session. A successful change ends every other session of the
 * user, so a browser signed in with the old password loses access at once.
 */
export async function changeOwnPassword(self: Self, input: unknown, context: Context = {}) {
  if (!self) throw unauthenticated();
  const change = parseInput(ZChangePassword, input, "请检查填写的内容。");
  const db = getDb();
  const settings = await getSecuritySettings();
  const user = await db.user.findUniqueOrThrow({ where: { id: self.id } });
  const isCurrentValid = await verifyPassword(user.passwordHash, change.currentPassword);
  const problems = checkPasswordPolicy(change.newPassword, user.username);
  if (await verifyPassword(user.passwordHash, change.newPassword)) problems.push("新密码不能与当前密码相同。");
  const passwordHash = isCurrentValid && problems.length === 0 ? await hashPassword(change.newPassword) : null;

  const outcome = await db.$transaction(
    async (tx) => {
      const now = new Date();
      const locked = await lockUserRow(tx, user.id);
      if (!locked) throw unauthenticated();
      if (isLocked(locked, now)) return { kind: "locked" as const, until: locked.lockedUntil! };
      // The password changed while this request waited for the lock: the current one it checked is stale.
      if (locked.passwordHash !== user.passwordHash || !isCurrentValid) {
        const lockedUntil = await countPasswordFailure(tx, locked, settings, now, context);
        await recordAudit(tx, {
          actorId: user.id,
          action: "account.password.change_failure",
          subject: `user:${user.id}`,
          data: { reason: "wrong_current_password" },
          ...context,
        });
        if (lockedUntil && self.sessionId) await endSessionIn(tx, self.sessionId, "lockout", context);
        return lockedUntil ? { kind: "locked" as const, until: lockedUntil } : { kind: "wrong_current" as const };
      }
      if (!passwordHash) return { kind: "policy" as const };
      await tx.user.update({
        where: { id: user.id },
        data: { passwordHash, mustChangePassword: false, passwordChangedAt: now, failedSignIns: 0 },
      });
      await recordAudit(tx, {
        actorId: user.id,
        action: "account.password.change",
        subject: `user:${user.id}`,
        data: {},
        ...context,
      });
      const others = await tx.session.findMany({
        where: { userId: user.id, endedAt: null, ...(self.sessionId ? { id: { not: self.sessionId } } : {}) },
        select: { id: true },
      });
      if (others.length > 0) {
        await tx.session.updateMany({
          where: { id: { in: others.map((session) => session.id) } },
          data: { endedAt: now },
        });
        await recordAudit(tx, {
          actorId: user.id,
          action: "auth.session.password_changed",
          subject: `user:${user.id}`,
          data: { endedSessionIds: others.map((session) => session.id), keptSessionId: self.sessionId ?? null },
          ...context,
        });
      }
      return { kind: "changed" as const };
    },
    { maxWait: 15_000, timeout: 20_000 },
  );

  if (outcome.kind === "changed") return;
  if (outcome.kind === "policy") throw invalid("新密码不符合要求。", { newPassword: problems });
  await noteSignInFailure({ ip: context.ip ?? null, username: user.username }, context);
  if (outcome.kind === "locked") {
    throw invalid(`当前密码错误次数过多，账号已锁定至 ${formatDateTime(outcome.until)}，请届时重新登录后再试。`, {
      currentPassword: ["账号已锁定"],
    });
  }
  throw invalid("当前密码不正确。", { currentPassword: ["当前密码不正确"] });
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
    await recordAudit(tx, {
      actorId: user.id,
      action: "account.totp.begin",
      subject: `user:${user.id}`,
      data: {},
      ...context,
    });
  });
  const uri = totpUri(secret, user.username);
  return { secret, uri, qrSvg: await QRCode.toString(uri, { type: "svg", margin: 1, width: 200 }) };
}

export const ZConfirmTotp = z.object({
  code: zText()
    .trim()
    .regex(/^\d{6}$/, "请输入 6 位数字动态口令"),
});

export async function confirmTotpEnrollment(self: Self, input: unknown, context: Context = {}) {
  if (!self) throw unauthenticated();
  const confirmation = parseInput(ZConfirmTotp, input, "请检查填写的内容。");
  const db = getDb();
  const user = await db.user.findUniqueOrThrow({ where: { id: self.id } });
  if (user.totpEnabledAt) return;
  if (!user.totpSecret) throw invalid("请先生成绑定二维码。");
  if (!verifyTotp(decryptSecret(user.totpSecret), confirmation.code)) {
    throw invalid("动态口令不正确，请核对手机时间后重试。", { code: ["动态口令不正确"] });
  }
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { totpEnabledAt: new Date() } });
    await recordAudit(tx, {
      actorId: user.id,
      action: "account.totp.enable",
      subject: `user:${user.id}`,
      data: {},
      ...context,
    });
  });
}

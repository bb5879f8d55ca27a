import { z } from "zod";
import { zText } from "@/lib/validation/text";
import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { getDummyHash, verifyPassword } from "@/lib/auth/password";
import { getSecuritySettings } from "@/lib/auth/security-settings";
import { decryptSecret, verifyTotp } from "@/lib/auth/totp";

export const ZCredentials = z.object({
  username: zText().trim().min(1).max(64),
  password: zText().min(1).max(256),
  otp: z
    .string()
    .trim()
    .max(12)
    .optional()
    .transform((value) => (value ? value : undefined)),
});
export type TCredentials = z.infer<typeof ZCredentials>;

export type RequestContext = { ip: string | null; userAgent: string | null };
export type SessionUser = { id: string; username: string; displayName: string; sessionId: string };

/** Thrown only after a correct password: the account's second factor is needed or was wrong. */
export class SecondFactorError extends Error {
  constructor(readonly code: "OTP_REQUIRED" | "OTP_INVALID") {
    super(code);
    this.name = "SecondFactorError";
  }
}

type FailureReason = "unknown_user" | "wrong_password" | "inactive" | "locked" | "wrong_otp";

/**
 * Checks a sign-in attempt (等保 2.0): every attempt is audited; repeated failures lock the
 * account for a while (the lock is audited too); a locked, unknown or inactive account and a
 * wrong password all look the same to the caller. Success opens a server-side session.
 */
export async function authenticate(input: unknown, context: RequestContext): Promise<SessionUser | null> {
  const parsed = ZCredentials.safeParse(input);
  if (!parsed.success) return null;
  const { username, password, otp } = parsed.data;
  const db = getDb();
  const settings = await getSecuritySettings();
  const user = await db.user.findUnique({ where: { username } });
  const isPasswordValid = await verifyPassword(user?.passwordHash ?? (await getDummyHash()), password);
  const now = new Date();

  const fail = async (reason: FailureReason, countsTowardLockout: boolean) => {
    await db.$transaction(async (tx) => {
      let lockedUntil: Date | null = null;
      if (user && countsTowardLockout) {
        const failures = user.failedSignIns + 1;
        const locks = failures >= settings.lockoutThreshold;
        lockedUntil = locks ? new Date(now.getTime() + settings.lockoutMinutes * 60_000) : null;
        await tx.user.update({
          where: { id: user.id },
          data: locks ? { failedSignIns: 0, lockedUntil } : { failedSignIns: failures },
        });
      }
      await recordAudit(tx, {
        actorId: user?.id ?? null,
        action: "auth.sign_in.failure",
        subject: `user:${username}`,
        data: { username, reason },
        ...context,
      });
      if (user && lockedUntil) {
        await recordAudit(tx, {
          actorId: null,
          action: "auth.lockout",
          subject: `user:${user.id}`,
          data: { username, lockedUntil: lockedUntil.toISOString(), after: settings.lockoutThreshold },
          ...context,
        });
      }
    });
  };

  if (!user) return fail("unknown_user", false).then(() => null);
  if (user.lockedUntil && user.lockedUntil > now) return fail("locked", false).then(() => null);
  if (!isPasswordValid) return fail("wrong_password", true).then(() => null);
  if (!user.active) return fail("inactive", false).then(() => null);

  if (user.totpSecret && user.totpEnabledAt) {
    if (!otp) throw new SecondFactorError("OTP_REQUIRED");
    if (!verifyTotp(decryptSecret(user.totpSecret), otp)) {
      await fail("wrong_otp", true);
      throw new SecondFactorError("OTP_INVALID");
    }
  }

  const session = await db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: user.id },
      data: { lastSignInAt: now, failedSignIns: 0, lockedUntil: null },
    });
    const created = await tx.session.create({
      data: { userId: user.id, ip: context.ip, userAgent: context.userAgent },
    });
    await recordAudit(tx, {
      actorId: user.id,
      action: "auth.sign_in.success",
      subject: `user:${user.id}`,
      data: { username, sessionId: created.id, secondFactor: Boolean(user.totpEnabledAt) },
      ...context,
    });
    return created;
  });
  return { id: user.id, username: user.username, displayName: user.displayName, sessionId: session.id };
}

/** Ends a server-side session (sign-out); idempotent. */
export async function endSession(sessionId: string, reason: "sign_out" | "idle_timeout" | "revoked", context: Partial<RequestContext> = {}) {
  const db = getDb();
  await db.$transaction(async (tx) => {
    const session = await tx.session.findUnique({ where: { id: sessionId } });
    if (!session || session.endedAt) return;
    await tx.session.update({ where: { id: sessionId }, data: { endedAt: new Date() } });
    await recordAudit(tx, {
      actorId: session.userId,
      action: `auth.session.${reason}`,
      subject: `session:${sessionId}`,
      data: { sessionId },
      ...context,
    });
  });
}

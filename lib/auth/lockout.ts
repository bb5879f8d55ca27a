import type { Tx } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import type { SecuritySettings } from "@/lib/auth/security-settings";
import type { User } from "@/lib/db/generated/client";

// Failed-password counting and lockout (等保 2.0: 登录失败处理). Every decision about an account's
// password — sign-in and the change-password form alike — is taken while holding that user's row
// lock, so concurrent attempts are counted one after another: N failures count N, and an attempt
// that arrives after the threshold was crossed sees the lock, whatever order they were sent in.

/**
 * Locks the user's row for the rest of the transaction and returns it as it is now (any attempt
 * that committed before is visible). Null when the user no longer exists.
 */
export async function lockUserRow(tx: Tx, userId: string): Promise<User | null> {
  const rows = await tx.$queryRaw<{ id: string }[]>`select id from "User" where id = ${userId}::uuid for update`;
  if (rows.length === 0) return null;
  return tx.user.findUnique({ where: { id: userId } });
}

export function isLocked(user: Pick<User, "lockedUntil">, now: Date): boolean {
  return Boolean(user.lockedUntil && user.lockedUntil > now);
}

type AuditContext = { ip?: string | null; userAgent?: string | null };

/**
 * Counts one wrong password for a user whose row the caller has locked (lockUserRow). Reaching the
 * threshold locks the account for the configured minutes (audited) and starts the count again.
 * Returns when the account is now locked until, or null.
 */
export async function countPasswordFailure(
  tx: Tx,
  user: Pick<User, "id" | "username" | "failedSignIns">,
  settings: SecuritySettings,
  now: Date,
  context: AuditContext,
): Promise<Date | null> {
  const failures = user.failedSignIns + 1;
  if (failures < settings.lockoutThreshold) {
    await tx.user.update({ where: { id: user.id }, data: { failedSignIns: failures } });
    return null;
  }
  const lockedUntil = new Date(now.getTime() + settings.lockoutMinutes * 60_000);
  await tx.user.update({ where: { id: user.id }, data: { failedSignIns: 0, lockedUntil } });
  await recordAudit(tx, {
    actorId: null,
    action: "auth.lockout",
    subject: `user:${user.id}`,
    data: { username: user.username, lockedUntil: lockedUntil.toISOString(), failures: settings.lockoutThreshold },
    ip: context.ip ?? null,
    userAgent: context.userAgent ?? null,
  });
  return lockedUntil;
}

import { z } from "zod";
import { zText } from "@/lib/validation/text";
import { getDb, type Tx } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { getDummyHash, verifyPassword } from "@/lib/auth/password";
import { getSecuritySettings } from "@/lib/auth/security-settings";
import { decryptSecret, verifyTotp } from "@/lib/auth/totp";
import { countPasswordFailure, isLocked, lockUserRow } from "@/lib/auth/lockout";
import { noteSignInFailure } from "@/lib/auth/sign-in-throttle";

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

type Outcome =
  | { kind: "failure"; reason: FailureReason }
  | { kind: "second_factor"; code: SecondFactorError["code"] }
  | { kind: "success"; user: SessionUser };

/** Attempts that wait for an account's row lock queue behind each other; give them room. */
const ATTEMPT_TRANSACTION = { maxWait: 15_000, timeout: 20_000 };

/**
 * Checks a sign-in attempt (等保 2.0): every attempt is audited; repeated failures lock the
 * account for a while (the lock is audited too); a locked, unknown or inactive account and a
 * wrong password all look the same to the caller. Success opens a server-side session.
 *
 * The password hash is checked first, in parallel with other attempts; the decision (lock
 * state, failure count, session) is then taken under the account's row lock (lib/auth/lockout.ts),
 * so concurrent attempts cannot read the same count or slip past a lock another one just set.
 * Failures also count toward the sign-in throttle (lib/auth/sign-in-throttle.ts).
 */
export async function authenticate(input: unknown, context: RequestContext): Promise<SessionUser | null> {
  const parsed = ZCredentials.safeParse(input);
  if (!parsed.success) return null;
  const { username, password, otp } = parsed.data;
  const db = getDb();
  const settings = await getSecuritySettings();
  const candidate = await db.user.findUnique({ where: { username } });
  const isCandidatePasswordValid = await verifyPassword(candidate?.passwordHash ?? (await getDummyHash()), password);

  const outcome = await db.$transaction(async (tx): Promise<Outcome> => {
    const now = new Date();
    const user = candidate ? await lockUserRow(tx, candidate.id) : null;

    const fail = async (reason: FailureReason, countsTowardLockout: boolean): Promise<Outcome> => {
      if (user && countsTowardLockout) await countPasswordFailure(tx, user, settings, now, context);
      await recordAudit(tx, {
        actorId: user?.id ?? null,
        action: "auth.sign_in.failure",
        subject: `user:${username}`,
        data: { username, reason },
        ...context,
      });
      return { kind: "failure", reason };
    };

    if (!user) return fail("unknown_user", false);
    if (isLocked(user, now)) return fail("locked", false);
    // The hash changed while this attempt waited (a password change): check against the new one.
    const isPasswordValid =
      user.passwordHash === candidate!.passwordHash
        ? isCandidatePasswordValid
        : await verifyPassword(user.passwordHash, password);
    if (!isPasswordValid) return fail("wrong_password", true);
    if (!user.active) return fail("inactive", false);

    if (user.totpSecret && user.totpEnabledAt) {
      if (!otp) return { kind: "second_factor", code: "OTP_REQUIRED" };
      if (!verifyTotp(decryptSecret(user.totpSecret), otp)) {
        await fail("wrong_otp", true);
        return { kind: "second_factor", code: "OTP_INVALID" };
      }
    }

    await tx.user.update({
      where: { id: user.id },
      data: { lastSignInAt: now, failedSignIns: 0, lockedUntil: null },
    });
    const session = await tx.session.create({
      data: { userId: user.id, ip: context.ip, userAgent: context.userAgent },
    });
    await recordAudit(tx, {
      actorId: user.id,
      action: "auth.sign_in.success",
      subject: `user:${user.id}`,
      data: { username, sessionId: session.id, secondFactor: Boolean(user.totpEnabledAt) },
      ...context,
    });
    return {
      kind: "success",
      user: { id: user.id, username: user.username, displayName: user.displayName, sessionId: session.id },
    };
  }, ATTEMPT_TRANSACTION);

  if (outcome.kind === "success") return outcome.user;
  if (outcome.kind === "failure" || outcome.code === "OTP_INVALID") {
    await noteSignInFailure({ ip: context.ip, username }, context);
  }
  if (outcome.kind === "second_factor") throw new SecondFactorError(outcome.code);
  return null;
}

type EndReason = "sign_out" | "idle_timeout" | "revoked" | "lockout";

/** Ends a server-side session (sign-out); idempotent. */
export async function endSession(sessionId: string, reason: EndReason, context: Partial<RequestContext> = {}) {
  await getDb().$transaction((tx) => endSessionIn(tx, sessionId, reason, context));
}

/** Ends a session inside the caller's transaction, audited; a session already ended is left alone. */
export async function endSessionIn(
  tx: Tx,
  sessionId: string,
  reason: EndReason,
  context: Partial<RequestContext> = {},
) {
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
}

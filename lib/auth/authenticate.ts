import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { getDummyHash, verifyPassword } from "@/lib/auth/password";

export const ZCredentials = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type TCredentials = z.infer<typeof ZCredentials>;

export type RequestContext = { ip: string | null; userAgent: string | null };
export type SessionUser = { id: string; username: string; displayName: string };

/**
 * Checks a username and password. Every attempt is audited; the caller learns only success or
 * failure, never why (so a failed sign-in does not reveal whether the user exists).
 */
export async function authenticate(input: unknown, context: RequestContext): Promise<SessionUser | null> {
  const parsed = ZCredentials.safeParse(input);
  if (!parsed.success) return null;
  const { username, password } = parsed.data;
  const db = getDb();
  const user = await db.user.findUnique({ where: { username } });
  const isValid = await verifyPassword(user?.passwordHash ?? (await getDummyHash()), password);

  if (!user || !isValid || !user.active) {
    await db.$transaction((tx) =>
      recordAudit(tx, {
        actorId: user?.id ?? null,
        action: "auth.sign_in.failure",
        subject: `user:${username}`,
        data: { username, reason: !user ? "unknown_user" : !isValid ? "wrong_password" : "inactive" },
        ...context,
      }),
    );
    return null;
  }

  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
    await recordAudit(tx, {
      actorId: user.id,
      action: "auth.sign_in.success",
      subject: `user:${user.id}`,
      data: { username, previousSignInAt: user.lastSignInAt?.toISOString() ?? null },
      ...context,
    });
  });
  return { id: user.id, username: user.username, displayName: user.displayName };
}

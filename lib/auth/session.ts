import { getServerSession } from "next-auth";
import { getAuthOptions } from "@/lib/auth/options";
import { endSession } from "@/lib/auth/authenticate";
import { getSecuritySettings, TOTP_REQUIRED_ROLES, type SecuritySettings } from "@/lib/auth/security-settings";
import type { Principal } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import type { Role } from "@/lib/db/generated/client";
import { getEnv } from "@/lib/env";

// The acting user of a request. The session token only names a server-side Session; the user,
// the session's idle time and the user's sign-in obligations are read fresh on every call, so a
// deactivated account, a reset password or an idle browser loses access at once.

export type Obligation = "change_password" | "enroll_totp";

export type Actor = Omit<Principal, "memberships"> & {
  username: string;
  displayName: string;
  sessionId: string;
  lastSignInAt: Date | null;
  hasTotp: boolean;
  obligation: Obligation | null;
  memberships: { orgId: string; orgName: string; role: Role; checks: string[]; isRootOrg: boolean }[];
};

const OBLIGATION_MESSAGES: Record<Obligation, string> = {
  change_password: "请先修改密码后再继续操作。",
  enroll_totp: "您的角色要求双因素认证，请先绑定动态口令。",
};

/** Activity is written at most once a minute per session. */
const TOUCH_INTERVAL_MS = 60_000;

type UserForObligations = {
  isDemo: boolean;
  mustChangePassword: boolean;
  passwordChangedAt: Date;
  totpEnabledAt: Date | null;
  memberships: { role: Role }[];
};

/** What the user must do before anything else; seeded demo accounts skip it only in DEMO_MODE. */
export function computeObligation(
  user: UserForObligations,
  settings: SecuritySettings,
  demoMode: boolean,
  now = new Date(),
): Obligation | null {
  if (user.isDemo && demoMode) return null;
  const expired = now.getTime() - user.passwordChangedAt.getTime() > settings.passwordMaxAgeDays * 86_400_000;
  if (user.mustChangePassword || expired) return "change_password";
  if (!user.totpEnabledAt && user.memberships.some((membership) => TOTP_REQUIRED_ROLES.includes(membership.role))) {
    return "enroll_totp";
  }
  return null;
}

/** Resolves a session id to its actor, enforcing the idle timeout. */
export async function loadActor(userId: string, sessionId: string, now = new Date()): Promise<Actor | null> {
  const db = getDb();
  const [session, settings] = await Promise.all([
    db.session.findFirst({ where: { id: sessionId, userId, endedAt: null } }),
    getSecuritySettings(),
  ]);
  if (!session) return null;
  if (now.getTime() - session.lastSeenAt.getTime() > settings.idleTimeoutMinutes * 60_000) {
    await endSession(session.id, "idle_timeout");
    return null;
  }
  const user = await db.user.findFirst({
    where: { id: userId, active: true },
    include: { memberships: { include: { org: { select: { name: true, parentId: true, active: true } } } } },
  });
  if (!user) return null;
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.session.update({ where: { id: session.id }, data: { lastSeenAt: now } });
  }
  const obligation = computeObligation(user, settings, getEnv().demoMode, now);
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    sessionId: session.id,
    lastSignInAt: user.lastSignInAt,
    hasTotp: Boolean(user.totpEnabledAt),
    obligation,
    pendingObligation: obligation ? OBLIGATION_MESSAGES[obligation] : null,
    // A role held in a deactivated unit grants nothing.
    memberships: user.memberships
      .filter((membership) => membership.org.active)
      .map((membership) => ({
        orgId: membership.orgId,
        orgName: membership.org.name,
        role: membership.role,
        checks: membership.checks,
        isRootOrg: membership.org.parentId === null,
      })),
  };
}

export async function getActor(): Promise<Actor | null> {
  const session = await getServerSession(getAuthOptions());
  const token = session?.user as { id?: string; sid?: string } | undefined;
  if (!token?.id || !token.sid) return null;
  return loadActor(token.id, token.sid);
}

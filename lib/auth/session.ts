import { getServerSession } from "next-auth";
import { getAuthOptions } from "@/lib/auth/options";
import { getDb } from "@/lib/db/client";
import type { Role } from "@/lib/db/generated/client";

// The acting user of a request, loaded fresh from the database on every call so that a
// deactivated account loses access at once, whatever its session token says.

export type Actor = {
  id: string;
  username: string;
  displayName: string;
  lastSignInAt: Date | null;
  memberships: { orgId: string; orgName: string; role: Role; checks: string[] }[];
};

export async function getActor(): Promise<Actor | null> {
  const session = await getServerSession(getAuthOptions());
  const userId = (session?.user as { id?: string } | undefined)?.id;
  if (!userId) return null;
  const user = await getDb().user.findFirst({
    where: { id: userId, active: true },
    include: { memberships: { include: { org: { select: { name: true } } } } },
  });
  if (!user) return null;
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    lastSignInAt: user.lastSignInAt,
    memberships: user.memberships.map((membership) => ({
      orgId: membership.orgId,
      orgName: membership.org.name,
      role: membership.role,
      checks: membership.checks,
    })),
  };
}

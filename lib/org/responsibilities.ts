import type { Tx } from "@/lib/db/client";
import type { Role } from "@/lib/db/generated/client";
import { recordAudit } from "@/lib/audit/record";
import type { RequestContext } from "@/lib/auth/authenticate";

// A unit's responsible person (第一/直接责任人) signs only while holding both the responsibility
// and the matching role in that unit (lib/review/eligibility). Revoking the role therefore ends
// the responsibility too, keeping the row as history with who ended it and why.

const KIND_OF_ROLE: Partial<Record<Role, "FIRST" | "DIRECT">> = {
  FIRST_RESPONSIBLE: "FIRST",
  DIRECT_RESPONSIBLE: "DIRECT",
};

/**
 * Ends `userId`'s current responsibility in `orgId` that `role` carried, inside the caller's
 * transaction, with an audit event of its own. Does nothing for other roles.
 */
export async function endResponsibilityOfRevokedRole(
  tx: Tx,
  input: { userId: string; orgId: string; role: Role; actorId: string; actorRole: string; reason: string },
  context: Partial<RequestContext> = {},
): Promise<number> {
  const kind = KIND_OF_ROLE[input.role];
  if (!kind) return 0;
  const current = await tx.responsibility.findMany({
    where: { userId: input.userId, orgId: input.orgId, kind, endedAt: null },
    select: { id: true },
  });
  if (current.length === 0) return 0;
  const now = new Date();
  await tx.responsibility.updateMany({
    where: { id: { in: current.map((row) => row.id) } },
    data: { endedAt: now, endedById: input.actorId, endReason: input.reason },
  });
  await recordAudit(tx, {
    actorId: input.actorId,
    role: input.actorRole,
    action: "responsibility.end",
    subject: `org:${input.orgId}`,
    data: { kind, userId: input.userId, reason: input.reason, responsibilityIds: current.map((row) => row.id) },
    ...context,
  });
  return current.length;
}

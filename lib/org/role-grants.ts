import type { Tx } from "@/lib/db/client";
import type { Role } from "@/lib/db/generated/enums";
import { recordAudit } from "@/lib/audit/record";
import { assertCan, type Principal } from "@/lib/auth/permissions";
import { conflict, DomainError, forbidden, invalid } from "@/lib/errors";
import { messages } from "@/lib/i18n/zh-CN";
import type { RequestContext } from "@/lib/auth/authenticate";

// The one rule path for granting a role (三员分立: 等保 2.0, GB/T 22239-2019, separates the system,
// security and audit administrators). Both account creation with a first role and granting a role
// to an existing account go through grantRole, so the two cannot disagree.

/** The three platform administrators: held only at the top of the tree, never two by one person. */
export const PLATFORM_ADMIN_ROLES = [
  "SYSTEM_ADMIN",
  "SECURITY_ADMIN",
  "AUDIT_ADMIN",
] as const satisfies readonly Role[];

export function isPlatformAdminRole(role: Role): boolean {
  return (PLATFORM_ADMIN_ROLES as readonly Role[]).includes(role);
}

export type RoleGrant = {
  userId: string;
  org: { id: string; name: string; active: boolean; parentId: string | null };
  role: Role;
  checks: string[];
};

/**
 * Refuses unless `actor` may give `grant.role` to the account, the only place these rules live:
 * the security administrator of the unit (or above) grants; nobody grants to themselves; the three
 * administrators sit at the top unit only and exclude each other on one person. Returns the role
 * the actor acted in, for the audit event.
 */
async function assertMayGrant(tx: Tx, actor: Principal, grant: RoleGrant): Promise<Role> {
  const actingRole = await assertCan(actor, "membership.manage", { orgId: grant.org.id }).catch((error: unknown) => {
    if (error instanceof DomainError && error.code === "FORBIDDEN" && !actor.pendingObligation) {
      throw forbidden("角色只能由本单位或上级单位的安全管理员授予。");
    }
    throw error;
  });
  if (grant.userId === actor.id) throw forbidden("不能授予或撤销自己的角色，须由另一名安全管理员办理。");
  if (!grant.org.active) throw invalid("所选单位已停用。", { orgId: ["所选单位已停用"] });
  if (grant.role === "CHECK_REVIEWER" && grant.checks.length === 0) {
    throw invalid("请选择该审核人可签署的审核关口。", { checks: ["至少选择一项"] });
  }
  if (isPlatformAdminRole(grant.role) && grant.org.parentId !== null) {
    throw invalid("系统、安全、审计管理员只能在最上级单位设置。", { orgId: ["须为最上级单位"] });
  }
  // Serialises grants to one person, so two concurrent grants cannot both pass the checks below.
  await tx.$executeRaw`select pg_advisory_xact_lock(hashtext(${`membership:${grant.userId}`}))`;
  const held = await tx.membership.findMany({ where: { userId: grant.userId }, select: { orgId: true, role: true } });
  if (held.some((membership) => membership.orgId === grant.org.id && membership.role === grant.role)) {
    throw conflict("该用户在此单位已有这个角色。");
  }
  if (isPlatformAdminRole(grant.role)) {
    const other = held.find((membership) => isPlatformAdminRole(membership.role) && membership.role !== grant.role);
    if (other) {
      throw invalid(`三员分立：该用户已是${messages.roles[other.role]}，不能再兼任${messages.roles[grant.role]}。`, {
        role: ["与已有管理员角色互斥"],
      });
    }
  }
  return actingRole;
}

/** Grants a role inside the caller's transaction, audited there. */
export async function grantRole(
  tx: Tx,
  actor: Principal,
  grant: RoleGrant,
  context: Partial<RequestContext> = {},
): Promise<void> {
  const actingRole = await assertMayGrant(tx, actor, grant);
  const checks = grant.role === "CHECK_REVIEWER" ? grant.checks : [];
  await tx.membership.create({ data: { userId: grant.userId, orgId: grant.org.id, role: grant.role, checks } });
  await recordAudit(tx, {
    actorId: actor.id,
    role: actingRole,
    action: "membership.grant",
    subject: `user:${grant.userId}`,
    data: { after: { org: grant.org.name, role: grant.role, checks } },
    ...context,
  });
}

import type { Role } from "@/lib/db/generated/client";
import { isAction, PERMISSIONS, type Action, type PermissionRule } from "@/lib/auth/permission-table";
import { getOrgTree, type OrgTree } from "@/lib/org/tree";
import { forbidden, unauthenticated } from "@/lib/errors";

// The one check of the permission table (lib/auth/permission-table.ts, STYLE.md 5). Deny by
// default: an action not in the table, a role not listed, or a subject outside the organization
// subtree of the membership that holds the role is refused.

export type Subject = { orgId: string } | "platform";

/** What assertCan needs to know about the acting user. */
export type Principal = {
  id: string;
  memberships: { orgId: string; role: Role; isRootOrg: boolean }[];
  /** Unfinished sign-in obligations (password change, 2FA enrolment) block every action. */
  pendingObligation?: string | null;
};

/** The role that grants `action` on `subject`, or null. Pure: the lineage is passed in. */
export function findGrantingRole(
  principal: Principal,
  action: Action,
  subject: Subject,
  lineage: string[],
): Role | null {
  const rule: PermissionRule | undefined = PERMISSIONS[action];
  if (!rule) return null;
  for (const membership of principal.memberships) {
    if (!rule.roles.includes(membership.role)) continue;
    if (rule.scope === "platform" || subject === "platform") {
      if (membership.isRootOrg) return membership.role;
    } else if (lineage.includes(membership.orgId)) {
      return membership.role;
    }
  }
  return null;
}

/**
 * Refuses unless the principal may do `action` on `subject`. Returns the role that allowed it,
 * which the audit event records as the role used.
 */
export async function assertCan(principal: Principal | null, action: Action, subject: Subject): Promise<Role> {
  if (!principal) throw unauthenticated();
  if (!isAction(action)) throw forbidden();
  if (principal.pendingObligation) throw forbidden(principal.pendingObligation);
  const lineage = subject === "platform" ? [] : (await getOrgTree()).lineage(subject.orgId);
  const role = findGrantingRole(principal, action, subject, lineage);
  if (!role) throw forbidden();
  return role;
}

export async function can(principal: Principal | null, action: Action, subject: Subject): Promise<boolean> {
  try {
    await assertCan(principal, action, subject);
    return true;
  } catch {
    return false;
  }
}

/**
 * For listings: refuses unless the principal holds, somewhere, a role the action allows. Each
 * listed record must still be filtered with assertCan/can against its own organization.
 */
export function assertHoldsRoleFor(principal: Principal | null, action: Action): Role {
  if (!principal) throw unauthenticated();
  if (principal.pendingObligation) throw forbidden(principal.pendingObligation);
  const rule: PermissionRule = PERMISSIONS[action];
  const membership = principal.memberships.find((candidate) => rule.roles.includes(candidate.role));
  if (!membership) throw forbidden();
  return membership.role;
}

/**
 * A synchronous checker over the organization tree of this request (lib/org/tree.ts), or the one
 * the caller already holds: for pages that decide many records (lists) or many actions (menus).
 */
export async function createPermissionChecker(principal: Principal | null, given?: OrgTree) {
  const tree = given ?? (await getOrgTree());
  return (action: Action, subject: Subject): boolean =>
    principal !== null &&
    !principal.pendingObligation &&
    findGrantingRole(principal, action, subject, subject === "platform" ? [] : tree.lineage(subject.orgId)) !== null;
}

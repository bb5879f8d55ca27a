import { assertCan, type Principal } from "@/lib/auth/permissions";
import { PERMISSIONS, type Action } from "@/lib/auth/permission-table";
import { Role } from "@/lib/db/generated/enums";

// The permission table as a reference, generated from the table itself so it cannot drift.
export async function getPermissionReference(actor: Principal | null) {
  await assertCan(actor, "permissions.view", "platform");
  const roles = Object.values(Role);
  return {
    roles,
    rows: (Object.entries(PERMISSIONS) as [Action, (typeof PERMISSIONS)[Action]][]).map(([action, rule]) => ({
      action,
      description: rule.description,
      scope: rule.scope,
      allowed: roles.map((role) => (rule.roles as readonly Role[]).includes(role)),
    })),
  };
}

import { getDb } from "@/lib/db/client";
import type { Role } from "@/lib/db/generated/client";
import { assertHoldsRoleFor, createPermissionChecker, type Principal } from "@/lib/auth/permissions";
import { loadCalendar } from "@/lib/calendar/load";
import { chinaDay } from "@/lib/calendar/working-days";
import { messages } from "@/lib/i18n/zh-CN";
import { getOrgTree } from "@/lib/org/tree";
import { accountFieldsOf } from "@/lib/registry/guards";
import { getRegion } from "@/lib/registry/region";
import { earliestCancellationDay } from "@/lib/registry/rules";
import { APPLICANT_ROLES } from "@/lib/registry/schemas";

const t = messages.newMedia;

/** Units the actor may apply for, and the accounts of those units that an application may concern. */
export async function getApplicationOptions(actor: Principal | null, now = new Date()) {
  assertHoldsRoleFor(actor, "registry.apply");
  const db = getDb();
  const tree = await getOrgTree();
  const can = await createPermissionChecker(actor, tree);
  const orgs = tree.all
    .filter((org) => can("registry.apply", { orgId: org.id }))
    .map((org) => ({ id: org.id, name: org.name }));
  const accounts = await db.newMediaAccount.findMany({
    where: { orgId: { in: orgs.map((org) => org.id) }, status: { in: ["ACTIVE", "SUSPENDED"] } },
    include: { org: { select: { name: true } } },
    orderBy: [{ orgId: "asc" }, { platform: "asc" }],
  });
  const calendar = await loadCalendar(db);
  // The unit the actor belongs to comes first to mind; sections below it may apply too.
  const ownOrg = orgs.find((org) =>
    actor!.memberships.some(
      (membership) => membership.orgId === org.id && (APPLICANT_ROLES as readonly Role[]).includes(membership.role),
    ),
  );
  return {
    region: await getRegion(db),
    orgs,
    defaultOrgId: ownOrg?.id ?? orgs[0]?.id ?? null,
    accounts: accounts.map((account) => ({
      id: account.id,
      label: `${account.org.name} · ${t.platforms[account.platform]} · ${account.name}（${t.accountStatus[account.status]}）`,
      status: account.status,
      fields: accountFieldsOf(account),
    })),
    earliestEffectiveOn: earliestCancellationDay(calendar, chinaDay(now)),
  };
}

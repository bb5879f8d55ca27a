import { assertHoldsRoleFor, createPermissionChecker, type Principal } from "@/lib/auth/permissions";
import { PERMISSIONS } from "@/lib/auth/permission-table";
import { unauthenticated } from "@/lib/errors";
import { getOrgTree, type OrgRow, type OrgTree } from "@/lib/org/tree";

// Whose figures an actor sees. Figures are kept per unit (主办单位, or the supervising unit): an
// item of a section (供稿科室) counts for the unit above it. A unit's staff see their own unit,
// sections included, and whatever their role reaches below it; the administrators of a site that
// receives submissions (and the supervising unit, which reaches every unit) see every unit
// submitting to that site (lib/statistics/receivers.ts adds those).

const VIEW_ROLES: readonly string[] = PERMISSIONS["statistics.view"].roles;

/** The unit an organization's items count for: itself, or its nearest ancestor that is not a section. */
export function unitOf(tree: OrgTree, orgId: string): OrgRow | undefined {
  for (const id of tree.lineage(orgId)) {
    const row = tree.get(id);
    if (row && row.kind !== "SECTION") return row;
  }
  return undefined;
}

/** Every organization → its unit, as two parallel arrays for a set-based query (`unnest`). */
export function unitMap(tree: OrgTree): { orgIds: string[]; unitIds: string[] } {
  const orgIds: string[] = [];
  const unitIds: string[] = [];
  for (const row of tree.all) {
    const unit = unitOf(tree, row.id);
    if (!unit) continue;
    orgIds.push(row.id);
    unitIds.push(unit.id);
  }
  return { orgIds, unitIds };
}

export type StatisticsScope = {
  tree: OrgTree;
  /** The units whose figures the actor sees, in the tree's order. */
  units: OrgRow[];
  /** The actor's own units (where they hold a statistics role): the default of the quota page. */
  ownUnitIds: string[];
};

/** The units the actor sees by their own roles (not yet those submitting to a site they run). */
export async function statisticsScope(actor: Principal | null): Promise<StatisticsScope> {
  if (!actor) throw unauthenticated();
  assertHoldsRoleFor(actor, "statistics.view");
  const tree = await getOrgTree();
  const can = await createPermissionChecker(actor, tree);
  const own = new Set(
    actor.memberships
      .filter((membership) => VIEW_ROLES.includes(membership.role))
      .map((membership) => unitOf(tree, membership.orgId)?.id)
      .filter((id): id is string => Boolean(id)),
  );
  const units = tree.all.filter(
    (row) => row.kind !== "SECTION" && (own.has(row.id) || can("statistics.view", { orgId: row.id })),
  );
  return { tree, units, ownUnitIds: [...own] };
}

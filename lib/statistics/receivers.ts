import { can, createPermissionChecker, type Principal } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db/client";
import { getDb } from "@/lib/db/client";
import type { OrgRow, OrgTree } from "@/lib/org/tree";
import { statisticsScope, unitOf } from "@/lib/statistics/scope";

// Sites that receive submissions (报送) and the units submitting to them: the units one level of
// government below the site's unit (a city portal's districts and departments, a district portal's
// district departments), any other unit that has submitted to it or been given a quota there. The
// actor's statistics cover their own units and every unit submitting to a site they receive for.

export type ReceivingSite = { id: string; name: string; orgId: string };

export async function receivingSites(db: Db = getDb()): Promise<ReceivingSite[]> {
  return db.site.findMany({
    where: { acceptsSubmissions: true },
    select: { id: true, name: true, orgId: true },
    orderBy: { position: "asc" },
  });
}

/** The units submitting to each receiving site (by site id), in the tree's order. */
export async function submittersBySite(
  db: Db,
  tree: OrgTree,
  sites: readonly ReceivingSite[],
): Promise<Map<string, OrgRow[]>> {
  const siteIds = sites.map((site) => site.id);
  const [submitted, quotas] = await Promise.all([
    db.submission.groupBy({ by: ["toSiteId", "fromOrgId"], where: { toSiteId: { in: siteIds } } }),
    db.submissionQuota.findMany({ where: { siteId: { in: siteIds } }, select: { siteId: true, orgId: true } }),
  ]);
  const result = new Map<string, OrgRow[]>();
  for (const site of sites) {
    const siteUnit = unitOf(tree, site.orgId)?.id;
    const ids = new Set<string>();
    for (const row of tree.all)
      if (row.kind === "HOST" && row.active && row.parentId && unitOf(tree, row.parentId)?.id === siteUnit)
        ids.add(row.id);
    for (const row of submitted)
      if (row.toSiteId === site.id) ids.add(unitOf(tree, row.fromOrgId)?.id ?? row.fromOrgId);
    for (const row of quotas) if (row.siteId === site.id) ids.add(row.orgId);
    ids.delete(siteUnit ?? "");
    result.set(
      site.id,
      tree.all.filter((row) => ids.has(row.id)),
    );
  }
  return result;
}

export type VisibleUnits = {
  tree: OrgTree;
  units: OrgRow[];
  ownUnitIds: string[];
  /** Receiving sites whose submitting units the actor sees (they administer or supervise them). */
  siteIds: string[];
  /** The supervising unit's view: every unit of the platform. */
  platform: boolean;
};

export async function visibleUnits(actor: Principal | null): Promise<VisibleUnits> {
  const scope = await statisticsScope(actor);
  const db = getDb();
  const check = await createPermissionChecker(actor, scope.tree);
  const sites = (await receivingSites(db)).filter((site) => check("statistics.quota.manage", { orgId: site.orgId }));
  const submitters = await submittersBySite(db, scope.tree, sites);
  const ids = new Set([
    ...scope.units.map((unit) => unit.id),
    ...[...submitters.values()].flat().map((unit) => unit.id),
  ]);
  return {
    ...scope,
    units: scope.tree.all.filter((row) => ids.has(row.id)),
    siteIds: sites.map((site) => site.id),
    platform: await can(actor, "statistics.view", "platform"),
  };
}

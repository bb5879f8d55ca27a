import { getDb } from "@/lib/db/client";
import { createPermissionChecker, type Principal } from "@/lib/auth/permissions";
import { getOrgTree } from "@/lib/org/tree";
import { countLibraryByUnitAndState } from "@/lib/library/browse";
import type { ResourceState } from "@/lib/db/generated/enums";
import { libraryHref } from "@/lib/dashboard/editor-desk";

// For site administrators and the supervising unit: counts per unit (the library's own counts,
// each linking to the library filtered by that unit and state) and per site (what each portal
// shows now, and when it last changed: 国办秘函〔2019〕19号 fails a home page not updated for two weeks).

const STALE_MS = 14 * 86_400_000;

export const UNIT_STATES: readonly ResourceState[] = ["DRAFT", "IN_REVIEW", "APPROVED", "PUBLISHED", "WITHDRAWN"];

/** Every unit the actor may see in the library that holds something, in the tree's order. */
export async function countPerUnit(actor: Principal) {
  const [rows, tree] = await Promise.all([countLibraryByUnitAndState(actor), getOrgTree()]);
  const byUnit = new Map<string, Map<ResourceState, number>>();
  for (const row of rows) {
    const states = byUnit.get(row.orgId) ?? new Map<ResourceState, number>();
    states.set(row.state, row.count);
    byUnit.set(row.orgId, states);
  }
  return tree.all
    .filter((org) => byUnit.has(org.id))
    .map((org) => {
      const states = byUnit.get(org.id)!;
      return {
        orgId: org.id,
        name: org.name,
        total: [...states.values()].reduce((sum, count) => sum + count, 0),
        totalHref: libraryHref({ orgId: org.id }),
        states: UNIT_STATES.map((state) => ({
          state,
          count: states.get(state) ?? 0,
          href: libraryHref({ orgId: org.id, state }),
        })),
      };
    });
}

/** The sites this person administers (or supervises): columns, live items placed there, last publication. */
export async function countPerSite(actor: Principal, now = new Date()) {
  const db = getDb();
  const can = await createPermissionChecker(actor);
  const sites = (
    await db.site.findMany({
      orderBy: { position: "asc" },
      select: { id: true, name: true, siteCode: true, orgId: true, hosts: { select: { host: true } } },
    })
  ).filter(
    (site) =>
      can("site.manage", { orgId: site.orgId }) ||
      actor.memberships.some((membership) => membership.role === "SUPERVISOR" && membership.isRootOrg),
  );
  if (sites.length === 0) return [];
  const ids = sites.map((site) => site.id);
  const [live, columns] = await Promise.all([
    db.$queryRaw<{ siteId: string; items: number; lastPublishedAt: Date | null }[]>`
      select c."siteId" as "siteId", count(distinct p."resourceId")::int as items, max(p."publishedAt") as "lastPublishedAt"
      from "Placement" pl join "Column" c on c.id = pl."columnId"
      join "Publication" p on p."resourceId" = pl."resourceId" and p."withdrawnAt" is null and p."supersededAt" is null
      where c."siteId" = any(${ids}::uuid[]) group by c."siteId"`,
    db.column.groupBy({ by: ["siteId"], where: { siteId: { in: ids } }, _count: { _all: true } }),
  ]);
  const liveBySite = new Map(live.map((row) => [row.siteId, row]));
  const columnsBySite = new Map(columns.map((row) => [row.siteId, row._count._all]));
  return sites.map((site) => ({
    id: site.id,
    name: site.name,
    siteCode: site.siteCode,
    hosts: site.hosts.map((host) => host.host),
    columns: columnsBySite.get(site.id) ?? 0,
    liveItems: liveBySite.get(site.id)?.items ?? 0,
    lastPublishedAt: liveBySite.get(site.id)?.lastPublishedAt ?? null,
    /** Nothing new for two weeks (单项否决 for a home page, 国办秘函〔2019〕19号). */
    isStale: now.getTime() - (liveBySite.get(site.id)?.lastPublishedAt?.getTime() ?? 0) > STALE_MS,
  }));
}

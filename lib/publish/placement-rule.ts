import { getDb, type Db, type Tx } from "@/lib/db/client";
import { getOrgTree } from "@/lib/org/tree";
import { createPermissionChecker, type Principal } from "@/lib/auth/permissions";
import { invalid } from "@/lib/errors";

// Where a resource may be placed: the rule shared by placing, approving and the editor's column picker.

const UNPLACEABLE = new Set(["LINK", "SEARCH", "INTERACTION"]);

/** Whether a column of this kind lists library items at all (a link, search or interaction column does not). */
export function isPlaceableKind(kind: string): boolean {
  return !UNPLACEABLE.has(kind);
}

/**
 * Whether `actor` may place a resource of `ownerOrgId` in a column: on the sites of the owning
 * unit and its ancestors with the placement role for the resource's unit, and on other units'
 * sites (资源同享) with the placement role in that unit.
 */
export async function placementRule(db: Tx | Db, actor: Principal, ownerOrgId: string) {
  const tree = await getOrgTree();
  const can = await createPermissionChecker(actor, tree);
  const lineage = tree.lineage(ownerOrgId);
  return (column: { kind: string; site: { orgId: string } }) =>
    !UNPLACEABLE.has(column.kind) &&
    (lineage.includes(column.site.orgId)
      ? can("placement.manage", { orgId: ownerOrgId })
      : can("placement.manage", { orgId: column.site.orgId }));
}

export async function assertPlaceable(db: Tx | Db, actor: Principal, ownerOrgId: string, columnIds: string[]) {
  if (columnIds.length === 0) return;
  const allowed = await placementRule(db, actor, ownerOrgId);
  const columns = await db.column.findMany({
    where: { id: { in: columnIds } },
    include: { site: { select: { orgId: true } } },
  });
  if (columns.length !== new Set(columnIds).size) throw invalid("所选栏目不存在。", { columnIds: ["所选栏目不存在"] });
  for (const column of columns) {
    if (!allowed(column))
      throw invalid(`您无权在栏目“${column.name}”放置稿件。`, { columnIds: ["无权在该栏目放置稿件"] });
  }
}

/** The columns, by site, that `actor` may place a resource of `ownerOrgId` in. */
export async function listPlaceableColumns(actor: Principal, ownerOrgId: string) {
  const db = getDb();
  const allowed = await placementRule(db, actor, ownerOrgId);
  const sites = await db.site.findMany({
    orderBy: { position: "asc" },
    include: { columns: { orderBy: [{ parentId: "asc" }, { position: "asc" }] } },
  });
  return sites
    .map((site) => ({
      siteId: site.id,
      siteName: site.name,
      columns: site.columns
        .filter((column) => allowed({ kind: column.kind, site }))
        .map((column) => ({ id: column.id, name: column.name })),
    }))
    .filter((site) => site.columns.length > 0);
}

import { getDb } from "@/lib/db/client";
import { getOrgTree } from "@/lib/org/tree";
import { createPermissionChecker, type Principal } from "@/lib/auth/permissions";
import { messages } from "@/lib/i18n/zh-CN";
import { isPlaceableKind, placementRule } from "@/lib/publish/placement-rule";
import { orderColumns, type PickerColumn, type PickerSite } from "@/lib/publish/column-tree-order";

// The column picker's data (components/library/column-picker.tsx): every site as a tree of its
// columns, each marked placeable or not by the placement rule (placement-rule.ts), with the reason
// when not, so an editor sees why a 资源同享 column of another unit is closed to them.

export type { PickerColumn, PickerSite };

type Rule = (column: { kind: string; site: { orgId: string } }) => boolean;

/**
 * The tree for placing an item of `ownerOrgId`; without one (the library's bulk 添加栏目), a column is
 * open when the rule allows it for an item of any unit the actor places for — each item is still
 * checked against its own unit when it is placed.
 */
export async function getColumnTree(actor: Principal, options: { ownerOrgId?: string } = {}): Promise<PickerSite[]> {
  const db = getDb();
  const tree = await getOrgTree();
  let rules: Rule[];
  if (options.ownerOrgId) {
    rules = [await placementRule(db, actor, options.ownerOrgId)];
  } else {
    const can = await createPermissionChecker(actor, tree);
    const owners = tree.all.filter((org) => can("placement.manage", { orgId: org.id }));
    rules = await Promise.all(owners.map((org) => placementRule(db, actor, org.id)));
  }
  const sites = await db.site.findMany({
    orderBy: { position: "asc" },
    select: {
      id: true,
      name: true,
      orgId: true,
      columns: {
        orderBy: [{ position: "asc" }, { createdAt: "asc" }],
        select: { id: true, name: true, kind: true, parentId: true },
      },
    },
  });
  return sites.map((site) => {
    const unitName = tree.get(site.orgId)?.name ?? "其他单位";
    const columns: PickerColumn[] = orderColumns(site.columns).map((column) => {
      const placeable = rules.some((allowed) => allowed({ kind: column.kind, site: { orgId: site.orgId } }));
      const reason = placeable
        ? null
        : isPlaceableKind(column.kind)
          ? `无权发布到该栏目：属于${unitName}`
          : `${messages.columnTypes[column.kind]}栏目不放置稿件`;
      return { id: column.id, name: column.name, depth: column.depth, placeable, reason };
    });
    return { siteId: site.id, siteName: site.name, unitName, columns };
  });
}

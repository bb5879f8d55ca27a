import type { Db, Tx } from "@/lib/db/client";

// A single-page column (单页: 关于本站, 联系我们, 概况 …) shows one item: the one published there
// most recently. A second item placed in it replaces the first on the portal, which an editor
// may not intend (a new 关于本站 instead of a new revision of the old one): the publishing panel
// says so before and after publication.

export type SinglePageOverlap = { columnId: string; column: string; site: string; titles: string[] };

/** For the single-page columns among `columnIds`: the other live items placed there. */
export async function findSinglePageOverlaps(
  db: Db | Tx,
  resourceId: string,
  columnIds: string[],
): Promise<SinglePageOverlap[]> {
  if (columnIds.length === 0) return [];
  const columns = await db.column.findMany({
    where: { id: { in: columnIds }, kind: "PAGE" },
    select: {
      id: true,
      name: true,
      site: { select: { name: true } },
      placements: {
        where: {
          resourceId: { not: resourceId },
          resource: { publications: { some: { withdrawnAt: null, supersededAt: null } } },
        },
        select: { resource: { select: { title: true } } },
        take: 5,
      },
    },
  });
  return columns
    .filter((column) => column.placements.length)
    .map((column) => ({
      columnId: column.id,
      column: column.name,
      site: column.site.name,
      titles: column.placements.map((placement) => placement.resource.title),
    }));
}

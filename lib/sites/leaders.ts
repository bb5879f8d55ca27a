import { getDb } from "@/lib/db/client";
import { ZStoredRevisionMetadata } from "@/lib/library/metadata";
import { cacheTag, tagPage } from "@/lib/cache/render-scope";
import { descendantIds, livePublication, type PortalColumn, type PortalLeader } from "@/lib/sites/portal";

// 领导之窗 on the portal: a column whose items are leaders shows them as a grid of cards, ordered
// by each leader's 排序 (区长 before 副区长), not by publication time.

/** A column holds at most a few dozen leaders; the grid shows them all, never paginated. */
const MAX_LEADERS = 200;

export type LeaderCard = PortalLeader & { resourceId: string; rank: number };

/** The live leaders placed in `column` or its sub-columns, by rank, then name (拼音 order). */
export async function listColumnLeaders(column: PortalColumn): Promise<LeaderCard[]> {
  const columnIds = [column.id, ...descendantIds(column)];
  const publications = await getDb().publication.findMany({
    where: {
      ...livePublication,
      resource: { kind: "LEADER", placements: { some: { columnId: { in: columnIds } } } },
    },
    orderBy: [{ publishedAt: "desc" }, { id: "asc" }],
    take: MAX_LEADERS,
    select: { resourceId: true, revision: { select: { metadata: true } } },
  });
  tagPage(...columnIds.map(cacheTag.column), ...publications.map((row) => cacheTag.resource(row.resourceId)));
  const cards = publications.flatMap((row): LeaderCard[] => {
    const leader = ZStoredRevisionMetadata.safeParse(row.revision.metadata).data?.leader;
    if (!leader) return [];
    return [
      {
        resourceId: row.resourceId,
        name: leader.name,
        post: leader.post,
        duties: [],
        photo: leader.photo ?? null,
        rank: leader.rank,
      },
    ];
  });
  return cards.sort((a, b) => a.rank - b.rank || a.name.localeCompare(b.name, "zh-CN"));
}

/** Whether a column's page shows the leaders' grid: every item it lists is a leader. */
export function isLeaderColumn(items: { kind: string }[]): boolean {
  return items.length > 0 && items.every((item) => item.kind === "LEADER");
}

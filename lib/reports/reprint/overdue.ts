import type { Db, Tx } from "@/lib/db/client";

// For the 监管 monitor (issue #16, lib/supervision): per site, the upper-level items not yet
// reprinted (published on the site) an hour after they came out, and those past the latest
// deadline of one working day (seed 003: 力争1小时内转载，最晚不超过1个工作日). Ignored items are
// not overdue. Read-only, no actor: the monitor's job calls it with its own clock.

export type OverdueReprint = {
  itemId: string;
  title: string;
  sourceName: string;
  originUrl: string | null;
  /** The upstream publication time (null when the feed gave none; the clock then ran from fetchedAt). */
  originPublishedAt: Date | null;
  clockStart: Date;
  dueAt: Date;
  deadlineAt: Date;
  /** Taken into review but not yet published: when, else null (nobody has taken it up). */
  takenAt: Date | null;
};

export type SiteOverdueReprints = {
  siteId: string;
  siteName: string;
  siteCode: string;
  /** Past the hour (past the working day included). */
  pastHour: OverdueReprint[];
  /** Past the working day. */
  pastDeadline: OverdueReprint[];
};

export async function overdueReprints(db: Db | Tx, now: Date): Promise<SiteOverdueReprints[]> {
  const items = await db.reprintItem.findMany({
    where: { state: { in: ["PENDING", "TAKEN"] }, publishedAt: null, dueAt: { lt: now } },
    include: {
      entry: { include: { source: { select: { name: true } } } },
      site: { select: { id: true, name: true, siteCode: true, position: true } },
    },
    orderBy: [{ dueAt: "asc" }, { id: "asc" }],
  });
  const bySite = new Map<string, SiteOverdueReprints & { position: number }>();
  for (const item of items) {
    const site =
      bySite.get(item.siteId) ??
      bySite
        .set(item.siteId, {
          siteId: item.site.id,
          siteName: item.site.name,
          siteCode: item.site.siteCode,
          position: item.site.position,
          pastHour: [],
          pastDeadline: [],
        })
        .get(item.siteId)!;
    const overdue: OverdueReprint = {
      itemId: item.id,
      title: item.entry.title,
      sourceName: item.entry.source.name,
      originUrl: item.entry.link,
      originPublishedAt: item.entry.publishedAt,
      clockStart: item.entry.clockStart,
      dueAt: item.dueAt,
      deadlineAt: item.deadlineAt,
      takenAt: item.takenAt,
    };
    site.pastHour.push(overdue);
    if (item.deadlineAt < now) site.pastDeadline.push(overdue);
  }
  return [...bySite.values()].sort((a, b) => a.position - b.position).map(({ position: _position, ...site }) => site);
}

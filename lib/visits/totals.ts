import type { Db, Tx } from "@/lib/db/client";

// The visit figures other areas read (the 政府网站工作年度报表's 独立用户访问总量 and 网站总访问量):
// one site's page views and unique visitors over China days `from`..`to`, both included.
// Unique visitors are counted per day and added up over the period: the salt changes every day,
// so nobody can be followed from one day to the next.

export type SiteVisitTotalsInput = {
  siteId: string;
  /** First China day, "YYYY-MM-DD", included. */
  from: string;
  /** Last China day, "YYYY-MM-DD", included. */
  to: string;
};

export type SiteVisitTotals = { pageViews: number; uniqueVisitors: number };

/** A China day as the date columns hold it. */
export function dayColumn(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

export async function siteVisitTotals(db: Db | Tx, input: SiteVisitTotalsInput): Promise<SiteVisitTotals> {
  const sum = await db.visitDay.aggregate({
    where: { siteId: input.siteId, day: { gte: dayColumn(input.from), lte: dayColumn(input.to) } },
    _sum: { pageViews: true, uniqueVisitors: true },
  });
  return { pageViews: sum._sum.pageViews ?? 0, uniqueVisitors: sum._sum.uniqueVisitors ?? 0 };
}

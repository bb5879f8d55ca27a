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

export async function siteVisitTotals(db: Db | Tx, input: SiteVisitTotalsInput): Promise<SiteVisitTotals> {
  void db;
  void input;
  // Contract stub: filled in on branch h-visits29.
  return { pageViews: 0, uniqueVisitors: 0 };
}

import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { can, type Principal } from "@/lib/auth/permissions";
import { invalid, notFound, unauthenticated } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { chinaToday } from "@/lib/time/china";
import { messages } from "@/lib/i18n/zh-CN";
import { dayColumn } from "@/lib/visits/totals";

// 访问统计 of one site over a period: page views and unique visitors per day, the top pages,
// search terms and referring sites. A site's administrators see their own sites, the supervising
// unit every site (permission visits.view on the site's unit).

const t = messages.visits;
const DAY_MS = 86_400_000;
const MAX_DAYS = 366;
export const DEFAULT_DAYS = 30;
export const TOP = 20;

const day = z
  .union([z.iso.date({ message: t.errors.badDate }), z.literal("")], { message: t.errors.badDate })
  .optional()
  .transform((value) => value || undefined);

const ZVisitFilter = z.object({
  siteId: z
    .union([z.uuid({ message: t.errors.badSite }), z.literal("")], { message: t.errors.badSite })
    .optional()
    .transform((value) => value || undefined),
  from: day,
  to: day,
});
export type TVisitFilter = z.input<typeof ZVisitFilter>;

/** "2026-12-06" + n days. */
export function addDays(dayText: string, days: number): string {
  return new Date(dayColumn(dayText).getTime() + days * DAY_MS).toISOString().slice(0, 10);
}

/** The period asked for, or the last 30 days up to today; refused when reversed, or over a year. */
export function resolvePeriod(from: string | undefined, to: string | undefined, today: string) {
  const end = to ?? today;
  const start = from ?? addDays(end, -(DEFAULT_DAYS - 1));
  if (start > end) throw invalid(t.errors.reversed, { from: [t.errors.reversed] });
  const days = Math.round((dayColumn(end).getTime() - dayColumn(start).getTime()) / DAY_MS) + 1;
  if (days > MAX_DAYS) throw invalid(t.errors.tooLong, { from: [t.errors.tooLong] });
  return { from: start, to: end, days };
}

/** The sites whose visits `actor` may see, in the platform's order. */
export async function listVisitSites(actor: Principal | null) {
  if (!actor) throw unauthenticated();
  const sites = await getDb().site.findMany({
    orderBy: { position: "asc" },
    select: { id: true, name: true, siteCode: true, orgId: true },
  });
  const visible = [];
  for (const site of sites) if (await can(actor, "visits.view", { orgId: site.orgId })) visible.push(site);
  return visible;
}

export type VisitDayRow = { day: string; pageViews: number; uniqueVisitors: number };
export type VisitTopRow = { key: string; count: number };

export async function getVisitReport(actor: Principal | null, filter: unknown, now: Date = new Date()) {
  if (!actor) throw unauthenticated();
  const input = parseInput(ZVisitFilter, filter);
  const sites = await listVisitSites(actor);
  if (sites.length === 0) throw notFound();
  const site = input.siteId ? sites.find((candidate) => candidate.id === input.siteId) : sites[0];
  if (!site) throw notFound();
  const period = resolvePeriod(input.from, input.to, chinaToday(now));
  const where = { siteId: site.id, day: { gte: dayColumn(period.from), lte: dayColumn(period.to) } };
  const db = getDb();
  const [dayRows, pages, terms, referrers] = await Promise.all([
    db.visitDay.findMany({ where, orderBy: { day: "asc" } }),
    db.visitPathDay.groupBy({
      by: ["path"],
      where,
      _sum: { pageViews: true },
      orderBy: [{ _sum: { pageViews: "desc" } }, { path: "asc" }],
      take: TOP,
    }),
    db.visitSearchDay.groupBy({
      by: ["term"],
      where,
      _sum: { searches: true },
      orderBy: [{ _sum: { searches: "desc" } }, { term: "asc" }],
      take: TOP,
    }),
    db.visitReferrerDay.groupBy({
      by: ["host"],
      where,
      _sum: { pageViews: true },
      orderBy: [{ _sum: { pageViews: "desc" } }, { host: "asc" }],
      take: TOP,
    }),
  ]);
  const byDay = new Map(dayRows.map((row) => [row.day.toISOString().slice(0, 10), row]));
  const daily: VisitDayRow[] = [];
  for (let index = 0; index < period.days; index += 1) {
    const key = addDays(period.from, index);
    const row = byDay.get(key);
    daily.push({ day: key, pageViews: row?.pageViews ?? 0, uniqueVisitors: row?.uniqueVisitors ?? 0 });
  }
  return {
    sites: sites.map(({ id, name, siteCode }) => ({ id, name, siteCode })),
    site: { id: site.id, name: site.name, siteCode: site.siteCode },
    period: { from: period.from, to: period.to },
    totals: {
      pageViews: daily.reduce((sum, row) => sum + row.pageViews, 0),
      uniqueVisitors: daily.reduce((sum, row) => sum + row.uniqueVisitors, 0),
    },
    daily,
    topPages: pages.map((row) => ({ key: row.path, count: row._sum.pageViews ?? 0 })),
    topTerms: terms.map((row) => ({ key: row.term, count: row._sum.searches ?? 0 })),
    topReferrers: referrers.map((row) => ({ key: row.host, count: row._sum.pageViews ?? 0 })),
  };
}

export type VisitReport = Awaited<ReturnType<typeof getVisitReport>>;

/** A counted path as people read it ("/search?q=" never appears: queries are not kept). */
export function readablePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

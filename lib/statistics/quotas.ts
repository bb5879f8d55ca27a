import type { Principal } from "@/lib/auth/permissions";
import { createPermissionChecker } from "@/lib/auth/permissions";
import { loadCalendar } from "@/lib/calendar/load";
import { getDb, type Db } from "@/lib/db/client";
import { invalid } from "@/lib/errors";
import type { OrgRow, OrgTree } from "@/lib/org/tree";
import { messages } from "@/lib/i18n/zh-CN";
import { chinaMonth, isMonth, lastWeekStart, periodBounds } from "@/lib/statistics/period";
import { receivingSites, submittersBySite, type ReceivingSite } from "@/lib/statistics/receivers";
import { statisticsScope, unitMap } from "@/lib/statistics/scope";

// 报送任务: each unit's monthly quota at each receiving site and how far it has come this month.
// 晋城市政府网站群信息员管理制度 (seed 004): 各县（市、区）每月报送信息不少于20条、市直各部门每月
// 报送信息不少于5条. A county or district is a people's government (its name ends in 人民政府); every
// other unit is a department. The receiving site's administrators or the supervising unit may set
// another quota for a unit (SubmissionQuota).

export const GOVERNMENT_QUOTA = 20;
export const DEPARTMENT_QUOTA = 5;

/** A people's government (区县人民政府) rather than a department, by its name (a trailing （…） ignored). */
export function isGovernmentUnit(unitName: string): boolean {
  return /人民政府$/.test(unitName.replace(/（[^）]*）$/, ""));
}

export function defaultQuota(unitName: string): number {
  return isGovernmentUnit(unitName) ? GOVERNMENT_QUOTA : DEPARTMENT_QUOTA;
}

export type QuotaRow = {
  unitId: string;
  unitName: string;
  quota: number;
  isDefault: boolean;
  submitted: number;
  adopted: number;
  /** The month's submissions reached the quota (a quota of 0 is always met). */
  met: boolean;
  remaining: number;
};

export type SiteQuotas = { site: ReceivingSite; mayManage: boolean; rows: QuotaRow[] };

/**
 * Every receiving site's quota rows for `month`, in one query for all the figures: submissions
 * (报送) and adoptions (采用) of the month grouped by site and submitting unit.
 */
export async function quotaRows(
  db: Db,
  tree: OrgTree,
  sites: readonly ReceivingSite[],
  month: string,
): Promise<Map<string, QuotaRow[]>> {
  const submitters = await submittersBySite(db, tree, sites);
  const { orgIds, unitIds } = unitMap(tree);
  const { start, end } = periodBounds(month, month);
  const siteIds = sites.map((site) => site.id);
  const [counts, quotas] = await Promise.all([
    db.$queryRaw<{ siteId: string; unitId: string; submitted: number; adopted: number }[]>`
      with unit_map as (select * from unnest(${orgIds}::uuid[], ${unitIds}::uuid[]) as m(org_id, unit_id))
      select s."toSiteId"::text as "siteId", m.unit_id::text as "unitId",
        (count(*) filter (where s."submittedAt" >= ${start} and s."submittedAt" < ${end}))::int as submitted,
        (count(*) filter (where s."adoptedAt" >= ${start} and s."adoptedAt" < ${end}))::int as adopted
      from "Submission" s join unit_map m on m.org_id = s."fromOrgId"
      where s."toSiteId" = any(${siteIds}::uuid[])
        and (s."submittedAt" >= ${start} and s."submittedAt" < ${end} or s."adoptedAt" >= ${start} and s."adoptedAt" < ${end})
      group by 1, 2`,
    db.submissionQuota.findMany({ where: { siteId: { in: siteIds } } }),
  ]);
  const result = new Map<string, QuotaRow[]>();
  for (const site of sites) {
    const rows = (submitters.get(site.id) ?? []).map((unit: OrgRow) => {
      const set = quotas.find((quota) => quota.siteId === site.id && quota.orgId === unit.id);
      const figures = counts.find((count) => count.siteId === site.id && count.unitId === unit.id);
      const quota = set?.monthly ?? defaultQuota(unit.name);
      const submitted = figures?.submitted ?? 0;
      return {
        unitId: unit.id,
        unitName: unit.name,
        quota,
        isDefault: !set,
        submitted,
        adopted: figures?.adopted ?? 0,
        met: submitted >= quota,
        remaining: Math.max(0, quota - submitted),
      };
    });
    result.set(site.id, rows);
  }
  return result;
}

export type QuotaView = {
  month: string;
  /** The first day of the month's last week, when reminders go out. */
  reminderFrom: string;
  sites: SiteQuotas[];
};

/**
 * The quota page: every receiving site the actor sees rows of — all its submitting units for its
 * administrators and the supervising unit, the actor's own units for their staff.
 */
export async function getQuotaProgress(
  actor: Principal | null,
  input: { month?: unknown } = {},
  now: Date = new Date(),
): Promise<QuotaView> {
  const scope = await statisticsScope(actor);
  const given = typeof input.month === "string" && input.month !== "" ? input.month : undefined;
  if (given !== undefined && !isMonth(given)) throw invalid(messages.statistics.filters.periodInvalid);
  const month = given ?? chinaMonth(now);
  const db = getDb();
  const check = await createPermissionChecker(actor, scope.tree);
  const sites = await receivingSites(db);
  const rows = await quotaRows(db, scope.tree, sites, month);
  const own = new Set(scope.units.map((unit) => unit.id));
  const view: SiteQuotas[] = [];
  for (const site of sites) {
    const mayManage = check("statistics.quota.manage", { orgId: site.orgId });
    const visible = (rows.get(site.id) ?? []).filter((row) => mayManage || own.has(row.unitId));
    if (mayManage || visible.length) view.push({ site, mayManage, rows: visible });
  }
  return { month, reminderFrom: lastWeekStart(await loadCalendar(db), month), sites: view };
}

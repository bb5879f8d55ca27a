import { z } from "zod";
import { createPermissionChecker, type Principal } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { chinaYear } from "@/lib/time/china";
import { monthsBetween, periodBounds } from "@/lib/statistics/period";
import { defaultQuota } from "@/lib/statistics/quotas";
import { receivingSites, submittersBySite, type ReceivingSite } from "@/lib/statistics/receivers";
import { statisticsScope, unitMap, unitOf } from "@/lib/statistics/scope";

// 年度报送排名, the basis of the year-end 稿酬 (seed 004: 每年年底结合报送信息的数量和质量，对完成任务、
// 表现优异的信息员给予稿酬奖励): the units submitting to a receiving site ranked by items adopted,
// then by items submitted (equal on both: the same rank), with the share of originals among the
// adopted, the months the quota was met, and the same per 信息员. Figures of one year, in China
// time, from one query per table (units, people). The site's administrators and the supervising
// unit see every row; a submitting unit's staff see their own unit's.

export const ZRankingInput = z.object({
  siteId: z.uuid("接收网站不正确"),
  year: z.coerce.number({ error: "年度不正确" }).int("年度不正确").min(2000, "年度不正确").max(2100, "年度不正确"),
});

export type RankingRow = {
  rank: number;
  id: string;
  name: string;
  /** For a person: their unit. */
  unitId?: string;
  unitName?: string;
  submitted: number;
  adopted: number;
  adoptedOriginal: number;
  /** 采用 ÷ 报送 (null without submissions). */
  adoptionRate: number | null;
  /** 采用原创 ÷ 采用 (null without adoptions). */
  originalShare: number | null;
  annualQuota?: number;
  monthsMet?: number;
};

export type Ranking = {
  site: ReceivingSite;
  year: number;
  mayManage: boolean;
  units: RankingRow[];
  people: RankingRow[];
  sites: ReceivingSite[];
};

type Figures = { submitted: number; adopted: number; adoptedOriginal: number };

/** Ranks rows by adopted, then submitted (competition ranking: 1, 2, 2, 4), then by name. */
export function rankRows<T extends Figures & { name: string }>(rows: readonly T[]): (T & { rank: number })[] {
  const sorted = [...rows].sort(
    (a, b) => b.adopted - a.adopted || b.submitted - a.submitted || a.name.localeCompare(b.name, "zh-CN"),
  );
  return sorted.map((row, index) => {
    let rank = index + 1;
    for (let earlier = index - 1; earlier >= 0; earlier -= 1) {
      const other = sorted[earlier]!;
      if (other.adopted !== row.adopted || other.submitted !== row.submitted) break;
      rank = earlier + 1;
    }
    return { ...row, rank };
  });
}

function ratios(figures: Figures) {
  return {
    adoptionRate: figures.submitted ? figures.adopted / figures.submitted : null,
    originalShare: figures.adopted ? figures.adoptedOriginal / figures.adopted : null,
  };
}

/** The receiving sites the actor may see a ranking of: those they administer, or their units submit to. */
export async function getRanking(actor: Principal | null, input: unknown, now: Date = new Date()): Promise<Ranking> {
  const scope = await statisticsScope(actor);
  const db = getDb();
  const check = await createPermissionChecker(actor, scope.tree);
  const all = await receivingSites(db);
  const submitters = await submittersBySite(db, scope.tree, all);
  const own = new Set(scope.units.map((unit) => unit.id));
  const sites = all.filter(
    (site) =>
      check("statistics.quota.manage", { orgId: site.orgId }) ||
      (submitters.get(site.id) ?? []).some((unit) => own.has(unit.id)),
  );
  const raw = (input ?? {}) as Record<string, unknown>;
  const { siteId, year } = parseInput(ZRankingInput, {
    siteId: raw.siteId || sites[0]?.id,
    year: raw.year || chinaYear(now),
  });
  const site = sites.find((candidate) => candidate.id === siteId);
  if (!site) throw notFound("未找到该接收网站，或您无权查看其排名。");
  const mayManage = check("statistics.quota.manage", { orgId: site.orgId });
  const units = submitters.get(site.id) ?? [];
  const { orgIds, unitIds } = unitMap(scope.tree);
  const { start, end } = periodBounds(`${year}-01`, `${year}-12`);
  const [byUnitMonth, byPerson, quotas] = await Promise.all([
    db.$queryRaw<({ unitId: string; month: string } & Figures)[]>`
      with unit_map as (select * from unnest(${orgIds}::uuid[], ${unitIds}::uuid[]) as m(org_id, unit_id)),
      events as (
        select m.unit_id, 'submitted' as measure, s."submittedAt" as at, false as original
        from "Submission" s join unit_map m on m.org_id = s."fromOrgId" where s."toSiteId" = ${site.id}::uuid
        union all
        select m.unit_id, 'adopted', s."adoptedAt",
          coalesce(rev.metadata->'source'->>'type', 'original') <> 'reprint'
        from "Submission" s join unit_map m on m.org_id = s."fromOrgId" join "Revision" rev on rev.id = s."revisionId"
        where s."toSiteId" = ${site.id}::uuid and s."adoptedAt" is not null
      )
      select unit_id::text as "unitId", to_char(at + interval '8 hours', 'YYYY-MM') as month,
        (count(*) filter (where measure = 'submitted'))::int as submitted,
        (count(*) filter (where measure = 'adopted'))::int as adopted,
        (count(*) filter (where measure = 'adopted' and original))::int as "adoptedOriginal"
      from events where at >= ${start} and at < ${end}
      group by 1, 2`,
    db.$queryRaw<({ userId: string; name: string; orgId: string } & Figures)[]>`
      select s."submittedById"::text as "userId", min(u."displayName") as name, min(s."fromOrgId"::text) as "orgId",
        (count(*) filter (where s."submittedAt" >= ${start} and s."submittedAt" < ${end}))::int as submitted,
        (count(*) filter (where s."adoptedAt" >= ${start} and s."adoptedAt" < ${end}))::int as adopted,
        (count(*) filter (where s."adoptedAt" >= ${start} and s."adoptedAt" < ${end}
          and coalesce(rev.metadata->'source'->>'type', 'original') <> 'reprint'))::int as "adoptedOriginal"
      from "Submission" s join "User" u on u.id = s."submittedById" join "Revision" rev on rev.id = s."revisionId"
      where s."toSiteId" = ${site.id}::uuid
        and (s."submittedAt" >= ${start} and s."submittedAt" < ${end} or s."adoptedAt" >= ${start} and s."adoptedAt" < ${end})
      group by 1`,
    db.submissionQuota.findMany({ where: { siteId: site.id } }),
  ]);
  const months = monthsBetween(`${year}-01`, `${year}-12`);
  const unitRows = units.map((unit) => {
    const rows = byUnitMonth.filter((row) => row.unitId === unit.id);
    const figures = rows.reduce(
      (sum, row) => ({
        submitted: sum.submitted + row.submitted,
        adopted: sum.adopted + row.adopted,
        adoptedOriginal: sum.adoptedOriginal + row.adoptedOriginal,
      }),
      { submitted: 0, adopted: 0, adoptedOriginal: 0 },
    );
    const monthly = quotas.find((quota) => quota.orgId === unit.id)?.monthly ?? defaultQuota(unit.name);
    const monthsMet = months.filter(
      (month) => (rows.find((row) => row.month === month)?.submitted ?? 0) >= monthly,
    ).length;
    return { id: unit.id, name: unit.name, ...figures, ...ratios(figures), annualQuota: monthly * 12, monthsMet };
  });
  const personRows = byPerson.map((row) => ({
    id: row.userId,
    name: row.name,
    unitId: unitOf(scope.tree, row.orgId)?.id ?? row.orgId,
    unitName: unitOf(scope.tree, row.orgId)?.name ?? "",
    submitted: row.submitted,
    adopted: row.adopted,
    adoptedOriginal: row.adoptedOriginal,
    ...ratios(row),
  }));
  const rankedUnits = rankRows(unitRows);
  const rankedPeople = rankRows(personRows);
  // Staff of a submitting unit see their own unit's row (and its people), with its rank among all.
  return {
    site,
    year,
    mayManage,
    units: mayManage ? rankedUnits : rankedUnits.filter((row) => own.has(row.id)),
    people: mayManage ? rankedPeople : rankedPeople.filter((row) => own.has(row.unitId)),
    sites,
  };
}

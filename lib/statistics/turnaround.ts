import type { Db } from "@/lib/db/client";
import { kindsOf } from "@/lib/statistics/filter";
import { periodBounds } from "@/lib/statistics/period";
import { unitMap } from "@/lib/statistics/scope";
import type { CountScope } from "@/lib/statistics/counts";

// 审核用时 per stage, from the review tables' own timestamps, in one query: a stage of a review
// ends at its last sign-off (the five checks end with the last check signed; a return ends it at
// the return), and starts when the stage before it ended (the first at submission). Only stages
// that are over count: those before the current stage of a running review, and every signed stage
// of a finished one. Median and P90 are PostgreSQL's percentile_cont (linear interpolation).

export type StageTurnaround = { stage: string; position: number; count: number; median: number; p90: number };

type Row = { stage: string; position: number; count: number; median: number; p90: number; whole: boolean };

export async function reviewTurnaround(db: Db, scope: CountScope): Promise<StageTurnaround[]> {
  const { orgIds, unitIds: mapped } = unitMap(scope.tree);
  const { start, end } = periodBounds(scope.filter.from, scope.filter.to);
  const kinds = kindsOf(scope.filter);
  const columnId = scope.filter.columnId;
  const rows = await db.$queryRaw<Row[]>`
    with unit_map as (
      select * from unnest(${orgIds}::uuid[], ${mapped}::uuid[]) as m(org_id, unit_id)
      where m.unit_id = any(${scope.unitIds}::uuid[])
    ),
    inst as (
      select ri.id, ri.status::text as status, ri."currentStage", ri."submittedAt", ri."completedAt"
      from "ReviewInstance" ri
      join "Resource" r on r.id = ri."resourceId"
      join unit_map m on m.org_id = r."ownerOrgId"
      where r."trashedAt" is null and r.kind::text = any(${kinds}::text[])
        and (${columnId}::uuid is null or ${columnId}::uuid = any(ri."columnIds") or exists (
          select 1 from "Placement" pl where pl."resourceId" = r.id and pl."columnId" = ${columnId}::uuid))
    ),
    stage_done as (
      select s."instanceId", s."stagePosition" as position, min(s."stageName") as stage, max(s.at) as done_at
      from "SignOff" s join inst on inst.id = s."instanceId"
      group by s."instanceId", s."stagePosition"
    ),
    timed as (
      select d.stage, d.position, d.done_at, i.status, i."currentStage",
        max(d.position) over (partition by d."instanceId") as last_position,
        extract(epoch from d.done_at - coalesce(
          lag(d.done_at) over (partition by d."instanceId" order by d.position), i."submittedAt")) / 3600.0 as hours
      from stage_done d join inst i on i.id = d."instanceId"
    ),
    over as (
      select * from timed t
      where t.done_at >= ${start} and t.done_at < ${end}
        and (t.position < t.last_position
          or t.status in ('APPROVED', 'RETURNED', 'REJECTED')
          or (t.status = 'IN_PROGRESS' and t.position < t."currentStage"))
    )
    select stage, min(position)::int as position, count(*)::int as count,
      percentile_cont(0.5) within group (order by hours) as median,
      percentile_cont(0.9) within group (order by hours) as p90, false as whole
    from over group by stage
    union all
    select '', 2147483647, count(*)::int,
      percentile_cont(0.5) within group (order by extract(epoch from i."completedAt" - i."submittedAt") / 3600.0),
      percentile_cont(0.9) within group (order by extract(epoch from i."completedAt" - i."submittedAt") / 3600.0),
      true
    from inst i
    where i.status = 'APPROVED' and i."completedAt" >= ${start} and i."completedAt" < ${end}
    order by 2, 1`;
  return rows
    .filter((row) => row.count > 0)
    .map((row) => ({
      stage: row.whole ? "" : row.stage,
      position: row.position,
      count: row.count,
      median: round1(Number(row.median)),
      p90: round1(Number(row.p90)),
    }));
}

/** Hours to one decimal, as the page shows them. */
export function round1(hours: number): number {
  return Math.round(hours * 10) / 10;
}

import { Prisma } from "@/lib/db/generated/client";
import type { Db } from "@/lib/db/client";
import type { OrgTree } from "@/lib/org/tree";
import { kindsOf, type StatisticsFilter } from "@/lib/statistics/filter";
import { periodBounds } from "@/lib/statistics/period";
import { unitMap } from "@/lib/statistics/scope";

// 稿件统计 in set-based SQL: every countable event of the period — a 稿件 written, submitted,
// adopted, first published, returned, withdrawn, corrected — is one row of one `events` set, and
// each dimension (unit, person, column, kind, month) is one GROUP BY over it: five queries
// whatever the number of items. The definitions the page shows are lib/i18n/zh-CN-statistics.ts.

export const MEASURES = ["written", "submitted", "adopted", "published", "returned", "withdrawn", "corrected"] as const;
export type Measure = (typeof MEASURES)[number];
export type Figures = Record<Measure, number> & { original: number; reprinted: number };
export const DIMENSIONS = ["unit", "person", "column", "kind", "month"] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export function emptyFigures(): Figures {
  return {
    written: 0,
    submitted: 0,
    adopted: 0,
    published: 0,
    returned: 0,
    withdrawn: 0,
    corrected: 0,
    original: 0,
    reprinted: 0,
  };
}

/** 原创占比 of first publications, as a fraction (null when nothing was published). */
export function originalShare(figures: Pick<Figures, "original" | "published">): number | null {
  return figures.published > 0 ? figures.original / figures.published : null;
}

export type CountScope = {
  tree: OrgTree;
  /** The units counted (already narrowed to the filter's unit, if any). */
  unitIds: string[];
  filter: StatisticsFilter;
};

/**
 * The events of the period, one row each: measure, at, resource, unit, person, kind, whether the
 * item is a reprint (for a first publication or a submission) and, for a submission, the receiving
 * site's columns.
 */
export function eventsSql(scope: CountScope): Prisma.Sql {
  const { orgIds, unitIds: mapped } = unitMap(scope.tree);
  const { start, end } = periodBounds(scope.filter.from, scope.filter.to);
  const kinds = kindsOf(scope.filter);
  const columnId = scope.filter.columnId;
  return Prisma.sql`
    unit_map as (
      select * from unnest(${orgIds}::uuid[], ${mapped}::uuid[]) as m(org_id, unit_id)
      where m.unit_id = any(${scope.unitIds}::uuid[])
    ),
    res as (
      select r.id, r.kind::text as kind, r."createdById" as person_id, r."createdAt", m.unit_id
      from "Resource" r join unit_map m on m.org_id = r."ownerOrgId"
      where r."trashedAt" is null and r.kind::text = any(${kinds}::text[])
        and (${columnId}::uuid is null or exists (
          select 1 from "Placement" pl where pl."resourceId" = r.id and pl."columnId" = ${columnId}::uuid))
    ),
    first_pub as (
      select distinct on (p."resourceId") p."resourceId", p."publishedAt", p."revisionId"
      from "Publication" p join res on res.id = p."resourceId"
      order by p."resourceId", p."publishedAt", p.id
    ),
    sub as (
      select s.id, s."resourceId", s."revisionId", s."submittedById", s."submittedAt", s."adoptedAt",
        s."returnedAt", s."columnIds", m.unit_id, r.kind::text as kind
      from "Submission" s join unit_map m on m.org_id = s."fromOrgId" join "Resource" r on r.id = s."resourceId"
      where r.kind::text = any(${kinds}::text[])
        and (${columnId}::uuid is null or ${columnId}::uuid = any(s."columnIds") or exists (
          select 1 from "Placement" pl where pl."resourceId" = r.id and pl."columnId" = ${columnId}::uuid))
    ),
    all_events as (
      select 'written' as measure, r."createdAt" as at, r.id as resource_id, r.unit_id, r.person_id, r.kind,
        false as reprint, null::uuid[] as column_ids
      from res r
      union all
      select 'published', fp."publishedAt", r.id, r.unit_id, r.person_id, r.kind,
        coalesce(rev.metadata->'source'->>'type' = 'reprint', false), null
      from res r join first_pub fp on fp."resourceId" = r.id join "Revision" rev on rev.id = fp."revisionId"
      union all
      select 'corrected', p."publishedAt", r.id, r.unit_id, r.person_id, r.kind, false, null
      from res r join "Publication" p on p."resourceId" = r.id and p."firstPublishedAt" is not null
      union all
      select 'withdrawn', p."withdrawnAt", r.id, r.unit_id, r.person_id, r.kind, false, null
      from res r join "Publication" p on p."resourceId" = r.id and p."withdrawnAt" is not null
      union all
      -- 报送、采用、退回: by the submitting unit and person; their columns are the receiving site's.
      select 'submitted', s."submittedAt", s."resourceId", s.unit_id, s."submittedById", s.kind,
        coalesce(rev.metadata->'source'->>'type' = 'reprint', false), s."columnIds"
      from sub s join "Revision" rev on rev.id = s."revisionId"
      union all
      select 'adopted', s."adoptedAt", s."resourceId", s.unit_id, s."submittedById", s.kind,
        coalesce(rev.metadata->'source'->>'type' = 'reprint', false), s."columnIds"
      from sub s join "Revision" rev on rev.id = s."revisionId" where s."adoptedAt" is not null
      union all
      select 'returned', s."returnedAt", s."resourceId", s.unit_id, s."submittedById", s.kind, false, s."columnIds"
      from sub s where s."returnedAt" is not null
    ),
    events as (
      select * from all_events e where e.at >= ${start} and e.at < ${end}
    )`;
}

type CountRow = { key: string | null; measure: Measure; count: number; reprints: number };

const GROUPS: Record<Dimension, { key: Prisma.Sql; join: Prisma.Sql }> = {
  unit: { key: Prisma.sql`e.unit_id::text`, join: Prisma.empty },
  person: { key: Prisma.sql`e.person_id::text`, join: Prisma.empty },
  // A 稿件 counts in every column it is placed in now (一稿多栏各计一次); a submission in the
  // receiving site's columns it was adopted into.
  column: {
    key: Prisma.sql`c.column_id::text`,
    join: Prisma.sql`cross join lateral unnest(coalesce(e.column_ids,
      array(select pl."columnId" from "Placement" pl where pl."resourceId" = e.resource_id))) as c(column_id)`,
  },
  kind: { key: Prisma.sql`e.kind`, join: Prisma.empty },
  // The month in Beijing time (UTC+8, no daylight saving: lib/time/china.ts).
  month: { key: Prisma.sql`to_char(e.at + interval '8 hours', 'YYYY-MM')`, join: Prisma.empty },
};

/** The figures of one dimension: one query, a map from the dimension's key to its figures. */
export async function countBy(db: Db, scope: CountScope, dimension: Dimension): Promise<Map<string, Figures>> {
  const group = GROUPS[dimension];
  const rows = await db.$queryRaw<CountRow[]>`
    with ${eventsSql(scope)}
    select ${group.key} as key, e.measure, count(*)::int as count,
      (count(*) filter (where e.reprint))::int as reprints
    from events e ${group.join}
    ${dimension === "column" ? Prisma.sql`where ${scope.filter.columnId}::uuid is null or c.column_id = ${scope.filter.columnId}::uuid` : Prisma.empty}
    group by 1, 2`;
  return pivot(rows);
}

export function pivot(rows: readonly CountRow[]): Map<string, Figures> {
  const byKey = new Map<string, Figures>();
  for (const row of rows) {
    if (row.key === null) continue;
    const figures = byKey.get(row.key) ?? emptyFigures();
    figures[row.measure] += row.count;
    if (row.measure === "published") {
      figures.reprinted += row.reprints;
      figures.original += row.count - row.reprints;
    }
    byKey.set(row.key, figures);
  }
  return byKey;
}

/** The sum of every row's figures (each event has exactly one kind, so the kind rows add up to the total). */
export function sumFigures(all: Iterable<Figures>): Figures {
  const total = emptyFigures();
  for (const figures of all) for (const key of Object.keys(total) as (keyof Figures)[]) total[key] += figures[key];
  return total;
}

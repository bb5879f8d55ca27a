import { getDb } from "@/lib/db/client";
import type { Principal } from "@/lib/auth/permissions";
import { notFound } from "@/lib/errors";
import { messages } from "@/lib/i18n/zh-CN";
import { countBy, DIMENSIONS, emptyFigures, sumFigures, type Dimension, type Figures } from "@/lib/statistics/counts";
import { parseStatisticsFilter, STATISTICS_KINDS, type StatisticsFilter } from "@/lib/statistics/filter";
import { monthsBetween } from "@/lib/statistics/period";
import { visibleUnits } from "@/lib/statistics/receivers";
import { reviewTurnaround, type StageTurnaround } from "@/lib/statistics/turnaround";

// The statistics page's use case: the actor's units, the parsed filter, the figures of each
// dimension (labelled for the page), the totals and the review turnaround. The charts draw from the
// same view, so a chart never shows a figure its table does not.

export type FigureRow = { key: string; label: string; detail?: string; figures: Figures };
export type StatisticsView = {
  filter: StatisticsFilter;
  platform: boolean;
  units: { id: string; name: string }[];
  columns: { id: string; label: string }[];
  kinds: { value: string; label: string }[];
  total: Figures;
  rows: Record<Dimension, FigureRow[]>;
  turnaround: StageTurnaround[];
};

export async function getStatistics(
  actor: Principal | null,
  input: unknown,
  now: Date = new Date(),
): Promise<StatisticsView> {
  const visible = await visibleUnits(actor);
  const filter = parseStatisticsFilter(input, now);
  const { tree, units } = visible;
  if (filter.unitId && !units.some((unit) => unit.id === filter.unitId))
    throw notFound("未找到该单位，或您无权查看其统计。");
  const db = getDb();
  const unitIds = filter.unitId ? [filter.unitId] : units.map((unit) => unit.id);
  // Columns to filter by: those of the sites of the units in view, and of the sites they submit to.
  const columns = await db.column.findMany({
    where: {
      site: {
        OR: [
          { orgId: { in: units.flatMap((unit) => [unit.id, ...tree.descendants(unit.id)]) } },
          { id: { in: visible.siteIds } },
        ],
      },
    },
    select: { id: true, name: true, site: { select: { name: true } } },
    orderBy: [{ site: { position: "asc" } }, { position: "asc" }],
  });
  if (filter.columnId && !columns.some((column) => column.id === filter.columnId)) throw notFound("未找到该栏目。");
  const scope = { tree, unitIds, filter };
  const [maps, turnaround] = await Promise.all([
    Promise.all(DIMENSIONS.map((dimension) => countBy(db, scope, dimension))),
    reviewTurnaround(db, scope),
  ]);
  const byDimension = Object.fromEntries(DIMENSIONS.map((dimension, index) => [dimension, maps[index]!])) as Record<
    Dimension,
    Map<string, Figures>
  >;
  const personIds = [...byDimension.person.keys()];
  const people = await db.user.findMany({
    where: { id: { in: personIds } },
    select: { id: true, displayName: true },
  });
  const personName = new Map(people.map((person) => [person.id, person.displayName]));
  const columnLabel = new Map(columns.map((column) => [column.id, `${column.site.name} · ${column.name}`]));
  const sorted = (rows: FigureRow[]) =>
    rows.sort(
      (a, b) =>
        b.figures.published - a.figures.published ||
        b.figures.adopted - a.figures.adopted ||
        b.figures.written - a.figures.written ||
        a.label.localeCompare(b.label, "zh-CN"),
    );
  const rows: Record<Dimension, FigureRow[]> = {
    // Every unit in view, even with nothing to count: a unit that wrote nothing is a finding too.
    unit: units
      .filter((unit) => unitIds.includes(unit.id))
      .map((unit) => ({ key: unit.id, label: unit.name, figures: byDimension.unit.get(unit.id) ?? emptyFigures() })),
    person: sorted(
      [...byDimension.person].map(([id, figures]) => ({ key: id, label: personName.get(id) ?? "—", figures })),
    ),
    column: sorted(
      [...byDimension.column].map(([id, figures]) => ({
        key: id,
        label: columnLabel.get(id) ?? "—",
        figures,
      })),
    ),
    kind: STATISTICS_KINDS.filter((kind) => !filter.kind || kind === filter.kind).map((kind) => ({
      key: kind,
      label: messages.resourceKinds[kind],
      figures: byDimension.kind.get(kind) ?? emptyFigures(),
    })),
    month: monthsBetween(filter.from, filter.to).map((month) => ({
      key: month,
      label: month,
      figures: byDimension.month.get(month) ?? emptyFigures(),
    })),
  };
  return {
    filter,
    platform: visible.platform,
    units: units.map((unit) => ({ id: unit.id, name: unit.name })),
    columns: columns.map((column) => ({ id: column.id, label: columnLabel.get(column.id)! })),
    kinds: STATISTICS_KINDS.map((kind) => ({ value: kind, label: messages.resourceKinds[kind] })),
    total: sumFigures(byDimension.kind.values()),
    rows,
    turnaround,
  };
}

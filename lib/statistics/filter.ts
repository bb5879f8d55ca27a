import { z } from "zod";
import type { ResourceKind } from "@/lib/db/generated/enums";
import { invalid } from "@/lib/errors";
import { messages } from "@/lib/i18n/zh-CN";
import { parseInput } from "@/lib/validation/parse";
import { chinaMonth, isMonth, MAX_MONTHS, monthsBetween } from "@/lib/statistics/period";

// The filters of the statistics page (and of its charts, which take the same address): a period
// of whole months, and optionally one unit, one column, one kind. Empty fields mean "all"; the
// default period is this year up to this month.

const f = messages.statistics.filters;

/** The kinds that are 稿件: what editors write and units submit (not media files, pages or notices to applicants). */
export const STATISTICS_KINDS = ["ARTICLE", "NOTICE", "POLICY", "INTERPRETATION"] as const;
export type StatisticsKind = (typeof STATISTICS_KINDS)[number];

const blank = (value: unknown) => (value === "" || value === null ? undefined : value);
const zMonth = z.preprocess(blank, z.string().trim().refine(isMonth, f.periodInvalid).optional());

export const ZStatisticsFilter = z
  .object({
    from: zMonth,
    to: zMonth,
    unitId: z.preprocess(blank, z.uuid("单位不正确").optional()),
    columnId: z.preprocess(blank, z.uuid("栏目不正确").optional()),
    kind: z.preprocess(blank, z.enum(STATISTICS_KINDS, "类型不正确").optional()),
  })
  .strip();
export type TStatisticsFilter = z.input<typeof ZStatisticsFilter>;

export type StatisticsFilter = {
  from: string;
  to: string;
  unitId: string | null;
  columnId: string | null;
  kind: StatisticsKind | null;
};

/** Parses the filter (a bad field is a Chinese INVALID error) and fills in the default period. */
export function parseStatisticsFilter(input: unknown, now: Date = new Date()): StatisticsFilter {
  const parsed = parseInput(ZStatisticsFilter, input ?? {});
  const current = chinaMonth(now);
  const to = parsed.to ?? (parsed.from && parsed.from > current ? parsed.from : current);
  const from = parsed.from ?? `${to.slice(0, 4)}-01`;
  if (to < from) throw invalid(f.periodOrder, { to: [f.periodOrder] });
  if (monthsBetween(from, to).length > MAX_MONTHS) throw invalid(f.periodTooLong, { from: [f.periodTooLong] });
  return {
    from,
    to,
    unitId: parsed.unitId ?? null,
    columnId: parsed.columnId ?? null,
    kind: parsed.kind ?? null,
  };
}

/** The kinds a query counts: the chosen one, or every kind of 稿件. */
export function kindsOf(filter: StatisticsFilter): ResourceKind[] {
  return filter.kind ? [filter.kind] : [...STATISTICS_KINDS];
}

/** The same filter as address parameters (for the chart images and the links between pages). */
export function filterQuery(filter: StatisticsFilter): string {
  const params = new URLSearchParams({ from: filter.from, to: filter.to });
  if (filter.unitId) params.set("unitId", filter.unitId);
  if (filter.columnId) params.set("columnId", filter.columnId);
  if (filter.kind) params.set("kind", filter.kind);
  return params.toString();
}

import type { Db } from "@/lib/db/client";
import { formatDateTime } from "@/lib/format";
import { defaultHomeBlocks } from "@/lib/sites/home-default";
import { readHomeBlocks } from "@/lib/sites/home-layout";
import { decidedResult, measuredResult, type CheckResult, type Thresholds } from "@/lib/supervision/checks";
import { columnRule, columnState, daysBetween, type ColumnState } from "@/lib/supervision/freshness";

// 首页不更新, 栏目不更新 (stale, long-unupdated, blank) and the daily-update target, measured from
// what the portal shows: the live publications placed in each column (and its sub-columns), dated
// by their publication time as the lists show it (a correction keeps its first time, so a
// correction is no update). Items the portal shows without a publication date (领导之窗, media)
// do not count as updates: 未注明信息发布时间的视为不更新.

const UNDATED_KINDS = ["LEADER", "MEDIA"];

type ColumnRow = {
  id: string;
  name: string;
  slug: string;
  kind: string;
  parentId: string | null;
  cadence: { class: string; days: number | null } | null;
};

type KindStats = { columnId: string; kind: string; items: number; newest: Date | null };

/** Per column and resource kind: live items placed there and the newest dated one, as of `now`. */
async function columnStats(db: Db, siteId: string, now: Date): Promise<KindStats[]> {
  return db.$queryRaw<KindStats[]>`
    select pl."columnId" as "columnId", r.kind::text as kind, count(*)::int as items,
           max(coalesce(p."firstPublishedAt", p."publishedAt"))
             filter (where r.kind::text <> all(${UNDATED_KINDS})) as newest
      from "Placement" pl
      join "Column" c on c.id = pl."columnId"
      join "Resource" r on r.id = pl."resourceId"
      join "Publication" p on p."resourceId" = pl."resourceId"
     where c."siteId" = ${siteId}::uuid and r."trashedAt" is null
       and p."withdrawnAt" is null and p."supersededAt" is null and p."publishedAt" <= ${now}
     group by pl."columnId", r.kind`;
}

const later = (a: Date | null, b: Date | null) => (!a ? b : !b ? a : a > b ? a : b);

type Subtree = { items: number; newest: Date | null };

export type SiteFreshnessInput = { id: string; name: string };

/** The freshness checks of one site. */
export async function measureFreshness(
  db: Db,
  site: SiteFreshnessInput,
  now: Date,
  thresholds: Thresholds,
): Promise<CheckResult[]> {
  const [columns, stats, published] = await Promise.all([
    db.column.findMany({
      where: { siteId: site.id },
      select: {
        id: true,
        name: true,
        slug: true,
        kind: true,
        parentId: true,
        cadence: { select: { class: true, days: true } },
      },
      orderBy: [{ position: "asc" }, { createdAt: "asc" }],
    }),
    columnStats(db, site.id, now),
    readHomeBlocks(db, site.id, "PUBLISHED"),
  ]);
  const children = new Map<string, ColumnRow[]>();
  for (const column of columns) {
    if (!column.parentId) continue;
    children.set(column.parentId, [...(children.get(column.parentId) ?? []), column]);
  }
  const own = new Map<string, Subtree>();
  for (const row of stats) {
    const entry = own.get(row.columnId) ?? { items: 0, newest: null };
    own.set(row.columnId, { items: entry.items + row.items, newest: later(entry.newest, row.newest) });
  }
  const subtreeMemo = new Map<string, Subtree>();
  const subtree = (id: string): Subtree => {
    const memo = subtreeMemo.get(id);
    if (memo) return memo;
    let result = own.get(id) ?? { items: 0, newest: null };
    for (const child of children.get(id) ?? []) {
      const sub = subtree(child.id);
      result = { items: result.items + sub.items, newest: later(result.newest, sub.newest) };
    }
    subtreeMemo.set(id, result);
    return result;
  };
  const siteNewest = stats.reduce<Date | null>((newest, row) => later(newest, row.newest), null);

  // ── Columns ──
  type ColumnEvidence = {
    columnId: string;
    name: string;
    path: string;
    class: string;
    newest: string | null;
    age: number | null;
    unit: string;
    line: number;
    warnAt: number;
    status: string;
    undated?: boolean;
  };
  const stale: ColumnEvidence[] = [];
  const longStale: ColumnEvidence[] = [];
  const blank: { columnId: string; name: string; path: string }[] = [];
  const warned: ColumnEvidence[] = [];
  for (const column of columns) {
    const rule = columnRule(column);
    const tree = subtree(column.id);
    const path = `/columns/${column.slug}`;
    if (rule.blankCheck && tree.items === 0) {
      blank.push({ columnId: column.id, name: column.name, path });
      continue;
    }
    const state: ColumnState | null = columnState(rule, tree.newest, now, thresholds);
    if (!state || state.status === "ok") continue;
    const evidence: ColumnEvidence = {
      columnId: column.id,
      name: column.name,
      path,
      class: rule.class,
      newest: tree.newest ? formatDateTime(tree.newest) : null,
      age: state.age === null ? null : Math.floor(state.age * 10) / 10,
      unit: state.unit,
      line: state.line,
      warnAt: state.warnAt,
      status: state.status,
      ...(tree.items > 0 && !tree.newest ? { undated: true } : {}),
    };
    if (state.status === "warn") warned.push(evidence);
    else if (rule.class === "cadence") longStale.push(evidence);
    else stale.push(evidence);
  }
  const warnedOf = (classes: string[]) => warned.filter((column) => classes.includes(column.class));

  // ── Home page ──
  const blocks = published.length ? published : defaultHomeBlocks(columns as Parameters<typeof defaultHomeBlocks>[0]);
  let homeNewest: Date | null = null;
  let wholeSite = false;
  const homeColumns = new Set<string>();
  const kindNewest = (kind: string) =>
    stats.filter((row) => row.kind === kind).reduce<Date | null>((newest, row) => later(newest, row.newest), null);
  for (const block of blocks) {
    const config = block.config as { columnId?: string | null; columnIds?: string[] };
    if (block.kind === "HEADLINES" && !config.columnIds?.length) wholeSite = true;
    else if ((block.kind === "POLICIES" || block.kind === "INTERPRETATIONS") && !config.columnIds?.length)
      homeNewest = later(homeNewest, kindNewest(block.kind === "POLICIES" ? "POLICY" : "INTERPRETATION"));
    else if (["FOCUS", "HEADLINES", "COLUMN", "NOTICES", "POLICIES", "INTERPRETATIONS"].includes(block.kind)) {
      for (const id of config.columnIds ?? (config.columnId ? [config.columnId] : [])) homeColumns.add(id);
    }
  }
  // 如首页仅为栏目导航入口, 则所有二级页面: a home page that lists nothing is as fresh as the whole site.
  if (wholeSite || (homeColumns.size === 0 && homeNewest === null)) homeNewest = siteNewest;
  for (const id of homeColumns) homeNewest = later(homeNewest, subtree(id).newest);
  const homeAge = homeNewest ? daysBetween(homeNewest, now) : Number.POSITIVE_INFINITY;
  const home = homeNewest
    ? measuredResult("site.home-stale", thresholds, homeAge, { page: "/", newest: formatDateTime(homeNewest) })
    : {
        ...decidedResult("site.home-stale", "fail", { page: "/", newest: null, undated: true }),
        unit: "days" as const,
      };

  const daily = siteNewest
    ? measuredResult("site.daily-update", thresholds, daysBetween(siteNewest, now), {
        newest: formatDateTime(siteNewest),
      })
    : decidedResult("site.daily-update", "fail", { newest: null });

  return [
    home,
    withColumnWarnings(
      measuredResult("site.columns-stale", thresholds, stale.length, {
        columns: stale,
        warned: warnedOf(["news", "notice"]),
      }),
      stale.length + warnedOf(["news", "notice"]).length,
    ),
    withColumnWarnings(
      measuredResult("site.columns-long-stale", thresholds, longStale.length, {
        columns: longStale,
        warned: warnedOf(["cadence"]),
      }),
      longStale.length + warnedOf(["cadence"]).length,
    ),
    withColumnWarnings(
      measuredResult("site.columns-blank", thresholds, blank.length, { columns: blank }),
      blank.length,
    ),
    daily,
  ];
}

/** A count below its warning line still warns while some column is stale, blank or nears its own line. */
function withColumnWarnings(result: CheckResult, columns: number): CheckResult {
  return result.status === "ok" && columns > 0 ? { ...result, status: "warn" } : result;
}

import { addChinaMonths, chinaMonthsBetween } from "@/lib/time/china";
import { classify, type CheckStatus, type ColumnClass, type Thresholds } from "@/lib/supervision/checks";

// Column freshness (栏目不更新, 国办秘函〔2019〕19号): which class a column belongs to, and how stale it
// is against that class's line. Pure, so the lines are tested to the minute.

const DAY_MS = 86_400_000;

/** Kinds whose columns list information that should be updated; the rest are service columns. */
const LISTING_KINDS = new Set(["LIST", "POLICY_LIBRARY", "DISCLOSURE", "TOPIC"]);
/** Kinds that are blank when nothing is placed in them (a 单页 without its page is blank too). */
const CONTENT_KINDS = new Set(["LIST", "POLICY_LIBRARY", "DISCLOSURE", "TOPIC", "PAGE"]);

const NEWS_NAME = /动态|要闻|新闻|工作信息|政务信息/;
const NOTICE_NAME = /通知公告|公告公示|通知|公告|政策文件|政策法规|文件/;

/** [I] "应更新" columns without a cadence of their own: once a year (the supervising unit sets each). */
export const DEFAULT_CADENCE_DAYS = 365;

export type ColumnFacts = {
  id: string;
  name: string;
  kind: string;
  parentId: string | null;
  cadence?: { class: string; days: number | null } | null;
};

export type ColumnRule = { class: ColumnClass; days: number | null; blankCheck: boolean };

/** The class of a column: its cadence row when the supervising unit set one, else by name and place. */
export function columnRule(column: ColumnFacts): ColumnRule {
  const blankCheck = CONTENT_KINDS.has(column.kind);
  const set = column.cadence;
  if (set && (set.class === "news" || set.class === "notice" || set.class === "exempt"))
    return { class: set.class, days: null, blankCheck: set.class === "exempt" ? false : blankCheck };
  if (set && set.class === "cadence") return { class: "cadence", days: set.days ?? DEFAULT_CADENCE_DAYS, blankCheck };
  if (!LISTING_KINDS.has(column.kind)) return { class: "exempt", days: null, blankCheck };
  if (NEWS_NAME.test(column.name)) return { class: "news", days: null, blankCheck };
  // 通知公告、政策文件类一级栏目: only top-level ones are held to 6 months; lower ones at a cadence.
  if (NOTICE_NAME.test(column.name) || column.kind === "POLICY_LIBRARY")
    return column.parentId === null
      ? { class: "notice", days: null, blankCheck }
      : { class: "cadence", days: 183, blankCheck };
  return { class: "cadence", days: DEFAULT_CADENCE_DAYS, blankCheck };
}

/** Whole and part days from `from` to `now`. */
export function daysBetween(from: Date, now: Date): number {
  return (now.getTime() - from.getTime()) / DAY_MS;
}

export type ColumnState = {
  status: CheckStatus;
  /** Age of the newest dated item in the class's unit (days, or months for "notice"); null when none is dated. */
  age: number | null;
  unit: "days" | "months";
  line: number;
  warnAt: number;
};

/**
 * How stale a column is. `newest` is its newest dated item (null: none, or only undated items —
 * 未注明信息发布时间的视为不更新, so it is stale).
 */
export function columnState(
  rule: ColumnRule,
  newest: Date | null,
  now: Date,
  thresholds: Thresholds,
): ColumnState | null {
  if (rule.class === "exempt") return null;
  if (rule.class === "notice") {
    const limit = thresholds["column.notice-stale-months"];
    const base = { unit: "months" as const, line: limit.veto, warnAt: limit.warn };
    if (!newest) return { ...base, status: "fail", age: null };
    // Calendar months: stale once the same day `veto` months later has come.
    const status: CheckStatus =
      addChinaMonths(newest, limit.veto) <= now ? "fail" : addChinaMonths(newest, limit.warn) <= now ? "warn" : "ok";
    return { ...base, status, age: chinaMonthsBetween(newest, now) };
  }
  const limit =
    rule.class === "news"
      ? thresholds["column.news-stale-days"]
      : // A cadence column: its own days, warned when four fifths of them have passed.
        { comparison: "atLeast" as const, veto: rule.days!, warn: Math.max(1, Math.floor((rule.days! * 4) / 5)) };
  const base = { unit: "days" as const, line: limit.veto, warnAt: limit.warn };
  if (!newest) return { ...base, status: "fail", age: null };
  const age = daysBetween(newest, now);
  return { ...base, status: classify(limit, age), age };
}

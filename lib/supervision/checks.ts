// The checks the supervision monitors run against every site and new-media account, with the
// veto lines of 《政府网站与政务新媒体检查指标》(国办秘函〔2019〕19号, 单项否决) and the platform's
// stricter targets (seed 000: 网站每日更新, 政务新媒体每周不少于3次). Pure: names, thresholds and the
// rule that turns a measured value into ok / warn / fail. The monitors (lib/supervision/monitors/)
// measure; scoring (item 4) reads the stored results by these names.
//
// Thresholds are data: the supervising unit edits each indicator's veto line (or target) and its
// warning threshold (SupervisionThreshold); the defaults below apply while no row exists. Where the
// domain notes mark a value as inferred ([I]) it is a default, not a rule.

export type CheckStatus = "ok" | "warn" | "fail";
export type CheckSubject = "site" | "account";

/** Every check the monitors run, by subject. */
export const CHECK_NAMES = [
  // 站点无法访问: home page probed ≥ 20 times a day, 15 s timeout, failure share over a rolling week ≥ 5 %.
  "site.availability",
  // 首页不更新: no new information on the home page for 2 weeks.
  "site.home-stale",
  // 栏目不更新 (1): 动态/要闻 columns not updated in 2 weeks plus 通知公告/政策文件 top-level columns not
  // updated in 6 months, counted together, ≥ 5.
  "site.columns-stale",
  // 栏目不更新 (2): "should update" columns long past their cadence, ≥ 10.
  "site.columns-long-stale",
  // 栏目不更新 (3): blank columns (nothing ever published), ≥ 5.
  "site.columns-blank",
  // 互动回应差 (2): a valid consultation message unanswered for more than 3 months, within a year.
  "site.interaction-unanswered",
  // 互动回应差 (1): no working online consultation channel.
  "site.interaction-channel",
  // 安全、泄密事故等严重问题: serious wording errors, secrecy markers, prohibited content in published items.
  "site.content-serious",
  // Personal data in published items (not a veto line; a 保密/隐私 deduction and a fix).
  "site.content-privacy",
  // Broken links in published content and columns (扣分: 链接可用性).
  "site.links",
  // Seed 000's stricter target: a website updated every day.
  "site.daily-update",
  // 政务新媒体 内容不更新: nothing published in the 2 weeks before the check.
  "account.stale",
  // 政务新媒体 互动回应差: 未提供有效互动功能.
  "account.interaction",
  // Seed 000: at least 3 updates a week.
  "account.weekly-updates",
  // Seed 003: upper-level items reprinted within 1 hour, at the latest 1 working day (lib/reports/reprint).
  "site.reprint-overdue",
] as const;
export type CheckName = (typeof CHECK_NAMES)[number];

/** Indicators with editable thresholds. One check may read several (columns: per-column age and count). */
export const INDICATORS = [
  "availability.failure-share",
  "home.stale-days",
  "column.news-stale-days",
  "column.notice-stale-months",
  "columns.stale-count",
  "columns.long-stale-count",
  "columns.blank-count",
  "interaction.unanswered-months",
  "links.broken-count",
  "site.update-days",
  "account.stale-days",
  "account.weekly-updates",
] as const;
export type Indicator = (typeof INDICATORS)[number];

/**
 * How a measured value meets its line: "atLeast" fails at the line itself (超过(含)), "over" only
 * past it (超过), "below" when the measure falls under a target (≥ 3 updates a week).
 */
export type Comparison = "atLeast" | "over" | "below";
export type Unit = "share" | "days" | "months" | "count" | "per-week";

export type IndicatorRule = {
  indicator: Indicator;
  unit: Unit;
  comparison: Comparison;
  /** Default veto line (or target for non-veto checks). */
  veto: number;
  /** Default warning threshold, earlier than the line. */
  warn: number;
};

export const DEFAULT_THRESHOLDS: Readonly<Record<Indicator, IndicatorRule>> = {
  "availability.failure-share": {
    indicator: "availability.failure-share",
    unit: "share",
    comparison: "atLeast",
    veto: 0.05,
    warn: 0.02,
  },
  "home.stale-days": { indicator: "home.stale-days", unit: "days", comparison: "atLeast", veto: 14, warn: 10 },
  "column.news-stale-days": {
    indicator: "column.news-stale-days",
    unit: "days",
    comparison: "atLeast",
    veto: 14,
    warn: 10,
  },
  "column.notice-stale-months": {
    indicator: "column.notice-stale-months",
    unit: "months",
    comparison: "atLeast",
    veto: 6,
    warn: 5,
  },
  "columns.stale-count": { indicator: "columns.stale-count", unit: "count", comparison: "atLeast", veto: 5, warn: 3 },
  "columns.long-stale-count": {
    indicator: "columns.long-stale-count",
    unit: "count",
    comparison: "atLeast",
    veto: 10,
    warn: 5,
  },
  "columns.blank-count": { indicator: "columns.blank-count", unit: "count", comparison: "atLeast", veto: 5, warn: 3 },
  // [I] the default warning: 1 month before the 3-month line.
  "interaction.unanswered-months": {
    indicator: "interaction.unanswered-months",
    unit: "months",
    comparison: "over",
    veto: 3,
    warn: 1,
  },
  "links.broken-count": { indicator: "links.broken-count", unit: "count", comparison: "atLeast", veto: 1, warn: 1 },
  // Seed 000: 每日更新. Days since the site's newest publication; more than 1 misses the target.
  "site.update-days": { indicator: "site.update-days", unit: "days", comparison: "over", veto: 1, warn: 1 },
  "account.stale-days": { indicator: "account.stale-days", unit: "days", comparison: "atLeast", veto: 14, warn: 10 },
  "account.weekly-updates": {
    indicator: "account.weekly-updates",
    unit: "per-week",
    comparison: "below",
    veto: 3,
    warn: 3,
  },
};

export type CheckSpec = {
  name: CheckName;
  subject: CheckSubject;
  /** Failing it fails the site or account outright (单项否决). */
  veto: boolean;
  /** The indicator whose thresholds decide the check's status (null: the check decides itself). */
  indicator: Indicator | null;
};

export const CHECKS: Readonly<Record<CheckName, CheckSpec>> = {
  "site.availability": {
    name: "site.availability",
    subject: "site",
    veto: true,
    indicator: "availability.failure-share",
  },
  "site.home-stale": { name: "site.home-stale", subject: "site", veto: true, indicator: "home.stale-days" },
  "site.columns-stale": { name: "site.columns-stale", subject: "site", veto: true, indicator: "columns.stale-count" },
  "site.columns-long-stale": {
    name: "site.columns-long-stale",
    subject: "site",
    veto: true,
    indicator: "columns.long-stale-count",
  },
  "site.columns-blank": { name: "site.columns-blank", subject: "site", veto: true, indicator: "columns.blank-count" },
  "site.interaction-unanswered": {
    name: "site.interaction-unanswered",
    subject: "site",
    veto: true,
    indicator: "interaction.unanswered-months",
  },
  "site.interaction-channel": { name: "site.interaction-channel", subject: "site", veto: true, indicator: null },
  "site.content-serious": { name: "site.content-serious", subject: "site", veto: true, indicator: null },
  "site.content-privacy": { name: "site.content-privacy", subject: "site", veto: false, indicator: null },
  "site.links": { name: "site.links", subject: "site", veto: false, indicator: "links.broken-count" },
  "site.daily-update": { name: "site.daily-update", subject: "site", veto: false, indicator: "site.update-days" },
  "account.stale": { name: "account.stale", subject: "account", veto: true, indicator: "account.stale-days" },
  "account.interaction": { name: "account.interaction", subject: "account", veto: true, indicator: null },
  "account.weekly-updates": {
    name: "account.weekly-updates",
    subject: "account",
    veto: false,
    indicator: "account.weekly-updates",
  },
  // Not a line of 国办秘函〔2019〕19号: past the hour warns, past the working day fails, no veto.
  "site.reprint-overdue": { name: "site.reprint-overdue", subject: "site", veto: false, indicator: null },
};

export const SITE_CHECKS: readonly CheckName[] = CHECK_NAMES.filter((name) => CHECKS[name].subject === "site");
export const ACCOUNT_CHECKS: readonly CheckName[] = CHECK_NAMES.filter((name) => CHECKS[name].subject === "account");

export function isCheckName(value: string): value is CheckName {
  return (CHECK_NAMES as readonly string[]).includes(value);
}

export function isIndicator(value: string): value is Indicator {
  return (INDICATORS as readonly string[]).includes(value);
}

/** Evidence is plain JSON: what the check saw, shaped per check (pages, columns, messages, probes). */
export type CheckEvidence = { [key: string]: unknown };

/** One check of one subject, as the monitors return it and `supervision:inspect --json` prints it. */
export type CheckResult = {
  name: CheckName;
  veto: boolean;
  status: CheckStatus;
  evidence: CheckEvidence;
  /** The measure in the indicator's unit; null when nothing could be measured. */
  measured?: number | null;
  /** The veto line (or target) and warning threshold in force. */
  threshold?: number | null;
  warnAt?: number | null;
  unit?: Unit | null;
};

/** The thresholds in force: the defaults with the supervising unit's edits on top. */
export type Thresholds = Readonly<Record<Indicator, IndicatorRule>>;

export function mergeThresholds(rows: Iterable<{ indicator: string; veto: number; warn: number }>): Thresholds {
  const merged: Record<string, IndicatorRule> = { ...DEFAULT_THRESHOLDS };
  for (const row of rows) {
    if (isIndicator(row.indicator))
      merged[row.indicator] = { ...DEFAULT_THRESHOLDS[row.indicator], veto: row.veto, warn: row.warn };
  }
  return merged as Thresholds;
}

/** Whether `measured` has reached `line` under the indicator's comparison. */
export function reaches(comparison: Comparison, measured: number, line: number): boolean {
  if (comparison === "atLeast") return measured >= line;
  if (comparison === "over") return measured > line;
  return measured < line;
}

/** ok / warn / fail for a measure against an indicator's veto line and warning threshold. */
export function classify(rule: Pick<IndicatorRule, "comparison" | "veto" | "warn">, measured: number): CheckStatus {
  if (reaches(rule.comparison, measured, rule.veto)) return "fail";
  if (reaches(rule.comparison, measured, rule.warn)) return "warn";
  return "ok";
}

/** A result for a check whose status follows its indicator. */
export function measuredResult(
  name: CheckName,
  thresholds: Thresholds,
  measured: number,
  evidence: CheckEvidence,
): CheckResult {
  const spec = CHECKS[name];
  if (!spec.indicator) throw new Error(`check ${name} has no indicator`);
  const rule = thresholds[spec.indicator];
  return {
    name,
    veto: spec.veto,
    status: classify(rule, measured),
    evidence,
    measured,
    threshold: rule.veto,
    warnAt: rule.warn,
    unit: rule.unit,
  };
}

/** A result for a check that decides its own status (a channel exists, a serious error found). */
export function decidedResult(
  name: CheckName,
  status: CheckStatus,
  evidence: CheckEvidence,
  measured: number | null = null,
): CheckResult {
  return { name, veto: CHECKS[name].veto, status, evidence, measured, threshold: null, warnAt: null, unit: null };
}

/** The worst of some statuses (fail > warn > ok). */
export function worstStatus(statuses: Iterable<CheckStatus>): CheckStatus {
  let worst: CheckStatus = "ok";
  for (const status of statuses) {
    if (status === "fail") return "fail";
    if (status === "warn") worst = "warn";
  }
  return worst;
}

/** True when any veto check failed: the subject fails the inspection outright. */
export function failsVeto(results: Iterable<Pick<CheckResult, "veto" | "status">>): boolean {
  for (const result of results) if (result.veto && result.status === "fail") return true;
  return false;
}

/** The database enum for a status, and back. */
export const STATUS_TO_DB = { ok: "OK", warn: "WARN", fail: "FAIL" } as const;
export const STATUS_FROM_DB = { OK: "ok", WARN: "warn", FAIL: "fail" } as const;

/**
 * Column classes for freshness (栏目不更新): "news" = 动态/要闻 (2 weeks), "notice" = 通知公告/政策文件
 * (6 months, top-level columns only), "cadence" = a "should update" column at its own cadence in days,
 * "exempt" = not measured (about pages, links, search, interaction and other service columns).
 */
export type ColumnClass = "news" | "notice" | "cadence" | "exempt";
export const COLUMN_CLASSES: readonly ColumnClass[] = ["news", "notice", "cadence", "exempt"];

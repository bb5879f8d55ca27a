import { messages } from "@/lib/i18n/zh-CN";
import type { CheckResult, CheckStatus } from "@/lib/supervision/checks";

// What a stored result means as findings: the subject-level problem (the veto line reached, a
// channel missing, a serious error found) and, for the column checks, one finding per column, so a
// supervisor can open a ticket for the one stale column a unit must fix. Pure.

export type FindingItem = {
  key: string;
  veto: boolean;
  severity: Exclude<CheckStatus, "ok">;
  summary: string;
  evidence: Record<string, unknown>;
};

const COLUMN_CHECKS = new Set(["site.columns-stale", "site.columns-long-stale", "site.columns-blank"]);

type ColumnEvidence = {
  columnId: string;
  name: string;
  path: string;
  age?: number | null;
  unit?: string;
  status?: string;
  undated?: boolean;
  newest?: string | null;
  class?: string;
  line?: number;
};

type ReprintItem = { itemId: string; title: string; source: string; pastDeadline: boolean };

function ageText(column: ColumnEvidence): string {
  if (column.age === null || column.age === undefined) return messages.supervision.summary.columnUndated;
  const whole = Math.floor(column.age);
  return messages.supervision.summary.columnStale(column.unit === "months" ? `${whole} 个多月` : `${whole} 天`);
}

function measuredText(result: CheckResult): string {
  if (result.measured === null || result.measured === undefined) return "";
  const value =
    result.unit === "share" ? `${(result.measured * 100).toFixed(1)}%` : `${Math.floor(result.measured * 10) / 10}`;
  const line =
    result.threshold === null || result.threshold === undefined
      ? ""
      : result.unit === "share"
        ? `${result.threshold * 100}%`
        : `${result.threshold}`;
  return `（测得 ${value}${line ? `，否决线 ${line}` : ""}）`;
}

export function findingItems(result: CheckResult): FindingItem[] {
  if (result.status === "ok") return [];
  const label = messages.supervision.checks[result.name];
  const items: FindingItem[] = [];
  if (COLUMN_CHECKS.has(result.name)) {
    const evidence = result.evidence as { columns?: ColumnEvidence[]; warned?: ColumnEvidence[] };
    for (const column of evidence.columns ?? [])
      items.push({
        key: `column:${column.columnId}`,
        veto: false,
        severity: "fail",
        summary: messages.supervision.summary.column(
          column.name,
          result.name === "site.columns-blank" ? messages.supervision.summary.columnBlank : ageText(column),
        ),
        evidence: { ...column },
      });
    for (const column of evidence.warned ?? [])
      items.push({
        key: `column:${column.columnId}`,
        veto: false,
        severity: "warn",
        summary: messages.supervision.summary.column(column.name, ageText(column)),
        evidence: { ...column },
      });
    // The count itself is a finding too (the site's own line), kept while any column is stale or near it.
  }
  if (result.name === "site.reprint-overdue") {
    // One finding per item, so reprinting one closes its own finding at the next run.
    const evidence = result.evidence as { items?: ReprintItem[] };
    for (const item of evidence.items ?? [])
      items.push({
        key: `reprint:${item.itemId}`,
        veto: false,
        severity: item.pastDeadline ? "fail" : "warn",
        summary: messages.supervision.summary.reprint(
          item.title,
          item.source,
          item.pastDeadline
            ? messages.supervision.summary.reprintPastDeadline
            : messages.supervision.summary.reprintPastHour,
        ),
        evidence: { ...item },
      });
  }
  items.push({
    key: "",
    veto: result.veto,
    severity: result.status,
    summary: `${label}${measuredText(result)}`,
    evidence: result.evidence,
  });
  return items;
}

import type { ScoreLine } from "@/lib/supervision/scoring";

// What a quarter's 通报 reports (seed 001): how many sites and accounts were checked, how many
// passed and the rate, the high-scoring sites by band (110 分及以上, 100—110 分), the failing ones by
// name, and the problems found by kind with the sites that have them. Pure: kept with the
// inspection as JSON, so the bulletin shows exactly the figures of the scores it was drafted from.

export type ScoredSubject = {
  kind: "WEBSITE" | "NEW_MEDIA";
  name: string;
  vetoed: boolean;
  passed: boolean;
  total: number | null;
  lines: ScoreLine[];
};

export type GroupTotals = { total: number; passed: number; failed: number; passRate: number; failing: string[] };
export type Problem = { code: string; name: string; part: ScoreLine["part"]; count: number; names: string[] };

export type InspectionSummary = {
  websites: GroupTotals;
  accounts: GroupTotals;
  /** Websites scoring 110 or more, and 100 up to 110, highest first. */
  bands: { top: string[]; high: string[] };
  over100: number;
  problems: { websites: Problem[]; accounts: Problem[] };
};

/** Pass rate in percent with one decimal (99.4), 100 when nothing was checked. */
export function passRate(passed: number, total: number): number {
  return total === 0 ? 100 : Math.floor((passed * 1000) / total) / 10;
}

function totals(rows: ScoredSubject[]): GroupTotals {
  const passed = rows.filter((row) => row.passed).length;
  return {
    total: rows.length,
    passed,
    failed: rows.length - passed,
    passRate: passRate(passed, rows.length),
    failing: rows.filter((row) => !row.passed).map((row) => row.name),
  };
}

function problems(rows: ScoredSubject[]): Problem[] {
  const byCode = new Map<string, Problem>();
  for (const row of rows)
    for (const line of row.lines) {
      if (!line.hit || line.part === "BONUS") continue;
      const problem = byCode.get(line.code) ?? {
        code: line.code,
        name: line.name,
        part: line.part,
        count: 0,
        names: [],
      };
      problem.count += 1;
      problem.names.push(row.name);
      byCode.set(line.code, problem);
    }
  // Veto lines first, then the most widespread.
  return [...byCode.values()].sort(
    (a, b) =>
      Number(b.part === "VETO") - Number(a.part === "VETO") || b.count - a.count || a.code.localeCompare(b.code),
  );
}

export function summarizeInspection(rows: ScoredSubject[]): InspectionSummary {
  const websites = rows.filter((row) => row.kind === "WEBSITE");
  const accounts = rows.filter((row) => row.kind === "NEW_MEDIA");
  const ranked = websites
    .filter((row) => row.total !== null)
    .sort((a, b) => b.total! - a.total! || a.name.localeCompare(b.name, "zh-CN"));
  return {
    websites: totals(websites),
    accounts: totals(accounts),
    bands: {
      top: ranked.filter((row) => row.total! >= 110).map((row) => row.name),
      high: ranked.filter((row) => row.total! >= 100 && row.total! < 110).map((row) => row.name),
    },
    over100: ranked.filter((row) => row.total! > 100).length,
    problems: { websites: problems(websites), accounts: problems(accounts) },
  };
}

// Scoring of one site or account against the indicator framework (国办秘函〔2019〕19号), pure: the
// framework, the monitors' latest check results and the inspectors' entries go in, the score comes
// out. The method is the national one:
// - any veto line hit ⇒ 不合格, and the other indicators are not scored;
// - the 扣分 part starts at 100; deductions inside one indicator never exceed its points; when the
//   target's deduction indicators add up to less than 100 (a department without external service
//   scored out of 75), the part is scaled to 100 (75 × 4/3);
// - below the pass mark (60) ⇒ 不合格; above the bonus mark (80) the 加分 part counts, capped at 30;
// - final = 扣分 part + 加分 part.

export type CheckStatus = "ok" | "warn" | "fail";

/** A monitor's result as lib/supervision/checks.ts reports it (only what scoring reads). */
export type ScoredCheck = { name: string; veto: boolean; status: CheckStatus; evidence?: unknown };

export type ScoringIndicator = {
  id: string;
  code: string;
  name: string;
  part: "VETO" | "DEDUCTION" | "BONUS";
  points: number;
  checkNames: readonly string[];
};

export type ScoringEntry = { indicatorId: string; points: number; note: string; assetId?: string | null };

export type ScoreLine = {
  code: string;
  name: string;
  part: ScoringIndicator["part"];
  points: number;
  /** Points lost (DEDUCTION, negative), gained (BONUS, positive); 0 for veto lines. */
  delta: number;
  hit: boolean;
  source: "check" | "entry" | "none";
  evidence: { check?: string; status?: CheckStatus; note?: string; assetId?: string | null; evidence?: unknown }[];
};

export type ScoreResult = {
  vetoed: boolean;
  passed: boolean;
  deductionScore: number | null;
  bonusScore: number | null;
  total: number | null;
  lines: ScoreLine[];
};

export const FULL_MARKS = 100;
export const BONUS_CAP = 30;

export type ScoringRules = { passMark: number; bonusFrom: number };
export const DEFAULT_RULES: ScoringRules = { passMark: 60, bonusFrom: 80 };

const round1 = (value: number) => Math.round(value * 10) / 10;

export function scoreTarget(input: {
  indicators: readonly ScoringIndicator[];
  checks: readonly ScoredCheck[];
  entries: readonly ScoringEntry[];
  rules?: ScoringRules;
}): ScoreResult {
  const rules = input.rules ?? DEFAULT_RULES;
  const checksByName = new Map(input.checks.map((check) => [check.name, check]));
  const entriesOf = (id: string) => input.entries.filter((entry) => entry.indicatorId === id);
  const claimed = new Set(input.indicators.flatMap((indicator) => indicator.checkNames));

  const lines: ScoreLine[] = input.indicators.map((indicator) => {
    const failed = indicator.checkNames
      .map((name) => checksByName.get(name))
      .filter((check): check is ScoredCheck => check?.status === "fail");
    const entries = entriesOf(indicator.id);
    const evidence: ScoreLine["evidence"] = [
      ...failed.map((check) => ({ check: check.name, status: check.status, evidence: check.evidence })),
      ...entries.map((entry) => ({ note: entry.note, assetId: entry.assetId ?? null })),
    ];
    const source = failed.length ? "check" : entries.length ? "entry" : "none";
    const base = { code: indicator.code, name: indicator.name, part: indicator.part, points: indicator.points };
    if (indicator.part === "VETO") {
      const hit = failed.length > 0 || entries.length > 0;
      return { ...base, delta: 0, hit, source, evidence };
    }
    const entered = entries.reduce((sum, entry) => sum + Math.max(0, entry.points), 0);
    const raw = indicator.part === "DEDUCTION" && failed.length ? indicator.points : entered;
    const amount = Math.min(indicator.points, raw);
    return {
      ...base,
      delta: indicator.part === "DEDUCTION" ? -amount : amount,
      hit: amount > 0,
      source,
      evidence,
    };
  });

  // A veto check that no veto line claims still fails the target: the framework may lag the monitors.
  for (const check of input.checks)
    if (check.veto && check.status === "fail" && !claimed.has(check.name))
      lines.push({
        code: check.name,
        name: check.name,
        part: "VETO",
        points: 0,
        delta: 0,
        hit: true,
        source: "check",
        evidence: [{ check: check.name, status: check.status, evidence: check.evidence }],
      });

  const vetoed = lines.some((line) => line.part === "VETO" && line.hit);
  if (vetoed) return { vetoed, passed: false, deductionScore: null, bonusScore: null, total: null, lines };

  const deductions = lines.filter((line) => line.part === "DEDUCTION");
  const outOf = deductions.reduce((sum, line) => sum + line.points, 0);
  const lost = deductions.reduce((sum, line) => sum - line.delta, 0);
  const deductionScore = outOf > 0 ? round1(((outOf - lost) * FULL_MARKS) / outOf) : FULL_MARKS;
  const gained = lines.filter((line) => line.part === "BONUS").reduce((sum, line) => sum + line.delta, 0);
  const bonusScore = deductionScore > rules.bonusFrom ? round1(Math.min(BONUS_CAP, gained)) : 0;
  return {
    vetoed,
    passed: deductionScore >= rules.passMark,
    deductionScore,
    bonusScore,
    total: round1(deductionScore + bonusScore),
    lines,
  };
}

/**
 * Competition ranks (1, 2, 2, 4) by total, highest first; targets not scored (veto) get none.
 * Returns the rank for each input position.
 */
export function rankScores(totals: readonly (number | null)[]): (number | null)[] {
  const scored = totals.filter((total): total is number => total !== null).sort((a, b) => b - a);
  return totals.map((total) => (total === null ? null : scored.indexOf(total) + 1));
}

/** Traffic light of a score: fail (不合格), warn (passed but below the bonus mark), ok. */
export function lightOfScore(
  result: { passed: boolean; deductionScore: number | null },
  rules = DEFAULT_RULES,
): CheckStatus {
  if (!result.passed) return "fail";
  return (result.deductionScore ?? 0) > rules.bonusFrom ? "ok" : "warn";
}

/** The quarter a day falls in, e.g. 2026Q4 (the day in China time, YYYY-MM-DD). */
export function quarterOf(day: string): string {
  const [year, month] = day.split("-").map(Number);
  return `${year}Q${Math.floor((month! - 1) / 3) + 1}`;
}

/** "2026Q4" → "2026年第四季度". */
export function quarterLabel(period: string): string {
  const match = /^(\d{4})Q([1-4])$/.exec(period);
  if (!match) return period;
  return `${match[1]}年第${"一二三四"[Number(match[2]) - 1]}季度`;
}

export const ZPeriod = /^\d{4}Q[1-4]$/;

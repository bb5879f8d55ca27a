import { Prisma } from "@/lib/db/generated/client";
import type { Db, Tx } from "@/lib/db/client";
import type { CheckStatus, ScoredCheck } from "@/lib/supervision/scoring";

// The monitors' newest result of each check for each site and account, as scoring and the
// supervisor's view read them (CheckResult rows written by lib/supervision's monitors).

export type LatestCheck = ScoredCheck & {
  at: Date;
  measured: number | null;
  threshold: number | null;
  unit: string | null;
};

const FROM_DB: Record<string, CheckStatus> = { OK: "ok", WARN: "warn", FAIL: "fail" };

type Row = {
  siteId: string | null;
  accountId: string | null;
  name: string;
  veto: boolean;
  status: string;
  evidence: unknown;
  at: Date;
  measured: number | null;
  threshold: number | null;
  unit: string | null;
};

/**
 * The newest result at or before `at` of each check of each site or account (DISTINCT ON over the
 * result index), keyed by site or account id; only the given subjects when `subjectIds` is set.
 */
export async function latestChecks(
  db: Db | Tx,
  at: Date,
  subjectIds?: readonly string[],
): Promise<Map<string, LatestCheck[]>> {
  const only = subjectIds
    ? Prisma.sql`and ("siteId" = any(${subjectIds}::uuid[]) or "accountId" = any(${subjectIds}::uuid[]))`
    : Prisma.empty;
  const rows = await db.$queryRaw<Row[]>`
    select distinct on (coalesce("siteId", "accountId"), name)
      "siteId", "accountId", name, veto, status::text as status, evidence, at, measured, threshold, unit
    from "CheckResult"
    where at <= ${at} ${only}
    order by coalesce("siteId", "accountId"), name, at desc`;
  const bySubject = new Map<string, LatestCheck[]>();
  for (const row of rows) {
    const key = (row.siteId ?? row.accountId)!;
    const list = bySubject.get(key) ?? [];
    list.push({
      name: row.name,
      veto: row.veto,
      status: FROM_DB[row.status] ?? "ok",
      evidence: row.evidence,
      at: row.at,
      measured: row.measured,
      threshold: row.threshold,
      unit: row.unit,
    });
    bySubject.set(key, list);
  }
  return bySubject;
}

/** The light of a site or account from its latest checks: fail on any failed veto check, warn on any warning or failed target. */
export function lightOfChecks(checks: readonly ScoredCheck[]): CheckStatus | null {
  if (checks.length === 0) return null;
  if (checks.some((check) => check.veto && check.status === "fail")) return "fail";
  return checks.some((check) => check.status !== "ok") ? "warn" : "ok";
}

import { getDb } from "@/lib/db/client";
import { assertHoldsRoleFor, createPermissionChecker, type Principal } from "@/lib/auth/permissions";
import { notFound } from "@/lib/errors";
import { latestChecks, lightOfChecks, type LatestCheck } from "@/lib/supervision/latest-checks";
import type { CheckStatus, ScoreLine } from "@/lib/supervision/scoring";

// The supervisor's view (监管总览): every site and account the actor answers for — the whole platform
// for the supervising unit, their own sites and accounts for a site administrator — with its light
// from the monitors' latest checks, its latest inspection score, open findings and tickets, the
// quarterly trend, and the drill-down to each check's and each indicator's evidence.

export type OverviewRow = {
  kind: "site" | "account";
  id: string;
  name: string;
  orgName: string;
  light: CheckStatus | null;
  lastCheckedAt: Date | null;
  score: number | null;
  passed: boolean | null;
  rank: number | null;
  openFindings: number;
  openTickets: number;
};

export type TrendPoint = { period: string; average: number | null; failures: number; checked: number };

async function visibleScope(actor: Principal | null) {
  assertHoldsRoleFor(actor, "supervision.scores.view");
  const can = await createPermissionChecker(actor);
  const db = getDb();
  const [sites, accounts] = await Promise.all([
    db.site.findMany({
      select: { id: true, name: true, orgId: true, org: { select: { name: true } } },
      orderBy: { position: "asc" },
    }),
    db.newMediaAccount.findMany({
      where: { status: { in: ["ACTIVE", "CANCELLING"] } },
      select: { id: true, name: true, orgId: true, org: { select: { name: true } } },
      orderBy: { name: "asc" },
    }),
  ]);
  const visible = <T extends { orgId: string }>(rows: T[]) =>
    rows.filter((row) => can("supervision.scores.view", { orgId: row.orgId }));
  return {
    sites: visible(sites),
    accounts: visible(accounts),
    platform: can("supervision.inspection.run", "platform"),
  };
}

export async function getSupervisionOverview(actor: Principal | null, now: Date = new Date()) {
  const scope = await visibleScope(actor);
  const db = getDb();
  const siteIds = scope.sites.map((site) => site.id);
  const accountIds = scope.accounts.map((account) => account.id);
  const ids = [...siteIds, ...accountIds];
  const [checks, inspections, findings, tickets] = await Promise.all([
    latestChecks(db, now, ids),
    db.inspection.findMany({ orderBy: { period: "desc" }, take: 8, select: { id: true, period: true, runAt: true } }),
    db.finding.groupBy({
      by: ["siteId", "accountId"],
      where: { state: "OPEN", OR: [{ siteId: { in: siteIds } }, { accountId: { in: accountIds } }] },
      _count: { _all: true },
    }),
    db.rectificationTicket.groupBy({
      by: ["siteId", "accountId"],
      where: { state: { not: "CLOSED" }, OR: [{ siteId: { in: siteIds } }, { accountId: { in: accountIds } }] },
      _count: { _all: true },
    }),
  ]);
  const scores = await db.inspectionScore.findMany({
    where: {
      inspectionId: { in: inspections.map((inspection) => inspection.id) },
      OR: [{ siteId: { in: siteIds } }, { accountId: { in: accountIds } }],
    },
    select: { inspectionId: true, siteId: true, accountId: true, total: true, passed: true, rank: true, target: true },
  });
  const latest = inspections[0];
  const countOf = (rows: typeof findings, id: string) =>
    rows.find((row) => row.siteId === id || row.accountId === id)?._count._all ?? 0;
  const row = (kind: OverviewRow["kind"], subject: (typeof scope.sites)[number]): OverviewRow => {
    const own = checks.get(subject.id) ?? [];
    const score = latest
      ? scores.find(
          (candidate) =>
            candidate.inspectionId === latest.id &&
            (candidate.siteId === subject.id || candidate.accountId === subject.id),
        )
      : undefined;
    return {
      kind,
      id: subject.id,
      name: subject.name,
      orgName: subject.org.name,
      light: lightOfChecks(own),
      lastCheckedAt: own.reduce<Date | null>((last, check) => (!last || check.at > last ? check.at : last), null),
      score: score?.total ?? null,
      passed: score?.passed ?? null,
      rank: score?.rank ?? null,
      openFindings: countOf(findings, subject.id),
      openTickets: countOf(tickets, subject.id),
    };
  };
  const trend: TrendPoint[] = [...inspections].reverse().map((inspection) => {
    const own = scores.filter((score) => score.inspectionId === inspection.id);
    const websiteTotals = own
      .filter((score) => score.target === "WEBSITE" && score.total !== null)
      .map((score) => score.total!);
    return {
      period: inspection.period,
      average: websiteTotals.length
        ? Math.round((websiteTotals.reduce((sum, total) => sum + total, 0) / websiteTotals.length) * 10) / 10
        : null,
      failures: own.filter((score) => !score.passed).length,
      checked: own.length,
    };
  });
  return {
    platform: scope.platform,
    latestPeriod: latest?.period ?? null,
    sites: scope.sites.map((site) => row("site", site)),
    accounts: scope.accounts.map((account) => row("account", account)),
    trend,
  };
}

/** One site's or account's checks with their evidence, its scores by quarter and its open findings and tickets. */
export async function getSubjectEvidence(
  actor: Principal | null,
  kind: "site" | "account",
  id: string,
  now: Date = new Date(),
) {
  const scope = await visibleScope(actor);
  const subject = (kind === "site" ? scope.sites : scope.accounts).find((candidate) => candidate.id === id);
  if (!subject) throw notFound();
  const db = getDb();
  const where = kind === "site" ? { siteId: id } : { accountId: id };
  const [checks, scores, findings, tickets] = await Promise.all([
    latestChecks(db, now, [id]),
    db.inspectionScore.findMany({
      where,
      include: { inspection: { select: { period: true, runAt: true } } },
      orderBy: { inspection: { period: "desc" } },
      take: 8,
    }),
    db.finding.findMany({ where: { ...where, state: "OPEN" }, orderBy: { lastSeenAt: "desc" }, take: 100 }),
    db.rectificationTicket.findMany({ where, orderBy: { openedAt: "desc" }, take: 50 }),
  ]);
  return {
    kind,
    id,
    name: subject.name,
    orgName: subject.org.name,
    checks: (checks.get(id) ?? []) as LatestCheck[],
    light: lightOfChecks(checks.get(id) ?? []),
    scores: scores.map((score) => ({
      period: score.inspection.period,
      total: score.total,
      deduction: score.deductionScore,
      bonus: score.bonusScore,
      passed: score.passed,
      vetoed: score.vetoed,
      rank: score.rank,
      lines: score.lines as unknown as ScoreLine[],
    })),
    findings,
    tickets,
  };
}

import { z } from "zod";
import type { Prisma } from "@/lib/db/generated/client";
import { getDb, type Db, type Tx } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import type { RequestContext } from "@/lib/auth/authenticate";
import { assertCan, type Principal } from "@/lib/auth/permissions";
import { conflict } from "@/lib/errors";
import { chinaToday } from "@/lib/time/china";
import { parseInput } from "@/lib/validation/parse";
import { loadPublicCopyState } from "@/lib/interaction/publish/public-copy";
import { ensureFramework } from "@/lib/supervision/framework";
import {
  DEFAULT_RULES,
  quarterOf,
  rankScores,
  scoreTarget,
  ZPeriod,
  type ScoringEntry,
  type ScoringIndicator,
} from "@/lib/supervision/scoring";
import { summarizeInspection } from "@/lib/supervision/inspection-summary";
import { latestChecks } from "@/lib/supervision/latest-checks";
import { UNPACED, type Pacer } from "@/lib/supervision/pacing";

// 季度检查: every site and every active 政务新媒体 account scored against the framework, from the
// monitors' latest result of each check and the inspectors' entries for the quarter; pass/fail,
// ranks and the totals the bulletin reports, kept per quarter. Running the quarter again replaces
// its scores, until its bulletin has gone to review: what was signed stays what was scored.

export const ZRunInspection = z.object({
  period: z.preprocess(
    (value) => (typeof value === "string" && value.trim() ? value.trim().toUpperCase() : undefined),
    z.string().regex(ZPeriod, { error: "季度格式应为 2026Q4。" }).optional(),
  ),
});

type Subject = { kind: "WEBSITE" | "NEW_MEDIA"; id: string; orgId: string; name: string };

/** Subjects whose latest checks are read and scored between two pauses. */
const SCORING_BATCH = 100;

export type InspectionOptions = {
  /** Where the read-heavy part runs (the supervision pool at low priority); the writes use the main client. */
  reader?: Db;
  pacer?: Pacer;
};

async function assertBulletinOpen(db: Db | Tx, period: string) {
  const existing = await db.inspection.findUnique({ where: { period } });
  if (existing?.bulletinResourceId) {
    const state = await loadPublicCopyState(db as Tx, existing.bulletinResourceId);
    if (state === "IN_REVIEW" || state === "PUBLISHED")
      throw conflict("本季度通报已送审或已发布，检查结果不能再重新生成。");
  }
  return existing;
}

export async function runInspection(
  actor: Principal | null,
  input: unknown,
  context: Partial<RequestContext> = {},
  now: Date = new Date(),
  options: InspectionOptions = {},
) {
  const role = await assertCan(actor, "supervision.inspection.run", "platform");
  const form = parseInput(ZRunInspection, input);
  const period = form.period ?? quarterOf(chinaToday(now));
  const db = getDb();
  const reader = options.reader ?? db;
  const pacer = options.pacer ?? UNPACED;
  await ensureFramework(db);
  // Refused before the work when the quarter's bulletin is already signed; checked again when writing.
  await assertBulletinOpen(db, period);

  // Reading and scoring, a batch of subjects at a time with a pause in between (no transaction held).
  const indicators = await reader.supervisionIndicator.findMany({
    where: { active: true },
    orderBy: { position: "asc" },
  });
  const framework = (target: Subject["kind"]): ScoringIndicator[] =>
    indicators.filter((line) => line.target === target);
  const [sites, accounts, entries] = await Promise.all([
    reader.site.findMany({ select: { id: true, orgId: true, name: true }, orderBy: { position: "asc" } }),
    reader.newMediaAccount.findMany({
      where: { status: { in: ["ACTIVE", "CANCELLING"] } },
      select: { id: true, orgId: true, name: true },
      orderBy: { name: "asc" },
    }),
    reader.inspectionEntry.findMany({ where: { period } }),
  ]);
  const entriesBySubject = new Map<string, ScoringEntry[]>();
  for (const entry of entries) {
    const id = entry.siteId ?? entry.accountId;
    if (id) entriesBySubject.set(id, [...(entriesBySubject.get(id) ?? []), entry]);
  }
  const subjects: Subject[] = [
    ...sites.map((site) => ({ kind: "WEBSITE" as const, ...site })),
    ...accounts.map((account) => ({ kind: "NEW_MEDIA" as const, ...account })),
  ];
  const results: { subject: Subject; result: ReturnType<typeof scoreTarget> }[] = [];
  for (let from = 0; from < subjects.length; from += SCORING_BATCH) {
    const batch = subjects.slice(from, from + SCORING_BATCH);
    const checks = await latestChecks(
      reader,
      now,
      batch.map((subject) => subject.id),
    );
    for (const subject of batch)
      results.push({
        subject,
        result: scoreTarget({
          indicators: framework(subject.kind),
          checks: checks.get(subject.id) ?? [],
          entries: entriesBySubject.get(subject.id) ?? [],
          rules: DEFAULT_RULES,
        }),
      });
    await pacer.rest();
  }
  const ranks = new Map<Subject, number | null>();
  for (const kind of ["WEBSITE", "NEW_MEDIA"] as const) {
    const group = results.filter((row) => row.subject.kind === kind);
    rankScores(group.map((row) => row.result.total)).forEach((rank, index) => ranks.set(group[index]!.subject, rank));
  }
  const summary = summarizeInspection(
    results.map(({ subject, result }) => ({ kind: subject.kind, name: subject.name, ...result })),
  );

  // Writing: one short transaction.
  return db.$transaction(
    async (tx) => {
      // One run of a quarter at a time: a second waits, then replaces or is refused.
      await tx.$executeRaw`select pg_advisory_xact_lock(7245028, hashtext(${period}))`;
      const existing = await assertBulletinOpen(tx, period);
      const inspection = existing
        ? await tx.inspection.update({
            where: { id: existing.id },
            data: {
              runAt: now,
              runById: actor!.id,
              summary: summary as unknown as Prisma.InputJsonValue,
              version: { increment: 1 },
            },
          })
        : await tx.inspection.create({
            data: {
              period,
              runAt: now,
              runById: actor!.id,
              passMark: DEFAULT_RULES.passMark,
              bonusFrom: DEFAULT_RULES.bonusFrom,
              summary: summary as unknown as Prisma.InputJsonValue,
            },
          });
      await tx.inspectionScore.deleteMany({ where: { inspectionId: inspection.id } });
      await tx.inspectionScore.createMany({
        data: results.map(({ subject, result }) => ({
          inspectionId: inspection.id,
          target: subject.kind,
          siteId: subject.kind === "WEBSITE" ? subject.id : null,
          accountId: subject.kind === "NEW_MEDIA" ? subject.id : null,
          orgId: subject.orgId,
          name: subject.name,
          vetoed: result.vetoed,
          passed: result.passed,
          deductionScore: result.deductionScore,
          bonusScore: result.bonusScore,
          total: result.total,
          rank: ranks.get(subject) ?? null,
          lines: result.lines as unknown as Prisma.InputJsonValue,
        })),
      });
      await recordAudit(tx, {
        actorId: actor!.id,
        role,
        action: "supervision.inspection.run",
        subject: `inspection:${inspection.id}`,
        data: {
          period,
          sites: summary.websites.total,
          sitesPassed: summary.websites.passed,
          accounts: summary.accounts.total,
          accountsPassed: summary.accounts.passed,
        },
        ...context,
      });
      return { id: inspection.id, period, summary };
    },
    { timeout: 120_000 },
  );
}

import type { Prisma } from "@/lib/db/generated/client";
import type { Tx } from "@/lib/db/client";
import { blocksToDoc } from "@/lib/library/content";
import { createPublishedItem, type SeedUnit } from "@/lib/seed/seed-items";
import { ensureFramework } from "@/lib/supervision/framework";
import { summarizeInspection } from "@/lib/supervision/inspection-summary";
import { bulletinBody } from "@/lib/supervision/bulletin-body";
import type { InspectionSummary } from "@/lib/supervision/inspection-summary";
import { messages } from "@/lib/i18n/zh-CN";
import { SAMPLE_NOTE, sampleTitle } from "@/lib/seed/sample-text";
import { quarterLabel, quarterOf, rankScores } from "@/lib/supervision/scoring";
import { chinaToday } from "@/lib/time/china";

// 监管 in the demo: the national indicator framework and the two quarters before this one inspected
// (scores for the trend); with the sample content, the supervising unit's site's work news and the
// later quarter's 通报 published in 监管通报 as seed 001 would be. The figures are examples.

const DAY = 86_400_000;

/** The quarter `back` quarters before `period` (2026Q4, 1 → 2026Q3). */
export function previousQuarter(period: string, back = 1): string {
  const [year, quarter] = period.split("Q").map(Number) as [number, number];
  const index = year * 4 + (quarter - 1) - back;
  return `${Math.floor(index / 4)}Q${(index % 4) + 1}`;
}

/** A demo score: websites 96–118, accounts 88–100, the same each run. */
function demoScore(name: string, quarter: number, account: boolean): number {
  let hash = quarter;
  for (const char of name) hash = (hash * 31 + char.charCodeAt(0)) % 9973;
  return account ? 88 + (hash % 13) : 96 + (hash % 23);
}

/** The framework and the two quarters before this one, inspected (no library items: see the samples). */
export async function seedSupervision(tx: Tx, now: Date = new Date()): Promise<void> {
  await ensureFramework(tx);
  const current = quarterOf(chinaToday(now));
  const [sites, accounts, supervisor] = await Promise.all([
    tx.site.findMany({ select: { id: true, orgId: true, name: true } }),
    tx.newMediaAccount.findMany({ select: { id: true, orgId: true, name: true } }),
    tx.user.findUniqueOrThrow({ where: { username: "supervisor" } }),
  ]);
  for (const back of [2, 1]) {
    const period = previousQuarter(current, back);
    const rows = [
      ...sites.map((site) => ({ kind: "WEBSITE" as const, subject: site, total: demoScore(site.name, back, false) })),
      ...accounts.map((account) => ({
        kind: "NEW_MEDIA" as const,
        subject: account,
        total: demoScore(account.name, back, true),
      })),
    ].map((row) => ({ ...row, deduction: Math.min(100, row.total), bonus: Math.max(0, row.total - 100) }));
    const summary = summarizeInspection(
      rows.map((row) => ({
        kind: row.kind,
        name: row.subject.name,
        vetoed: false,
        passed: true,
        total: row.total,
        lines: [],
      })),
    );
    const ranks = new Map<string, number | null>();
    for (const kind of ["WEBSITE", "NEW_MEDIA"] as const) {
      const group = rows.filter((row) => row.kind === kind);
      rankScores(group.map((row) => row.total)).forEach((rank, index) => ranks.set(group[index]!.subject.id, rank));
    }
    // Inspected in the second week of the next quarter (never later than yesterday).
    const [nextYear, nextQuarter] = previousQuarter(period, -1).split("Q").map(Number) as [number, number];
    const runAt = new Date(Math.min(Date.UTC(nextYear, (nextQuarter - 1) * 3, 8, 2), now.getTime() - DAY));
    await tx.inspection.create({
      data: {
        period,
        runAt,
        runById: supervisor.id,
        summary: summary as unknown as Prisma.InputJsonValue,
        scores: {
          create: rows.map((row) => ({
            target: row.kind,
            siteId: row.kind === "WEBSITE" ? row.subject.id : null,
            accountId: row.kind === "NEW_MEDIA" ? row.subject.id : null,
            orgId: row.subject.orgId,
            name: row.subject.name,
            vetoed: false,
            passed: true,
            deductionScore: row.deduction,
            bonusScore: row.bonus,
            total: row.total,
            rank: ranks.get(row.subject.id) ?? null,
            lines: [],
          })),
        },
      },
    });
  }
}

/**
 * The supervising unit's site content (sample items, 【示例】): its work news, a notice, and the
 * latest seeded quarter's 通报 published in 监管通报, as seed 001 would be.
 */
export async function seedSupervisionSamples(
  tx: Tx,
  input: { unit: SeedUnit; ownerOrgId: string; authorId: string; column: (slug: string) => string; now: Date },
): Promise<number> {
  const { now, unit } = input;
  const item = (title: string, slug: string, daysAgo: number, paragraphs: string[], kind: "ARTICLE" | "NOTICE") =>
    createPublishedItem(tx, {
      kind,
      ownerOrgId: input.ownerOrgId,
      authorId: input.authorId,
      indexUnit: unit,
      title,
      body: blocksToDoc([...paragraphs, SAMPLE_NOTE].map((text) => ({ type: "paragraph", text }))),
      metadata: { source: { type: "original" }, keywords: ["政府网站", "政务新媒体"] },
      publishedAt: new Date(now.getTime() - daysAgo * DAY),
      columnIds: [input.column(slug)],
    });
  await item(
    sampleTitle("市政府办公厅召开全市政府网站与政务新媒体工作推进会"),
    "gzdt",
    1,
    [
      "市政府办公厅召开全市政府网站与政务新媒体工作推进会，通报本季度日常监测情况，部署常态化“7×24小时”监测扫描和问题整改工作。",
      "会议要求，各单位要落实主办、承办职责，对监测发现的栏目不更新、空白栏目、互动回应不及时等问题在规定时限内整改到位。",
    ],
    "ARTICLE",
  );
  // Earlier years' statutory reports, so that their columns are not empty (空白栏目).
  const lastYear = Number(now.toISOString().slice(0, 4)) - 2;
  await item(
    sampleTitle(`重庆市人民政府办公厅${lastYear}年度政府网站监管年度报表`),
    "ndbb",
    400,
    [
      `根据《国务院办公厅秘书局关于印发政府网站年度报表格式的通知》（国办函〔2018〕12号）要求，现公开${lastYear}年度全市政府网站监管年度报表。`,
    ],
    "ARTICLE",
  );
  await item(
    sampleTitle(`重庆市人民政府办公厅${lastYear}年政府信息公开工作年度报告`),
    "gknb",
    410,
    [`根据《中华人民共和国政府信息公开条例》要求，现公布重庆市人民政府办公厅${lastYear}年政府信息公开工作年度报告。`],
    "ARTICLE",
  );
  await item(
    sampleTitle("关于开展政府网站和政务新媒体季度自查的通知"),
    "tzgg",
    6,
    [
      "各区县（自治县）人民政府，市政府各部门，有关单位：",
      "请对照《政府网站与政务新媒体检查指标》开展本季度自查，重点检查首页和栏目更新、空白栏目、互动回应和链接可用性，自查发现的问题即查即改。",
    ],
    "NOTICE",
  );
  const inspection = await tx.inspection.findFirst({
    where: { bulletinResourceId: null },
    orderBy: { period: "desc" },
    include: { scores: { where: { target: "WEBSITE" }, orderBy: [{ rank: "asc" }, { name: "asc" }] } },
  });
  if (!inspection) return 4;
  const quarter = quarterLabel(inspection.period);
  const body = bulletinBody({
    quarter,
    summary: inspection.summary as unknown as InspectionSummary,
    rows: inspection.scores.map((score) => ({
      rank: score.rank,
      name: score.name,
      deduction: score.deductionScore,
      bonus: score.bonusScore,
      total: score.total,
      passed: score.passed,
      vetoed: score.vetoed,
    })),
    rules: new Map(),
    requirements: null,
  });
  const bulletinId = await createPublishedItem(tx, {
    kind: "NOTICE",
    ownerOrgId: input.ownerOrgId,
    authorId: inspection.runById,
    indexUnit: unit,
    title: sampleTitle(messages.supervisionScores.bulletin.heading(quarter)),
    body: {
      ...body,
      content: [...(body.content ?? []), { type: "paragraph", content: [{ type: "text", text: SAMPLE_NOTE }] }],
    },
    metadata: { source: { type: "original" }, keywords: ["政府网站", "政务新媒体", "检查通报"] },
    publishedAt: new Date(Math.min(inspection.runAt.getTime() + 3 * DAY, now.getTime() - DAY / 2)),
    columnIds: [input.column("jgtb")],
  });
  await tx.inspection.update({ where: { id: inspection.id }, data: { bulletinResourceId: bulletinId } });
  return 5;
}

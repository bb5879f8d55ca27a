import { z } from "zod";
import { getDb, type Db, type Tx } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import type { RequestContext } from "@/lib/auth/authenticate";
import { assertCan, type Principal } from "@/lib/auth/permissions";
import { conflict, notFound } from "@/lib/errors";
import { messages } from "@/lib/i18n/zh-CN";
import { ZRevisionMetadata } from "@/lib/library/metadata";
import { parseInput } from "@/lib/validation/parse";
import { loadPublicCopyState } from "@/lib/interaction/publish/public-copy";
import { submitRecordForReview } from "@/lib/interaction/submit-record";
import { bulletinBody } from "@/lib/supervision/bulletin-body";
import type { InspectionSummary } from "@/lib/supervision/inspection-summary";
import { quarterLabel, ZPeriod } from "@/lib/supervision/scoring";

// 季度通报 (store first, DESIGN invariant 10): drafted from a quarter's inspection as a library item
// (通知公告) with its tables, submitted to the review of the unit that runs the supervising unit's
// site, and published on approval in its 监管通报 column. Sent back, it is drafted again as the next
// revision of the same item; once in review or published the quarter's scores stay as signed.

export const BULLETIN_COLUMN_SLUG = "jgtb";

export const ZDraftBulletin = z.object({
  period: z.string().regex(ZPeriod, { error: "季度格式应为 2026Q4。" }),
  requirements: z.preprocess(
    (value) => (typeof value === "string" && value.trim() ? value.trim() : null),
    z.string().max(2000, { error: "工作要求不能超过 2000 字。" }).nullable(),
  ),
});

/** The 监管通报 column: on a site of the supervising unit (or of one of its own sections). */
export async function findBulletinColumn(db: Db | Tx) {
  return db.column.findFirst({
    where: {
      slug: BULLETIN_COLUMN_SLUG,
      site: {
        org: { OR: [{ kind: "SUPERVISING" }, { kind: "SECTION", parent: { kind: "SUPERVISING" } }] },
      },
    },
    orderBy: { site: { position: "asc" } },
    include: { site: { select: { id: true, orgId: true, name: true } } },
  });
}

export async function draftBulletin(actor: Principal | null, input: unknown, context: Partial<RequestContext> = {}) {
  const role = await assertCan(actor, "supervision.inspection.run", "platform");
  const form = parseInput(ZDraftBulletin, input);
  return getDb().$transaction(async (tx) => {
    const inspection = await tx.inspection.findUnique({
      where: { period: form.period },
      include: { scores: { where: { target: "WEBSITE" }, orderBy: [{ rank: "asc" }, { name: "asc" }] } },
    });
    if (!inspection) throw notFound("本季度尚未开展检查，请先开展检查。");
    await tx.$executeRaw`select pg_advisory_xact_lock(7245028, hashtext(${form.period}))`;
    if (inspection.bulletinResourceId) {
      const state = await loadPublicCopyState(tx, inspection.bulletinResourceId);
      if (state === "PUBLISHED") throw conflict("本季度通报已发布。");
      if (state === "IN_REVIEW") throw conflict("本季度通报正在审核中。");
    }
    const column = await findBulletinColumn(tx);
    if (!column) throw conflict("主管单位网站尚未设置“监管通报”栏目，请网站管理员先建立该栏目。");
    const rules = new Map(
      (await tx.supervisionIndicator.findMany({ select: { code: true, rule: true } })).map((line) => [
        line.code,
        line.rule,
      ]),
    );
    const quarter = quarterLabel(form.period);
    const summary = inspection.summary as unknown as InspectionSummary;
    const title = messages.supervisionScores.bulletin.heading(quarter);
    const body = bulletinBody({
      quarter,
      summary,
      rows: inspection.scores.map((score) => ({
        rank: score.rank,
        name: score.name,
        deduction: score.deductionScore,
        bonus: score.bonusScore,
        total: score.total,
        passed: score.passed,
        vetoed: score.vetoed,
      })),
      rules,
      requirements: form.requirements,
    });
    const metadata = ZRevisionMetadata.parse({
      source: { type: "original" },
      summary: messages.supervisionScores.bulletin.totals(
        quarter,
        summary.websites.total,
        summary.websites.passRate,
        summary.accounts.total,
        summary.accounts.passRate,
      ),
      keywords: ["政府网站", "政务新媒体", "检查通报"],
    });
    const { resource, number, contentHash, instance } = await submitRecordForReview(
      tx,
      {
        kind: "NOTICE",
        ownerOrgId: column.site.orgId,
        previousId: inspection.bulletinResourceId,
        title,
        body,
        metadata,
        columnId: column.id,
      },
      { id: actor!.id, role },
      context,
    );
    await tx.inspection.update({
      where: { id: inspection.id },
      data: { bulletinResourceId: resource.id, version: { increment: 1 } },
    });
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "supervision.bulletin.draft",
      subject: `inspection:${inspection.id}`,
      data: { period: form.period, resourceId: resource.id, revision: number, contentHash },
      ...context,
    });
    return { resourceId: resource.id, reviewInstanceId: instance.id };
  });
}

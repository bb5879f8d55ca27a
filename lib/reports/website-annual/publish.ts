import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import type { Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { conflict } from "@/lib/errors";
import { ZRevisionMetadata } from "@/lib/library/metadata";
import { parseInput } from "@/lib/validation/parse";
import { submitRecordForReview } from "@/lib/interaction/submit-record";
import { composeReport } from "@/lib/reports/website-annual/compose";
import { reportBody, reportTitle } from "@/lib/reports/website-annual/body";
import { findReportColumn, publishSiteId, reportState } from "@/lib/reports/website-annual/view";
import { assertOnReport, findReport, periodLabel, updateReport, ZReportRef } from "@/lib/reports/website-annual/access";

// Store first (DESIGN invariant 10): a signed annual report becomes a library item (kind
// SITE_REPORT) made from its snapshot, submitted to the unit's review and published on approval in
// the site's 年度报表 column (国办函〔2018〕12号: by 31 January, in a prominent place). The
// supervising unit's report goes to its own site's column. Sent back by review, it is submitted
// again as the next revision of the same item. The monthly report is signed and exported, not
// published.

export const ZPublishReport = z.object({
  version: z.coerce.number({ message: "版本号不正确" }).int().min(0),
});

export async function publishReport(actor: Principal | null, input: unknown, context: Partial<RequestContext> = {}) {
  const ref = parseInput(ZReportRef, input);
  const form = { ...parseInput(ZPublishReport, input), ref };
  const db = getDb();
  const { subject, role } = await assertOnReport(db, actor, form.ref, true);
  if (form.ref.kind === "MONTHLY") throw conflict("月度工作报告签发后导出报送，不在网站公开。");
  return db.$transaction(async (tx) => {
    const report = await findReport(tx, form.ref);
    if (!report?.signedAt) throw conflict("报表尚未签发，签发后才能送审公开。");
    const state = await reportState(tx, report);
    if (state === "IN_REVIEW") throw conflict("报表正在审核中。");
    if (state === "PUBLISHED") throw conflict("报表已公开。");
    const siteId = await publishSiteId(tx, form.ref.kind, subject);
    const column = siteId ? await findReportColumn(tx, siteId) : null;
    if (!column) throw conflict("网站没有“年度报表”栏目，请网站管理员先建立该栏目。");
    // The item belongs to the unit that keeps the site: the supervising unit's report, like its
    // 监管通报, is its 电子政务处's item, reviewed and signed there.
    const ownerOrgId = subject.site
      ? subject.orgId
      : (await tx.site.findUniqueOrThrow({ where: { id: siteId! }, select: { orgId: true } })).orgId;
    const composed = await composeReport(tx, form.ref, subject, report);
    const name = subject.site?.name ?? subject.orgName;
    const title = reportTitle(name, composed.template, periodLabel(form.ref.year, form.ref.month));
    const metadata = ZRevisionMetadata.parse({
      source: { type: "original", name: subject.orgName },
      summary: `${title}（依据国办函〔2018〕12号填报）。`,
    });
    const { resource, number, contentHash, instance } = await submitRecordForReview(
      tx,
      {
        kind: "SITE_REPORT",
        ownerOrgId,
        previousId: report.resourceId,
        title,
        body: reportBody(composed),
        metadata,
        columnId: column.id,
      },
      { id: actor!.id, role },
      context,
    );
    await updateReport(tx, report, form.version, { resourceId: resource.id });
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "report.site.publish",
      subject: `site_report:${report.id}`,
      data: {
        reportPeriod: String(form.ref.year),
        resourceId: resource.id,
        revision: number,
        contentHash,
        columnId: column.id,
      },
      ...context,
    });
    return { resourceId: resource.id, reviewInstanceId: instance.id };
  });
}

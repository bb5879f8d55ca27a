import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import type { Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { conflict, invalid } from "@/lib/errors";
import { messages } from "@/lib/i18n/zh-CN";
import { ZRevisionMetadata } from "@/lib/library/metadata";
import { parseInput } from "@/lib/validation/parse";
import { submitRecordForReview } from "@/lib/interaction/submit-record";
import { loadFigures } from "@/lib/disclosure/report-data";
import { assertBalanced, missingEntries } from "@/lib/disclosure/report-tally";
import { reportBody, reportTitle, type ReportContent } from "@/lib/disclosure/report-body";
import { findReportColumn, reportState } from "@/lib/disclosure/report-view";
import {
  assertOnReport,
  entriesOf,
  loadOrCreateReport,
  updateReport,
  ZReportRef,
  type LoadedReport,
  type ReportUnit,
} from "@/lib/disclosure/report-access";

// Store first (DESIGN invariant 10): the report becomes a library item of kind 政府信息公开年报,
// its tables embedded in the body, submitted to the unit's review and published on approval in
// the unit's 政府信息公开年报 column. Refused while a figure is missing, a text section is empty or
// table 三 breaks 第一项+第二项=第三项+第四项 (the difference named). Sent back by review, it is
// drafted again as a new revision of the same item.

const t = messages.disclosureReport;

export const ZDraftReport = ZReportRef.extend({
  version: z.coerce.number({ message: "版本号不正确" }).int().min(0),
});

/** The report's content from the stored texts and entries and the live figures; refuses what may not be drafted. */
export async function composeReport(
  db: Parameters<typeof loadFigures>[0],
  unit: ReportUnit,
  year: number,
  report: LoadedReport | null,
): Promise<ReportContent> {
  const entries = entriesOf(report);
  const missing = missingEntries(entries);
  if (missing.length)
    throw invalid(
      `尚有 ${missing.length} 项数据未填报（表二的行政许可、行政处罚、行政强制、行政事业性收费和表四），请填报后再生成。`,
    );
  const empty = (
    [
      ["overview", t.sections.overview],
      ["problems", t.sections.problems],
      ["otherMatters", t.sections.other],
    ] as const
  ).filter(([key]) => !report?.[key].trim());
  if (empty.length) throw invalid(`请先填写文字部分：${empty.map(([, label]) => label).join("、")}。`);
  const figures = await loadFigures(db, unit.subtree, year, entries);
  assertBalanced(figures.table3);
  return {
    unitName: unit.name,
    year,
    overview: report!.overview,
    problems: report!.problems,
    otherMatters: report!.otherMatters,
    entries,
    figures,
  };
}

export async function draftReport(actor: Principal | null, input: unknown, context: Partial<RequestContext> = {}) {
  const form = parseInput(ZDraftReport, input);
  const { unit, role } = await assertOnReport(actor, "disclosure.report.manage", form.orgId);
  return getDb().$transaction(async (tx) => {
    const report = await loadOrCreateReport(tx, unit.id, form.year);
    const state = await reportState(tx, report.resourceId);
    if (state === "IN_REVIEW") throw conflict("年报正在审核中。");
    if (state === "PUBLISHED") throw conflict("年报已公开；如需更正，请在资源库中修改已公开的稿件并重新送审。");
    const column = await findReportColumn(tx, unit.id);
    if (!column) throw conflict("本单位网站没有“政府信息公开年报”栏目，请网站管理员先建立该栏目。");
    const content = await composeReport(tx, unit, form.year, report);
    const title = reportTitle(unit.name, form.year);
    const metadata = ZRevisionMetadata.parse({
      source: { type: "original", name: unit.name },
      summary: `${unit.name}${form.year}年政府信息公开工作情况：主动公开、依申请公开、行政复议和行政诉讼情况，存在的主要问题及改进情况。`,
    });
    const { resource, number, contentHash, instance } = await submitRecordForReview(
      tx,
      {
        kind: "DISCLOSURE_REPORT",
        ownerOrgId: unit.id,
        previousId: report.resourceId,
        title,
        body: reportBody(content),
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
      action: "disclosure.report.draft",
      subject: `disclosure_report:${report.id}`,
      data: {
        year: form.year,
        resourceId: resource.id,
        revision: number,
        contentHash,
        received: content.figures.table3.new.total,
        concluded: content.figures.table3.resultTotal.total,
      },
      ...context,
    });
    return { resourceId: resource.id, reviewInstanceId: instance.id };
  });
}

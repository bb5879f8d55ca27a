import writeExcelFile from "write-excel-file/node";
import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import type { Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { gongwenDocx, richTextToGongwenBlocks } from "@/lib/documents/gongwen-docx";
import { chinaToday } from "@/lib/time/china";
import { parseInput } from "@/lib/validation/parse";
import { composeReport } from "@/lib/reports/website-annual/compose";
import { reportBody, reportSheet, reportTitle } from "@/lib/reports/website-annual/body";
import { assertOnReport, findReport, periodLabel, ZReportRef } from "@/lib/reports/website-annual/access";

// A report as files: an .xlsx of every field with its source and override reason, and a .docx in
// 公文 layout (the one writer in lib/documents) of the tables. Signed, the files show the
// snapshot; before, the figures as they stand (a working copy). Every export is audited.

export type ExportFormat = "docx" | "xlsx";

export async function exportSiteReport(
  actor: Principal | null,
  input: unknown,
  format: ExportFormat,
  context: Partial<RequestContext> = {},
  now: Date = new Date(),
): Promise<{ fileName: string; data: Buffer }> {
  const ref = parseInput(ZReportRef, input);
  const db = getDb();
  const { subject, role } = await assertOnReport(db, actor, ref, false);
  const report = await findReport(db, ref);
  const composed = await composeReport(db, ref, subject, report);
  const title = reportTitle(subject.site?.name ?? subject.orgName, composed.template, periodLabel(ref.year, ref.month));
  const data =
    format === "xlsx"
      ? await writeExcelFile([reportSheet(composed)] as never).toBuffer()
      : await gongwenDocx({
          title,
          blocks: richTextToGongwenBlocks(reportBody(composed)),
          signer: subject.orgName,
          date: composed.signOff?.填报日期 ?? chinaToday(now),
        });
  await db.$transaction((tx) =>
    recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "report.site.export",
      subject: report ? `site_report:${report.id}` : null,
      data: {
        reportPeriod: ref.month ? `${ref.year}-${ref.month}` : String(ref.year),
        format,
        signed: !!report?.signedAt,
      },
      ...context,
    }),
  );
  return { fileName: `${title}.${format}`, data };
}

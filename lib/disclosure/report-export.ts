import writeExcelFile from "write-excel-file/node";
import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import type { Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { gongwenDocx, richTextToGongwenBlocks } from "@/lib/documents/gongwen-docx";
import { chinaDay } from "@/lib/calendar/working-days";
import { parseInput } from "@/lib/validation/parse";
import { reportBody, reportTitle } from "@/lib/disclosure/report-body";
import { reportSheets } from "@/lib/disclosure/report-sheets";
import { composeReport } from "@/lib/disclosure/report-draft";
import { assertOnReport, findReport, ZReportRef } from "@/lib/disclosure/report-access";

// The report as files: a .docx in 公文 layout (GB/T 9704, the one writer in lib/documents) of the
// drafted library item's latest revision, or of the figures as they stand when none was drafted;
// and an .xlsx of the tables in the national format's layout. Both refuse a report that may not be
// drafted (missing figures, empty sections, table 三 out of balance). Every export is audited.

export type ExportFormat = "docx" | "xlsx";
type Exported = { fileName: string; data: Buffer };

async function audit(
  actor: Principal,
  role: string,
  reportId: string | null,
  data: Record<string, unknown>,
  context: Partial<RequestContext>,
) {
  await getDb().$transaction((tx) =>
    recordAudit(tx, {
      actorId: actor.id,
      role,
      action: "disclosure.report.export",
      subject: reportId ? `disclosure_report:${reportId}` : null,
      data,
      ...context,
    }),
  );
}

export async function exportReport(
  actor: Principal | null,
  input: unknown,
  format: ExportFormat,
  context: Partial<RequestContext> = {},
  now: Date = new Date(),
): Promise<Exported> {
  const ref = parseInput(ZReportRef, input);
  const { unit, role } = await assertOnReport(actor, "disclosure.report.view", ref.orgId);
  const db = getDb();
  const report = await findReport(db, unit.id, ref.year);
  const title = reportTitle(unit.name, ref.year);
  if (format === "xlsx") {
    const content = await composeReport(db, unit, ref.year, report);
    const sheets = reportSheets(content);
    const data = await writeExcelFile(sheets as never).toBuffer();
    await audit(actor!, role, report?.id ?? null, { year: ref.year, format }, context);
    return { fileName: `${title}.xlsx`, data };
  }
  const revision = report?.resourceId
    ? await db.revision.findFirst({
        where: { resourceId: report.resourceId },
        orderBy: { number: "desc" },
        select: { body: true, number: true, createdAt: true },
      })
    : null;
  const body = revision ? revision.body : reportBody(await composeReport(db, unit, ref.year, report));
  const data = await gongwenDocx({
    title,
    blocks: richTextToGongwenBlocks(body),
    signer: unit.name,
    date: chinaDay(revision?.createdAt ?? now),
  });
  await audit(
    actor!,
    role,
    report?.id ?? null,
    { year: ref.year, format, revision: revision?.number ?? null },
    context,
  );
  return { fileName: `${title}.docx`, data };
}

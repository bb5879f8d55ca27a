import { z } from "zod";
import { getDb } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { recordAudit } from "@/lib/audit/record";
import type { Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { conflict } from "@/lib/errors";
import { zText } from "@/lib/validation/text";
import { parseInput } from "@/lib/validation/parse";
import { APPLICANT_COLUMNS, type Entries, type Entry } from "@/lib/disclosure/report-format";
import { loadRequestFacts } from "@/lib/disclosure/report-data";
import { tallyRequests } from "@/lib/disclosure/report-tally";
import { countsOf, overrideKey, TABLE3_ROWS } from "@/lib/disclosure/report-overrides";
import {
  assertOnReport,
  entriesOf,
  loadOrCreateReport,
  updateReport,
  ZReportRef,
} from "@/lib/disclosure/report-access";

// The office corrects a cell of table 三 by hand, with a reason (the other entered figures' rule):
// the computed figure stays beside it on the page, the change is audited with both figures, and
// an empty value takes the correction back. The balance rule is checked when the report is drafted
// or exported, on the corrected table. While the report is in review or published, nothing changes.

export const ZOverrideCell = ZReportRef.extend({
  version: z.coerce.number({ message: "版本号不正确" }).int().min(0),
  row: z.enum(TABLE3_ROWS as [string, ...string[]], { message: "请选择表三的行" }),
  column: z.enum(APPLICANT_COLUMNS as [string, ...string[]], { message: "请选择申请人类型列" }),
  /** Empty: back to the computed figure. */
  value: zText({ singleLine: true })
    .trim()
    .regex(/^(\d{1,7})?$/, "件数应为不小于 0 的整数"),
  reason: zText().trim().min(2, "请填写修改说明（为何与办理记录不同）").max(500, "修改说明不超过 500 字"),
});

export async function overrideRequestCell(
  actor: Principal | null,
  input: unknown,
  context: Partial<RequestContext> = {},
  now: Date = new Date(),
) {
  const form = parseInput(ZOverrideCell, input);
  const { unit, role } = await assertOnReport(actor, "disclosure.report.manage", form.orgId);
  const user = await getDb().user.findUniqueOrThrow({ where: { id: actor!.id }, select: { displayName: true } });
  const row = form.row as (typeof TABLE3_ROWS)[number];
  const column = form.column as (typeof APPLICANT_COLUMNS)[number];
  const key = overrideKey(row, column);
  return getDb().$transaction(async (tx) => {
    const report = await loadOrCreateReport(tx, unit.id, form.year);
    if (report.resource?.state === "IN_REVIEW")
      throw conflict("年报正在审核中，审核退回后才能修改；如需修改，请联系审核人退回。");
    const entries = entriesOf(report);
    const before = entries[key];
    if (!form.value && !before) throw conflict("该单元格没有修改过，无需恢复。");
    const computed = countsOf(tallyRequests(await loadRequestFacts(tx, unit.subtree, form.year), form.year), row)[
      column
    ];
    const next: Entries = { ...entries };
    if (form.value) {
      const entry: Entry = {
        value: Number(form.value),
        reason: form.reason,
        byId: actor!.id,
        byName: user.displayName,
        at: now.toISOString(),
      };
      next[key] = entry;
    } else delete next[key];
    await updateReport(tx, report, form.version, { entries: next as unknown as Prisma.InputJsonValue });
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "disclosure.report.override",
      subject: `disclosure_report:${report.id}`,
      data: {
        year: form.year,
        key,
        computed,
        before: before?.value ?? null,
        after: form.value ? Number(form.value) : null,
        reason: form.reason,
      },
      ...context,
    });
    return { reportId: report.id, version: form.version + 1 };
  });
}

import { z } from "zod";
import { getDb } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { recordAudit } from "@/lib/audit/record";
import type { Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { conflict } from "@/lib/errors";
import { zText } from "@/lib/validation/text";
import { parseInput } from "@/lib/validation/parse";
import { ENTRY_KEYS, isAmountKey, type Entries, type Entry } from "@/lib/disclosure/report-format";
import {
  assertOnReport,
  entriesOf,
  loadOrCreateReport,
  updateReport,
  ZReportRef,
} from "@/lib/disclosure/report-access";

// The cells of the annual report that staff enter (table 二's 行政许可/处罚/强制/收费, table 四), each
// with its reason, and the text sections (一、五、六). Once the report is in review or published,
// a change waits until it is sent back or a new draft is made: what reviewers sign stays what
// they saw.

const ZVersion = z.coerce.number({ message: "版本号不正确" }).int().min(0);

export const ZSaveEntry = ZReportRef.extend({
  version: ZVersion,
  key: z.enum(ENTRY_KEYS, { message: "请选择要填报的单元格" }),
  value: zText({ singleLine: true })
    .trim()
    .min(1, "请填写数值")
    .regex(/^\d{1,9}(\.\d{1,4})?$/, "数值应为不小于 0 的数字（金额最多四位小数）"),
  reason: zText().trim().min(2, "请填写填报说明（数据来源或依据）").max(500, "填报说明不超过 500 字"),
}).superRefine((input, ctx) => {
  if (!isAmountKey(input.key) && input.value.includes("."))
    ctx.addIssue({ code: "custom", path: ["value"], message: "件数应为整数" });
});

const zSection = (label: string) => zText().trim().max(10000, `${label}不超过 10000 字`);

export const ZSaveTexts = ZReportRef.extend({
  version: ZVersion,
  overview: zSection("总体情况"),
  problems: zSection("存在的主要问题及改进情况"),
  otherMatters: zSection("其他需要报告的事项"),
});

function assertEditable(report: { resource: { state: string } | null }) {
  if (report.resource?.state === "IN_REVIEW")
    throw conflict("年报正在审核中，审核退回后才能修改；如需修改，请联系审核人退回。");
}

export async function saveReportEntry(
  actor: Principal | null,
  input: unknown,
  context: Partial<RequestContext> = {},
  now: Date = new Date(),
) {
  const form = parseInput(ZSaveEntry, input);
  const { role } = await assertOnReport(actor, "disclosure.report.manage", form.orgId);
  const user = await getDb().user.findUniqueOrThrow({ where: { id: actor!.id }, select: { displayName: true } });
  return getDb().$transaction(async (tx) => {
    const report = await loadOrCreateReport(tx, form.orgId, form.year);
    assertEditable(report);
    const entries = entriesOf(report);
    const before = entries[form.key];
    const entry: Entry = {
      value: Number(form.value),
      reason: form.reason,
      byId: actor!.id,
      byName: user.displayName,
      at: now.toISOString(),
    };
    const next: Entries = { ...entries, [form.key]: entry };
    await updateReport(tx, report, form.version, { entries: next as unknown as Prisma.InputJsonValue });
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "disclosure.report.entry",
      subject: `disclosure_report:${report.id}`,
      data: {
        year: form.year,
        key: form.key,
        before: before?.value ?? null,
        after: entry.value,
        reason: form.reason,
      },
      ...context,
    });
    return { reportId: report.id, version: form.version + 1 };
  });
}

export async function saveReportTexts(actor: Principal | null, input: unknown, context: Partial<RequestContext> = {}) {
  const form = parseInput(ZSaveTexts, input);
  const { role } = await assertOnReport(actor, "disclosure.report.manage", form.orgId);
  return getDb().$transaction(async (tx) => {
    const report = await loadOrCreateReport(tx, form.orgId, form.year);
    assertEditable(report);
    const { overview, problems, otherMatters } = form;
    await updateReport(tx, report, form.version, { overview, problems, otherMatters });
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "disclosure.report.texts",
      subject: `disclosure_report:${report.id}`,
      data: {
        year: form.year,
        changed: (["overview", "problems", "otherMatters"] as const).filter((key) => report[key] !== form[key]),
      },
      ...context,
    });
    return { reportId: report.id, version: form.version + 1 };
  });
}

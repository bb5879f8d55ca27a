import { z } from "zod";
import { getDb } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { recordAudit } from "@/lib/audit/record";
import type { Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { conflict, invalid } from "@/lib/errors";
import { zText } from "@/lib/validation/text";
import { parseInput } from "@/lib/validation/parse";
import { printValue } from "@/lib/reports/website-annual/compose";
import { findField, isSignOffField, type FieldDef, type FieldValue } from "@/lib/reports/website-annual/template";
import {
  assertOnReport,
  entriesOf,
  loadOrCreateReport,
  updateReport,
  ZReportRef,
  type Entries,
} from "@/lib/reports/website-annual/access";

// An officer enters a figure the platform cannot know, or overrides a computed one; an override
// needs a reason (kept, shown beside the figure and audited), and clearing it brings the computed
// figure back. Once the report is signed off its figures are frozen.

export const ZSaveFigure = z.object({
  version: z.coerce.number({ message: "版本号不正确" }).int().min(0),
  key: z.preprocess((value) => value ?? "", zText({ singleLine: true }).min(1, "请选择要填报的项目").max(200)),
  /** The figure as typed; "" with `clear` removes the entry. */
  value: z.preprocess((value) => value ?? "", zText().max(500, "填报内容不超过 500 字")),
  reason: z.preprocess((value) => value ?? "", zText().trim().max(500, "说明不超过 500 字")),
  clear: z.preprocess((value) => value === true || value === "true" || value === "on", z.boolean()),
});

/** The typed value of a field, or a Chinese message saying what is wrong. */
export function parseFieldValue(field: FieldDef, raw: string): FieldValue | string {
  const text = raw.trim();
  if (field.type === "number") {
    if (!/^\d{1,10}(\.\d)?$/.test(text)) return "应为不小于 0 的数字（最多一位小数）";
    const value = Number(text);
    if (field.unit !== "天" && !Number.isInteger(value)) return "应为整数";
    return value;
  }
  if (field.type === "bool") {
    if (text === "是" || text === "true") return true;
    if (text === "否" || text === "false") return false;
    return "请选择是或否";
  }
  if (field.type === "choices") {
    const picked = text
      ? text
          .split(/[、,，]/)
          .map((part) => part.trim())
          .filter(Boolean)
      : [];
    const unknown = picked.filter((choice) => !field.options?.includes(choice));
    if (unknown.length) return `不是可选项：${unknown.join("、")}`;
    if (field.path[0] === "网站类型" && picked.length !== 1) return "请选择一种网站类型";
    return [...new Set(picked)];
  }
  if (!text) return "请填写内容";
  if (text.length > 200) return "不超过 200 字";
  return text;
}

export async function saveReportFigure(
  actor: Principal | null,
  input: unknown,
  context: Partial<RequestContext> = {},
  now: Date = new Date(),
) {
  const ref = parseInput(ZReportRef, input);
  const form = { ...parseInput(ZSaveFigure, input), ref };
  const db = getDb();
  const { subject, role } = await assertOnReport(db, actor, form.ref, true);
  const field = findField(subject.template, form.key);
  if (!field || isSignOffField(field)) throw invalid("报表中没有这一项", { key: ["报表中没有这一项"] });
  let value: FieldValue = null;
  if (!form.clear) {
    const parsed = parseFieldValue(field, form.value);
    if (typeof parsed === "string") throw invalid(`${field.path.join(" ")}：${parsed}`, { value: [parsed] });
    value = parsed;
    if (field.computed && form.reason.length < 2)
      throw invalid("修改平台统计的数据须说明理由（数据来源或依据）", { reason: ["请填写修改理由"] });
  }
  const user = await db.user.findUniqueOrThrow({ where: { id: actor!.id }, select: { displayName: true } });
  return db.$transaction(async (tx) => {
    const report = await loadOrCreateReport(tx, form.ref, subject);
    if (report.signedAt) throw conflict("报表已签发，数据不能再修改。");
    const entries = entriesOf(report);
    const before = entries[form.key];
    if (form.clear && !before) throw conflict("这一项没有填报或修改过的数据。");
    const next: Entries = { ...entries };
    if (form.clear) delete next[form.key];
    else
      next[form.key] = { value, reason: form.reason, byId: actor!.id, byName: user.displayName, at: now.toISOString() };
    await updateReport(tx, report, form.version, { entries: next as unknown as Prisma.InputJsonValue });
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: form.clear ? "report.site.entry_clear" : field.computed ? "report.site.override" : "report.site.entry",
      subject: `site_report:${report.id}`,
      data: {
        reportPeriod: form.ref.month ? `${form.ref.year}-${form.ref.month}` : String(form.ref.year),
        key: form.key,
        before: before ? printValue(before.value) : null,
        after: form.clear ? null : printValue(value),
        reason: form.reason || null,
      },
      ...context,
    });
    return { reportId: report.id, version: form.version + 1 };
  });
}

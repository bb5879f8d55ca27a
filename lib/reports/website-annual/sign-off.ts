import { z } from "zod";
import { getDb } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { recordAudit } from "@/lib/audit/record";
import type { Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { conflict, invalid } from "@/lib/errors";
import { chinaToday } from "@/lib/time/china";
import { zText } from "@/lib/validation/text";
import { parseInput } from "@/lib/validation/parse";
import { composeReport, snapshotOf } from "@/lib/reports/website-annual/compose";
import {
  assertOnReport,
  loadOrCreateReport,
  updateReport,
  ZReportRef,
  type SignOff,
} from "@/lib/reports/website-annual/access";

// Sign-off (签发): the footer of the template (单位负责人, 审核人, 填报人, 联系电话; 填报日期 is the
// day) and every figure frozen as it stands, so what is published and exported is what was signed.
// Refused while an entered figure is missing, and a second time.

/** A missing field reads as empty, so it gets the field's own Chinese message. */
const orEmpty = <T extends z.ZodType>(schema: T) => z.preprocess((value) => value ?? "", schema);

const person = (label: string) =>
  orEmpty(zText({ singleLine: true }).trim().min(2, `请填写${label}`).max(40, `${label}不超过 40 字`));

export const ZSignReport = z.object({
  version: z.coerce.number({ message: "版本号不正确" }).int().min(0),
  单位负责人: person("单位负责人"),
  审核人: person("审核人"),
  填报人: person("填报人"),
  联系电话: orEmpty(
    zText({ singleLine: true })
      .trim()
      .regex(/^[0-9-]{7,20}$/, "联系电话应为 7 到 20 位数字，可含“-”"),
  ),
});

export async function signReport(
  actor: Principal | null,
  input: unknown,
  context: Partial<RequestContext> = {},
  now: Date = new Date(),
) {
  const ref = parseInput(ZReportRef, input);
  const form = { ...parseInput(ZSignReport, input), ref };
  const db = getDb();
  const { subject, role } = await assertOnReport(db, actor, form.ref, true);
  return db.$transaction(async (tx) => {
    const report = await loadOrCreateReport(tx, form.ref, subject);
    if (report.signedAt) throw conflict("报表已签发，不能重复签发。");
    const composed = await composeReport(tx, form.ref, subject, report);
    if (composed.missing.length)
      throw invalid(
        `尚有 ${composed.missing.length} 项未填报：${composed.missing.map((key) => key.replaceAll("/", " ")).join("；")}`,
      );
    const signOff: SignOff = {
      单位负责人: form.单位负责人,
      审核人: form.审核人,
      填报人: form.填报人,
      联系电话: form.联系电话,
      填报日期: chinaToday(now),
    };
    await updateReport(tx, report, form.version, {
      signOff: signOff as unknown as Prisma.InputJsonValue,
      snapshot: snapshotOf(composed) as unknown as Prisma.InputJsonValue,
      signedAt: now,
      signedById: actor!.id,
    });
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "report.site.sign",
      subject: `site_report:${report.id}`,
      data: {
        reportPeriod: form.ref.month ? `${form.ref.year}-${form.ref.month}` : String(form.ref.year),
        overrides: composed.lines.filter((line) => line.overridden).length,
        signedOn: signOff.填报日期,
      },
      ...context,
    });
    return { reportId: report.id, version: form.version + 1 };
  });
}

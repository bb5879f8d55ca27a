import { z } from "zod";
import { zText } from "@/lib/validation/text";

// Inputs of the handling steps (back office /admin/interaction), shared by the forms and the use cases.

const ZId = z.uuid({ message: "留言编号不正确" });
const ZVersion = z.coerce.number({ message: "版本号不正确" }).int().min(0);

export const ZLetterStep = z.object({ letterId: ZId, version: ZVersion });

export const ZRejectLetter = ZLetterStep.extend({
  route: z.enum(["PETITION", "DISCIPLINE", "DISCLOSURE", "OUT_OF_SCOPE"], { message: "请选择不予受理的类别" }),
  reason: zText().trim().min(4, "请填写不予受理的理由（至少 4 个字）").max(500, "理由不超过 500 字"),
});

export const ZMergeLetter = ZLetterStep.extend({
  intoQueryCode: zText({ singleLine: true })
    .trim()
    .transform((value) => value.replace(/\s/g, "").toUpperCase())
    .pipe(z.string().regex(/^\d{8}[A-Z2-9]{6}$/, "请填写原留言的查询码")),
});

export const ZAssignLetter = ZLetterStep.extend({
  unitIds: z.array(ZId, { message: "请选择承办单位" }).min(1, "请选择承办单位").max(10, "承办单位不超过 10 个"),
  leadUnitId: ZId,
});

export const ZSaveReply = ZLetterStep.extend({
  body: zText().trim().min(10, "答复内容至少 10 个字").max(5000, "答复内容不超过 5000 字"),
});

export const ZReviewReply = ZLetterStep.extend({
  decision: z.enum(["APPROVE", "RETURN"], { message: "请选择审核意见" }),
  comment: zText().trim().max(500, "审核意见不超过 500 字").optional(),
});

export const ZRequestExtension = ZLetterStep.extend({
  workingDays: z.coerce
    .number({ message: "请填写延期的工作日数" })
    .int("延期天数须为整数")
    .min(1, "延期至少 1 个工作日")
    .max(15, "延期不超过 15 个工作日"),
  reason: zText().trim().min(4, "请填写延期理由（至少 4 个字）").max(500, "延期理由不超过 500 字"),
});

export const ZDecideExtension = ZLetterStep.extend({
  extensionId: z.uuid({ message: "延期申请编号不正确" }),
  decision: z.enum(["APPROVE", "REFUSE"], { message: "请选择审批意见" }),
  comment: zText().trim().max(500, "审批意见不超过 500 字").optional(),
});

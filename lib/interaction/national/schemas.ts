import { z } from "zod";
import { zText } from "@/lib/validation/text";
import { isHttpUrl } from "@/lib/validation/url";
import { parseChinaDateTime } from "@/lib/format";
import { ZLetterStep } from "@/lib/interaction/handling/schemas";

// Inputs of the national 我为政府网站找错 messages (/admin/interaction/national): the form staff fill
// in from the message the provincial office forwarded, and the record of the reply's re-entry.

const optional = (schema: z.ZodType<string | undefined>) =>
  z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), schema);

/** A China wall-clock time typed in a form, not later than now. */
const zPastChinaTime = (missing: string, future: string) =>
  zText({ singleLine: true })
    .trim()
    .min(1, missing)
    .transform((value) => parseChinaDateTime(value))
    .refine((value) => !Number.isNaN(value.getTime()), "时间格式不正确，请按“年-月-日 时:分”填写")
    .refine((value) => value.getTime() <= Date.now() + 60_000, future);

export const ZRegisterNational = z.object({
  siteId: z.uuid({ message: "请选择网站" }),
  externalRef: zText({ singleLine: true })
    .trim()
    .min(1, "请填写平台留言编号")
    .max(64, "留言编号不超过 64 个字符")
    .regex(/^[0-9A-Za-z_-]+$/, "留言编号只能包含字母、数字、下划线和连字符"),
  forwardedAt: zPastChinaTime("请填写转办时间", "转办时间不能晚于当前时间"),
  pageUrl: zText({ singleLine: true })
    .trim()
    .min(1, "请填写出错页面的网址")
    .max(500, "网址不超过 500 个字符")
    .refine(isHttpUrl, "出错页面的网址应以 http:// 或 https:// 开头"),
  title: zText({ singleLine: true }).trim().min(2, "标题至少 2 个字").max(100, "标题不超过 100 个字"),
  content: zText().trim().min(2, "留言内容至少 2 个字").max(5000, "留言内容不超过 5000 字"),
  writerName: optional(zText({ singleLine: true }).trim().max(30, "姓名不超过 30 个字").optional()),
  writerPhone: optional(zText({ singleLine: true }).trim().max(40, "联系电话不超过 40 个字符").optional()),
  writerEmail: optional(
    zText({ singleLine: true })
      .trim()
      .max(100, "电子邮箱不超过 100 个字符")
      .pipe(z.email("电子邮箱格式不正确"))
      .optional(),
  ),
});
export type TRegisterNational = z.input<typeof ZRegisterNational>;

export const ZRecordPlatformEntry = ZLetterStep.extend({
  enteredAt: zPastChinaTime("请填写在国家平台录入答复的时间", "录入时间不能晚于当前时间"),
});

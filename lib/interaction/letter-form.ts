import { z } from "zod";
import { zText } from "@/lib/validation/text";
import { isHttpUrl } from "@/lib/validation/url";
import { isValidIdNumber, isValidPhone, normalizePhone } from "@/lib/interaction/writer-fields";

// The public letter form (/interaction/write), one schema for the page and the use case. Field
// errors are in Chinese and name the field as the form labels it.

const optional = (schema: z.ZodType<string | undefined>) =>
  z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), schema);

const yes = new Set(["yes", "true", "on", "1"]);
const no = new Set(["no", "false", "0"]);

export const ZLetterForm = z.object({
  type: zText({ singleLine: true })
    .trim()
    .regex(/^[a-z0-9-]{1,32}$/, "请选择留言类型"),
  title: zText({ singleLine: true }).trim().min(2, "标题至少 2 个字").max(60, "标题不超过 60 个字"),
  content: zText().trim().min(10, "留言内容至少 10 个字").max(3000, "留言内容不超过 3000 字"),
  writerName: zText({ singleLine: true }).trim().min(1, "请填写姓名").max(30, "姓名不超过 30 个字"),
  writerPhone: zText({ singleLine: true })
    .trim()
    .refine(isValidPhone, "请填写正确的手机号码（11 位）或带区号的固定电话")
    .transform(normalizePhone),
  writerIdNumber: optional(
    zText({ singleLine: true })
      .trim()
      .transform((value) => value.toUpperCase())
      .refine((value) => isValidIdNumber(value), "身份证号码不正确，请核对（18 位，末位校验码可能为 X）")
      .optional(),
  ),
  writerEmail: optional(
    zText({ singleLine: true })
      .trim()
      .max(100, "电子邮箱不超过 100 个字符")
      .pipe(z.email("电子邮箱格式不正确"))
      .optional(),
  ),
  consentToPublish: zText({ singleLine: true })
    .refine((value) => yes.has(value) || no.has(value), "请选择是否同意公开")
    .transform((value) => yes.has(value)),
  pageUrl: optional(
    zText({ singleLine: true })
      .trim()
      .max(500, "网址不超过 500 个字符")
      .refine(isHttpUrl, "出错页面的网址应以 http:// 或 https:// 开头")
      .optional(),
  ),
  privacyAccepted: z.literal("yes", { message: "请阅读并同意隐私声明" }),
  /** The honeypot: a field people never see and bots fill in. */
  website: z.string().max(200).optional(),
  captcha: z.string({ message: "请完成人机验证" }).min(1, "请完成人机验证"),
});
export type TLetterForm = z.input<typeof ZLetterForm>;

/** Attachments a letter may carry: images and PDF, checked by their bytes like any upload. */
export const ATTACHMENT_EXTENSIONS = ["jpg", "jpeg", "png", "gif", "webp", "pdf"];
export const MAX_ATTACHMENTS = 3;
export const MAX_ATTACHMENT_MB = 10;

import { z } from "zod";
import { zText } from "@/lib/validation/text";
import { isValidIdNumber, isValidPhone, normalizePhone } from "@/lib/interaction/writer-fields";
import { DisclosureAnswerType } from "@/lib/db/generated/enums";

// The forms of 依申请公开, one schema each for the page and the use case (STYLE.md 9). Field errors
// are in Chinese and name the field as the form labels it.

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), schema.optional());

const line = (label: string, max: number) =>
  zText({ singleLine: true }).trim().min(1, `请填写${label}`).max(max, `${label}不超过 ${max} 个字`);

/** 统一社会信用代码: 18 characters of digits and capitals without I, O, S, V, Z (GB 32100-2015). */
const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

const ZApplicantType = z.enum(
  ["NATURAL_PERSON", "BUSINESS", "RESEARCH", "PUBLIC_WELFARE", "LEGAL_SERVICE", "OTHER_ORG"],
  {
    message: "请选择申请人类型",
  },
);

/** What the applicant states (条例第二十九条第二款), shared by the online form and staff entry. */
export const ZApplication = z
  .object({
    applicantType: ZApplicantType,
    applicantName: line("姓名或名称", 60),
    idDocumentKind: line("证件类型", 30),
    idNumber: zText({ singleLine: true })
      .trim()
      .transform((value) => value.replace(/\s/g, "").toUpperCase())
      .pipe(z.string().min(1, "请填写证件号码").max(40, "证件号码不超过 40 个字符")),
    legalRepresentative: optional(line("法定代表人或负责人", 30)),
    contactName: optional(line("联系人", 30)),
    phone: zText({ singleLine: true })
      .trim()
      .refine(isValidPhone, "请填写正确的手机号码（11 位）或带区号的固定电话")
      .transform(normalizePhone),
    email: optional(
      zText({ singleLine: true }).trim().max(100, "电子邮箱不超过 100 个字符").pipe(z.email("电子邮箱格式不正确")),
    ),
    address: optional(line("通信地址", 200)),
    postcode: optional(
      zText({ singleLine: true })
        .trim()
        .regex(/^\d{6}$/, "邮政编码为 6 位数字"),
    ),
    infoTitle: line("所需信息的名称", 200),
    infoNumber: optional(line("文号", 60)),
    infoDescription: zText().trim().min(5, "请描述所需的政府信息（至少 5 个字）").max(2000, "内容描述不超过 2000 字"),
    mediumWanted: line("信息的载体形式", 20),
    deliveryWanted: line("获取信息的方式", 20),
  })
  .superRefine((value, context) => {
    if (value.applicantType === "NATURAL_PERSON") {
      if (value.idDocumentKind === "居民身份证" && !isValidIdNumber(value.idNumber))
        context.addIssue({
          code: "custom",
          path: ["idNumber"],
          message: "身份证号码不正确，请核对（18 位，末位校验码可能为 X）",
        });
    } else {
      if (!CREDIT_CODE.test(value.idNumber))
        context.addIssue({ code: "custom", path: ["idNumber"], message: "请填写 18 位统一社会信用代码" });
      if (!value.legalRepresentative)
        context.addIssue({ code: "custom", path: ["legalRepresentative"], message: "请填写法定代表人或负责人" });
    }
    if (value.deliveryWanted === "邮寄" && !value.address)
      context.addIssue({ code: "custom", path: ["address"], message: "选择邮寄的，请填写通信地址" });
    if (value.deliveryWanted === "电子邮件" && !value.email)
      context.addIssue({ code: "custom", path: ["email"], message: "选择电子邮件的，请填写电子邮箱" });
  });

export const ZOnlineApplication = z.object({
  unitId: z.uuid("请选择受理机关"),
  privacyAccepted: z.literal("yes", { message: "请阅读并同意申请须知" }),
  /** The honeypot: a field people never see and bots fill in. */
  website: z.string().max(200).optional(),
  captcha: z.string({ message: "请完成人机验证" }).min(1, "请完成人机验证"),
});

const ZDateTime = zText({ singleLine: true })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}$/, "时间格式应为 YYYY-MM-DD HH:MM");

/** Staff entry of a letter, fax or visit: when it arrived and, where the law asks, when it was confirmed. */
export const ZStaffEntry = z.object({
  unitId: z.uuid("请选择受理机关"),
  receiptChannel: z.enum(["LETTER", "FAX", "IN_PERSON"], { message: "请选择申请方式" }),
  arrivedAt: ZDateTime,
  confirmedAt: optional(ZDateTime),
});

export const ZCredentials = z.object({
  trackingCode: zText({ singleLine: true })
    .trim()
    .transform((value) => value.replace(/\s/g, "").toUpperCase())
    .pipe(z.string().regex(/^\d{8}[A-Z2-9]{6}$/, "申请编号为 8 位数字加 6 位字母或数字")),
  password: zText({ singleLine: true })
    .trim()
    .transform((value) => value.toUpperCase())
    .pipe(z.string().regex(/^[A-Z2-9]{8}$/, "查询密码为 8 位字母或数字")),
});

const ZVersion = z.coerce.number({ message: "缺少版本号，请刷新页面" }).int().min(0);
const ZRequestId = z.uuid("申请不存在");

export const ZStepInput = z.object({ requestId: ZRequestId, version: ZVersion });

export const ZCorrectionNotice = ZStepInput.extend({
  notice: zText().trim().min(5, "请写明需要补正的事项（至少 5 个字）").max(1000, "补正事项不超过 1000 字"),
  workingDays: z.coerce
    .number({ message: "请填写补正期限" })
    .int("补正期限应为整数个工作日")
    .min(5, "补正期限不少于 5 个工作日")
    .max(30, "补正期限不超过 30 个工作日"),
});

export const ZCorrection = ZCredentials.extend({
  correctionText: zText().trim().min(5, "请填写补正内容（至少 5 个字）").max(2000, "补正内容不超过 2000 字"),
});

export const ZStartPause = ZStepInput.extend({
  kind: z.enum(["THIRD_PARTY", "OTHER_AGENCY"], { message: "请选择征求意见的对象" }),
  party: line("征求意见对象", 100),
  reason: zText().trim().min(2, "请填写征求意见的事由").max(500, "事由不超过 500 字"),
});

export const ZEndPause = ZStepInput.extend({
  pauseId: z.uuid(),
  outcome: line("征求意见结果", 200),
});

export const ZRequestExtension = ZStepInput.extend({
  workingDays: z.coerce
    .number({ message: "请填写延期天数" })
    .int("延期应为整数个工作日")
    .min(1, "延期至少 1 个工作日")
    .max(20, "延期最长 20 个工作日"),
  reason: zText().trim().min(5, "请写明延期理由（至少 5 个字）").max(500, "延期理由不超过 500 字"),
});

export const ZDecideExtension = ZStepInput.extend({
  extensionId: z.uuid(),
  approve: z.enum(["yes", "no"], { message: "请选择是否批准" }).transform((value) => value === "yes"),
  comment: optional(zText().trim().max(500, "意见不超过 500 字")),
});

export const ZFeeNotice = ZStepInput.extend({
  basis: z.enum(["PER_REQUEST", "PER_PAGE"], { message: "请选择计收方式" }),
  pages: optional(z.coerce.number().int("页数应为整数").min(1, "页数至少为 1").max(100000, "页数过大")),
});

export const ZDraftAnswer = ZStepInput.extend({
  answerType: z.enum(Object.values(DisclosureAnswerType) as [DisclosureAnswerType, ...DisclosureAnswerType[]], {
    message: "请选择答复类型",
  }),
  documentNumber: line("告知书文号", 60),
  body: zText().trim().min(10, "请填写答复内容（至少 10 个字）").max(5000, "答复内容不超过 5000 字"),
  referTo: optional(line("告知的机关或途径", 200)),
});

export const ZDeliver = ZStepInput.extend({ method: line("送达方式", 30) });

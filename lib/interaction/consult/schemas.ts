import { z } from "zod";
import { parseChinaDateTime } from "@/lib/format";
import { zText } from "@/lib/validation/text";

// The back-office forms of 征集调查, one schema each for the page and the use case. Times are China
// time as typed ("2026-12-06 09:00" or a datetime-local value).

const blankAsUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

const zChinaTime = (label: string) =>
  zText({ singleLine: true })
    .trim()
    .min(1, `请填写${label}`)
    .transform((value, ctx) => {
      const date = parseChinaDateTime(value);
      if (Number.isNaN(date.getTime())) {
        ctx.addIssue({ code: "custom", message: `${label}格式应为 YYYY-MM-DD HH:MM` });
        return z.NEVER;
      }
      return date;
    });

const checkbox = z.preprocess(
  (value) => value === true || value === "on" || value === "true" || value === "yes",
  z.boolean(),
);

export const ZQuestionInput = z
  .object({
    prompt: zText({ singleLine: true }).trim().min(2, "题目至少 2 个字").max(200, "题目不超过 200 字"),
    kind: z.enum(["SINGLE", "MULTIPLE", "RATING", "TEXT"], { message: "请选择题型" }),
    /** A checkbox: absent means the question may be left blank. */
    required: checkbox,
    /** One option a line (the form's text box), or a list. */
    options: z
      .union([zText(), z.array(zText({ singleLine: true }))])
      .optional()
      .transform((value) =>
        (Array.isArray(value) ? value : (value ?? "").split(/\r?\n/)).map((line) => line.trim()).filter(Boolean),
      ),
    ratingMax: z.preprocess(blankAsUndefined, z.coerce.number({ message: "评分满分应为数字" }).int().optional()),
  })
  .superRefine((question, ctx) => {
    if (question.kind === "SINGLE" || question.kind === "MULTIPLE") {
      if (question.options.length < 2 || question.options.length > 20)
        ctx.addIssue({ code: "custom", path: ["options"], message: "选择题须有 2 至 20 个选项" });
      if (new Set(question.options).size !== question.options.length)
        ctx.addIssue({ code: "custom", path: ["options"], message: "选项不能重复" });
      if (question.options.some((option) => [...option].length > 100))
        ctx.addIssue({ code: "custom", path: ["options"], message: "每个选项不超过 100 字" });
    }
    if (
      question.kind === "RATING" &&
      question.ratingMax !== undefined &&
      !(question.ratingMax >= 2 && question.ratingMax <= 10)
    )
      ctx.addIssue({ code: "custom", path: ["ratingMax"], message: "评分满分应在 2 至 10 之间" });
  });

export const ZCreateConsultation = z
  .object({
    siteId: z.uuid({ message: "请选择网站" }),
    columnId: z.uuid({ message: "请选择发布栏目" }),
    kind: z.enum(["DRAFT", "SURVEY"], { message: "请选择类型" }),
    title: zText({ singleLine: true }).trim().min(4, "标题至少 4 个字").max(100, "标题不超过 100 字"),
    intro: zText().trim().min(10, "征集说明至少 10 个字").max(3000, "征集说明不超过 3000 字"),
    draftResourceId: z.preprocess(blankAsUndefined, z.uuid({ message: "请选择征求意见稿" }).optional()),
    opensAt: zChinaTime("开始时间"),
    closesAt: zChinaTime("结束时间"),
    participation: z.enum(["ANYONE", "PHONE"], { message: "请选择参与方式" }).default("ANYONE"),
    questions: z.array(ZQuestionInput).max(30, "题目不超过 30 道").default([]),
  })
  .superRefine((input, ctx) => {
    if (input.closesAt <= input.opensAt)
      ctx.addIssue({ code: "custom", path: ["closesAt"], message: "结束时间应晚于开始时间" });
    if (input.kind === "DRAFT" && !input.draftResourceId)
      ctx.addIssue({ code: "custom", path: ["draftResourceId"], message: "意见征集须选择征求意见稿" });
    if (input.kind === "SURVEY" && input.questions.length === 0)
      ctx.addIssue({ code: "custom", path: ["questions"], message: "问卷调查至少要有一道题" });
  });
export type TCreateConsultation = z.input<typeof ZCreateConsultation>;

export const ZConsultationStep = z.object({
  consultationId: z.uuid({ message: "征集调查编号不正确" }),
  version: z.coerce.number({ message: "版本号不正确" }).int().min(0),
});

export const ZCancelConsultation = ZConsultationStep.extend({
  reason: zText().trim().min(2, "请填写撤销原因").max(500, "撤销原因不超过 500 字"),
});

export const ZModerateComment = z.object({
  commentId: z.uuid({ message: "评论编号不正确" }),
  decision: z.enum(["APPROVE", "REJECT"], { message: "请选择公开或不予公开" }),
  /** The de-identified text to publish (approve); defaults to the automatic masking. */
  publicBody: z.preprocess(blankAsUndefined, zText().trim().max(1000, "评论不超过 1000 字").optional()),
  note: z.preprocess(blankAsUndefined, zText().trim().max(500, "说明不超过 500 字").optional()),
});

export const ZDraftFeedback = ZConsultationStep.extend({
  summary: zText().trim().min(10, "征集情况说明至少 10 个字").max(5000, "征集情况说明不超过 5000 字"),
  adoption: zText().trim().min(10, "意见采纳情况至少 10 个字").max(10000, "意见采纳情况不超过 10000 字"),
});

export const ZSetQuota = z.object({
  siteId: z.uuid({ message: "请选择网站" }),
  quota: z.coerce
    .number({ message: "任务数应为数字" })
    .int("任务数应为整数")
    .min(0, "任务数不能为负")
    .max(100, "任务数不超过 100"),
});

import { z } from "zod";
import { parseChinaDateTime } from "@/lib/time/china";
import { zText } from "@/lib/validation/text";

// The forms of 在线访谈, shared by the back office's actions, the public question endpoint and
// the use cases that parse them (STYLE.md 9).

export const MAX_GUESTS = 6;

const zChinaTime = (label: string) =>
  z
    .string({ message: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .transform((value, context) => {
      const instant = parseChinaDateTime(value);
      if (Number.isNaN(instant.getTime())) {
        context.addIssue({ code: "custom", message: `${label}格式应为 YYYY-MM-DD HH:MM` });
        return z.NEVER;
      }
      return instant;
    });

export const ZGuest = z.object({
  name: zText({ singleLine: true }).trim().min(1, "请填写嘉宾姓名").max(30, "嘉宾姓名不超过 30 字"),
  title: zText({ singleLine: true }).trim().min(1, "请填写嘉宾职务").max(60, "职务不超过 60 字"),
  unit: zText({ singleLine: true }).trim().min(1, "请填写嘉宾单位").max(60, "单位不超过 60 字"),
  /** An uploaded photo already in the asset store (kept when the form is saved again). */
  photoAssetId: z.uuid({ message: "照片不正确" }).optional(),
});

export const ZInterviewForm = z
  .object({
    siteId: z.uuid({ message: "请选择网站" }),
    topic: zText({ singleLine: true }).trim().min(2, "请填写访谈主题").max(100, "访谈主题不超过 100 字"),
    summary: zText().trim().min(10, "访谈简介不少于 10 字").max(2000, "访谈简介不超过 2000 字"),
    startsAt: zChinaTime("访谈时间"),
    endsAt: zChinaTime("结束时间"),
    guests: z.array(ZGuest).min(1, "请至少填写一位访谈嘉宾").max(MAX_GUESTS, `访谈嘉宾最多 ${MAX_GUESTS} 位`),
  })
  .refine((form) => form.endsAt > form.startsAt, { message: "结束时间应晚于访谈时间", path: ["endsAt"] });
export type TInterviewForm = z.input<typeof ZInterviewForm>;

export const ZUpdateInterview = z.object({
  interviewId: z.uuid({ message: "访谈编号不正确" }),
  version: z.coerce.number({ message: "版本号不正确" }).int().min(0),
});

export const ZInterviewStep = ZUpdateInterview;

/** A visitor's question: the honeypot `website` must stay empty; `captcha` is altcha's payload. */
export const ZQuestionForm = z.object({
  nickname: zText({ singleLine: true }).trim().max(20, "网名不超过 20 字").optional().default(""),
  content: zText().trim().min(5, "提问内容不少于 5 字").max(500, "提问内容不超过 500 字"),
  website: z.string().max(200).optional().default(""),
  captcha: z.string({ message: "请完成人机验证" }).min(1, "请完成人机验证").max(8000, "请完成人机验证"),
});

export const ZModerateQuestion = z.discriminatedUnion("decision", [
  z.object({
    decision: z.literal("APPROVE"),
    questionId: z.uuid({ message: "提问编号不正确" }),
    /** The text shown: the moderator's de-identified version of the question. */
    publicContent: zText().trim().min(1, "请填写显示内容").max(500, "显示内容不超过 500 字"),
    /** The name shown: the asker's, unless it identifies them; "网友" when empty. */
    publicNickname: zText({ singleLine: true }).trim().max(20, "显示网名不超过 20 字").optional().default(""),
  }),
  z.object({ decision: z.literal("REJECT"), questionId: z.uuid({ message: "提问编号不正确" }) }),
]);

export const ZPostAnswer = z.object({
  interviewId: z.uuid({ message: "访谈编号不正确" }),
  guestId: z.uuid({ message: "请选择答复嘉宾" }),
  /** Empty for a standalone statement. */
  questionId: z.union([z.uuid({ message: "提问编号不正确" }), z.literal("")]).optional(),
  body: zText().trim().min(1, "请填写答复内容").max(5000, "答复内容不超过 5000 字"),
});

export const ZRetractPost = z.object({
  interviewId: z.uuid({ message: "访谈编号不正确" }),
  postId: z.string().regex(/^\d{1,18}$/, "记录编号不正确"),
  reason: zText().trim().min(2, "请填写撤回原因").max(200, "撤回原因不超过 200 字"),
});

export const ZSubmitTranscript = z.object({
  interviewId: z.uuid({ message: "访谈编号不正确" }),
  version: z.coerce.number({ message: "版本号不正确" }).int().min(0),
  title: zText({ singleLine: true }).trim().min(2, "请填写实录标题").max(120, "实录标题不超过 120 字"),
  body: zText().trim().min(10, "实录正文不少于 10 字").max(100_000, "实录正文不超过 10 万字"),
});

/** `Last-Event-ID` or `?after=`: the last post a page has; anything else starts from the beginning. */
export function parseAfterId(value: string | null | undefined): bigint {
  return value && /^\d{1,18}$/.test(value) ? BigInt(value) : 0n;
}

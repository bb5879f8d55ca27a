import { z } from "zod";
import { zText } from "@/lib/validation/text";

// The message-type editor of a site (/admin/sites/[id]/interaction): one schema for the form and
// the use case. Limits are kept within what the rules gathered in docs allow a site to promise:
// 受理 within days, 答复 within weeks (延期 up to 60 working days in all), 网站纠错 within hours.

export const LIMITS = {
  acceptWorkingDays: { min: 1, max: 10 },
  replyWorkingDays: { min: 1, max: 30 },
  replyHours: { min: 1, max: 168 },
  maxWorkingDays: { max: 60 },
} as const;

const yes = new Set(["yes", "true", "on", "1"]);
const zInt = (missing: string) =>
  z.preprocess((value) => (value === "" || value === null ? undefined : value), z.coerce.number({ message: missing }));
const optionalId = z.preprocess((value) => (value === "" ? undefined : value), z.uuid().optional());

export const ZInteractionType = z
  .object({
    siteId: z.uuid({ message: "网站编号不正确" }),
    typeId: optionalId,
    version: z.preprocess(
      (value) => (value === "" ? undefined : value),
      z.coerce.number({ message: "版本号不正确" }).int().min(0).optional(),
    ),
    name: zText({ singleLine: true }).trim().min(2, "类型名称至少 2 个字").max(20, "类型名称不超过 20 个字"),
    code: zText({ singleLine: true })
      .trim()
      .regex(/^[a-z0-9-]{1,32}$/, "地址代码只能用小写字母、数字和连字符，不超过 32 个字符"),
    category: z.enum(["MAILBOX", "CONSULT", "COMPLAINT", "SUGGESTION", "CORRECTION"], { message: "请选择类别" }),
    description: zText().trim().min(4, "说明至少 4 个字").max(300, "说明不超过 300 字"),
    unitId: z.uuid({ message: "请选择办理单位" }),
    acceptWorkingDays: zInt("请填写受理时限").pipe(
      z
        .number()
        .int("受理时限须为整数")
        .min(LIMITS.acceptWorkingDays.min, `受理时限为 1–${LIMITS.acceptWorkingDays.max} 个工作日`)
        .max(LIMITS.acceptWorkingDays.max, `受理时限为 1–${LIMITS.acceptWorkingDays.max} 个工作日`),
    ),
    replyUnit: z.enum(["WORKING_DAYS", "HOURS"], { message: "请选择答复时限的单位" }),
    replyLimit: zInt("请填写答复时限").pipe(z.number().int("答复时限须为整数")),
    maxWorkingDays: zInt("请填写延期后的最长时限").pipe(z.number().int("延期后的最长时限须为整数")),
    replyReviewer: z.enum(["INFO_SUPERVISOR", "DIRECT_RESPONSIBLE"], { message: "请选择答复审核人" }),
    publicForm: z
      .unknown()
      .optional()
      .transform((value) => typeof value === "string" && yes.has(value)),
  })
  .superRefine((input, ctx) => {
    const problem = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (input.replyUnit === "HOURS") {
      if (input.category !== "CORRECTION") problem("replyUnit", "按小时计算答复时限仅适用于网站纠错类留言");
      const { min, max } = LIMITS.replyHours;
      if (input.replyLimit < min || input.replyLimit > max) problem("replyLimit", `答复时限为 ${min}–${max} 小时`);
      return;
    }
    const { min, max } = LIMITS.replyWorkingDays;
    if (input.replyLimit < min || input.replyLimit > max) problem("replyLimit", `答复时限为 ${min}–${max} 个工作日`);
    if (input.maxWorkingDays < input.replyLimit || input.maxWorkingDays > LIMITS.maxWorkingDays.max)
      problem("maxWorkingDays", `延期后的最长时限不能短于答复时限，也不能超过 ${LIMITS.maxWorkingDays.max} 个工作日`);
  });
export type TInteractionType = z.input<typeof ZInteractionType>;

export const ZTypeStep = z.object({
  siteId: z.uuid({ message: "网站编号不正确" }),
  typeId: z.uuid({ message: "留言类型编号不正确" }),
  version: z.coerce.number({ message: "版本号不正确" }).int().min(0),
});

export const ZMoveType = ZTypeStep.extend({
  direction: z.enum(["UP", "DOWN"], { message: "请选择移动方向" }),
});

export const ZSetTypeActive = ZTypeStep.extend({
  active: z.enum(["yes", "no"], { message: "请选择启用或停用" }).transform((value) => value === "yes"),
});

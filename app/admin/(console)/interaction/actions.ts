"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { ActionResult } from "@/lib/errors";
import type { Actor } from "@/lib/auth/session";
import type { RequestContext } from "@/lib/auth/authenticate";
import { acceptLetter } from "@/lib/interaction/handling/accept-letter";
import { rejectLetter } from "@/lib/interaction/handling/reject-letter";
import { mergeLetter } from "@/lib/interaction/handling/merge-letter";
import { assignLetter } from "@/lib/interaction/handling/assign-letter";
import { saveReply } from "@/lib/interaction/handling/save-reply";
import { submitReply } from "@/lib/interaction/handling/submit-reply";
import { reviewReply } from "@/lib/interaction/handling/review-reply";
import { decideExtension, requestExtension } from "@/lib/interaction/handling/extend-letter";
import { selectLetter } from "@/lib/interaction/publish/select-letter";
import { messages } from "@/lib/i18n/zh-CN";
import { adoptReply } from "@/lib/interaction/qa/adopt-reply";
import { parseInput } from "@/lib/validation/parse";
import { formObject, runAction } from "../guard";

// The handling steps of /admin/interaction/[id], one server action for all: each form names its
// step; the step's use case parses the rest and checks the actor, the state and the version the
// form was rendered with.

type Result = Promise<ActionResult<unknown>>;

type Work = (actor: Actor, input: unknown, context: Partial<RequestContext>) => Promise<unknown>;

const STEPS = {
  accept: { work: acceptLetter, message: "已受理，答复期限已计算。" },
  reject: { work: rejectLetter, message: "已作出不予受理的决定，来信人可凭查询码查看理由。" },
  merge: { work: mergeLetter, message: "已作为重复件合并。" },
  assign: { work: assignLetter, message: "已转办。" },
  save: { work: saveReply, message: "答复已保存。" },
  submit: { work: submitReply, message: "答复已提交审核。" },
  review: { work: reviewReply, message: "审核意见已提交。" },
  extend: { work: requestExtension, message: "延期申请已提交，等待直接责任人审批。" },
  decideExtension: { work: decideExtension, message: "延期审批意见已提交。" },
  select: { work: selectLetter, message: "已生成选登稿并提交审核。" },
  adopt: { work: adoptReply, message: messages.qa.adopt.done },
} satisfies Record<string, { work: Work; message: string }>;

export type LetterStep = keyof typeof STEPS;

const ZStep = z.object({
  step: z.enum(Object.keys(STEPS) as [LetterStep, ...LetterStep[]], { message: "未知的办理步骤，请刷新页面后重试。" }),
});

export async function letterStepAction(_: unknown, formData: FormData): Result {
  return runAction(async (actor, context) => {
    // The repeated fields of the 转办 and 选登 forms: the chosen units, the confirmed masks.
    const input = formObject(formData, ["unitIds", "masks"]);
    const step: { work: Work; message: string } = STEPS[parseInput(ZStep, input).step];
    await step.work(actor, input, context);
    revalidatePath("/admin/interaction", "layout");
    return { message: step.message };
  });
}

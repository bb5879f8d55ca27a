"use server";

import { revalidatePath } from "next/cache";
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
import { formObject, runAction } from "../guard";

// The handling steps of /admin/interaction/[id]: each parses in its use case, which checks the
// actor, the state and the version the form was rendered with.

type Result = Promise<ActionResult<unknown>>;

type Step = (actor: Actor, input: unknown, context: Partial<RequestContext>) => Promise<unknown>;

function step(work: Step, message: string, arrays: string[] = []) {
  return async (formData: FormData): Result =>
    runAction(async (actor, context) => {
      await work(actor, formObject(formData, arrays), context);
      revalidatePath("/admin/interaction", "layout");
      return { message };
    });
}

const accept = step(acceptLetter, "已受理，答复期限已计算。");
const reject = step(rejectLetter, "已作出不予受理的决定，来信人可凭查询码查看理由。");
const merge = step(mergeLetter, "已作为重复件合并。");
const assign = step(assignLetter, "已转办。", ["unitIds"]);
const save = step(saveReply, "答复已保存。");
const submit = step(submitReply, "答复已提交审核。");
const review = step(reviewReply, "审核意见已提交。");
const extend = step(requestExtension, "延期申请已提交，等待直接责任人审批。");
const decideExtend = step(decideExtension, "延期审批意见已提交。");
const select = step(selectLetter, "已生成选登稿并提交审核。", ["masks"]);

export async function acceptLetterAction(_: unknown, formData: FormData): Result {
  return accept(formData);
}
export async function rejectLetterAction(_: unknown, formData: FormData): Result {
  return reject(formData);
}
export async function mergeLetterAction(_: unknown, formData: FormData): Result {
  return merge(formData);
}
export async function assignLetterAction(_: unknown, formData: FormData): Result {
  return assign(formData);
}
export async function saveReplyAction(_: unknown, formData: FormData): Result {
  return save(formData);
}
export async function submitReplyAction(_: unknown, formData: FormData): Result {
  return submit(formData);
}
export async function reviewReplyAction(_: unknown, formData: FormData): Result {
  return review(formData);
}
export async function requestExtensionAction(_: unknown, formData: FormData): Result {
  return extend(formData);
}
export async function decideExtensionAction(_: unknown, formData: FormData): Result {
  return decideExtend(formData);
}
export async function selectLetterAction(_: unknown, formData: FormData): Result {
  return select(formData);
}

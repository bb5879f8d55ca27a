"use server";

import { redirect } from "next/navigation";
import type { ActionResult } from "@/lib/errors";
import { createConsultation } from "@/lib/interaction/consult/create-consultation";
import { publishConsultation } from "@/lib/interaction/consult/publish-consultation";
import { closeConsultation } from "@/lib/interaction/consult/close-consultation";
import { cancelConsultation } from "@/lib/interaction/consult/cancel-consultation";
import { moderateComment } from "@/lib/interaction/consult/moderate-comment";
import { draftFeedback } from "@/lib/interaction/consult/draft-feedback";
import { setConsultationQuota } from "@/lib/interaction/consult/quota";
import { formObject, formSteps, runAction } from "../guard";

// The steps of /admin/consultations: each parses in its use case, which checks the actor, the
// state and the version the form was rendered with.

type Result = Promise<ActionResult<unknown>>;

/** The form's flat `questions.N.field` names as a list; blank slots after the last question are dropped. */
function withQuestions(flat: Record<string, unknown>): Record<string, unknown> {
  const slots: Record<string, unknown>[] = [];
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(flat)) {
    const match = /^questions\.(\d{1,2})\.(\w+)$/.exec(key);
    if (!match) rest[key] = value;
    else (slots[Number(match[1])] ??= {})[match[2]!] = value;
  }
  const filled = Array.from(slots, (slot) => slot ?? {});
  while (filled.length && !String(filled.at(-1)!.prompt ?? "").trim()) filled.pop();
  return { ...rest, questions: filled };
}

export async function createConsultationAction(_: unknown, formData: FormData): Result {
  const result = await runAction(async (actor, context) => {
    const created = await createConsultation(actor, withQuestions(formObject(formData)), context);
    return { message: "已保存。", data: created.id };
  });
  if (result.ok) redirect(`/admin/consultations/${result.data as string}`);
  return result;
}

const step = formSteps("/admin/consultations");
const publish = step(publishConsultation, "已发布，征集时间内网民即可参与。");
const close = step(closeConsultation, "已结束征集，可生成征集结果反馈。");
const cancel = step(cancelConsultation, "已撤销。");
const moderate = step(moderateComment, "审核意见已保存。");
const feedback = step(draftFeedback, "已生成征集结果反馈并提交审核，审核通过后发布到栏目。");
const quota = step(setConsultationQuota, "任务数已保存。");

export async function publishConsultationAction(_: unknown, formData: FormData): Result {
  return publish(formData);
}
export async function closeConsultationAction(_: unknown, formData: FormData): Result {
  return close(formData);
}
export async function cancelConsultationAction(_: unknown, formData: FormData): Result {
  return cancel(formData);
}
export async function moderateCommentAction(_: unknown, formData: FormData): Result {
  return moderate(formData);
}
export async function draftFeedbackAction(_: unknown, formData: FormData): Result {
  return feedback(formData);
}
export async function setQuotaAction(_: unknown, formData: FormData): Result {
  return quota(formData);
}

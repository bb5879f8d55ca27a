"use server";

import type { ActionResult } from "@/lib/errors";
import { registerRequest, requestCorrection } from "@/lib/disclosure/intake-steps";
import {
  decideExtension,
  endConsultation,
  issueFeeNotice,
  recordFeePaid,
  requestExtension,
  startConsultation,
} from "@/lib/disclosure/clock-steps";
import { archiveRequest, deliverAnswer, draftAnswer } from "@/lib/disclosure/answer-steps";
import { formSteps } from "../guard";

// The steps of /admin/disclosure/[id]: each use case parses its input and checks the actor, the
// request's unit and state, and the version the form was rendered with (a replayed form fails).

type Result = Promise<ActionResult<unknown>>;

const step = formSteps("/admin/disclosure");
const register = step(registerRequest, "已登记。");
const correction = step(requestCorrection, "补正告知已发出，答复期限待补正后重新计算。");
const consult = step(startConsultation, "已发起征求意见，期间不计入答复期限。");
const endConsult = step(endConsultation, "已记录征求意见结果，恢复计时。");
const extension = step(requestExtension, "延期申请已提交，待工作机构负责人审批。");
const decide = step(decideExtension, "延期审批意见已保存。");
const fee = step(issueFeeNotice, "收费通知已发出，缴费前暂停计时。");
const paid = step(recordFeePaid, "已记录缴费，恢复计时。");
const draft = step(draftAnswer, "告知书已提交审核。");
const deliver = step(deliverAnswer, "告知书已送达，申请办结。");
const archive = step(archiveRequest, "已归档。");

export async function registerAction(_: unknown, formData: FormData): Result {
  return register(formData);
}
export async function correctionAction(_: unknown, formData: FormData): Result {
  return correction(formData);
}
export async function consultAction(_: unknown, formData: FormData): Result {
  return consult(formData);
}
export async function endConsultAction(_: unknown, formData: FormData): Result {
  return endConsult(formData);
}
export async function extensionAction(_: unknown, formData: FormData): Result {
  return extension(formData);
}
export async function decideExtensionAction(_: unknown, formData: FormData): Result {
  return decide(formData);
}
export async function feeAction(_: unknown, formData: FormData): Result {
  return fee(formData);
}
export async function feePaidAction(_: unknown, formData: FormData): Result {
  return paid(formData);
}
export async function draftAnswerAction(_: unknown, formData: FormData): Result {
  return draft(formData);
}
export async function deliverAction(_: unknown, formData: FormData): Result {
  return deliver(formData);
}
export async function archiveAction(_: unknown, formData: FormData): Result {
  return archive(formData);
}

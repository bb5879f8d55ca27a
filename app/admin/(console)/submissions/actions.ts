"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/errors";
import { submitToSite } from "@/lib/submissions/submit";
import { withdrawSubmission } from "@/lib/submissions/withdraw";
import { adoptSubmission } from "@/lib/submissions/adopt";
import { adoptSubmissionEdited } from "@/lib/submissions/adopt-edited";
import { returnSubmission } from "@/lib/submissions/return";
import { setAcceptsSubmissions } from "@/lib/submissions/accept-setting";
import { formObject, runAction } from "../guard";

// The steps of 报送 and 采用: each use case parses its input and checks the actor's side and role,
// the submission's state and the version the form was rendered with (a replayed form is refused).

type Result = Promise<ActionResult<unknown>>;

function refresh(submissionId?: string) {
  revalidatePath("/admin/submissions");
  revalidatePath("/admin/submissions/desk");
  if (submissionId) revalidatePath(`/admin/submissions/${submissionId}`);
}

export async function submitToSiteAction(_: unknown, formData: FormData): Result {
  return runAction(async (actor, context) => {
    const submission = await submitToSite(actor, formObject(formData), context);
    refresh();
    return { message: "已报送，等待对方网站处理。可在“我的报送”查看进度。", data: submission.id };
  });
}

export async function withdrawSubmissionAction(_: unknown, formData: FormData): Result {
  return runAction(async (actor, context) => {
    const submission = await withdrawSubmission(actor, formObject(formData), context);
    refresh(submission.id);
    return { message: "已撤回报送。" };
  });
}

export async function adoptSubmissionAction(_: unknown, formData: FormData): Result {
  return runAction(async (actor, context) => {
    const submission = await adoptSubmission(actor, formObject(formData, ["columnIds"]), context);
    refresh(submission.id);
    return { message: "已采用，稿件已在所选栏目上线。" };
  });
}

export async function adoptSubmissionEditedAction(_: unknown, formData: FormData): Result {
  return runAction(async (actor, context) => {
    const adopted = await adoptSubmissionEdited(actor, formObject(formData, ["columnIds"]), context);
    refresh(adopted.submission.id);
    return { message: "已编辑后采用：生成本单位稿件并提交审核，审核通过后在所选栏目上线。", data: adopted.resourceId };
  });
}

export async function returnSubmissionAction(_: unknown, formData: FormData): Result {
  return runAction(async (actor, context) => {
    const submission = await returnSubmission(actor, formObject(formData), context);
    refresh(submission.id);
    return { message: "已退回，报送单位可看到退回理由。" };
  });
}

export async function setAcceptsSubmissionsAction(_: unknown, formData: FormData): Result {
  return runAction(async (actor, context) => {
    const site = await setAcceptsSubmissions(actor, formObject(formData), context);
    refresh();
    return {
      message: site.acceptsSubmissions ? "本网站现在接收报送。" : "本网站已停止接收报送，已报送的稿件仍可处理。",
    };
  });
}

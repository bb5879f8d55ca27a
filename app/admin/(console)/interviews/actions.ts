"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { ActionResult } from "@/lib/errors";
import { invalid } from "@/lib/errors";
import { createInterview, editInterview, type GuestPhoto } from "@/lib/interaction/interview/save-interview";
import { closeInterview, startInterview } from "@/lib/interaction/interview/change-status";
import { moderateQuestion } from "@/lib/interaction/interview/moderate-question";
import { postAnswer } from "@/lib/interaction/interview/post-answer";
import { submitTranscript } from "@/lib/interaction/interview/submit-transcript";
import { retractPost } from "@/lib/interaction/interview/retract-post";
import { MAX_GUESTS } from "@/lib/interaction/interview/schemas";
import { formSteps, runAction } from "../guard";

// The steps of /admin/interviews: each use case parses its input and checks the actor, the
// interview's site and state, and the version the form was rendered with.

type Result = Promise<ActionResult<unknown>>;

/** The announcement form: its fields, the guest rows that were filled in, and their photos. */
async function interviewForm(formData: FormData) {
  if (!(formData instanceof FormData)) throw invalid("提交的数据格式不正确，请刷新页面后重试。");
  const text = (name: string) => {
    const value = formData.get(name);
    return typeof value === "string" ? value : "";
  };
  const guests: Record<string, string | undefined>[] = [];
  const photos: GuestPhoto[] = [];
  for (let index = 0; index < MAX_GUESTS; index++) {
    const field = (name: string) => text(`guests.${index}.${name}`).trim();
    const guest = { name: field("name"), title: field("title"), unit: field("unit") };
    const photo = formData.get(`guests.${index}.photo`);
    const file = photo instanceof File && photo.size > 0 ? photo : null;
    if (!guest.name && !guest.title && !guest.unit && !file) continue;
    guests.push({ ...guest, photoAssetId: field("photoAssetId") || undefined });
    photos.push(file ? { fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) } : null);
  }
  const input = {
    interviewId: text("interviewId") || undefined,
    version: text("version") || undefined,
    siteId: text("siteId"),
    topic: text("topic"),
    summary: text("summary"),
    startsAt: text("startsAt"),
    endsAt: text("endsAt"),
    guests,
  };
  return { input, photos };
}

export async function createInterviewAction(_: unknown, formData: FormData): Result {
  const result = await runAction(async (actor, context) => {
    const { input, photos } = await interviewForm(formData);
    const interview = await createInterview(actor, input, photos, context);
    revalidatePath("/admin/interviews", "layout");
    return { message: "访谈预告已发布。", data: interview.id };
  });
  if (result.ok) redirect(`/admin/interviews/${String(result.data)}`);
  return result;
}

export async function editInterviewAction(_: unknown, formData: FormData): Result {
  return runAction(async (actor, context) => {
    const { input, photos } = await interviewForm(formData);
    await editInterview(actor, input, photos, context);
    revalidatePath("/admin/interviews", "layout");
    return { message: "访谈预告已保存。" };
  });
}

const step = formSteps("/admin/interviews");
const start = step(startInterview, "访谈已开始，答复将实时推送到网站页面。");
const close = step(closeInterview, "访谈已结束。");
const moderate = step(moderateQuestion, "审核意见已保存。");
const answer = step(postAnswer, "答复已发布。");
const transcript = step(submitTranscript, "文字实录已提交审核。");
const retract = step(retractPost, "已撤回，网站页面上的该条记录已删除。");

export async function startInterviewAction(_: unknown, formData: FormData): Result {
  return start(formData);
}
export async function closeInterviewAction(_: unknown, formData: FormData): Result {
  return close(formData);
}
export async function moderateQuestionAction(_: unknown, formData: FormData): Result {
  return moderate(formData);
}
export async function postAnswerAction(_: unknown, formData: FormData): Result {
  return answer(formData);
}
export async function submitTranscriptAction(_: unknown, formData: FormData): Result {
  return transcript(formData);
}
export async function retractPostAction(_: unknown, formData: FormData): Result {
  return retract(formData);
}

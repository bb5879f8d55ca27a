"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/errors";
import { dismissAskedQuestion, draftFromAskedQuestion, letterFromAskedQuestion } from "@/lib/interaction/ask/curation";
import { createQaKey, revokeQaKey } from "@/lib/interaction/ask/api-keys";
import { messages } from "@/lib/i18n/zh-CN";
import { formObject, runAction } from "../guard";

type Result = Promise<ActionResult<unknown>>;
const t = messages.ask;

export async function draftFromQuestionAction(_: unknown, formData: FormData): Result {
  return runAction(async (actor, context) => {
    // The list is not refreshed here: the row (and this message, in it) stays until the next visit.
    const draft = await draftFromAskedQuestion(actor, formObject(formData), context);
    return { message: t.curation.drafted(draft.title), data: draft };
  });
}

export async function letterFromQuestionAction(_: unknown, formData: FormData): Result {
  return runAction(async (actor, context) => {
    const letter = await letterFromAskedQuestion(actor, formObject(formData), context);
    return { message: t.curation.lettered(letter.queryCode), data: letter };
  });
}

export async function dismissQuestionAction(_: unknown, formData: FormData): Result {
  return runAction(async (actor, context) => {
    await dismissAskedQuestion(actor, formObject(formData), context);
    revalidatePath("/admin/ask");
    return { message: t.curation.dismissed };
  });
}

export async function createQaKeyAction(_: unknown, formData: FormData): Result {
  return runAction(async (actor, context) => {
    const created = await createQaKey(actor, formObject(formData), context);
    revalidatePath("/admin/ask/keys");
    return { message: t.keys.created(created.name, created.key) };
  });
}

export async function revokeQaKeyAction(_: unknown, formData: FormData): Result {
  return runAction(async (actor, context) => {
    const revoked = await revokeQaKey(actor, formObject(formData), context);
    revalidatePath("/admin/ask/keys");
    return { message: t.keys.revokedMessage(revoked.name) };
  });
}

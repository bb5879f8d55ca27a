"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/errors";
import { messages } from "@/lib/i18n/zh-CN";
import { requestSupervisionRun } from "@/lib/supervision/requests";
import { recordEntry } from "@/lib/supervision/record-entry";
import { draftBulletin } from "@/lib/supervision/draft-bulletin";
import { saveIndicator } from "@/lib/supervision/framework";
import { formObject, runAction } from "../guard";

// The steps of /admin/oversight: each use case checks the actor and parses its own input.

type Result = Promise<ActionResult<unknown>>;
const m = messages.supervisionScores;

export async function runInspectionAction(_: unknown, formData: FormData): Result {
  return runAction(async (actor, context) => {
    const { period } = await requestSupervisionRun(actor, "inspection", formObject(formData), context);
    revalidatePath("/admin/oversight", "layout");
    return { message: messages.supervision.requests.queued.inspection(period ?? "") };
  });
}

export async function recordEntryAction(_: unknown, formData: FormData): Result {
  return runAction(async (actor, context) => {
    const file = formData.get("file");
    const evidence =
      file instanceof File && file.size > 0
        ? { fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }
        : null;
    const fields = formObject(formData);
    delete fields.file;
    await recordEntry(actor, fields, evidence, context);
    revalidatePath("/admin/oversight", "layout");
    return { message: m.inspection.entry.saved };
  });
}

export async function draftBulletinAction(_: unknown, formData: FormData): Result {
  return runAction(async (actor, context) => {
    await draftBulletin(actor, formObject(formData), context);
    revalidatePath("/admin/oversight", "layout");
    return { message: m.bulletin.drafted };
  });
}

export async function saveIndicatorAction(_: unknown, formData: FormData): Result {
  return runAction(async (actor, context) => {
    await saveIndicator(actor, formObject(formData), context);
    revalidatePath("/admin/oversight/framework");
    return { message: m.framework.saved };
  });
}

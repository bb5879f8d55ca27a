"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/errors";
import { ignoreReprint, takeReprint } from "@/lib/reports/reprint/take";
import { setReprintColumn } from "@/lib/reports/reprint/queue";
import { messages } from "@/lib/i18n/zh-CN";
import { formObject, runAction } from "../guard";

// The steps of /admin/reprints: each use case parses its input and checks the actor, the site's
// unit, the item's state and the version the form was rendered with.

const t = messages.reprint;
type Result = Promise<ActionResult<unknown>>;

export async function takeReprintAction(_: unknown, formData: FormData): Result {
  return runAction(async (actor, context) => {
    const taken = await takeReprint(actor, formObject(formData), context);
    revalidatePath("/admin/reprints");
    return { message: t.taken(taken.workflowName), data: taken.resourceId };
  });
}

export async function ignoreReprintAction(_: unknown, formData: FormData): Result {
  return runAction(async (actor, context) => {
    await ignoreReprint(actor, formObject(formData), context);
    revalidatePath("/admin/reprints");
    return { message: t.ignored };
  });
}

export async function setReprintColumnAction(_: unknown, formData: FormData): Result {
  return runAction(async (actor, context) => {
    await setReprintColumn(actor, formObject(formData), context);
    revalidatePath("/admin/reprints");
    return { message: t.columnSetting.saved };
  });
}

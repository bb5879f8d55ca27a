"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/errors";
import { messages } from "@/lib/i18n/zh-CN";
import { saveInteractionType } from "@/lib/interaction/types/save-type";
import {
  deleteInteractionType,
  moveInteractionType,
  setInteractionTypeActive,
} from "@/lib/interaction/types/arrange-types";
import { formObject, runAction } from "../../../guard";

// The message-type editor's writes; lib checks the actor's right to manage the site, validates,
// compares versions, audits and purges the pages that list the types.

const t = messages.interaction.typeEditor;
type Result = Promise<ActionResult<unknown>>;

const refresh = (formData: FormData) => revalidatePath(`/admin/sites/${String(formData.get("siteId"))}/interaction`);

export async function saveTypeAction(_: unknown, formData: FormData): Result {
  return runAction(async (actor, context) => {
    const saved = await saveInteractionType(actor, formObject(formData), context);
    refresh(formData);
    return { message: t.saved(saved.name) };
  });
}

export async function moveTypeAction(_: unknown, formData: FormData): Result {
  return runAction(async (actor, context) => {
    await moveInteractionType(actor, formObject(formData), context);
    refresh(formData);
    return { message: t.moved };
  });
}

export async function setTypeActiveAction(_: unknown, formData: FormData): Result {
  return runAction(async (actor, context) => {
    const { active } = await setInteractionTypeActive(actor, formObject(formData), context);
    refresh(formData);
    return { message: active ? t.activated : t.deactivated };
  });
}

export async function deleteTypeAction(_: unknown, formData: FormData): Result {
  return runAction(async (actor, context) => {
    await deleteInteractionType(actor, formObject(formData), context);
    refresh(formData);
    return { message: t.removed };
  });
}

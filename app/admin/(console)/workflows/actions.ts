"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/errors";
import { saveCheck, saveLexicon, saveWorkflow, stagesFromForm } from "@/lib/review/workflows";
import { formObject, runAction } from "../guard";

const CHECK_FIELDS = Array.from({ length: 8 }, (_, index) => `stages.${index}.checks`);

export async function saveWorkflowAction(_: unknown, formData: FormData): Promise<ActionResult<unknown>> {
  return runAction(async (actor, context) => {
    const form = formObject(formData, CHECK_FIELDS);
    const checks = Object.fromEntries(CHECK_FIELDS.map((name) => [name, form[name] as string[]]));
    const workflow = await saveWorkflow(
      actor,
      {
        id: form.id,
        name: form.name,
        orgId: form.orgId,
        kind: form.kind,
        allowSameSigner: formData.get("allowSameSigner") === "on",
        stages: stagesFromForm(form, checks),
      },
      context,
    );
    revalidatePath("/admin/workflows");
    return { message: `已保存审核流程“${workflow.name}”，自下一次提交起生效。` };
  });
}

export async function saveCheckAction(_: unknown, formData: FormData): Promise<ActionResult<unknown>> {
  return runAction(async (actor, context) => {
    const check = await saveCheck(actor, formObject(formData), context);
    revalidatePath("/admin/workflows");
    return { message: `已保存审核关口“${check.name}”。` };
  });
}

export async function saveLexiconAction(_: unknown, formData: FormData): Promise<ActionResult<unknown>> {
  return runAction(async (actor, context) => {
    const lexicon = await saveLexicon(actor, formObject(formData), context);
    revalidatePath("/admin/lexicon");
    return { message: `已保存词库：敏感词 ${lexicon.sensitive.length} 个，规范用语 ${lexicon.terms.length} 组。` };
  });
}

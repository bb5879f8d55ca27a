"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/errors";
import { openTicket } from "@/lib/supervision/tickets/open-ticket";
import { reportFix } from "@/lib/supervision/tickets/report-fix";
import { decideTicket } from "@/lib/supervision/tickets/decide-ticket";
import { messages } from "@/lib/i18n/zh-CN";
import { requestSupervisionRun } from "@/lib/supervision/requests";
import { saveThreshold } from "@/lib/supervision/thresholds";
import { formObject, runAction } from "../guard";

// The steps of /admin/supervision: each use case parses its input and checks the actor against the
// finding's or ticket's own unit, its state and the version the form was rendered with.

type Result = Promise<ActionResult<unknown>>;

const RECHECK_MESSAGES = {
  closed: "复查通过，整改单已销号。",
  reopened: "复查发现问题仍然存在，整改单已退回，请继续整改。",
  supervisor: "已报告整改，该问题需主管单位复核。",
} as const;

export async function openTicketAction(_: unknown, formData: FormData): Result {
  return runAction(async (actor, context) => {
    const ticket = await openTicket(actor, formObject(formData), context);
    revalidatePath("/admin/supervision", "layout");
    return { message: "整改单已下发。", data: ticket.id };
  });
}

export async function reportFixAction(_: unknown, formData: FormData): Result {
  return runAction(async (actor, context) => {
    const outcome = await reportFix(actor, formObject(formData), context);
    revalidatePath("/admin/supervision", "layout");
    return { message: RECHECK_MESSAGES[outcome] };
  });
}

export async function decideTicketAction(_: unknown, formData: FormData): Result {
  return runAction(async (actor, context) => {
    const { state } = await decideTicket(actor, formObject(formData), context);
    revalidatePath("/admin/supervision", "layout");
    return { message: state === "CLOSED" ? "整改单已销号。" : "整改单已退回重新整改。" };
  });
}

export async function runMonitorsAction(_: unknown, formData: FormData): Result {
  return runAction(async (actor, context) => {
    await requestSupervisionRun(actor, "monitors", formObject(formData), context);
    revalidatePath("/admin/supervision", "layout");
    return { message: messages.supervision.requests.queued.monitors };
  });
}

export async function saveThresholdAction(_: unknown, formData: FormData): Result {
  return runAction(async (actor, context) => {
    await saveThreshold(actor, formObject(formData), context);
    revalidatePath("/admin/supervision/thresholds");
    return { message: "已保存，下次监测起生效。" };
  });
}

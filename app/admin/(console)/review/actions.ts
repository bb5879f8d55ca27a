"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/errors";
import { signOffChecks, submitForReview } from "@/lib/review/instances";
import { overrideFindings } from "@/lib/review/override-findings";
import { addComment } from "@/lib/review/add-comment";
import { cancelReview } from "@/lib/review/cancel-review";
import { publishApproved } from "@/lib/publish/publish";
import { schedulePublication } from "@/lib/publish/schedule";
import { withdrawPublication } from "@/lib/publish/withdraw";
import { markNotificationsRead } from "@/lib/org/notifications";
import { addPlacements, removePlacement, updatePlacement } from "@/lib/publish/placements";
import { addChannelPlacements, removeChannelPlacement } from "@/lib/channels/channels";
import { formObject, runAction } from "../guard";
import { messages } from "@/lib/i18n/zh-CN";

type Result = Promise<ActionResult<unknown>>;
const field = (formData: FormData, name: string) => String(formData.get(name) ?? "");

function refresh(resourceId?: string, instanceId?: string) {
  revalidatePath("/admin/review");
  if (instanceId) revalidatePath(`/admin/review/${instanceId}`);
  if (resourceId) revalidatePath(`/admin/library/${resourceId}`);
}

export async function submitForReviewAction(_: unknown, formData: FormData): Result {
  return runAction(async (actor, context) => {
    const input = formObject(formData, ["columnIds", "channelIds"]);
    const instance = await submitForReview(actor, { ...input, flagged: formData.get("flagged") === "on" }, context);
    refresh(instance.resourceId);
    return { message: `已提交审核（${instance.workflowName}）。` };
  });
}

export async function signOffAction(_: unknown, formData: FormData): Result {
  return runAction(async (actor, context) => {
    // The check form sends every ticked check under "checks" (none ticked: an empty list).
    const input = formObject(formData, field(formData, "form") === "checks" ? ["checks"] : []);
    const signed = await signOffChecks(actor, input, context);
    const first = signed[0]!;
    refresh(undefined, first.instanceId);
    const checks = signed.flatMap((row) => (row.check ? [field(formData, `name:${row.check}`) || row.check] : []));
    return {
      message: `已签署：${first.stageName}${checks.length ? `（${checks.join("、")}）` : ""}，意见：${messages.decisions[first.decision]}。`,
    };
  });
}

export async function overrideAction(_: unknown, formData: FormData): Result {
  return runAction(async (actor, context) => {
    const override = await overrideFindings(actor, formObject(formData), context);
    refresh(undefined, override.instanceId);
    return { message: "已批准放行，理由已记入责任记录。" };
  });
}

export async function commentAction(_: unknown, formData: FormData): Result {
  return runAction(async (actor, context) => {
    const comment = await addComment(actor, formObject(formData), context);
    refresh(undefined, comment.instanceId);
    return { message: "已添加意见。" };
  });
}

export async function cancelReviewAction(_: unknown, formData: FormData): Result {
  return runAction(async (actor, context) => {
    await cancelReview(actor, field(formData, "instanceId"), context);
    refresh(field(formData, "resourceId"), field(formData, "instanceId"));
    return { message: "已撤回审核，稿件回到草稿状态。" };
  });
}

export async function publishNowAction(_: unknown, formData: FormData): Result {
  return runAction(async (actor, context) => {
    const publication = await publishApproved(actor, field(formData, "instanceId"), context);
    refresh(publication.resourceId, field(formData, "instanceId"));
    return { message: "已发布。" };
  });
}

export async function scheduleAction(_: unknown, formData: FormData): Result {
  return runAction(async (actor, context) => {
    const schedule = await schedulePublication(
      actor,
      { instanceId: field(formData, "instanceId"), runAt: field(formData, "publishAt") },
      context,
    );
    refresh(field(formData, "resourceId"), schedule.instanceId);
    return { message: "已设置定时发布。" };
  });
}

export async function withdrawAction(_: unknown, formData: FormData): Result {
  return runAction(async (actor, context) => {
    const publication = await withdrawPublication(actor, formObject(formData), context);
    refresh(publication.resourceId);
    return { message: "已撤稿：该稿件已从所有网站栏目撤下，原链接显示撤稿说明。" };
  });
}

export async function markReadAction(): Result {
  return runAction(async (actor) => {
    await markNotificationsRead(actor);
    revalidatePath("/admin/review");
    return { message: "已全部标记为已读。" };
  });
}

export async function addPlacementsAction(_: unknown, formData: FormData): Result {
  return runAction(async (actor, context) => {
    const input = formObject(formData, ["columnIds"]);
    const count = await addPlacements(actor, input, context);
    refresh(field(formData, "resourceId"));
    return { message: count ? `已增加 ${count} 个发布栏目。` : "所选栏目已在发布栏目中。" };
  });
}

export async function updatePlacementAction(_: unknown, formData: FormData): Result {
  return runAction(async (actor, context) => {
    const placement = await updatePlacement(
      actor,
      { ...formObject(formData), pinned: formData.get("pinned") === "on" },
      context,
    );
    refresh(placement.resourceId);
    return { message: placement.pinned ? `已置顶（排序 ${placement.position}）。` : "已保存。" };
  });
}

export async function removePlacementAction(_: unknown, formData: FormData): Result {
  return runAction(async (actor, context) => {
    const placement = await removePlacement(actor, field(formData, "placementId"), context);
    refresh(placement.resourceId);
    return { message: "已从该栏目撤下。" };
  });
}

export async function addChannelPlacementsAction(_: unknown, formData: FormData): Result {
  return runAction(async (actor, context) => {
    const count = await addChannelPlacements(actor, formObject(formData, ["channelIds"]), context);
    refresh(field(formData, "resourceId"));
    return { message: count ? `已增加 ${count} 个分发渠道。` : "所选渠道已在分发渠道中。" };
  });
}

export async function removeChannelPlacementAction(_: unknown, formData: FormData): Result {
  return runAction(async (actor, context) => {
    const placement = await removeChannelPlacement(actor, field(formData, "placementId"), context);
    refresh(placement.resourceId);
    return { message: `已移除分发渠道“${placement.channel.name}”。` };
  });
}

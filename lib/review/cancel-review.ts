import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { assertCan, type Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { conflict, notFound, unauthenticated } from "@/lib/errors";
import { loadVisibleResource } from "@/lib/library/resources";
import { lockInstance } from "@/lib/review/instances";
import { closeReviewTasks } from "@/lib/review/tasks";

type Context = Partial<RequestContext>;

/** 撤回审核: the submitter (or an editor of the unit) takes the item back to draft. */
export async function cancelReview(actor: Principal | null, instanceId: string, context: Context = {}) {
  if (!actor) throw unauthenticated();
  if (!z.uuid().safeParse(instanceId).success) throw notFound();
  const found = await getDb().reviewInstance.findUnique({
    where: { id: instanceId },
    select: { resourceId: true, submittedById: true },
  });
  if (!found) throw notFound();
  const resource = await loadVisibleResource(actor, found.resourceId);
  const role =
    found.submittedById === actor.id
      ? "SUBMITTER"
      : await assertCan(actor, "resource.edit", { orgId: resource.ownerOrgId });
  return getDb().$transaction(async (tx) => {
    const instance = await lockInstance(tx, instanceId);
    if (instance.status !== "IN_PROGRESS") throw conflict("该审核已经结束。");
    await tx.reviewInstance.update({
      where: { id: instanceId },
      data: { status: "CANCELLED", completedAt: new Date(), currentStage: -1 },
    });
    await tx.resource.update({ where: { id: instance.resourceId }, data: { state: "DRAFT" } });
    await closeReviewTasks(tx, [instanceId]);
    await recordAudit(tx, {
      actorId: actor.id,
      role,
      action: "review.cancel",
      subject: `review:${instanceId}`,
      data: { resourceId: instance.resourceId },
      ...context,
    });
  });
}

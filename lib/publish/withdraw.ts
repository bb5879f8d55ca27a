import { z } from "zod";
import { zText } from "@/lib/validation/text";
import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { assertCan, type Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { conflict } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { loadVisibleResource } from "@/lib/library/resources";
import { emitEvent } from "@/lib/events/outbox";
import { withPortalSync } from "@/lib/cache/portal-sync";
import { cancelUnpublishedReviews } from "@/lib/publish/publish";

type Context = Partial<RequestContext>;

export const ZWithdraw = z.object({
  resourceId: z.uuid(),
  reason: zText().trim().min(4, "请填写撤稿原因（至少 4 个字）").max(500, "撤稿原因不超过 500 字"),
});

/** 撤稿: removes the item from every site, feed, channel and index; the portal keeps a notice. */
export async function withdrawPublication(actor: Principal | null, input: unknown, context: Context = {}) {
  const request = parseInput(ZWithdraw, input);
  const resource = await loadVisibleResource(actor, request.resourceId);
  const role = await assertCan(actor, "publication.withdraw", { orgId: resource.ownerOrgId });
  return withPortalSync(() =>
    getDb().$transaction(async (tx) => {
      await tx.$queryRaw`select id from "Resource" where id = ${resource.id}::uuid for update`;
      const live = await tx.publication.findFirst({
        where: { resourceId: resource.id, withdrawnAt: null, supersededAt: null },
      });
      if (!live) throw conflict("该稿件当前没有发布，无需撤稿。");
      const now = new Date();
      await tx.publication.update({
        where: { id: live.id },
        data: { withdrawnAt: now, withdrawnById: actor!.id, withdrawReason: request.reason },
      });
      // Every review of text written before the withdrawal is closed, approved-but-unpublished ones
      // included: they must not put the withdrawn text back (publicationOrderBar refuses them too).
      const reviews = await cancelUnpublishedReviews(tx, resource.id, "稿件已撤稿", { now, includeRunning: true });
      const cancelled = await tx.publicationSchedule.updateMany({
        where: { status: "PENDING", instance: { resourceId: resource.id } },
        data: { status: "CANCELLED", finishedAt: now, error: "稿件已撤稿" },
      });
      await tx.resource.update({ where: { id: resource.id }, data: { state: "WITHDRAWN" } });
      await emitEvent(tx, "publication.withdrawn", `resource:${resource.id}`, {
        publicationId: live.id,
        resourceId: resource.id,
        reason: request.reason,
      });
      await recordAudit(tx, {
        actorId: actor!.id,
        role,
        action: "publication.withdraw",
        subject: `resource:${resource.id}`,
        data: {
          publicationId: live.id,
          reason: request.reason,
          cancelledReviews: reviews.instanceIds,
          cancelledSchedules: reviews.schedules + cancelled.count,
        },
        ...context,
      });
      return live;
    }),
  );
}

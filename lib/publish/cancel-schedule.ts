import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { assertCan, type Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { conflict, notFound, unauthenticated } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { loadInstanceForActor } from "@/lib/publish/publish";
import { lockResourceAndInstance } from "@/lib/review/publication-order";

type Context = Partial<RequestContext>;

export const ZCancelSchedule = z.object({ scheduleId: z.uuid("定时发布不存在") });

/**
 * 取消定时发布: the pending schedule is cancelled; the revision stays approved, to be published
 * by hand or scheduled again. Refused once the schedule has run (or is running: the worker holds
 * the same locks while it publishes).
 */
export async function cancelSchedule(actor: Principal | null, input: unknown, context: Context = {}) {
  if (!actor) throw unauthenticated();
  const { scheduleId } = parseInput(ZCancelSchedule, input);
  const found = await getDb().publicationSchedule.findUnique({
    where: { id: scheduleId },
    select: { instanceId: true },
  });
  if (!found) throw notFound();
  const { resource } = await loadInstanceForActor(actor, found.instanceId);
  const role = await assertCan(actor, "publication.publish", { orgId: resource.ownerOrgId });
  return getDb().$transaction(async (tx) => {
    await lockResourceAndInstance(tx, found.instanceId);
    const [claimed] = await tx.$queryRaw<{ id: string }[]>`
      select id from "PublicationSchedule" where id = ${scheduleId}::uuid and status = 'PENDING' for update`;
    if (!claimed) throw conflict("该定时发布已执行或已取消。");
    const schedule = await tx.publicationSchedule.update({
      where: { id: scheduleId },
      data: { status: "CANCELLED", finishedAt: new Date() },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      role,
      action: "publication.schedule.cancel",
      subject: `resource:${resource.id}`,
      data: { reviewInstanceId: schedule.instanceId, scheduleId, runAt: schedule.runAt.toISOString() },
      ...context,
    });
    return { ...schedule, resourceId: resource.id };
  });
}

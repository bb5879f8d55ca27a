import { z } from "zod";
import { zText } from "@/lib/validation/text";
import { getDb, type Tx } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { assertCan, type Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { conflict } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { parseChinaDateTime } from "@/lib/format";
import { loadInstanceForActor } from "@/lib/publish/publish";
import {
  loadLatestPublication,
  lockResourceAndInstance,
  publicationOrderBar,
  validateRunAt,
} from "@/lib/review/publication-order";

type Context = Partial<RequestContext>;

export const ZSchedule = z.object({
  instanceId: z.uuid(),
  runAt: z.union([z.date(), zText().min(1, "请填写发布时间").transform(parseChinaDateTime)], {
    message: "请填写发布时间",
  }),
});

export async function createSchedule(tx: Tx, instanceId: string, runAt: Date, createdById: string) {
  await tx.publicationSchedule.updateMany({
    where: { instanceId, status: "PENDING" },
    data: { status: "CANCELLED", finishedAt: new Date() },
  });
  return tx.publicationSchedule.create({ data: { instanceId, runAt, createdById } });
}

/** 定时发布 for an approved revision; replaces a pending schedule of the same review. */
export async function schedulePublication(actor: Principal | null, input: unknown, context: Context = {}) {
  const request = parseInput(ZSchedule, input);
  const { resource } = await loadInstanceForActor(actor, request.instanceId);
  const role = await assertCan(actor, "publication.publish", { orgId: resource.ownerOrgId });
  validateRunAt(request.runAt);
  return getDb().$transaction(async (tx) => {
    await lockResourceAndInstance(tx, request.instanceId);
    const instance = await tx.reviewInstance.findUniqueOrThrow({
      where: { id: request.instanceId },
      include: { publication: true, revision: true },
    });
    if (instance.status !== "APPROVED") throw conflict("该稿件的审核尚未完成，不能定时发布。");
    if (instance.publication) throw conflict("该版本已发布。");
    // Refused now rather than when it falls due; publishInstance checks again then.
    const orderBar = publicationOrderBar(instance.revision, await loadLatestPublication(tx, instance.resourceId));
    if (orderBar) throw conflict(orderBar);
    const schedule = await createSchedule(tx, instance.id, request.runAt, actor!.id);
    await recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "publication.schedule",
      subject: `resource:${resource.id}`,
      data: { reviewInstanceId: instance.id, runAt: request.runAt.toISOString() },
      ...context,
    });
    return schedule;
  });
}

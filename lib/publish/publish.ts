import { z } from "zod";
import { getDb, type Tx } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { assertCan, type Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { conflict, invalid, notFound, unauthenticated } from "@/lib/errors";
import { applyPublicationEffects } from "@/lib/library/policy-validity";
import { loadVisibleResource } from "@/lib/library/resources";
import { notify } from "@/lib/org/notifications";
import { emitEvent } from "@/lib/events/outbox";
import { blockingFindings, currentStage, ZStages, type SignOffFact } from "@/lib/review/stages";
import type { Finding } from "@/lib/review/prechecks";
import { withPortalSync } from "@/lib/cache/portal-sync";
import { firstPublishedAt } from "@/lib/publish/publication-times";
import { loadLatestPublication, lockResourceAndInstance, publicationOrderBar } from "@/lib/review/publication-order";
import { closeReviewTasks } from "@/lib/review/tasks";

// Publication: the only path to the public (DESIGN invariants 1 and 2). `publishInstance` is the
// one function that writes a reviewed publication. It re-derives, from the instance's own
// sign-offs, that every required stage was signed on this exact content hash, whatever called
// it (a final approval, the editor's "publish now", or the scheduler).

type Context = Partial<RequestContext>;
export type PublishedBy = {
  actorId: string | null;
  role: string | null;
  via: "approval" | "manual" | "schedule";
} & Context;

/** Why an instance may not be published, or null. Pure: the facts are passed in. */
export function publishBar(instance: {
  status: string;
  contentHash: string;
  revisionHash: string;
  stages: unknown;
  flagged: boolean;
  findings: unknown;
  signOffs: (SignOffFact & { contentHash: string })[];
  overrides: number;
}): string | null {
  if (instance.status !== "APPROVED") return "该稿件的审核尚未完成，不能发布。";
  if (instance.revisionHash !== instance.contentHash) return "审核所签的内容与修订版本不一致，不能发布。";
  const bound = instance.signOffs.filter((signOff) => signOff.contentHash === instance.contentHash);
  if (currentStage(ZStages.parse(instance.stages), instance.flagged, bound) !== null)
    return "该稿件的审核尚未完成，不能发布。";
  if (blockingFindings(instance.findings as Finding[]).length > 0 && instance.overrides === 0) {
    return "存在必须修改的预检问题，且未经第一责任人批准放行，不能发布。";
  }
  return null;
}

/**
 * Cancels the resource's approved-but-unpublished reviews (and, with `includeRunning`, the running
 * ones) and their pending schedules, recording why on each instance. The caller holds the
 * resource lock and writes the audit event naming the instances.
 */
export async function cancelUnpublishedReviews(
  tx: Tx,
  resourceId: string,
  reason: string,
  options: { now: Date; revisionAtMost?: number; exceptId?: string; includeRunning?: boolean },
): Promise<{ instanceIds: string[]; schedules: number }> {
  const statuses: ("APPROVED" | "IN_PROGRESS")[] = options.includeRunning ? ["APPROVED", "IN_PROGRESS"] : ["APPROVED"];
  const targets = await tx.reviewInstance.findMany({
    where: {
      resourceId,
      status: { in: statuses },
      publication: { is: null },
      ...(options.exceptId ? { id: { not: options.exceptId } } : {}),
      ...(options.revisionAtMost !== undefined ? { revision: { number: { lte: options.revisionAtMost } } } : {}),
    },
    select: { id: true },
  });
  const instanceIds = targets.map((target) => target.id);
  if (instanceIds.length === 0) return { instanceIds, schedules: 0 };
  await tx.reviewInstance.updateMany({
    where: { id: { in: instanceIds } },
    data: { status: "CANCELLED", cancelReason: reason, completedAt: options.now, currentStage: -1 },
  });
  await closeReviewTasks(tx, instanceIds);
  const schedules = await tx.publicationSchedule.updateMany({
    where: { instanceId: { in: instanceIds }, status: "PENDING" },
    data: { status: "CANCELLED", finishedAt: options.now, error: reason },
  });
  return { instanceIds, schedules: schedules.count };
}

export async function publishInstance(tx: Tx, instanceId: string, by: PublishedBy) {
  await lockResourceAndInstance(tx, instanceId);
  const instance = await tx.reviewInstance.findUniqueOrThrow({
    where: { id: instanceId },
    include: { signOffs: true, overrides: { select: { id: true } }, revision: true, publication: true, resource: true },
  });
  if (instance.publication) return instance.publication; // idempotent: a second call changes nothing
  const bar = publishBar({
    status: instance.status,
    contentHash: instance.contentHash,
    revisionHash: instance.revision.contentHash,
    stages: instance.stages,
    flagged: instance.flagged,
    findings: instance.findings,
    signOffs: instance.signOffs,
    overrides: instance.overrides.length,
  });
  if (bar) throw conflict(bar);
  const orderBar = publicationOrderBar(instance.revision, await loadLatestPublication(tx, instance.resourceId));
  if (orderBar) throw conflict(orderBar);
  const now = new Date();
  const columns = await tx.column.count({ where: { id: { in: instance.columnIds } } });
  if (columns !== instance.columnIds.length) throw invalid("所选的发布栏目已被删除，请重新选择栏目。");
  await tx.placement.createMany({
    data: instance.columnIds.map((columnId) => ({ columnId, resourceId: instance.resourceId })),
    skipDuplicates: true,
  });
  if ((await tx.placement.count({ where: { resourceId: instance.resourceId } })) === 0) {
    throw invalid("尚未选择发布栏目，请先选择栏目再发布。");
  }
  // The new-media channels the review chose (分发同时); written before the event below, whose
  // delivery planner reads every channel placement of the resource.
  await tx.channelPlacement.createMany({
    data: instance.channelIds.map((channelId) => ({ channelId, resourceId: instance.resourceId })),
    skipDuplicates: true,
  });
  const previous = await tx.publication.findFirst({
    where: { resourceId: instance.resourceId, withdrawnAt: null, supersededAt: null },
  });
  if (previous) await tx.publication.update({ where: { id: previous.id }, data: { supersededAt: now } });
  const publication = await tx.publication.create({
    data: {
      resourceId: instance.resourceId,
      revisionId: instance.revisionId,
      origin: "REVIEWED",
      reviewInstanceId: instance.id,
      contentHash: instance.contentHash,
      publishedById: by.actorId,
      publishedAt: now,
      // A correction keeps the item's first 发布时间; its own time is the 更新时间.
      firstPublishedAt: previous ? firstPublishedAt(previous) : null,
      correctionNote: previous ? instance.correctionNote : null,
    },
  });
  // Approved reviews of older text can never be published now (publicationOrderBar): close them
  // with their pending schedules, so no one is offered a publish button that must fail.
  const stale = await cancelUnpublishedReviews(tx, instance.resourceId, "已发布更新的修订版本", {
    revisionAtMost: instance.revision.number,
    exceptId: instance.id,
    now,
  });
  // The resource is "published" when its latest revision is the one now public.
  if (instance.resource.version === instance.revision.number) {
    await tx.resource.update({ where: { id: instance.resourceId }, data: { state: "PUBLISHED" } });
  }
  await applyPublicationEffects(tx, instance.resourceId);
  await emitEvent(tx, "publication.published", `resource:${instance.resourceId}`, {
    publicationId: publication.id,
    resourceId: instance.resourceId,
    revisionId: instance.revisionId,
    contentHash: instance.contentHash,
    supersedes: previous?.id ?? null,
  });
  await recordAudit(tx, {
    actorId: by.actorId,
    role: by.role,
    action: "publication.publish",
    subject: `resource:${instance.resourceId}`,
    data: {
      publicationId: publication.id,
      reviewInstanceId: instance.id,
      revision: instance.revision.number,
      contentHash: instance.contentHash,
      via: by.via,
      supersedes: previous?.id ?? null,
      ...(stale.instanceIds.length ? { cancelledReviews: stale.instanceIds } : {}),
    },
    ip: by.ip,
    userAgent: by.userAgent,
  });
  await notify(
    tx,
    [instance.submittedById],
    `已发布：${instance.revision.title}`,
    `/admin/library/${instance.resourceId}`,
  );
  return publication;
}

/** The instance's resource, when `actor` may see it; "not found" otherwise. */
export async function loadInstanceForActor(actor: Principal | null, instanceId: string) {
  if (!actor) throw unauthenticated();
  if (!z.uuid().safeParse(instanceId).success) throw notFound();
  const instance = await getDb().reviewInstance.findUnique({ where: { id: instanceId }, select: { resourceId: true } });
  if (!instance) throw notFound();
  const resource = await loadVisibleResource(actor, instance.resourceId);
  return { resource };
}

/** "Publish now" for an approved revision (审核通过后手动发布). */
export async function publishApproved(actor: Principal | null, instanceId: string, context: Context = {}) {
  const { resource } = await loadInstanceForActor(actor, instanceId);
  const role = await assertCan(actor, "publication.publish", { orgId: resource.ownerOrgId });
  return withPortalSync(() =>
    getDb().$transaction((tx) =>
      publishInstance(tx, instanceId, { actorId: actor!.id, role, via: "manual", ...context }),
    ),
  );
}

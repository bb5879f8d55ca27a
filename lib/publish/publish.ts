import { z } from "zod";
import { zText } from "@/lib/validation/text";
import { getDb, type Db, type Tx } from "@/lib/db/client";
import { getOrgTree } from "@/lib/org/tree";
import { recordAudit } from "@/lib/audit/record";
import { assertCan, createPermissionChecker, type Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { conflict, DomainError, invalid, notFound, unauthenticated } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { applyPublicationEffects } from "@/lib/library/policy-validity";
import { loadVisibleResource } from "@/lib/library/resources";
import { notify } from "@/lib/org/notifications";
import { parseChinaDateTime } from "@/lib/format";
import { emitEvent } from "@/lib/events/outbox";
import { blockingFindings, currentStage, ZStages, type SignOffFact } from "@/lib/review/stages";
import type { Finding } from "@/lib/review/prechecks";
import { withPortalSync } from "@/lib/cache/portal-sync";
import {
  loadLatestPublication,
  lockResourceAndInstance,
  publicationOrderBar,
  validateRunAt,
} from "@/lib/review/publication-order";

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

const UNPLACEABLE = new Set(["LINK", "SEARCH", "INTERACTION"]);

/**
 * Whether `actor` may place a resource of `ownerOrgId` in a column: on the sites of the owning
 * unit and its ancestors with the placement role for the resource's unit, and on other units'
 * sites (资源同享) with the placement role in that unit.
 */
export async function placementRule(db: Tx | Db, actor: Principal, ownerOrgId: string) {
  const tree = await getOrgTree();
  const can = await createPermissionChecker(actor, tree);
  const lineage = tree.lineage(ownerOrgId);
  return (column: { kind: string; site: { orgId: string } }) =>
    !UNPLACEABLE.has(column.kind) &&
    (lineage.includes(column.site.orgId)
      ? can("placement.manage", { orgId: ownerOrgId })
      : can("placement.manage", { orgId: column.site.orgId }));
}

export async function assertPlaceable(db: Tx | Db, actor: Principal, ownerOrgId: string, columnIds: string[]) {
  if (columnIds.length === 0) return;
  const allowed = await placementRule(db, actor, ownerOrgId);
  const columns = await db.column.findMany({
    where: { id: { in: columnIds } },
    include: { site: { select: { orgId: true } } },
  });
  if (columns.length !== new Set(columnIds).size) throw invalid("所选栏目不存在。", { columnIds: ["所选栏目不存在"] });
  for (const column of columns) {
    if (!allowed(column))
      throw invalid(`您无权在栏目“${column.name}”放置稿件。`, { columnIds: ["无权在该栏目放置稿件"] });
  }
}

/** The columns, by site, that `actor` may place a resource of `ownerOrgId` in. */
export async function listPlaceableColumns(actor: Principal, ownerOrgId: string) {
  const db = getDb();
  const allowed = await placementRule(db, actor, ownerOrgId);
  const sites = await db.site.findMany({
    orderBy: { position: "asc" },
    include: { columns: { orderBy: [{ parentId: "asc" }, { position: "asc" }] } },
  });
  return sites
    .map((site) => ({
      siteId: site.id,
      siteName: site.name,
      columns: site.columns
        .filter((column) => allowed({ kind: column.kind, site }))
        .map((column) => ({ id: column.id, name: column.name })),
    }))
    .filter((site) => site.columns.length > 0);
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

async function loadInstanceForActor(actor: Principal | null, instanceId: string) {
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

const MAX_ATTEMPTS = 3;

/**
 * Runs every due scheduled publication once. Each is claimed with a row lock (SKIP LOCKED) and
 * its status checked inside the transaction, so two workers, or a worker restarted mid-run,
 * never publish twice. A refused publication is marked failed with its reason and the editor
 * is told; an unexpected error is retried on the next run, then marked failed. Returns when
 * every live portal server has applied what the run published.
 */
export async function publishDueSchedules(
  db: Db = getDb(),
  now = new Date(),
): Promise<{ published: number; failed: number }> {
  return withPortalSync(() => publishEachDue(db, now));
}

async function publishEachDue(db: Db, now: Date): Promise<{ published: number; failed: number }> {
  const due = await db.publicationSchedule.findMany({
    where: { status: "PENDING", runAt: { lte: now } },
    select: { id: true },
    orderBy: { runAt: "asc" },
  });
  let published = 0;
  let failed = 0;
  for (const { id } of due) {
    const outcome = await db
      .$transaction(async (tx) => {
        // The resource first, as every publish path locks it (see lockResourceAndInstance).
        const target = await tx.publicationSchedule.findUniqueOrThrow({
          where: { id },
          select: { instance: { select: { resourceId: true } } },
        });
        await tx.$queryRaw`select id from "Resource" where id = ${target.instance.resourceId}::uuid for update`;
        const [claimed] = await tx.$queryRaw<{ id: string }[]>`
          select id from "PublicationSchedule" where id = ${id}::uuid and status = 'PENDING' for update skip locked`;
        if (!claimed) return "skipped" as const;
        const schedule = await tx.publicationSchedule.findUniqueOrThrow({ where: { id } });
        await publishInstance(tx, schedule.instanceId, { actorId: null, role: null, via: "schedule" });
        await tx.publicationSchedule.update({
          where: { id },
          data: { status: "DONE", finishedAt: new Date(), attempts: { increment: 1 } },
        });
        return "published" as const;
      })
      .catch(async (error: unknown) => {
        const expected = error instanceof DomainError;
        const schedule = await db.publicationSchedule.update({
          where: { id },
          data: { attempts: { increment: 1 } },
          include: { instance: { include: { revision: { select: { title: true } } } } },
        });
        if (!expected && schedule.attempts < MAX_ATTEMPTS) return "retry" as const;
        const reason = expected ? error.message : `系统错误：${error instanceof Error ? error.message : String(error)}`;
        await db.$transaction(async (tx) => {
          await tx.publicationSchedule.update({
            where: { id },
            data: { status: "FAILED", error: reason, finishedAt: new Date() },
          });
          await recordAudit(tx, {
            actorId: null,
            action: "publication.schedule.fail",
            subject: `resource:${schedule.instance.resourceId}`,
            data: { scheduleId: id, reason },
          });
          await notify(
            tx,
            [schedule.createdById],
            `定时发布失败：${schedule.instance.revision.title}（${reason}）`,
            `/admin/library/${schedule.instance.resourceId}`,
          );
        });
        return "failed" as const;
      });
    if (outcome === "published") published += 1;
    if (outcome === "failed") failed += 1;
  }
  return { published, failed };
}

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

import { z } from "zod";
import { getDb, type Tx } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { assertCan, type Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { conflict, forbidden, notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { loadVisibleResource } from "@/lib/library/resources";
import { emitEvent } from "@/lib/events/outbox";
import { assertPlaceable, placementRule } from "@/lib/publish/placement-rule";
import { withPortalSync } from "@/lib/cache/portal-sync";

// Placements after review (资源同享): an approved or published item can be placed in more
// columns of more sites, taken out of one, pinned (置顶) and ordered within a column. The
// content is the same publication everywhere; only where it shows changes.

type Context = Partial<RequestContext>;

const ZAdd = z.object({ resourceId: z.uuid(), columnIds: z.array(z.uuid()).min(1, "请选择栏目") });
const ZUpdate = z.object({
  placementId: z.uuid(),
  pinned: z.coerce.boolean(),
  position: z.coerce
    .number({ message: "排序须为数字" })
    .int("排序须为整数")
    .min(0, "排序不能小于 0")
    .max(9999, "排序不超过 9999"),
});

async function assertReviewed(resourceId: string) {
  const reviewed = await getDb().reviewInstance.findFirst({
    where: { resourceId, status: "APPROVED" },
    select: { id: true },
  });
  const imported = await getDb().publication.findFirst({
    where: { resourceId, origin: "IMPORTED" },
    select: { id: true },
  });
  if (!reviewed && !imported) throw conflict("稿件审核通过后才能调整发布栏目；审核前请在提交审核时选择栏目。");
}

async function emitIfLive(
  tx: Tx,
  resourceId: string,
  change: { added?: string[]; removed?: string; columnId?: string; pinned?: boolean; position?: number },
) {
  const live = await tx.publication.findFirst({
    where: { resourceId, withdrawnAt: null, supersededAt: null },
    select: { id: true },
  });
  if (live)
    await emitEvent(tx, "placement.changed", `resource:${resourceId}`, {
      publicationId: live.id,
      resourceId,
      ...change,
    });
}

export async function addPlacements(actor: Principal | null, input: unknown, context: Context = {}) {
  const addition = parseInput(ZAdd, input);
  const resource = await loadVisibleResource(actor, addition.resourceId);
  const role = await assertCan(actor, "placement.manage", { orgId: resource.ownerOrgId });
  await assertReviewed(resource.id);
  await assertPlaceable(getDb(), actor!, resource.ownerOrgId, addition.columnIds);
  return withPortalSync(() =>
    getDb().$transaction(async (tx) => {
      const created = await tx.placement.createMany({
        data: addition.columnIds.map((columnId) => ({ columnId, resourceId: resource.id })),
        skipDuplicates: true,
      });
      await emitIfLive(tx, resource.id, { added: addition.columnIds });
      await recordAudit(tx, {
        actorId: actor!.id,
        role,
        action: "placement.add",
        subject: `resource:${resource.id}`,
        data: { columnIds: addition.columnIds },
        ...context,
      });
      return created.count;
    }),
  );
}

async function loadPlacement(actor: Principal | null, placementId: string) {
  if (!z.uuid().safeParse(placementId).success) throw notFound();
  const placement = await getDb().placement.findUnique({
    where: { id: placementId },
    include: { column: { include: { site: { select: { orgId: true } } } } },
  });
  if (!placement) throw notFound();
  const resource = await loadVisibleResource(actor, placement.resourceId);
  const role = await assertCan(actor, "placement.manage", { orgId: resource.ownerOrgId });
  if (!(await placementRule(getDb(), actor!, resource.ownerOrgId))(placement.column))
    throw forbidden("您无权调整该栏目的稿件。");
  return { placement, resource, role };
}

export async function updatePlacement(actor: Principal | null, input: unknown, context: Context = {}) {
  const update = parseInput(ZUpdate, input);
  const { placement, role } = await loadPlacement(actor, update.placementId);
  return withPortalSync(() =>
    getDb().$transaction(async (tx) => {
      const updated = await tx.placement.update({
        where: { id: placement.id },
        data: { pinned: update.pinned, position: update.position },
      });
      await emitIfLive(tx, placement.resourceId, {
        columnId: placement.columnId,
        pinned: updated.pinned,
        position: updated.position,
      });
      await recordAudit(tx, {
        actorId: actor!.id,
        role,
        action: "placement.update",
        subject: `resource:${placement.resourceId}`,
        data: {
          columnId: placement.columnId,
          before: { pinned: placement.pinned, position: placement.position },
          after: { pinned: updated.pinned, position: updated.position },
        },
        ...context,
      });
      return updated;
    }),
  );
}

/** Takes the item out of one column; the last column of a live item cannot go (withdraw it instead). */
export async function removePlacement(actor: Principal | null, placementId: string, context: Context = {}) {
  const { placement, role } = await loadPlacement(actor, placementId);
  return withPortalSync(() =>
    getDb().$transaction(async (tx) => {
      const live = await tx.publication.findFirst({
        where: { resourceId: placement.resourceId, withdrawnAt: null, supersededAt: null },
        select: { id: true },
      });
      if (live && (await tx.placement.count({ where: { resourceId: placement.resourceId } })) <= 1) {
        throw conflict("这是该稿件唯一的发布栏目。如需从网站撤下，请使用撤稿。");
      }
      await tx.placement.delete({ where: { id: placement.id } });
      await emitIfLive(tx, placement.resourceId, { removed: placement.columnId });
      await recordAudit(tx, {
        actorId: actor!.id,
        role,
        action: "placement.remove",
        subject: `resource:${placement.resourceId}`,
        data: { columnId: placement.columnId },
        ...context,
      });
      return placement;
    }),
  );
}

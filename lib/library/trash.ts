import { z } from "zod";
import { getDb, type Tx } from "@/lib/db/client";
import { getOrgTree } from "@/lib/org/tree";
import { recordAudit } from "@/lib/audit/record";
import { assertCan, type Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { conflict, forbidden, notFound } from "@/lib/errors";
import { parseBulkIds, runBulk, type BulkReport } from "@/lib/library/bulk";

// 回收站: an item that never went live (or was withdrawn) is moved here instead of being deleted.
// It is hidden from the library list, pickers, search and review, and cannot be edited or placed
// (loadVisibleResource refuses it) until one of its unit's editors restores it. What is live,
// scheduled or under review must be withdrawn or cancelled first. Purging is in purge.ts.

type Context = Partial<RequestContext>;

/** Loads an item the actor may see, in the 回收站 or not; "not found" otherwise (existence is not disclosed). */
export async function loadResourceForTrash(actor: Principal, resourceId: string) {
  if (!z.uuid().safeParse(resourceId).success) throw notFound("稿件不存在或无权查看。");
  const resource = await getDb().resource.findUnique({ where: { id: resourceId } });
  if (!resource) throw notFound("稿件不存在或无权查看。");
  try {
    await assertCan(actor, "resource.view", { orgId: resource.ownerOrgId });
  } catch {
    throw notFound("稿件不存在或无权查看。");
  }
  return resource;
}

/** The permission to move the item in or out of the 回收站, refused with the unit it belongs to. */
async function assertMayTrash(actor: Principal, ownerOrgId: string, verb: string) {
  try {
    return await assertCan(actor, "resource.trash", { orgId: ownerOrgId });
  } catch {
    const owner = (await getOrgTree()).get(ownerOrgId);
    throw forbidden(`无权${verb}该稿件：属于${owner?.name ?? "其他单位"}。`);
  }
}

async function lockResource(tx: Tx, resourceId: string) {
  await tx.$queryRaw`select id from "Resource" where id = ${resourceId}::uuid for update`;
  return tx.resource.findUniqueOrThrow({ where: { id: resourceId } });
}

/** Why the item cannot go to the 回收站 now, or null. */
async function trashBar(tx: Tx, resourceId: string): Promise<string | null> {
  const [live, running, scheduled] = await Promise.all([
    tx.publication.findFirst({ where: { resourceId, withdrawnAt: null, supersededAt: null }, select: { id: true } }),
    tx.reviewInstance.findFirst({ where: { resourceId, status: "IN_PROGRESS" }, select: { id: true } }),
    tx.publicationSchedule.findFirst({
      where: { status: "PENDING", instance: { resourceId } },
      select: { id: true },
    }),
  ]);
  if (live) return "稿件已发布，须先撤稿才能移入回收站。";
  if (running) return "稿件正在审核中，须先撤回审核才能移入回收站。";
  if (scheduled) return "稿件已定时发布，须先取消定时发布才能移入回收站。";
  return null;
}

async function trashOne(actor: Principal, resourceId: string, context: Context): Promise<string> {
  const resource = await loadResourceForTrash(actor, resourceId);
  const role = await assertMayTrash(actor, resource.ownerOrgId, "删除");
  await getDb().$transaction(async (tx) => {
    const current = await lockResource(tx, resourceId);
    if (current.trashedAt) throw conflict("该稿件已在回收站中。");
    const bar = await trashBar(tx, resourceId);
    if (bar) throw conflict(bar);
    const now = new Date();
    await tx.resource.update({ where: { id: resourceId }, data: { trashedAt: now, trashedById: actor.id } });
    await recordAudit(tx, {
      actorId: actor.id,
      role,
      action: "resource.trash",
      subject: `resource:${resourceId}`,
      data: { title: current.title, state: current.state, version: current.version },
      ...context,
    });
  });
  return "已移入回收站。";
}

async function restoreOne(actor: Principal, resourceId: string, context: Context): Promise<string> {
  const resource = await loadResourceForTrash(actor, resourceId);
  const role = await assertMayTrash(actor, resource.ownerOrgId, "恢复");
  await getDb().$transaction(async (tx) => {
    const current = await lockResource(tx, resourceId);
    if (!current.trashedAt) throw conflict("该稿件不在回收站中。");
    // restoredAt: the supervision content scan reads the item again at its next run (#28).
    await tx.resource.update({
      where: { id: resourceId },
      data: { trashedAt: null, trashedById: null, restoredAt: new Date() },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      role,
      action: "resource.restore",
      subject: `resource:${resourceId}`,
      data: { title: current.title, trashedAt: current.trashedAt.toISOString(), trashedById: current.trashedById },
      ...context,
    });
  });
  return "已恢复到资源库。";
}

/** 移入回收站 for each selected item the actor may delete. */
export async function trashResources(actor: Principal | null, input: unknown, context: Context = {}) {
  const ids = parseBulkIds(input);
  return runBulk(actor, ids, (id) => trashOne(actor!, id, context));
}

/** 恢复 each selected item from the 回收站. */
export async function restoreResources(
  actor: Principal | null,
  input: unknown,
  context: Context = {},
): Promise<BulkReport> {
  const ids = parseBulkIds(input);
  return runBulk(actor, ids, (id) => restoreOne(actor!, id, context));
}

import { getDb, type Tx } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { assertCan, type Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { getSecuritySettings } from "@/lib/auth/security-settings";
import { conflict, forbidden, notFound, unauthenticated } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import { parseBulkIds, runBulk, type BulkReport } from "@/lib/library/bulk";

// 彻底删除: the system administrator removes items that have been in the 回收站 longer than the
// retention period the security administrator sets (三员分立). Only what belongs to the item alone
// goes: its revisions, working copies, its own relations and placements, and reviews nobody
// signed. Anything that is a record of accountability keeps the item: a publication (even
// withdrawn), a sign-off or override of a review, a relation another item holds to it. Audit
// events are never deleted (they are append-only); the purge itself is one of them.

type Context = Partial<RequestContext>;

const DAY_MS = 86_400_000;

/** When an item trashed at `trashedAt` may be purged. */
export function purgeableFrom(trashedAt: Date, retentionDays: number): Date {
  return new Date(trashedAt.getTime() + retentionDays * DAY_MS);
}

/** Why the item must be kept, or null when nothing but the item itself would go. */
export async function keepBar(tx: Tx, resourceId: string): Promise<string | null> {
  const [published, signed, related] = await Promise.all([
    tx.publication.count({ where: { resourceId } }),
    tx.reviewInstance.count({
      where: { resourceId, OR: [{ signOffs: { some: {} } }, { overrides: { some: {} } }] },
    }),
    tx.resourceRelation.count({ where: { toId: resourceId, fromId: { not: resourceId } } }),
  ]);
  if (published) return "该稿件曾经发布，发布与撤稿记录须保留，不能彻底删除。";
  if (signed) return "该稿件有审核签署记录（责任记录须保留），不能彻底删除。";
  if (related) return "其他稿件关联了该稿件（修订、废止、解读或依据），请先解除关联再彻底删除。";
  return null;
}

async function purgeOne(
  actor: Principal,
  role: string,
  resourceId: string,
  retentionDays: number,
  context: Context,
): Promise<string> {
  const now = new Date();
  await getDb().$transaction(async (tx) => {
    await tx.$queryRaw`select id from "Resource" where id = ${resourceId}::uuid for update`;
    const resource = await tx.resource.findUnique({ where: { id: resourceId } });
    if (!resource) throw notFound("稿件不存在或已被彻底删除。");
    if (!resource.trashedAt) throw conflict("只能彻底删除回收站中的稿件。");
    const from = purgeableFrom(resource.trashedAt, retentionDays);
    if (from > now)
      throw conflict(
        `该稿件于 ${formatDateTime(resource.trashedAt)} 移入回收站，须保留 ${retentionDays} 天，${formatDateTime(from)} 后方可彻底删除。`,
      );
    const bar = await keepBar(tx, resourceId);
    if (bar) throw conflict(bar);
    const revisions = await tx.revision.findMany({
      where: { resourceId },
      orderBy: { number: "asc" },
      select: { number: true, contentHash: true },
    });
    // The revision trigger lets this transaction, and only for this trashed item, delete revisions.
    await tx.$executeRaw`select set_config('tongyuan.purge_resource', ${resourceId}, true)`;
    const instances = { instance: { resourceId } };
    await tx.reviewComment.deleteMany({ where: instances });
    await tx.publicationSchedule.deleteMany({ where: instances });
    await tx.reviewInstance.deleteMany({ where: { resourceId } });
    await tx.workingDraft.deleteMany({ where: { resourceId } });
    await tx.resourceRelation.deleteMany({ where: { fromId: resourceId } });
    await tx.policyValidityChange.deleteMany({ where: { resourceId } });
    await tx.channelPlacement.deleteMany({ where: { resourceId } });
    await tx.placement.deleteMany({ where: { resourceId } });
    // 答问库: a purged 答问 takes its entry along; a purged policy draft, the links to it.
    await tx.qaPolicyLink.deleteMany({ where: { OR: [{ entryId: resourceId }, { policyId: resourceId }] } });
    await tx.qaEntry.deleteMany({ where: { resourceId } });
    await tx.revision.deleteMany({ where: { resourceId } });
    await tx.resource.delete({ where: { id: resourceId } });
    await recordAudit(tx, {
      actorId: actor.id,
      role,
      action: "resource.purge",
      subject: `resource:${resourceId}`,
      data: {
        title: resource.title,
        kind: resource.kind,
        ownerOrgId: resource.ownerOrgId,
        indexNumber: resource.indexNumber,
        trashedAt: resource.trashedAt.toISOString(),
        trashedById: resource.trashedById,
        retentionDays,
        revisions,
      },
      ...context,
    });
  });
  return "已彻底删除。";
}

/** 彻底删除 the selected items of the 回收站 (system administrator, after the retention period). */
export async function purgeResources(
  actor: Principal | null,
  input: unknown,
  context: Context = {},
): Promise<BulkReport> {
  if (!actor) throw unauthenticated();
  const ids = parseBulkIds(input);
  let role: string;
  try {
    role = await assertCan(actor, "resource.purge", "platform");
  } catch {
    throw forbidden("只有系统管理员可以彻底删除回收站中的稿件。");
  }
  const { trashRetentionDays } = await getSecuritySettings();
  return runBulk(actor, ids, (id) => purgeOne(actor, role, id, trashRetentionDays, context), { everyUnit: true });
}

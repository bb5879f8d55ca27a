import { z } from "zod";
import { getDb, type Tx } from "@/lib/db/client";
import { assertCan, type Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { conflict, notFound, unauthenticated } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { loadVisibleResource, saveRevision } from "@/lib/library/resources";
import { ZStoredRevisionMetadata } from "@/lib/library/metadata";

// 恢复此版本: an old revision's content (title, body, metadata) saved again as a NEW revision.
// History is never rewritten; the restore is audited as such. While a review runs on the item,
// or an approved text waits to be published, the restore is refused: it would silently replace
// what reviewers are signing or have signed.

export const ZRestoreRevision = z.object({
  resourceId: z.uuid("稿件不存在"),
  number: z.coerce.number({ message: "请选择要恢复的版本" }).int().min(1, "请选择要恢复的版本"),
  /** The version the person saw when choosing: a save since then is a conflict, as for any edit. */
  baseVersion: z.coerce.number().int().min(1),
});

/** Why the item may not be restored now, checked under the resource's row lock. */
async function assertRestorable(tx: Tx, resourceId: string) {
  const blocking = await tx.reviewInstance.findFirst({
    where: { resourceId, OR: [{ status: "IN_PROGRESS" }, { status: "APPROVED", publication: { is: null } }] },
    select: { status: true },
  });
  if (blocking?.status === "IN_PROGRESS") {
    throw conflict("该稿件正在审核中，不能恢复旧版本。如需恢复，请先撤回审核。");
  }
  if (blocking) throw conflict("该稿件已审核通过、等待发布，不能恢复旧版本。请先发布或取消该次审核。");
}

export async function restoreRevision(actor: Principal | null, input: unknown, context: Partial<RequestContext> = {}) {
  if (!actor) throw unauthenticated();
  const { resourceId, number, baseVersion } = parseInput(ZRestoreRevision, input, "请选择要恢复的版本。");
  const resource = await loadVisibleResource(actor, resourceId);
  await assertCan(actor, "resource.edit", { orgId: resource.ownerOrgId });
  const old = await getDb().revision.findUnique({
    where: { resourceId_number: { resourceId, number } },
    select: { number: true, title: true, body: true, metadata: true },
  });
  if (!old) throw notFound("所选的修订版本不存在。");
  if (old.number === resource.version) throw conflict(`第 ${old.number} 版已是当前版本，无需恢复。`);
  const saved = await saveRevision(
    actor,
    {
      resourceId,
      baseVersion,
      title: old.title,
      body: old.body,
      metadata: ZStoredRevisionMetadata.parse(old.metadata),
    },
    context,
    { guard: (tx) => assertRestorable(tx, resourceId), restoredFrom: old.number },
  );
  return { ...saved, restoredFrom: old.number };
}

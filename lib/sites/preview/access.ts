import type { Db } from "@/lib/db/client";
import { findGrantingRole, type Principal } from "@/lib/auth/permissions";
import { getOrgTree } from "@/lib/org/tree";
import { forbidden, notFound, unauthenticated } from "@/lib/errors";
import { loadSignerFacts, loadUnitFacts, signableFor } from "@/lib/review/eligibility";
import { ZStages } from "@/lib/review/stages";

// Who may see a draft in a site's template: the editors and reviewers of that resource. The
// permission table names them (`resource.preview`: the unit's editors, information officers and
// the reviewing roles of its unit); a person who may sign a stage of the item's running review, or
// has signed one, is its reviewer too, whatever role the workflow gave that stage. Everyone else
// — an editor of another unit, a reviewer of some other unit's review — is refused.

export const PREVIEW_REFUSED = "您不是该稿件的编辑或审核人员，不能预览。";
export const PREVIEW_TRASHED = "该稿件已移入回收站，恢复后才能预览。";

/** The role that lets `actor` preview the resource (recorded with an issued link); refuses otherwise. */
export async function assertMayPreview(
  db: Db,
  actor: Principal | null,
  resource: { id: string; ownerOrgId: string; trashedAt: Date | null },
): Promise<string> {
  if (!actor) throw unauthenticated();
  if (actor.pendingObligation) throw forbidden(actor.pendingObligation);
  // An item in the 回收站 is not worked on: no preview until it is restored.
  if (resource.trashedAt) throw notFound(PREVIEW_TRASHED);
  const lineage = (await getOrgTree()).lineage(resource.ownerOrgId);
  const role = findGrantingRole(actor, "resource.preview", { orgId: resource.ownerOrgId }, lineage);
  if (role) return role;
  const running = await db.reviewInstance.findFirst({
    where: { resourceId: resource.id, status: "IN_PROGRESS" },
    select: { stages: true, signOffs: { select: { userId: true, role: true } } },
  });
  if (running) {
    const signed = running.signOffs.find((signOff) => signOff.userId === actor.id);
    if (signed) return signed.role;
    const [unit, signer] = await Promise.all([loadUnitFacts(db, resource.ownerOrgId), loadSignerFacts(db, actor.id)]);
    for (const stage of ZStages.parse(running.stages)) {
      const signature = signableFor(signer, unit, stage, [])[0];
      if (signature) return signature.role;
    }
  }
  throw forbidden(PREVIEW_REFUSED);
}

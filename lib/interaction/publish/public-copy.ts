import type { Db, Tx } from "@/lib/db/client";

// Where a letter's public copy (留言答复) stands: published, under review (or approved and about to
// be published), or sent back by its review, when the handler may select the letter again with
// other masks (a new revision of the same item).

export type PublicCopyState = "PUBLISHED" | "IN_REVIEW" | "RETURNED";

export async function loadPublicCopyState(db: Db | Tx, resourceId: string): Promise<PublicCopyState> {
  const [published, reviewing] = await Promise.all([
    db.publication.count({ where: { resourceId, withdrawnAt: null, supersededAt: null } }),
    db.reviewInstance.count({
      where: { resourceId, OR: [{ status: "IN_PROGRESS" }, { status: "APPROVED", publication: null }] },
    }),
  ]);
  if (published) return "PUBLISHED";
  return reviewing ? "IN_REVIEW" : "RETURNED";
}

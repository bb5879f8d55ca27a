import type { Db, Tx } from "@/lib/db/client";
import { invalid, notFound } from "@/lib/errors";

// What a review must know of publication before it opens: the order in which text may go
// public, the publication time a submitter may ask for, and the lock every path that changes a
// review and its publications takes first. Publishing (lib/publish) builds on the same rules.

export type LatestPublication = { revisionNumber: number; withdrawnAt: Date | null } | null;

/**
 * Why a revision may not go public given the resource's latest publication, or null. The public
 * never goes back to older text: a revision older than the latest publication is refused, and
 * after a withdrawal only a revision saved after it (and so reviewed after it) may be published.
 * Pure: the facts are passed in.
 */
export function publicationOrderBar(
  revision: { number: number; createdAt: Date },
  latest: LatestPublication,
): string | null {
  if (!latest) return null;
  if (revision.number < latest.revisionNumber)
    return `该修订版本（第 ${revision.number} 版）早于已发布的第 ${latest.revisionNumber} 版，不能发布。`;
  if (latest.withdrawnAt && revision.createdAt.getTime() <= latest.withdrawnAt.getTime()) {
    return "稿件已撤稿：只有撤稿后修改保存、并重新审核通过的修订版本才能发布。";
  }
  return null;
}

/** The resource's latest publication (live, superseded or withdrawn), as publicationOrderBar reads it. */
export async function loadLatestPublication(db: Tx | Db, resourceId: string): Promise<LatestPublication> {
  const latest = await db.publication.findFirst({
    where: { resourceId },
    orderBy: { publishedAt: "desc" },
    select: { withdrawnAt: true, revision: { select: { number: true } } },
  });
  return latest ? { revisionNumber: latest.revision.number, withdrawnAt: latest.withdrawnAt } : null;
}

/**
 * Locks the resource, then the review instance: every path that changes an instance and the
 * resource's publications (signing, publishing, scheduling, withdrawing, saving a revision) takes
 * the resource row first, so a withdrawal and a publication of the same item are serialized and
 * never deadlock.
 */
export async function lockResourceAndInstance(tx: Tx, instanceId: string) {
  const found = await tx.reviewInstance.findUnique({ where: { id: instanceId }, select: { resourceId: true } });
  if (!found) throw notFound();
  await tx.$queryRaw`select id from "Resource" where id = ${found.resourceId}::uuid for update`;
  await tx.$queryRaw`select id from "ReviewInstance" where id = ${instanceId}::uuid for update`;
  return found.resourceId;
}

/** A scheduled publication time must be at least a minute and at most a year ahead. */
export function validateRunAt(runAt: Date, now = new Date()): void {
  if (Number.isNaN(runAt.getTime())) throw invalid("发布时间格式不正确。", { publishAt: ["发布时间格式不正确"] });
  if (runAt.getTime() < now.getTime() + 60_000)
    throw invalid("定时发布的时间须晚于当前时间至少 1 分钟。", { publishAt: ["须晚于当前时间"] });
  if (runAt.getTime() > now.getTime() + 366 * 86_400_000)
    throw invalid("定时发布的时间不能超过一年。", { publishAt: ["不能超过一年"] });
}

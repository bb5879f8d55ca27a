import { getDb } from "@/lib/db/client";
import { createPermissionChecker, type Principal } from "@/lib/auth/permissions";
import { loadVisibleResource } from "@/lib/library/resources";
import { getColumnTree } from "@/lib/publish/column-tree";
import { loadLatestPublication, publicationOrderBar } from "@/lib/review/publication-order";
import { checkRevision } from "@/lib/review/revision-checks";
import { currentStage, ZStages } from "@/lib/review/stages";
import { publicationTimes } from "@/lib/publish/publication-times";
import { findSinglePageOverlaps } from "@/lib/publish/single-page-columns";

// What the editor page shows under the editor: where the item stands between library and
// public (review, approval, schedule, live publication, placements) and what this person may
// do next. The pre-checks of the latest revision are shown before submission too.

export async function getPublishingState(actor: Principal | null, resourceId: string) {
  const resource = await loadVisibleResource(actor, resourceId);
  const db = getDb();
  const can = await createPermissionChecker(actor);
  const subject = { orgId: resource.ownerOrgId };
  const [latest, reviews, live, placements, columns] = await Promise.all([
    db.revision.findFirst({ where: { resourceId }, orderBy: { number: "desc" } }),
    db.reviewInstance.findMany({
      where: { resourceId },
      orderBy: { submittedAt: "desc" },
      take: 20,
      include: {
        revision: { select: { number: true } },
        signOffs: true,
        publication: { select: { id: true, publishedAt: true, withdrawnAt: true, supersededAt: true } },
        schedules: { orderBy: { createdAt: "desc" }, take: 1 },
      },
    }),
    db.publication.findFirst({
      where: { resourceId, supersededAt: null },
      orderBy: { publishedAt: "desc" },
      include: { revision: { select: { number: true } } },
    }),
    db.placement.findMany({
      where: { resourceId },
      include: { column: { include: { site: { select: { name: true } } } } },
    }),
    getColumnTree(actor!, { ownerOrgId: resource.ownerOrgId }),
  ]);
  const open = reviews.find((review) => review.status === "IN_PROGRESS") ?? null;
  const approved = reviews.find((review) => review.status === "APPROVED" && !review.publication) ?? null;
  const findings = latest ? await checkRevision(db, latest, resource.kind) : [];
  // The columns the item shows in, or will once the running or approved review is published.
  const columnIds = [
    ...new Set([...placements.map((placement) => placement.columnId), ...((open ?? approved)?.columnIds ?? [])]),
  ];
  const singlePageOverlaps = await findSinglePageOverlaps(db, resourceId, columnIds);
  // Whether the latest revision could ever be published (not text from before a withdrawal).
  const publishable = latest
    ? publicationOrderBar(latest, await loadLatestPublication(db, resourceId)) === null
    : false;
  return {
    resource,
    latest: latest ? { number: latest.number, title: latest.title, contentHash: latest.contentHash } : null,
    findings,
    open: open
      ? {
          id: open.id,
          revision: open.revision.number,
          stage: currentStage(ZStages.parse(open.stages), open.flagged, open.signOffs)?.name ?? "",
        }
      : null,
    approved: approved
      ? {
          id: approved.id,
          revision: approved.revision.number,
          schedule: approved.schedules[0] ?? null,
          publishMode: approved.publishMode,
        }
      : null,
    live: live && !live.withdrawnAt ? { ...publicationTimes(live), revision: live.revision.number } : null,
    withdrawn: live?.withdrawnAt ? { at: live.withdrawnAt, reason: live.withdrawReason ?? "" } : null,
    /** What the 定时发布 field proposes: this time tomorrow. */
    defaultPublishAt: new Date(Date.now() + 86_400_000),
    placements: placements.map((placement) => ({
      id: placement.id,
      columnId: placement.columnId,
      column: placement.column.name,
      site: placement.column.site.name,
      pinned: placement.pinned,
      position: placement.position,
    })),
    singlePageOverlaps,
    canPlace: reviews.some((review) => review.status === "APPROVED") && can("placement.manage", subject),
    columns,
    reviews: reviews.map((review) => ({
      id: review.id,
      status: review.status,
      revision: review.revision.number,
      submittedAt: review.submittedAt,
      publishedAt: review.publication?.publishedAt ?? null,
      schedule: review.schedules[0]
        ? { status: review.schedules[0].status, runAt: review.schedules[0].runAt, error: review.schedules[0].error }
        : null,
    })),
    canSubmit: Boolean(
      latest &&
      !open &&
      publishable &&
      (live?.withdrawnAt || live?.revision.number !== latest.number) &&
      can("review.submit", subject),
    ),
    canPublish: can("publication.publish", subject),
    canWithdraw: Boolean(live && !live.withdrawnAt) && can("publication.withdraw", subject),
  };
}

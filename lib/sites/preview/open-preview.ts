import { getDb } from "@/lib/db/client";
import type { Principal } from "@/lib/auth/permissions";
import { forbidden, notFound, unauthenticated } from "@/lib/errors";
import { messages } from "@/lib/i18n/zh-CN";
import { findSiteById, livePublication } from "@/lib/sites/portal";
import { composePortalArticle } from "@/lib/sites/portal-article";
import { listRelatedOnSite } from "@/lib/sites/policies";
import { assertMayPreview } from "@/lib/sites/preview/access";
import { verifyPreviewToken } from "@/lib/sites/preview/token";

// Opening a draft-preview link: the token's revision rendered as the token's site shows an article
// in the token's column, assembled exactly as the public article page is (composePortalArticle),
// for a signed-in editor or reviewer of the resource. Nothing here reads or writes the portal's
// page cache, counts a visit or touches what search, feeds or sitemaps list.

const t = messages.preview;

export type PreviewBanner = {
  revisionNumber: number;
  /** The newest revision, when the link shows an older one. */
  newerRevision: number | null;
  /** 审核状态 of this revision. */
  status: string;
  contentHash: string;
  expiresAt: Date;
};

export async function openPreview(actor: Principal | null, token: unknown, now = new Date()) {
  const check = verifyPreviewToken(token, now);
  if (!check.ok) {
    throw check.reason === "expired" ? forbidden(t.expiredBody) : notFound(t.invalidBody);
  }
  if (!actor) throw unauthenticated();
  const { claims } = check;
  const db = getDb();
  const resource = await db.resource.findUnique({
    where: { id: claims.resourceId },
    include: { ownerOrg: { select: { name: true } } },
  });
  if (!resource) throw notFound();
  await assertMayPreview(db, actor, resource);
  const [revision, latest, site, review, live] = await Promise.all([
    db.revision.findFirst({ where: { id: claims.revisionId, resourceId: resource.id } }),
    db.revision.findFirst({
      where: { resourceId: resource.id },
      orderBy: { number: "desc" },
      select: { number: true },
    }),
    findSiteById(claims.siteId),
    db.reviewInstance.findFirst({
      where: { revisionId: claims.revisionId, resourceId: resource.id },
      orderBy: { submittedAt: "desc" },
      select: { status: true, publishAt: true, correctionNote: true },
    }),
    db.publication.findFirst({
      where: { ...livePublication, resourceId: resource.id },
      orderBy: { publishedAt: "desc" },
      select: { revisionId: true, publishedAt: true, firstPublishedAt: true },
    }),
  ]);
  if (!revision) throw notFound(t.revisionMismatch);
  const column = site?.columns.find((candidate) => candidate.id === claims.columnId);
  if (!site || !column) throw notFound();
  // When it would go public: its scheduled time, else now. A revision that replaces a live one
  // is shown as the correction it would be.
  const publishedAt = review?.publishAt ?? now;
  const isLive = live?.revisionId === revision.id;
  const correctionNote = live && !isLive ? (review?.correctionNote ?? null) : null;
  const [article, related] = await Promise.all([
    composePortalArticle(site, {
      resource,
      revision,
      publishedAt: isLive && live ? live.publishedAt : publishedAt,
      // A correction keeps the item's first 发布时间.
      firstPublishedAt: live ? (live.firstPublishedAt ?? live.publishedAt) : null,
      correctionNote,
      column,
    }),
    listRelatedOnSite(site.id, resource.id),
  ]);
  const banner: PreviewBanner = {
    revisionNumber: revision.number,
    newerRevision: latest && latest.number > revision.number ? latest.number : null,
    status: isLive ? t.live : review ? messages.reviewStatus[review.status] : t.notSubmitted,
    contentHash: revision.contentHash,
    expiresAt: claims.expiresAt,
  };
  return { site, article, related, banner };
}

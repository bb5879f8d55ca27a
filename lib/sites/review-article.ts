import { getDb } from "@/lib/db/client";
import { computeContentHash, type RichText } from "@/lib/library/content";
import { renderBodyHtml } from "@/lib/library/render-body";
import { diffText, type DiffSegment } from "@/lib/library/diff";
import { diffHtml } from "@/lib/library/html-diff";
import { isGovernmentTarget } from "@/lib/validation/url";
import type { ReviewView } from "@/lib/review/queries";
import { composePortalArticle } from "@/lib/sites/portal-article";
import type { PortalArticle } from "@/lib/sites/portal";
import { siteTheme } from "@/lib/sites/themes";

// What a reviewer signs, as the public will read it (DESIGN invariant 9): the revision under
// review rendered by the portal's own article renderer (composePortalArticle), on the site of the
// first column chosen for it, and the rendered difference from the version the public sees now.
// Everything is derived from the revision whose content hash the review is bound to; a revision
// whose stored text no longer matches that hash is not shown at all.

export type ReviewRendering =
  | {
      ok: true;
      article: PortalArticle;
      /** The site whose pages the rendering follows (its theme and column tree), if one was chosen. */
      site: { id: string; name: string; theme: string } | null;
      live: {
        article: PortalArticle;
        revisionNumber: number;
        /** The rendered article body with insertions and deletions marked (<ins>/<del>). */
        bodyDiff: string;
        titleDiff: DiffSegment[];
      } | null;
    }
  | { ok: false; message: string };

export const MISMATCH_MESSAGE = "送审版本的存储内容与审核绑定的内容指纹不一致，不能显示，请联系系统管理员核查。";

/** The site of the first chosen column (else of the item's first placement), as the portal loads it. */
async function reviewSite(resourceId: string, columnIds: string[]) {
  const db = getDb();
  const chosen = columnIds.length
    ? (await db.column.findMany({ where: { id: { in: columnIds } }, select: { id: true, siteId: true } })).sort(
        (a, b) => columnIds.indexOf(a.id) - columnIds.indexOf(b.id),
      )[0]
    : null;
  const placed = chosen
    ? null
    : await db.placement.findFirst({
        where: { resourceId },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: { columnId: true, column: { select: { siteId: true } } },
      });
  const siteId = chosen?.siteId ?? placed?.column.siteId;
  const columnId = chosen?.id ?? placed?.columnId;
  const platformHosts = (await db.siteHost.findMany({ select: { host: true } })).map((row) => row.host);
  if (!siteId) return { site: null, column: null, columns: [], platformHosts };
  const site = await db.site.findUniqueOrThrow({
    where: { id: siteId },
    include: { columns: { orderBy: { position: "asc" } } },
  });
  const columns = site.columns.map((column) => ({
    ...column,
    isGovernmentLink: column.linkUrl ? isGovernmentTarget(column.linkUrl, platformHosts) : false,
  }));
  return {
    site: { id: site.id, name: site.name, theme: siteTheme(site.theme).id },
    column: columns.find((column) => column.id === columnId) ?? null,
    columns,
    platformHosts,
  };
}

/** The revision under review rendered as the portal will show it, and its rendered diff from the live version. */
export async function renderReviewArticle(review: ReviewView, now = new Date()): Promise<ReviewRendering> {
  const { instance } = review;
  const db = getDb();
  const revision = await db.revision.findUniqueOrThrow({ where: { id: instance.revisionId } });
  const signed =
    revision.contentHash === instance.contentHash &&
    computeContentHash({ title: revision.title, body: revision.body as RichText, metadata: revision.metadata }) ===
      instance.contentHash &&
    renderBodyHtml(revision.body as RichText) === revision.bodyHtml;
  if (!signed) return { ok: false, message: MISMATCH_MESSAGE };

  const resource = await db.resource.findUniqueOrThrow({
    where: { id: instance.resourceId },
    include: { ownerOrg: { select: { name: true } } },
  });
  const { site, column, columns, platformHosts } = await reviewSite(instance.resourceId, instance.columnIds);
  const frame = { columns, platformHosts };
  const livePublication = await db.publication.findFirst({
    where: { resourceId: instance.resourceId, withdrawnAt: null, supersededAt: null, revisionId: { not: revision.id } },
    orderBy: { publishedAt: "desc" },
    include: { revision: true },
  });
  const article = await composePortalArticle(frame, {
    revision,
    resource,
    column,
    // Published: when it was; until then, when it is scheduled, or as if now.
    publishedAt: instance.publication?.publishedAt ?? instance.publishAt ?? now,
    // A correction keeps the item's first 发布时间 (lib/publish/publication-times.ts).
    firstPublishedAt: instance.publication
      ? instance.publication.firstPublishedAt
      : livePublication
        ? (livePublication.firstPublishedAt ?? livePublication.publishedAt)
        : null,
    correctionNote: instance.correctionNote,
  });

  const liveArticle = livePublication
    ? await composePortalArticle(frame, {
        revision: livePublication.revision,
        resource,
        column,
        publishedAt: livePublication.publishedAt,
        firstPublishedAt: livePublication.firstPublishedAt,
        correctionNote: livePublication.correctionNote,
      })
    : null;
  return {
    ok: true,
    article,
    site,
    live:
      liveArticle && livePublication
        ? {
            article: liveArticle,
            revisionNumber: livePublication.revision.number,
            bodyDiff: diffHtml(liveArticle.bodyHtml, article.bodyHtml),
            titleDiff: diffText(liveArticle.title, article.title),
          }
        : null,
  };
}

import { getDb } from "@/lib/db/client";
import { ZStoredRevisionMetadata, sourceLabel } from "@/lib/library/metadata";
import { cacheTag, tagPage } from "@/lib/cache/render-scope";
import { routeExternalLinks } from "@/lib/sites/leaving";
import {
  buildColumnTree,
  listSiteItems,
  livePublication,
  type PortalArticle,
  type PortalColumn,
  type PortalSite,
} from "@/lib/sites/portal";
import { extractAttachments } from "@/lib/publish/portal-links";
import { publicationTimes } from "@/lib/publish/publication-times";

// One item on the portal: its article page, the notice left where a withdrawn item was, and the
// single-page column that shows its latest item. Derived from the live publication only.

/** A published item as this site shows it; null when it is not live on this site. */
export async function getPortalArticle(site: PortalSite, resourceId: string): Promise<PortalArticle | null> {
  const db = getDb();
  // Tagged even when not found: publishing the item later must replace a cached "not found".
  tagPage(cacheTag.resource(resourceId));
  const publication = await db.publication.findFirst({
    where: { ...livePublication, resourceId, resource: { placements: { some: { column: { siteId: site.id } } } } },
    orderBy: { publishedAt: "desc" },
    include: {
      revision: true,
      resource: {
        include: {
          ownerOrg: { select: { name: true } },
          placements: { where: { column: { siteId: site.id } }, include: { column: true }, take: 1 },
        },
      },
    },
  });
  if (!publication) return null;
  const metadata = ZStoredRevisionMetadata.parse(publication.revision.metadata);
  const column = publication.resource.placements[0]?.column ?? null;
  const { validity, themeCode } = publication.resource;
  const [validityChange, theme] = await Promise.all([
    validity && validity !== "VALID"
      ? db.policyValidityChange.findFirst({
          where: { resourceId, to: validity },
          orderBy: { at: "desc" },
          select: { cause: true, at: true, causeResourceId: true },
        })
      : null,
    themeCode ? db.themeCategory.findUnique({ where: { code: themeCode }, select: { name: true } }) : null,
  ]);
  return {
    resourceId,
    kind: publication.resource.kind,
    title: publication.revision.title,
    bodyHtml: routeExternalLinks(publication.revision.bodyHtml, site.platformHosts),
    metadata,
    source: sourceLabel(metadata, publication.resource.ownerOrg.name),
    ...publicationTimes(publication),
    indexNumber: publication.resource.indexNumber,
    correction: publication.correctionNote ? { note: publication.correctionNote, at: publication.publishedAt } : null,
    column: column ? { id: column.id, name: column.name, slug: column.slug, kind: column.kind } : null,
    tree: buildColumnTree(site.columns),
    validity,
    validityNote: validityChange,
    themeName: theme?.name ?? null,
    attachments: extractAttachments(publication.revision.bodyHtml),
  };
}

/**
 * 撤稿 notice: where the public may have linked to an item that was withdrawn from this site,
 * the page says so (and when) instead of a bare "not found". The reason stays internal.
 */
export async function getWithdrawalNotice(site: PortalSite, resourceId: string) {
  tagPage(cacheTag.resource(resourceId));
  const publication = await getDb().publication.findFirst({
    where: { resourceId, resource: { placements: { some: { column: { siteId: site.id } } } } },
    orderBy: { publishedAt: "desc" },
    select: { withdrawnAt: true, revision: { select: { title: true } } },
  });
  if (!publication?.withdrawnAt) return null;
  return {
    title: publication.revision.title,
    withdrawnAt: publication.withdrawnAt,
    tree: buildColumnTree(site.columns),
  };
}

/** A single-page column (单页, e.g. 机构概况) shows the latest item placed in it. */
export async function getSinglePage(site: PortalSite, column: PortalColumn) {
  const { items } = await listSiteItems(site.id, { columnIds: [column.id], take: 1 });
  return items[0] ? getPortalArticle(site, items[0].resourceId) : null;
}

import { getDb } from "@/lib/db/client";
import type { ColumnKind } from "@/lib/db/generated/client";
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
  return portalArticleFrom(site, {
    resource: publication.resource,
    revision: publication.revision,
    publishedAt: publication.publishedAt,
    correction: publication.correctionNote ? { note: publication.correctionNote, at: publication.publishedAt } : null,
    column: publication.resource.placements[0]?.column ?? null,
  });
}

/**
 * One revision of an item as `site` shows it in `column`: what the article page renders. The
 * public page passes its live publication; the draft preview (lib/sites/preview) a revision
 * under work, so both go through the same assembly and the same page components.
 */
export async function portalArticleFrom(
  site: PortalSite,
  input: {
    resource: {
      id: string;
      kind: PortalArticle["kind"];
      indexNumber: string | null;
      validity: PortalArticle["validity"];
      themeCode: string | null;
      ownerOrg: { name: string };
    };
    revision: { title: string; bodyHtml: string; metadata: unknown };
    publishedAt: Date;
    correction: PortalArticle["correction"];
    column: { id: string; name: string; slug: string; kind: ColumnKind } | null;
  },
): Promise<PortalArticle> {
  const db = getDb();
  const { resource, revision, column } = input;
  const resourceId = resource.id;
  const metadata = ZStoredRevisionMetadata.parse(revision.metadata);
  const { validity, themeCode } = resource;
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
    kind: resource.kind,
    title: revision.title,
    bodyHtml: routeExternalLinks(revision.bodyHtml, site.platformHosts),
    metadata,
    source: sourceLabel(metadata, resource.ownerOrg.name),
    publishedAt: input.publishedAt,
    indexNumber: resource.indexNumber,
    correction: input.correction,
    column: column ? { id: column.id, name: column.name, slug: column.slug, kind: column.kind } : null,
    tree: buildColumnTree(site.columns),
    validity,
    validityNote: validityChange,
    themeName: theme?.name ?? null,
    attachments: extractAttachments(revision.bodyHtml),
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

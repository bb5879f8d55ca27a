import { getDb } from "@/lib/db/client";
import type { ColumnKind, PolicyValidity, ResourceKind } from "@/lib/db/generated/client";
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
import { dutyLines, institutionRows } from "@/lib/library/kinds";

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
      // Not the Tiptap JSON body: the page shows the sanitized HTML rendered from it.
      revision: { select: { title: true, bodyHtml: true, metadata: true } },
      resource: {
        include: {
          ownerOrg: { select: { name: true } },
          placements: { where: { column: { siteId: site.id } }, include: { column: true }, take: 1 },
        },
      },
    },
  });
  if (!publication) return null;
  return composePortalArticle(site, {
    revision: publication.revision,
    resource: publication.resource,
    column: publication.resource.placements[0]?.column ?? null,
    publishedAt: publication.publishedAt,
    firstPublishedAt: publication.firstPublishedAt,
    correctionNote: publication.correctionNote,
  });
}

export type ArticleInput = {
  revision: { title: string; bodyHtml: string; metadata: unknown };
  resource: {
    id: string;
    kind: ResourceKind;
    indexNumber: string | null;
    validity: PolicyValidity | null;
    themeCode: string | null;
    ownerOrg: { name: string };
  };
  column: { id: string; name: string; slug: string; kind: ColumnKind } | null;
  /** This publication's time; for a correction, firstPublishedAt is the item's first (发布时间). */
  publishedAt: Date;
  firstPublishedAt?: Date | null;
  correctionNote: string | null;
};

/**
 * The portal's article of one revision, as `site` shows it: the one place stored content becomes
 * what the public reads. The portal page and the review page (lib/sites/review-article.ts) both
 * use it, so a reviewer reads exactly what will be published.
 */
export async function composePortalArticle(
  site: Pick<PortalSite, "columns" | "platformHosts">,
  input: ArticleInput,
): Promise<PortalArticle> {
  const db = getDb();
  const resourceId = input.resource.id;
  const metadata = ZStoredRevisionMetadata.parse(input.revision.metadata);
  const column = input.column;
  const { validity, themeCode } = input.resource;
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
    kind: input.resource.kind,
    title: input.revision.title,
    bodyHtml: routeExternalLinks(input.revision.bodyHtml, site.platformHosts),
    metadata,
    source: sourceLabel(metadata, input.resource.ownerOrg.name),
    ...publicationTimes({ publishedAt: input.publishedAt, firstPublishedAt: input.firstPublishedAt ?? null }),
    indexNumber: input.resource.indexNumber,
    correction: input.correctionNote ? { note: input.correctionNote, at: input.publishedAt } : null,
    column: column ? { id: column.id, name: column.name, slug: column.slug, kind: column.kind } : null,
    tree: buildColumnTree(site.columns),
    validity,
    validityNote: validityChange,
    themeName: theme?.name ?? null,
    attachments: extractAttachments(input.revision.bodyHtml),
    leader: metadata.leader
      ? {
          name: metadata.leader.name,
          post: metadata.leader.post,
          duties: dutyLines(metadata.leader.duties),
          photo: metadata.leader.photo ?? null,
        }
      : null,
    institution: metadata.institution ? institutionRows(metadata.institution) : [],
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

/**
 * A single-page column (单页, e.g. 机构概况, 关于本站) shows the item placed in it most recently
 * published; the back office warns when a second live item is placed there (lib/publish/state.ts).
 */
export async function getSinglePage(site: PortalSite, column: Pick<PortalColumn, "id">) {
  const { items } = await listSiteItems(site.id, { columnIds: [column.id], take: 1 });
  return items[0] ? getPortalArticle(site, items[0].resourceId) : null;
}

import type { Db, Tx } from "@/lib/db/client";
import type { ResourceKind } from "@/lib/db/generated/client";
import { getEnv } from "@/lib/env";
import { ZStoredRevisionMetadata, sourceLabel, type TRevisionMetadata } from "@/lib/library/metadata";
import { contentPath, primaryHost } from "@/lib/publish/portal-links";
import { correctedAt, firstPublishedAt } from "@/lib/publish/publication-times";
import type { RenditionSource } from "@/lib/channels/renditions/types";

// ───────────────────────── loading the source ─────────────────────────

function isLocalHost(host: string): boolean {
  return host === "localhost" || host.endsWith(".localhost") || /^127\.\d+\.\d+\.\d+$/.test(host) || host === "[::1]";
}

/**
 * The absolute address of a page on a site host. Outside a request there is no scheme to copy:
 * the configured public URL's when it names this host, plain http with the app's port for local
 * hosts (the embedded demo), https for every public government site.
 */
export function absoluteSiteUrl(host: string, path: string): string {
  const env = getEnv();
  if (env.AUTH_URL) {
    const configured = new URL(env.AUTH_URL);
    if (configured.hostname === host) return `${configured.origin}${path}`;
  }
  return isLocalHost(host) ? `http://${host}:${env.PORT}${path}` : `https://${host}${path}`;
}

/**
 * The portal page of an item: its first placement's site (or, before it is placed, the first
 * column chosen for it in review), that site's first host.
 */
async function portalUrlOf(db: Db | Tx, resourceId: string, chosenColumnIds: string[] = []): Promise<string | null> {
  const placement = await db.placement.findFirst({
    where: { resourceId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { column: { select: { siteId: true } } },
  });
  const chosen =
    placement || chosenColumnIds.length === 0
      ? null
      : (await db.column.findMany({ where: { id: { in: chosenColumnIds } }, select: { id: true, siteId: true } })).sort(
          (a, b) => chosenColumnIds.indexOf(a.id) - chosenColumnIds.indexOf(b.id),
        )[0];
  const siteId = placement?.column.siteId ?? chosen?.siteId;
  if (!siteId) return null;
  const host = await primaryHost(siteId, db);
  return host ? absoluteSiteUrl(host, contentPath(resourceId)) : null;
}

/** The platform's public origin: the first site's first host. */
async function platformOrigin(db: Db | Tx): Promise<string | null> {
  const site = await db.site.findFirst({ orderBy: { position: "asc" }, select: { id: true } });
  const host = site ? await primaryHost(site.id, db) : null;
  return host ? absoluteSiteUrl(host, "/") : null;
}

type RevisionRow = {
  resourceId: string;
  title: string;
  bodyHtml: string;
  metadata: unknown;
  contentHash: string;
  resource: { kind: ResourceKind; ownerOrg: { name: string } };
};

const revisionSelect = {
  resourceId: true,
  title: true,
  bodyHtml: true,
  metadata: true,
  contentHash: true,
  resource: { select: { kind: true, ownerOrg: { select: { name: true } } } },
} as const;

/** Metadata as validated by lib/library; older rows missing newer defaults still parse. */
function parseMetadata(value: unknown): TRevisionMetadata {
  const parsed = ZStoredRevisionMetadata.safeParse(value);
  if (parsed.success) return parsed.data;
  const summary = (value as { summary?: unknown } | null)?.summary;
  return {
    summary: typeof summary === "string" ? summary : undefined,
    source: { type: "original" },
    keywords: [],
    disclosure: { type: "proactive" },
    relations: [],
  };
}

async function sourceFromRevision(
  db: Db | Tx,
  revision: RevisionRow,
  publication: { publishedAt: Date; firstPublishedAt: Date | null; correctionNote: string | null } | null,
  chosenColumnIds: string[] = [],
): Promise<RenditionSource> {
  const metadata = parseMetadata(revision.metadata);
  return {
    resourceId: revision.resourceId,
    kind: revision.resource.kind,
    title: revision.title,
    bodyHtml: revision.bodyHtml,
    metadata,
    contentHash: revision.contentHash,
    // 发布时间 stays the first publication's across corrections; a correction's own is 更新时间.
    publishedAt: publication ? firstPublishedAt(publication) : null,
    updatedAt: publication ? correctedAt(publication) : null,
    sourceName: sourceLabel(metadata, revision.resource.ownerOrg.name),
    portalUrl: await portalUrlOf(db, revision.resourceId, chosenColumnIds),
    assetBase: await platformOrigin(db),
    correctionNote: publication?.correctionNote ?? null,
    qaThemeNames: await qaThemeNames(db, metadata.qa?.themes ?? []),
  };
}

/** The names of a 答问's themes (a channel shows 社会保障, not social-security). */
async function qaThemeNames(db: Db | Tx, codes: string[]): Promise<Record<string, string>> {
  if (codes.length === 0) return {};
  const themes = await db.qaTheme.findMany({ where: { code: { in: codes } }, select: { code: true, name: true } });
  return Object.fromEntries(themes.map((theme) => [theme.code, theme.name]));
}

/** What a publication's deliveries carry: its revision, as published. */
export async function loadRenditionSource(db: Db | Tx, publicationId: string): Promise<RenditionSource> {
  const publication = await db.publication.findUnique({
    where: { id: publicationId },
    select: { publishedAt: true, firstPublishedAt: true, correctionNote: true, revision: { select: revisionSelect } },
  });
  if (!publication) throw new Error(`Publication ${publicationId} not found`);
  return sourceFromRevision(db, publication.revision, publication);
}

/**
 * A revision not (yet) published, for previews before submission and during review (where the
 * columns chosen for it stand in for placements it does not have yet).
 */
export async function renditionSourceForRevision(
  db: Db | Tx,
  revisionId: string,
  chosenColumnIds: string[] = [],
): Promise<RenditionSource> {
  const revision = await db.revision.findUnique({ where: { id: revisionId }, select: revisionSelect });
  if (!revision) throw new Error(`Revision ${revisionId} not found`);
  return sourceFromRevision(db, revision, null, chosenColumnIds);
}

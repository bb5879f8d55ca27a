import { getDb } from "@/lib/db/client";
import type { Column, ColumnKind, PolicyValidity, ResourceKind, Site } from "@/lib/db/generated/client";
import { ZStoredRevisionMetadata, sourceLabel, type TRevisionMetadata, type TTitleImage } from "@/lib/library/metadata";
import { publicationTimes } from "@/lib/publish/publication-times";
import { cacheTag, sharedRead, tagPage } from "@/lib/cache/render-scope";
import { isGovernmentTarget } from "@/lib/validation/url";
import { kindSummary } from "@/lib/library/kinds";
import { chinaToday } from "@/lib/time/china";

// Portal reads. The public sees only live publications (not withdrawn) of resources placed in the
// site's columns; every item is derived from one published revision (DESIGN invariant 1).
// Sites, column trees and listings are here; one item's page is in lib/sites/portal-article.ts.

export type PortalSite = NonNullable<Awaited<ReturnType<typeof findSiteByHost>>>;

/** Host header → site. Unknown hosts are served by the platform's first site. */
export async function findSiteByHost(hostHeader: string | null) {
  const host = normalizeHost(hostHeader);
  // Every uncached page and search asks; the portal server shares the answer until a purge.
  const site = await sharedRead(`site-by-host:${host ?? ""}`, () => loadSiteByHost(host));
  if (site) tagPage(cacheTag.site(site.id));
  return site;
}

async function loadSiteByHost(host: string | null) {
  const db = getDb();
  const include = { org: { select: { name: true } }, columns: { orderBy: { position: "asc" as const } } };
  const claimed = host ? await db.site.findFirst({ where: { hosts: { some: { host } } }, include }) : null;
  const site = claimed ?? (await db.site.findFirst({ orderBy: { position: "asc" }, include }));
  if (!site) return null;
  return withLinkTargets(site);
}

/** A site by id, as portal pages see it (the draft preview renders in a site chosen by its link). */
export async function findSiteById(siteId: string): Promise<PortalSite | null> {
  const include = { org: { select: { name: true } }, columns: { orderBy: { position: "asc" as const } } };
  const site = await getDb().site.findUnique({ where: { id: siteId }, include });
  return site ? withLinkTargets(site) : null;
}

async function withLinkTargets(site: Site & { org: { name: string }; columns: Column[] }) {
  const db = getDb();
  // Links to government sites (*.gov.cn and the platform's own) are direct; link columns to other
  // sites go through the leaving notice at /columns/<slug>, body links through /leaving.
  const platformHosts = (await db.siteHost.findMany({ select: { host: true } })).map((row) => row.host);
  return {
    ...site,
    platformHosts,
    columns: site.columns.map((column) => ({
      ...column,
      isGovernmentLink: column.linkUrl ? isGovernmentTarget(column.linkUrl, platformHosts) : false,
    })),
  };
}

export function normalizeHost(hostHeader: string | null): string | null {
  if (!hostHeader) return null;
  const host = hostHeader.trim().toLowerCase();
  // [::1]:3000 → [::1]; example.gov.cn:443 → example.gov.cn
  const withoutPort = host.startsWith("[") ? host.slice(0, host.indexOf("]") + 1) : host.replace(/:\d+$/, "");
  return withoutPort || null;
}

export type PortalColumn = {
  id: string;
  name: string;
  slug: string;
  kind: ColumnKind;
  linkUrl: string | null;
  /** The link target is a government site (or a local path): linked directly, no leaving notice. */
  isGovernmentLink: boolean;
  /** In the main navigation and a home block; footer pages (关于本站 …) are not. */
  nav: boolean;
  children: PortalColumn[];
};

export function buildColumnTree(
  columns: {
    id: string;
    parentId: string | null;
    name: string;
    slug: string;
    kind: ColumnKind;
    linkUrl: string | null;
    isGovernmentLink?: boolean;
    nav?: boolean;
  }[],
): PortalColumn[] {
  const byParent = new Map<string | null, typeof columns>();
  for (const column of columns) byParent.set(column.parentId, [...(byParent.get(column.parentId) ?? []), column]);
  const build = (parentId: string | null): PortalColumn[] =>
    (byParent.get(parentId) ?? []).map((column) => ({
      id: column.id,
      name: column.name,
      slug: column.slug,
      kind: column.kind,
      linkUrl: column.linkUrl,
      isGovernmentLink: column.isGovernmentLink ?? false,
      nav: column.nav ?? true,
      children: build(column.id),
    }));
  return build(null);
}

export type PortalItem = {
  resourceId: string;
  kind: ResourceKind;
  title: string;
  /** 发布时间: when the item was first published (a correction keeps it). */
  publishedAt: Date;
  /** 更新时间 of a corrected item. */
  updatedAt?: Date | null;
  docNumber: string | null;
  columnIds: string[];
  /** 标题图片 for focus-image blocks, with its focal point. */
  titleImage?: TTitleImage | null;
  /** 外链: the item's page sends the visitor there. */
  externalUrl?: string | null;
  /** 置顶 in the column being shown. */
  pinned?: boolean;
};

/** The publication the public sees: neither withdrawn nor replaced by a correction. */
export const livePublication = { withdrawnAt: null, supersededAt: null };

/**
 * A 答问 outside its 有效期 on the China day `today` is published but not served (lib/interaction/qa):
 * no list, home block or sitemap shows it. The daily sweep purges the pages when a validity
 * begins or ends, since no publication announces that.
 */
export function notServedQa(today = chinaToday()) {
  const day = new Date(`${today}T00:00:00Z`);
  // `not: null` keeps an open end from making the whole condition unknown (SQL nulls).
  return {
    qaEntry: { OR: [{ validTo: { not: null, lt: day } }, { validFrom: { not: null, gt: day } }] },
  };
}

/** Latest live items placed anywhere in the site, newest first. */
export async function listSiteItems(
  siteId: string,
  options: {
    columnIds?: string[];
    take: number;
    skip?: number;
    excludeResourceIds?: string[];
    onlyResourceIds?: string[];
    kinds?: ResourceKind[];
    withTotal?: boolean;
  },
) {
  const db = getDb();
  const where = {
    ...livePublication,
    resourceId: {
      ...(options.excludeResourceIds?.length ? { notIn: options.excludeResourceIds } : {}),
      ...(options.onlyResourceIds ? { in: options.onlyResourceIds } : {}),
    },
    resource: {
      ...(options.kinds ? { kind: { in: options.kinds } } : {}),
      NOT: notServedQa(),
      placements: {
        some: options.columnIds ? { columnId: { in: options.columnIds } } : { column: { siteId } },
      },
    },
  };
  // Counting scans every match: only paginated lists ask for it.
  const [total, publications] = await Promise.all([
    options.withTotal ? db.publication.count({ where }) : null,
    db.publication.findMany({
      where,
      orderBy: [{ publishedAt: "desc" }, { id: "asc" }],
      take: options.take,
      skip: options.skip ?? 0,
      select: {
        publishedAt: true,
        firstPublishedAt: true,
        revision: { select: { title: true, metadata: true } },
        resource: {
          select: { id: true, kind: true, placements: { where: { column: { siteId } }, select: { columnId: true } } },
        },
      },
    }),
  ]);
  // A fixed set of items changes only when one of them does; a listing changes with its columns.
  if (options.onlyResourceIds) tagPage(...options.onlyResourceIds.map(cacheTag.resource));
  else tagPage(...(options.columnIds ? options.columnIds.map(cacheTag.column) : [cacheTag.listing(siteId)]));
  tagPage(...publications.map((publication) => cacheTag.resource(publication.resource.id)));
  const items: PortalItem[] = publications.map((publication) => {
    const metadata = ZStoredRevisionMetadata.safeParse(publication.revision.metadata);
    return {
      resourceId: publication.resource.id,
      kind: publication.resource.kind,
      title: publication.revision.title,
      ...publicationTimes(publication),
      docNumber: metadata.success ? (metadata.data.policy?.docNumber ?? null) : null,
      columnIds: publication.resource.placements.map((placement) => placement.columnId),
      titleImage: metadata.success ? (metadata.data.titleImage ?? null) : null,
      externalUrl: metadata.success ? (metadata.data.externalUrl ?? null) : null,
    };
  });
  return { total, items };
}

/** What the home page shows: the column tree, and latest items per top-level column. */
export async function getPortalHome(site: PortalSite) {
  const tree = buildColumnTree(site.columns);
  const { items: latest } = await listSiteItems(site.id, { take: 8 });
  const blocks = await Promise.all(
    tree
      .filter(
        (column) => column.nav && column.kind !== "LINK" && column.kind !== "INTERACTION" && column.kind !== "SEARCH",
      )
      .map(async (column) => {
        const columnIds = [column.id, ...descendantIds(column)];
        const { items } = await listSiteItems(site.id, { columnIds, take: 6 });
        return { column, items };
      }),
  );
  const [{ items: policies }, { items: interpretations }] = await Promise.all([
    listSiteItems(site.id, { kinds: ["POLICY"], take: 6 }),
    listSiteItems(site.id, { kinds: ["INTERPRETATION"], take: 6 }),
  ]);
  // 办事服务 entries: the site's link, interaction and search columns.
  const services = site.columns.filter(
    (column) => column.kind === "LINK" || column.kind === "INTERACTION" || column.kind === "SEARCH",
  );
  return { tree, latest, blocks, policies, interpretations, services };
}

export function descendantIds(column: PortalColumn): string[] {
  return column.children.flatMap((child) => [child.id, ...descendantIds(child)]);
}

/** One column page with its items, paginated. Null when the site has no such column. */
export async function getColumnPage(site: PortalSite, slug: string, page: number, pageSize = 20) {
  const tree = buildColumnTree(site.columns);
  const column = findColumn(tree, slug);
  if (!column) return null;
  // 置顶: pinned items of this column lead its first page, by their position; the rest follow
  // newest first.
  const pinned = await getDb().placement.findMany({
    where: {
      columnId: column.id,
      pinned: true,
      resource: { publications: { some: livePublication }, NOT: notServedQa() },
    },
    orderBy: [{ position: "asc" }, { createdAt: "desc" }],
    select: { resourceId: true },
  });
  const pinnedIds = pinned.map((placement) => placement.resourceId);
  const [{ items: pinnedItems }, { total, items }] = await Promise.all([
    page === 1 && pinnedIds.length
      ? listSiteItems(site.id, { columnIds: [column.id], take: pinnedIds.length, onlyResourceIds: pinnedIds })
      : { items: [] as PortalItem[] },
    listSiteItems(site.id, {
      columnIds: [column.id, ...descendantIds(column)],
      take: pageSize,
      skip: (page - 1) * pageSize,
      excludeResourceIds: pinnedIds,
      withTotal: true,
    }),
  ]);
  const ordered = pinnedIds.flatMap((id) =>
    pinnedItems.filter((item) => item.resourceId === id).map((item) => ({ ...item, pinned: true })),
  );
  const count = total ?? 0;
  return {
    tree,
    column,
    items: [...ordered, ...items],
    total: count + pinnedIds.length,
    pageCount: Math.max(1, Math.ceil(count / pageSize)),
  };
}

export function findColumn(tree: PortalColumn[], slug: string): PortalColumn | null {
  for (const column of tree) {
    if (column.slug === slug) return column;
    const found = findColumn(column.children, slug);
    if (found) return found;
  }
  return null;
}

export type PortalArticle = {
  resourceId: string;
  kind: ResourceKind;
  title: string;
  bodyHtml: string;
  metadata: TRevisionMetadata;
  source: string;
  /** 发布时间: the first publication's; a correction shows its own time as updatedAt (更新时间). */
  publishedAt: Date;
  updatedAt?: Date | null;
  indexNumber: string | null;
  /** 更正说明 of a corrected item, with when the correction was published. */
  correction: { note: string; at: Date } | null;
  column: { id: string; name: string; slug: string; kind: ColumnKind } | null;
  tree: PortalColumn[];
  /** 效力状态 of a policy document, and what changed it when it is no longer valid. */
  validity: PolicyValidity | null;
  validityNote: { cause: string; at: Date; causeResourceId: string | null } | null;
  themeName: string | null;
  /** 附件: files the body links to. */
  attachments: { href: string; name: string }[];
  /** 领导之窗's card (the body is the 简历), and 机构职能's particulars (the body is the 主要职责). */
  leader: PortalLeader | null;
  institution: [string, string][];
};

export type PortalLeader = { name: string; post: string; duties: string[]; photo: TTitleImage | null };

/** 政府信息公开目录: each category (sub-column) with how many items it holds and the latest ones. */
export async function getDisclosureCatalogue(site: PortalSite, column: PortalColumn) {
  const categories = column.children.length ? column.children : [column];
  return Promise.all(
    categories.map(async (category) => {
      const { total, items } = await listSiteItems(site.id, {
        columnIds: [category.id, ...descendantIds(category)],
        take: 5,
        withTotal: true,
      });
      return { category, total, items };
    }),
  );
}

/**
 * Every live item of the site, newest first, with only what sitemap.xml needs. Any publish,
 * correction or withdrawal of an item placed on the site changes its listing tag, so the page
 * carries that one tag rather than one per item.
 */
export async function listSitemapEntries(
  siteId: string,
  take: number,
): Promise<{ resourceId: string; publishedAt: Date }[]> {
  tagPage(cacheTag.listing(siteId));
  return getDb().publication.findMany({
    where: {
      ...livePublication,
      resource: {
        placements: { some: { column: { siteId } } },
        NOT: notServedQa(),
      },
    },
    orderBy: [{ publishedAt: "desc" }, { id: "asc" }],
    take,
    select: { resourceId: true, publishedAt: true },
  });
}

/** The latest live items of the site or of some columns, with summary and source (feeds). */
export async function listSiteEntries(site: PortalSite, options: { columnIds?: string[]; take: number }) {
  const { items } = await listSiteItems(site.id, { ...options });
  if (items.length === 0) return [];
  const revisions = await getDb().publication.findMany({
    where: { ...livePublication, resourceId: { in: items.map((item) => item.resourceId) } },
    select: {
      resourceId: true,
      revision: { select: { metadata: true } },
      resource: { select: { ownerOrg: { select: { name: true } } } },
    },
  });
  const details = new Map(
    revisions.map((row) => {
      const metadata = ZStoredRevisionMetadata.safeParse(row.revision.metadata);
      return [
        row.resourceId,
        metadata.success
          ? {
              summary: kindSummary(metadata.data) ?? null,
              source: sourceLabel(metadata.data, row.resource.ownerOrg.name),
            }
          : { summary: null, source: row.resource.ownerOrg.name },
      ];
    }),
  );
  return items.map((item) => ({ ...item, ...(details.get(item.resourceId) ?? { summary: null, source: "" }) }));
}

import { getDb } from "@/lib/db/client";
import type { ColumnKind } from "@/lib/db/generated/client";
import { ZStoredRevisionMetadata, type TTitleImage } from "@/lib/library/metadata";
import { cacheTag, tagPage } from "@/lib/cache/render-scope";
import { externalLinkHref } from "@/lib/sites/leaving";
import {
  buildColumnTree,
  descendantIds,
  listSiteEntries,
  listSiteItems,
  livePublication,
  type PortalColumn,
  type PortalItem,
  type PortalSite,
} from "@/lib/sites/portal";
import type { HomeBlockConfigs, THomeBlock } from "@/lib/sites/home-blocks";
import { defaultHomeBlocks } from "@/lib/sites/home-default";
import { readHomeBlocks } from "@/lib/sites/home-layout";
import { homeTag } from "@/lib/sites/home-tags";

// What each block of a home page shows, read for the portal (the published layout) and for the
// administrators' preview (the draft). Every read labels the page with the tags of what it showed
// (through listSiteItems and the leader query below), so publishing an item into a column a block
// shows purges the home page; the layout itself carries homeTag. A block naming a column the site
// no longer has is left out, never an error.

export type HomeLink = { name: string; href: string };
export type HomeListItem = PortalItem & { summary?: string | null };

export type HomeBlockView = { key: string; title: string } & (
  | { kind: "FOCUS"; slides: (HomeListItem & { titleImage: TTitleImage })[] }
  | {
      kind: "HEADLINES";
      headline: HomeListItem | null;
      items: HomeListItem[];
      withImage: boolean;
      moreHref: string | null;
    }
  | {
      kind: "LIST";
      items: HomeListItem[];
      moreHref: string | null;
      showDocNumber: boolean;
      showSummary: boolean;
      showImage: boolean;
    }
  | { kind: "SERVICES"; entries: HomeLink[]; moreHref: string | null }
  | { kind: "INTERACTION"; column: HomeLink; entries: HomeLink[]; writeHref: string }
  | { kind: "TOPICS"; topics: (HomeLink & { bannerSrc: string })[]; moreHref: string | null }
  | { kind: "LEADERS"; leaders: HomeLeader[]; moreHref: string | null }
  | { kind: "IMAGE_BANNER"; src: string; href: string | null; alt: string }
  | { kind: "LINKS"; links: HomeLink[] }
);

export type HomeLeader = { resourceId: string; name: string; post: string; photo: TTitleImage | null };

const SERVICE_KINDS: ColumnKind[] = ["LINK", "INTERACTION", "SEARCH"];

type Scope = { site: PortalSite; tree: PortalColumn[]; byId: Map<string, PortalColumn> };

/** The published layout of a site's home page (its default layout until one is published). */
export async function getPortalHomeBlocks(site: PortalSite): Promise<THomeBlock[]> {
  tagPage(homeTag(site.id));
  const published = await readHomeBlocks(getDb(), site.id, "PUBLISHED");
  return published.length ? published : defaultHomeBlocks(site.columns);
}

/** Reads what every block shows, in order; blocks with nothing they can show are left out. */
export async function loadHomeBlockViews(site: PortalSite, blocks: THomeBlock[]): Promise<HomeBlockView[]> {
  const tree = buildColumnTree(site.columns);
  const byId = new Map<string, PortalColumn>();
  const index = (columns: PortalColumn[]) =>
    columns.forEach((column) => {
      byId.set(column.id, column);
      index(column.children);
    });
  index(tree);
  const scope: Scope = { site, tree, byId };
  const views = await Promise.all(blocks.map((block, position) => loadBlock(scope, block, `b${position}`)));
  return views.filter((view): view is HomeBlockView => view !== null);
}

/** The chosen columns with their sub-columns; null when none of them exists any more. */
function columnScope(scope: Scope, ids: string[]): string[] | null {
  const columns = ids.map((id) => scope.byId.get(id)).filter((column): column is PortalColumn => Boolean(column));
  if (columns.length === 0) return null;
  return [...new Set(columns.flatMap((column) => [column.id, ...descendantIds(column)]))];
}

function moreHref(scope: Scope, ids: string[]): string | null {
  const column = ids.length === 1 ? scope.byId.get(ids[0]!) : undefined;
  return column ? `/columns/${column.slug}` : null;
}

async function loadBlock(scope: Scope, block: THomeBlock, key: string): Promise<HomeBlockView | null> {
  const { site } = scope;
  const base = { key, title: block.title };
  switch (block.kind) {
    case "FOCUS": {
      const columnIds = columnScope(scope, block.config.columnIds);
      if (!columnIds) return null;
      const { items } = await listSiteItems(site.id, { columnIds, take: block.config.count * 3 });
      const slides = items
        .filter((item): item is HomeListItem & { titleImage: TTitleImage } => Boolean(item.titleImage))
        .slice(0, block.config.count);
      return slides.length ? { ...base, kind: "FOCUS", slides } : null;
    }
    case "HEADLINES": {
      const { columnIds: chosen, count, withImage } = block.config;
      const columnIds = chosen.length ? columnScope(scope, chosen) : undefined;
      if (columnIds === null) return null;
      const { items } = await listSiteItems(site.id, { ...(columnIds ? { columnIds } : {}), take: count });
      const [headline, ...rest] = items;
      return {
        ...base,
        kind: "HEADLINES",
        headline: headline ?? null,
        items: rest,
        withImage,
        moreHref: moreHref(scope, chosen),
      };
    }
    case "COLUMN":
    case "NOTICES":
      return listBlock(scope, base, [block.config.columnId], block.config.count, {
        showSummary: block.kind === "COLUMN" && block.config.showSummary,
        showImage: block.kind === "COLUMN" && block.config.showImage,
      });
    case "POLICIES":
    case "INTERPRETATIONS":
      return listBlock(scope, base, block.config.columnIds, block.config.count, {
        kinds: [block.kind === "POLICIES" ? "POLICY" : "INTERPRETATION"],
        showDocNumber: block.kind === "POLICIES",
      });
    case "SERVICES":
      return servicesBlock(scope, base, block.config);
    case "INTERACTION":
      return interactionBlock(scope, base, block.config);
    case "TOPICS":
      return topicsBlock(scope, base, block.config);
    case "LEADERS":
      return leadersBlock(scope, base, block.config);
    case "IMAGE_BANNER":
      return {
        ...base,
        kind: "IMAGE_BANNER",
        src: block.config.src,
        alt: block.config.alt,
        href: block.config.href ? externalLinkHref(block.config.href, site.platformHosts) : null,
      };
    case "LINKS":
      return {
        ...base,
        kind: "LINKS",
        links: block.config.links.map((link) => ({
          name: link.name,
          href: externalLinkHref(link.url, site.platformHosts),
        })),
      };
  }
}

async function listBlock(
  scope: Scope,
  base: { key: string; title: string },
  chosen: string[],
  count: number,
  options: {
    kinds?: ("POLICY" | "INTERPRETATION")[];
    showDocNumber?: boolean;
    showSummary?: boolean;
    showImage?: boolean;
  },
): Promise<HomeBlockView | null> {
  const columnIds = chosen.length ? columnScope(scope, chosen) : undefined;
  if (columnIds === null) return null;
  const query = {
    ...(columnIds ? { columnIds } : {}),
    ...(options.kinds ? { kinds: options.kinds } : {}),
    take: count,
  };
  const items: HomeListItem[] = options.showSummary
    ? await listSiteEntries(scope.site, query)
    : (await listSiteItems(scope.site.id, query)).items;
  return {
    ...base,
    kind: "LIST",
    items,
    moreHref: moreHref(scope, chosen),
    showDocNumber: options.showDocNumber ?? false,
    showSummary: options.showSummary ?? false,
    showImage: options.showImage ?? false,
  };
}

function linkOf(column: PortalColumn): HomeLink {
  if (column.kind === "LINK" && column.linkUrl && !column.isGovernmentLink)
    return { name: column.name, href: `/columns/${column.slug}` };
  if (column.kind === "LINK" && column.linkUrl) return { name: column.name, href: column.linkUrl };
  if (column.kind === "SEARCH") return { name: column.name, href: "/search" };
  return { name: column.name, href: `/columns/${column.slug}` };
}

function flatten(columns: PortalColumn[]): PortalColumn[] {
  return columns.flatMap((column) => [column, ...flatten(column.children)]);
}

function servicesBlock(
  scope: Scope,
  base: { key: string; title: string },
  config: HomeBlockConfigs["SERVICES"],
): HomeBlockView | null {
  let columns: PortalColumn[];
  let more: string | null = null;
  if (config.columnId) {
    const parent = scope.byId.get(config.columnId);
    if (!parent) return null;
    const links = flatten(parent.children).filter((column) => column.kind === "LINK");
    columns = links.length ? links : [parent];
    more = links.length ? linkOf(parent).href : null;
  } else {
    columns = flatten(scope.tree).filter((column) => SERVICE_KINDS.includes(column.kind));
  }
  if (columns.length === 0) return null;
  return { ...base, kind: "SERVICES", entries: columns.slice(0, config.count).map(linkOf), moreHref: more };
}

function interactionBlock(
  scope: Scope,
  base: { key: string; title: string },
  config: HomeBlockConfigs["INTERACTION"],
): HomeBlockView | null {
  const column = config.columnId
    ? scope.byId.get(config.columnId)
    : flatten(scope.tree).find((candidate) => candidate.kind === "INTERACTION");
  if (!column) return null;
  return {
    ...base,
    kind: "INTERACTION",
    column: linkOf(column),
    entries: column.children.map(linkOf),
    writeHref: "/interaction/write",
  };
}

function topicsBlock(
  scope: Scope,
  base: { key: string; title: string },
  config: HomeBlockConfigs["TOPICS"],
): HomeBlockView | null {
  const parent = config.columnId ? scope.byId.get(config.columnId) : undefined;
  if (config.columnId && !parent) return null;
  const within = parent ? new Set(descendantIds(parent)) : null;
  const topics = scope.site.columns
    .filter((column) => column.kind === "TOPIC" && column.bannerSrc && (!within || within.has(column.id)))
    .slice(0, config.count)
    .map((column) => ({ name: column.name, href: `/columns/${column.slug}`, bannerSrc: column.bannerSrc! }));
  if (topics.length === 0) return null;
  return { ...base, kind: "TOPICS", topics, moreHref: parent ? `/columns/${parent.slug}` : null };
}

async function leadersBlock(
  scope: Scope,
  base: { key: string; title: string },
  config: HomeBlockConfigs["LEADERS"],
): Promise<HomeBlockView | null> {
  const columnIds = columnScope(scope, [config.columnId]);
  if (!columnIds) return null;
  const rows = await getDb().publication.findMany({
    where: { ...livePublication, resource: { kind: "LEADER", placements: { some: { columnId: { in: columnIds } } } } },
    orderBy: [{ publishedAt: "asc" }, { id: "asc" }],
    take: 100,
    select: { resourceId: true, revision: { select: { title: true, metadata: true } } },
  });
  tagPage(...columnIds.map(cacheTag.column), ...rows.map((row) => cacheTag.resource(row.resourceId)));
  const leaders = rows
    .flatMap((row) => {
      const leader = ZStoredRevisionMetadata.safeParse(row.revision.metadata).data?.leader;
      return leader
        ? [
            {
              resourceId: row.resourceId,
              name: leader.name,
              post: leader.post,
              photo: leader.photo ?? null,
              rank: leader.rank,
            },
          ]
        : [];
    })
    .sort((a, b) => a.rank - b.rank)
    .slice(0, config.count)
    .map(({ rank: _rank, ...leader }) => leader);
  return { ...base, kind: "LEADERS", leaders, moreHref: `/columns/${scope.byId.get(config.columnId)!.slug}` };
}

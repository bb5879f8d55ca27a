import type { PortalColumn, PortalItem, PortalSite } from "@/lib/sites/portal";
import { buildColumnTree, descendantIds, listSiteItems } from "@/lib/sites/portal";

// 专题/专栏: a column of kind TOPIC with its banner, intro and sub-columns. The 专题 index
// (/topics) lists every topic of the site wherever it sits in the tree, by position; a column
// whose children are topics (the demo's 专题专栏) lists those the same way. Every read goes
// through listSiteItems, so the pages carry the tags of the columns they show: publishing into a
// sub-column purges the topic page and the index; a topic's settings change purges the site.

export type PortalTopic = {
  id: string;
  name: string;
  slug: string;
  intro: string | null;
  bannerSrc: string | null;
};

export type TopicCard = PortalTopic & {
  /** When the newest item of the topic or its sub-columns was published or corrected. */
  updatedAt: Date | null;
};

/** One block of a topic page; `own` holds the items placed in the topic itself (no 更多 link). */
export type TopicSection = { column: PortalColumn; items: PortalItem[]; own?: boolean };

function topicOf(site: PortalSite, id: string): PortalTopic | null {
  const column = site.columns.find((candidate) => candidate.id === id && candidate.kind === "TOPIC");
  return column
    ? { id: column.id, name: column.name, slug: column.slug, intro: column.intro, bannerSrc: column.bannerSrc }
    : null;
}

/** The topic a column belongs to: itself when it is one, else its nearest topic ancestor. */
export function findTopicOf(site: PortalSite, columnId: string): PortalTopic | null {
  const parentOf = new Map(site.columns.map((column) => [column.id, column.parentId]));
  for (let at: string | null = columnId; at; at = parentOf.get(at) ?? null) {
    const topic = topicOf(site, at);
    if (topic) return topic;
  }
  return null;
}

function allColumns(tree: PortalColumn[]): PortalColumn[] {
  return tree.flatMap((column) => [column, ...allColumns(column.children)]);
}

/** The site's topics (or those directly under `parent`) with their newest update, by position. */
export async function listTopics(site: PortalSite, parent?: PortalColumn): Promise<TopicCard[]> {
  const candidates = parent ? parent.children : allColumns(buildColumnTree(site.columns));
  const topics = candidates.filter((column) => column.kind === "TOPIC");
  const position = new Map(site.columns.map((column, index) => [column.id, index]));
  topics.sort((a, b) => position.get(a.id)! - position.get(b.id)!);
  return Promise.all(
    topics.map(async (column) => {
      const { items } = await listSiteItems(site.id, { columnIds: [column.id, ...descendantIds(column)], take: 1 });
      const newest = items[0];
      return { ...topicOf(site, column.id)!, updatedAt: newest ? (newest.updatedAt ?? newest.publishedAt) : null };
    }),
  );
}

/**
 * A topic page: the items placed in the topic itself, when there are any, then each sub-column
 * with its newest items (link sub-columns are shown as links).
 */
export async function getTopicSections(site: PortalSite, topic: PortalColumn, take = 6): Promise<TopicSection[]> {
  const [own, ...sections] = await Promise.all([
    listSiteItems(site.id, { columnIds: [topic.id], take }).then(({ items }) => ({ column: topic, items, own: true })),
    ...topic.children.map(async (column) => {
      if (column.kind === "LINK" || column.kind === "SEARCH") return { column, items: [] };
      const { items } = await listSiteItems(site.id, { columnIds: [column.id, ...descendantIds(column)], take });
      return { column, items };
    }),
  ]);
  return own!.items.length ? [own!, ...sections] : sections;
}

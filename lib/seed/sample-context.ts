import type { Tx } from "@/lib/db/client";
import type { ResourceKind } from "@/lib/db/generated/client";
import { blocksToDoc, type TextBlock } from "@/lib/library/content";
import type { TRevisionMetadataInput } from "@/lib/library/metadata";
import { createPublishedItem, type SeedUnit } from "@/lib/seed/seed-items";
import type { Random } from "@/lib/seed/sample-images";
import { SAMPLE_NOTE, type SampleLeader } from "@/lib/seed/sample-text";

// What the sample content of one site is made from (lib/seed/sample-site.ts): the site's plan,
// and the two helpers every part uses, a date spread and "add one published item".

export type SiteSamples = {
  key: string;
  siteName: string;
  siteCode: string;
  /** The unit that owns the items and numbers them (索引号). */
  unit: SeedUnit & { name: string };
  /** How the site's own news names its unit (区政府, 市文化旅游委). */
  selfName: string;
  authorId: string;
  contact: string;
  culture: boolean;
  /** Who writes the news of the site's second news column, and what each 机构职能 item covers. */
  units: readonly string[];
  duties: (unit: string) => string;
  leaders: SampleLeader[];
  /** e.g. 示例发: a 发文字号 that cannot be mistaken for a real one. */
  docPrefix: string;
  /** Column slugs of this site. */
  columns: {
    headlines: string;
    news: string | null;
    notices: string;
    leaders: string;
    overview: string | null;
    guide: string;
    rules: string;
    institutions: string;
    policies: string;
    interpretations: string;
    plans: { slug: string; titles: string[] }[];
    reports: string;
    apply: string;
    topics: { slug: string; name: string }[];
  };
  overviewBlocks?: TextBlock[];
};

export type Context = { tx: Tx; site: SiteSamples; column: (slug: string) => string; now: Date; random: Random };

export const DAY = 86_400_000;

/**
 * `index` of `count` items spread over `span` days before now, newest first. Only the headlines
 * column starts today (`firstDay` 0), so the home page's newest item is a news item with its picture.
 */
export function spreadDate(context: Context, index: number, count: number, span: number, firstDay = 1): Date {
  const daysAgo = firstDay + Math.floor((index * span) / Math.max(count, 1));
  const minutes = Math.floor(context.random() * 8 * 60);
  return new Date(context.now.getTime() - daysAgo * DAY - minutes * 60_000 - 60_000);
}

export async function add(
  context: Context,
  item: {
    kind: ResourceKind;
    title: string;
    blocks: TextBlock[];
    slugs: string[];
    at: Date;
    metadata?: Partial<TRevisionMetadataInput>;
    ownerOrgId?: string;
    indexUnit?: SeedUnit;
  },
): Promise<string> {
  const { site } = context;
  return createPublishedItem(context.tx, {
    kind: item.kind,
    ownerOrgId: item.ownerOrgId ?? site.unit.id,
    authorId: site.authorId,
    indexUnit: item.indexUnit ?? site.unit,
    title: item.title,
    body: blocksToDoc(item.blocks),
    metadata: { source: { type: "original" }, summary: summaryOf(item.blocks), ...item.metadata },
    publishedAt: item.at,
    columnIds: item.slugs.map(context.column),
  });
}

/** The first paragraph after the sample note, as the list summary. */
function summaryOf(blocks: TextBlock[]): string | undefined {
  const first = blocks.find((block) => block.type === "paragraph" && block.text !== SAMPLE_NOTE);
  return first ? first.text.slice(0, 120) : undefined;
}

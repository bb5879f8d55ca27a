import type { Metadata } from "next";
import type { ColumnKind } from "@/lib/db/generated/client";
import { formatDateTime } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";
import { SHARE_CARD } from "@/lib/library/share-card";

// The meta tags national website monitoring reads on every government page (SiteName,
// SiteIDCode, ColumnName, ColumnType; on articles also ArticleTitle, PubDate, ContentSource),
// plus title, description, canonical URL and Open Graph.

/** What every page's metadata inherits from the root layout: the icon of the site it is on (/favicon.ico answers per site). */
export const ROOT_METADATA: Metadata = { icons: { icon: [{ url: "/favicon.ico", sizes: "any" }] } };

type MetaColumn = { name: string; kind: ColumnKind | "HOME" | "OTHER" };

export function governmentMetaTags(input: {
  siteName: string;
  siteCode: string;
  column?: MetaColumn | null;
  article?: { title: string; publishedAt: Date; source: string } | null;
}): Record<string, string> {
  const tags: Record<string, string> = { SiteName: input.siteName, SiteIDCode: input.siteCode };
  if (input.column) {
    tags.ColumnName = input.column.name;
    tags.ColumnType =
      input.column.kind === "HOME"
        ? "首页"
        : input.column.kind === "OTHER"
          ? input.column.name
          : messages.columnTypes[input.column.kind];
  }
  if (input.article) {
    tags.ArticleTitle = input.article.title;
    tags.PubDate = formatDateTime(input.article.publishedAt);
    tags.ContentSource = input.article.source;
  }
  return tags;
}

export function portalMetadata(input: {
  site: { name: string; siteCode: string };
  baseUrl: string;
  path: string;
  /** The page's own title; the site name is appended. */
  title?: string;
  description?: string;
  column: MetaColumn;
  article?: { title: string; publishedAt: Date; source: string; updatedAt?: Date | null } | null;
  /** The share card (og:image): the title image cut around its focal point. */
  image?: { url: string; alt: string } | null;
  noIndex?: boolean;
}): Metadata {
  const url = `${input.baseUrl}${input.path}`;
  const description =
    input.description?.trim() || (input.title ? `${input.title} - ${input.site.name}` : `${input.site.name}门户网站`);
  return {
    title: input.title ? `${input.title} - ${input.site.name}` : input.site.name,
    description,
    alternates: { canonical: url },
    openGraph: {
      title: input.title ?? input.site.name,
      description,
      url,
      siteName: input.site.name,
      locale: "zh_CN",
      ...(input.article
        ? {
            type: "article",
            publishedTime: input.article.publishedAt.toISOString(),
            ...(input.article.updatedAt ? { modifiedTime: input.article.updatedAt.toISOString() } : {}),
          }
        : { type: "website" }),
      ...(input.image
        ? {
            images: [
              { url: input.image.url, width: SHARE_CARD.width, height: SHARE_CARD.height, alt: input.image.alt },
            ],
          }
        : {}),
    },
    ...(input.noIndex ? { robots: { index: false, follow: true } } : {}),
    other: governmentMetaTags({
      siteName: input.site.name,
      siteCode: input.site.siteCode,
      column: input.column,
      article: input.article,
    }),
  };
}

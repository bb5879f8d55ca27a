import type { ColumnKind } from "@/lib/db/generated/client";
import { formatDateTime } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";

// The meta tags national website monitoring reads on every government page.
export function governmentMetaTags(input: {
  siteName: string;
  siteCode: string;
  column?: { name: string; kind: ColumnKind } | null;
  article?: { title: string; publishedAt: Date; source: string } | null;
}): Record<string, string> {
  const tags: Record<string, string> = { SiteName: input.siteName, SiteIDCode: input.siteCode };
  if (input.column) {
    tags.ColumnName = input.column.name;
    tags.ColumnType = messages.columnTypes[input.column.kind];
  }
  if (input.article) {
    tags.ArticleTitle = input.article.title;
    tags.PubDate = formatDateTime(input.article.publishedAt);
    tags.ContentSource = input.article.source;
  }
  return tags;
}

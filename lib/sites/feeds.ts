// Feeds and discovery for every site: Atom (RFC 4287) per site and per column, sitemap.xml
// (sitemaps.org 0.9) and robots.txt. Pure builders: the routes gather the entries.

export type FeedEntry = {
  resourceId: string;
  title: string;
  /** 发布时间 (the first publication's) and, for a correction, 更新时间. */
  publishedAt: Date;
  updatedAt?: Date | null;
  summary: string | null;
  source: string;
};

export function escapeXml(text: string): string {
  // Characters XML 1.0 does not allow are dropped; the five special ones are escaped.
  return text
    .replace(/[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

export function buildAtomFeed(input: {
  title: string;
  siteUrl: string;
  selfUrl: string;
  author: string;
  entries: FeedEntry[];
}): string {
  const updated = new Date(
    Math.max(0, ...input.entries.map((entry) => (entry.updatedAt ?? entry.publishedAt).getTime())),
  );
  const entries = input.entries.map((entry) => {
    const url = `${input.siteUrl}/content/${entry.resourceId}`;
    return [
      "  <entry>",
      `    <id>urn:uuid:${entry.resourceId}</id>`,
      `    <title>${escapeXml(entry.title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${escapeXml(url)}"/>`,
      `    <published>${entry.publishedAt.toISOString()}</published>`,
      `    <updated>${(entry.updatedAt ?? entry.publishedAt).toISOString()}</updated>`,
      `    <author><name>${escapeXml(entry.source)}</name></author>`,
      entry.summary ? `    <summary>${escapeXml(entry.summary)}</summary>` : null,
      "  </entry>",
    ]
      .filter((line) => line !== null)
      .join("\n");
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
    `  <id>${escapeXml(input.selfUrl)}</id>`,
    `  <title>${escapeXml(input.title)}</title>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(input.selfUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(input.siteUrl)}/"/>`,
    `  <updated>${updated.toISOString()}</updated>`,
    `  <author><name>${escapeXml(input.author)}</name></author>`,
    ...entries,
    "</feed>",
    "",
  ].join("\n");
}

export function buildSitemap(urls: { loc: string; lastmod?: Date }[]): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...urls.map(
      (url) =>
        `  <url><loc>${escapeXml(url.loc)}</loc>${url.lastmod ? `<lastmod>${url.lastmod.toISOString()}</lastmod>` : ""}</url>`,
    ),
    "</urlset>",
    "",
  ].join("\n");
}

export function buildRobots(siteUrl: string): string {
  return [
    "User-agent: *",
    "Allow: /",
    "Disallow: /admin",
    "Disallow: /api/",
    "",
    `Sitemap: ${siteUrl}/sitemap.xml`,
    "",
  ].join("\n");
}

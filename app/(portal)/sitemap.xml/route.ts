// GET /sitemap.xml – the home page, every column, the 专题 index and every published item of this site.
import { getBaseUrl, getCurrentSite } from "@/lib/sites/current-site";
import { listSitemapEntries } from "@/lib/sites/portal";
import { handleRoute } from "@/lib/http/route";
import { buildSitemap } from "@/lib/sites/feeds";

/** sitemaps.org allows 50,000 URLs per file. */
const MAX_ITEMS = 49_000;

export async function GET() {
  return handleRoute(async () => {
    const [site, baseUrl] = await Promise.all([getCurrentSite(), getBaseUrl()]);
    const entries = await listSitemapEntries(site.id, MAX_ITEMS);
    const columns = site.columns.filter((column) => column.kind !== "LINK" && column.kind !== "SEARCH");
    const body = buildSitemap([
      { loc: `${baseUrl}/`, lastmod: entries[0]?.publishedAt },
      ...columns.map((column) => ({ loc: `${baseUrl}/columns/${column.slug}` })),
      ...(site.columns.some((column) => column.kind === "TOPIC") ? [{ loc: `${baseUrl}/topics` }] : []),
      ...entries.map((entry) => ({ loc: `${baseUrl}/content/${entry.resourceId}`, lastmod: entry.publishedAt })),
    ]);
    return new Response(body, { headers: { "content-type": "application/xml; charset=utf-8" } });
  });
}

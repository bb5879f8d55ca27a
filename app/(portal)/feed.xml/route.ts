// GET /feed.xml – Atom feed of the latest items published on this site.
import { getBaseUrl, getCurrentSite } from "@/lib/sites/current-site";
import { listSiteEntries } from "@/lib/sites/portal";
import { handleRoute } from "@/lib/http/route";
import { buildAtomFeed } from "@/lib/sites/feeds";

export async function GET() {
  return handleRoute(async () => {
    const [site, baseUrl] = await Promise.all([getCurrentSite(), getBaseUrl()]);
    const entries = await listSiteEntries(site, { take: 50 });
    const body = buildAtomFeed({
      title: `${site.name} 最新信息`,
      siteUrl: baseUrl,
      selfUrl: `${baseUrl}/feed.xml`,
      author: site.org.name,
      entries,
    });
    return new Response(body, { headers: { "content-type": "application/atom+xml; charset=utf-8" } });
  });
}

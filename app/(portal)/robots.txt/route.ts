// GET /robots.txt – crawlers may index the portal, not the back office; points at the sitemap.
import { getBaseUrl, getCurrentSite } from "@/lib/sites/current-site";
import { handleRoute } from "@/lib/http/route";
import { buildRobots } from "@/lib/sites/feeds";

export async function GET() {
  return handleRoute(async () => {
    // The site lookup labels the response, so the cache keeps it per site.
    await getCurrentSite();
    return new Response(buildRobots(await getBaseUrl()), { headers: { "content-type": "text/plain; charset=utf-8" } });
  });
}

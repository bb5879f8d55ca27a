// GET /robots.txt – crawlers may index the portal, not the back office; points at the sitemap.
import { getBaseUrl, getCurrentSite } from "../current-site";
import { buildRobots } from "@/lib/sites/feeds";

export async function GET() {
  // The site lookup labels the response, so the cache keeps it per site.
  await getCurrentSite();
  return new Response(buildRobots(await getBaseUrl()), { headers: { "content-type": "text/plain; charset=utf-8" } });
}

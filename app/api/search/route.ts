// GET /api/search – search as a service.
//   ?q=…&scope=site|all&kind=&unit=&year=&validity=&sort=&page=  public search of the site asked
//     for by the Host header (published items and service entries);
//   ?scope=library&q=…  the editors' library browser: drafts included, only units the signed-in
//     user may see (401 without a session).
import { getActor } from "@/lib/auth/session";
import { handleRoute } from "@/lib/http/route";
import { parseInput } from "@/lib/validation/parse";
import { ZSearchParams } from "@/lib/search/query";
import { searchPortal } from "@/lib/search/search-portal";
import { searchLibrary } from "@/lib/search/library";
import { getCurrentSite, hrefOnSite } from "@/lib/sites/current-site";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  return handleRoute(async () => {
    const input = Object.fromEntries(new URL(request.url).searchParams);
    if (input.scope === "library") {
      const hits = await searchLibrary(await getActor(), input);
      return Response.json({ hits }, { headers: { "cache-control": "no-store" } });
    }
    const query = parseInput(ZSearchParams, input);
    const site = await getCurrentSite();
    const result = await searchPortal(query, { siteId: site.id, hrefFor: hrefOnSite });
    return Response.json(result, { headers: { "cache-control": "no-store" } });
  });
}

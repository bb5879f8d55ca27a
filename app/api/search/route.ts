// GET /api/search – search as a service.
//   ?q=…&scope=site|all&kind=&unit=&year=&validity=&sort=&page=  public search of the site asked
//     for by the Host header (published items and service entries);
//   ?scope=library&q=…  the editors' library browser: drafts included, only units the signed-in
//     user may see (401 without a session).
import { getActor } from "@/lib/auth/session";
import { DomainError, httpStatusOf } from "@/lib/errors";
import { ZSearchParams } from "@/lib/search/query";
import { searchPortal } from "@/lib/search/search-portal";
import { searchLibrary } from "@/lib/search/library";
import { getCurrentSite, hrefOnSite } from "../../(portal)/current-site";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const url = new URL(request.url);
  const input = Object.fromEntries(url.searchParams);
  try {
    if (input.scope === "library") {
      const hits = await searchLibrary(await getActor(), input);
      return Response.json({ hits }, { headers: { "cache-control": "no-store" } });
    }
    const parsed = ZSearchParams.safeParse(input);
    if (!parsed.success) return Response.json({ error: parsed.error.issues[0]?.message ?? "搜索条件无效" }, { status: 400 });
    const site = await getCurrentSite();
    const result = await searchPortal(parsed.data, { siteId: site.id, hrefFor: hrefOnSite });
    return Response.json(result, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    if (error instanceof DomainError) return Response.json({ error: error.message }, { status: httpStatusOf(error) });
    throw error;
  }
}

// GET /columns/:slug/feed.xml – Atom feed of one column (and its sub-columns).
import { z } from "zod";
import { getBaseUrl, getCurrentSite } from "@/lib/sites/current-site";
import { buildColumnTree, descendantIds, findColumn, listSiteEntries } from "@/lib/sites/portal";
import { handleRoute } from "@/lib/http/route";
import { buildAtomFeed } from "@/lib/sites/feeds";

export async function GET(_: Request, { params }: { params: Promise<{ slug: string }> }) {
  return handleRoute(async () => {
    const slug = z
      .string()
      .regex(/^[a-z0-9-]{1,64}$/)
      .safeParse((await params).slug);
    const [site, baseUrl] = await Promise.all([getCurrentSite(), getBaseUrl()]);
    const column = slug.success ? findColumn(buildColumnTree(site.columns), slug.data) : null;
    if (!column)
      return new Response("栏目不存在", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
    const entries = await listSiteEntries(site, { columnIds: [column.id, ...descendantIds(column)], take: 50 });
    const body = buildAtomFeed({
      title: `${site.name} - ${column.name}`,
      siteUrl: baseUrl,
      selfUrl: `${baseUrl}/columns/${column.slug}/feed.xml`,
      author: site.org.name,
      entries,
    });
    return new Response(body, { headers: { "content-type": "application/atom+xml; charset=utf-8" } });
  });
}

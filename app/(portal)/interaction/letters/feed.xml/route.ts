// GET /interaction/letters/feed.xml – Atom feed of the site's published 留言答复 (留言选登).
import { getBaseUrl, getCurrentSite } from "@/lib/sites/current-site";
import { listPublishedLetters } from "@/lib/interaction/publish/public-letters";
import { handleRoute } from "@/lib/http/route";
import { buildAtomFeed } from "@/lib/sites/feeds";
import { formatDate } from "@/lib/format";
import { messages } from "@/lib/i18n/zh-CN";

export async function GET() {
  return handleRoute(async () => {
    const [site, baseUrl] = await Promise.all([getCurrentSite(), getBaseUrl()]);
    const { rows } = await listPublishedLetters(site.id);
    const body = buildAtomFeed({
      title: `${site.name} ${messages.interaction.letters.title}`,
      siteUrl: baseUrl,
      selfUrl: `${baseUrl}/interaction/letters/feed.xml`,
      author: site.org.name,
      entries: rows.map((row) => ({
        resourceId: row.resourceId,
        title: row.title,
        publishedAt: row.publishedAt,
        summary: `${messages.interaction.letters.columns.answeredAt}：${formatDate(row.answeredAt)}　${messages.interaction.letters.columns.unit}：${row.unit}`,
        source: row.unit,
      })),
    });
    return new Response(body, { headers: { "content-type": "application/atom+xml; charset=utf-8" } });
  });
}

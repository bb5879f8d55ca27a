import { getDb, type Db, type Tx } from "@/lib/db/client";

// Where published items live on the portal: shared by the portal pages (lib/sites) and the
// channel renditions (lib/channels), which link back to the same pages and files.

/** The first host name of a site (links from one site's search results to another site's page). */
export async function primaryHost(siteId: string, db: Db | Tx = getDb()): Promise<string | null> {
  const host = await db.siteHost.findFirst({ where: { siteId }, orderBy: { host: "asc" }, select: { host: true } });
  return host?.host ?? null;
}

/** Where a library item is shown on a site (the portal's article page). */
export function contentPath(resourceId: string): string {
  return `/content/${resourceId}`;
}

/** Links in the body to files of the library (not images) are the item's attachments. */
export function extractAttachments(bodyHtml: string): { href: string; name: string }[] {
  const attachments: { href: string; name: string }[] = [];
  for (const match of bodyHtml.matchAll(/<a\b[^>]*href="(\/api\/assets\/[0-9a-f-]{36})"[^>]*>(.*?)<\/a>/gis)) {
    const name = match[2]!.replace(/<[^>]+>/g, "").trim();
    if (!attachments.some((attachment) => attachment.href === match[1]))
      attachments.push({ href: match[1]!, name: name || "附件" });
  }
  return attachments;
}

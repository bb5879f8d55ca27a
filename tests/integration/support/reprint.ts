import http from "node:http";
import type { AddressInfo } from "node:net";
import { getDb } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/session";
import { saveReprintSource } from "@/lib/reports/reprint/sources";

// A local upper-level feed for the 转载 tests: an RSS 2.0 document served with an ETag, answering
// 304 to a matching If-None-Match, and recording the requests it got.

export type FeedItemSeed = { guid?: string; title: string; link?: string; pubDate?: Date; description?: string };

export type LocalFeed = {
  url: string;
  requests: http.IncomingHttpHeaders[];
  setItems: (items: FeedItemSeed[]) => void;
  setRaw: (body: string, status?: number) => void;
  close: () => Promise<void>;
};

const escape = (value: string) => value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function rss(items: FeedItemSeed[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>中国政府网</title><link>https://www.gov.cn/</link>
${items
  .map(
    (item) =>
      `<item><title>${escape(item.title)}</title>${item.link ? `<link>${escape(item.link)}</link>` : ""}${
        item.guid ? `<guid>${escape(item.guid)}</guid>` : ""
      }${item.pubDate ? `<pubDate>${item.pubDate.toUTCString()}</pubDate>` : ""}<description>${escape(
        item.description ?? "",
      )}</description></item>`,
  )
  .join("\n")}
</channel></rss>`;
}

export async function startLocalFeed(): Promise<LocalFeed> {
  let body = rss([]);
  let status = 200;
  let version = 0;
  const requests: http.IncomingHttpHeaders[] = [];
  const server = http.createServer((request, response) => {
    requests.push(request.headers);
    const etag = `"v${version}"`;
    if (status === 200 && request.headers["if-none-match"] === etag) {
      response.writeHead(304, { etag });
      response.end();
      return;
    }
    response.writeHead(status, { "content-type": "application/rss+xml; charset=utf-8", etag });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/rss.xml`,
    requests,
    setItems: (items) => {
      body = rss(items);
      status = 200;
      version += 1;
    },
    setRaw: (raw, code = 200) => {
      body = raw;
      status = code;
      version += 1;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The district portal (沙坪坝区人民政府网站) and its column for reprints. */
export async function districtSite() {
  const db = getDb();
  const site = await db.site.findUniqueOrThrow({ where: { siteCode: "5001060001" } });
  const column = await db.column.findFirstOrThrow({ where: { siteId: site.id, slug: "ywdt" } });
  return { site, column };
}

export async function subscribe(supervisor: Actor, name: string, feedUrl: string, siteIds: string[]) {
  return saveReprintSource(supervisor, { name, feedUrl, siteIds, enabled: true });
}

/** The demo's 转载 source, items, column and fast-track workflow: this file sets up its own. */
export async function clearDemoReprints() {
  const db = getDb();
  await db.reprintSource.deleteMany({});
  await db.site.updateMany({ data: { reprintColumnId: null } });
  await db.workflow.deleteMany({ where: { forReprint: true } });
}

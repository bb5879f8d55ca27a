import http from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { PageCache } from "@/lib/sites/page-cache";
import { withPageCache, type CacheServerState } from "@/lib/sites/cache-server";
import { tagPage } from "@/lib/cache/render-scope";

// The page cache's compressed answers: a render is stored uncompressed, and a page is compressed
// on the first request that accepts gzip, then served compressed to every such request.

const PAGE = `<!doctype html><p>${"区政府部署冬季安全生产检查工作。".repeat(200)}</p>`;

function get(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: Buffer; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), headers: res.headers }),
        );
      })
      .on("error", reject);
  });
}

let server: http.Server | undefined;
afterEach(() => server?.close());

async function start(state: CacheServerState, body: string) {
  let renders = 0;
  server = http.createServer(
    withPageCache(state, async (req, res) => {
      renders += 1;
      // What Next.js would do with the header: the render must never see it.
      expect(req.headers["accept-encoding"]).toBeUndefined();
      tagPage("site:1");
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(body);
    }),
  );
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, renders: () => renders };
}

describe("compressed answers from the page cache", () => {
  it("stores a render uncompressed and compresses it once, on the first request that accepts gzip", async () => {
    const state: CacheServerState = { cache: new PageCache({ maxBytes: 1 << 20 }), enabled: true };
    const { base, renders } = await start(state, PAGE);
    const first = await get(`${base}/columns/x`, { "accept-encoding": "gzip, deflate" });
    expect(first.headers["x-portal-cache"]).toBe("MISS");
    expect(first.headers["content-encoding"]).toBeUndefined();
    expect(first.body.toString()).toBe(PAGE);
    const stored = state.cache.get(`\n127.0.0.1:${new URL(base).port}\n/columns/x`)!;
    expect(stored.gzip).toBeNull();

    const plain = await get(`${base}/columns/x`);
    expect(plain.headers["x-portal-cache"]).toBe("HIT");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.headers.vary).toBe("Accept-Encoding");
    expect(plain.body.toString()).toBe(PAGE);
    expect(stored.gzip).toBeNull();

    const compressed = await get(`${base}/columns/x`, { "accept-encoding": "gzip" });
    expect(compressed.headers["content-encoding"]).toBe("gzip");
    expect(compressed.headers.vary).toBe("Accept-Encoding");
    expect(Number(compressed.headers["content-length"])).toBe(compressed.body.length);
    expect(gunzipSync(compressed.body).toString()).toBe(PAGE);
    const made = stored.gzip;
    expect(made).not.toBeNull();

    const again = await get(`${base}/columns/x`, { "accept-encoding": "br, gzip" });
    expect(again.body.equals(compressed.body)).toBe(true);
    expect(stored.gzip).toBe(made);
    expect(compressed.headers.etag).toBe(plain.headers.etag);
    expect(renders()).toBe(1);
  });

  it("serves a small page uncompressed, without Vary, whatever the request accepts", async () => {
    const state: CacheServerState = { cache: new PageCache({ maxBytes: 1 << 20 }), enabled: true };
    const { base } = await start(state, "<p>短页面</p>");
    await get(`${base}/small`);
    const hit = await get(`${base}/small`, { "accept-encoding": "gzip" });
    expect(hit.headers["x-portal-cache"]).toBe("HIT");
    expect(hit.headers["content-encoding"]).toBeUndefined();
    expect(hit.headers.vary).toBeUndefined();
    expect(hit.body.toString()).toBe("<p>短页面</p>");
  });
});

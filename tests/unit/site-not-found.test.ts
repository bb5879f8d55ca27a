import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { PageCache } from "@/lib/sites/page-cache";
import { withPageCache, type CacheServerState } from "@/lib/sites/cache-server";
import { SITE_NOT_FOUND_HEADER, SITE_NOT_FOUND_PATH, withSiteNotFound, type Handler } from "@/lib/sites/site-not-found";
import { tagPage } from "@/lib/cache/render-scope";

// A public page's 404 is answered with the site's own 404 page, rendered through its own route on
// the same request, status 404, and cached like any page. The stand-in for Next.js below answers
// as Next.js does: status set, headers flushed, the body written, and the render waits for the
// response to finish.

const FRAME_404 = '<nav class="site-nav">主导航</nav><h1>您访问的页面不存在</h1>';

async function send(res: http.ServerResponse, status: number, type: string, body: string) {
  res.statusCode = status;
  res.setHeader("content-type", type);
  res.flushHeaders();
  res.write(body);
  await new Promise<void>((resolve) => {
    res.once("finish", resolve);
    res.end();
  });
}

const next: Handler = async (req, res) => {
  const path = (req.url ?? "/").split("?")[0]!;
  res.setHeader("x-render", path);
  if (path === SITE_NOT_FOUND_PATH && req.headers[SITE_NOT_FOUND_HEADER]) {
    tagPage("site:1");
    return send(res, 200, "text/html; charset=utf-8", FRAME_404);
  }
  if (path === "/content/published") {
    tagPage("site:1", "resource:r2");
    return send(res, 200, "text/html; charset=utf-8", "<h1>已发布的稿件</h1>");
  }
  if (path === "/feed.xml") return send(res, 404, "application/xml", "<error/>");
  // What notFound() gives: an empty shell, and the tags of what the page looked for.
  if (path === "/content/missing") tagPage("site:1", "resource:r1");
  return send(res, 404, "text/html; charset=utf-8", '<html id="__next_error__"></html>');
};

function get(base: string, path: string, headers: Record<string, string> = {}, method = "GET") {
  return new Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    http
      .request(`${base}${path}`, { headers, method }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), headers: res.headers }),
        );
      })
      .on("error", reject)
      .end();
  });
}

let server: http.Server | undefined;
afterEach(() => server?.close());

async function start(handler: Handler) {
  server = http.createServer((req, res) => void handler(req, res));
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/**
 * Next.js wraps the response's methods itself (its compression among others), as this does: once
 * a response, as compression leaves an answer it finds encoded already.
 */
const wrapped = new WeakSet<http.ServerResponse>();
const wrapping: Handler = async (req, res) => {
  if (!wrapped.has(res)) {
    wrapped.add(res);
    const write = res.write.bind(res) as (chunk: string) => boolean;
    res.write = ((chunk: string) => write(`[wrapped]${chunk}`)) as typeof res.write;
  }
  return next(req, res);
};

describe("the site's 404 page", () => {
  it("answers a missing page with the site's frame, status 404, cached under its address until a purge names it", async () => {
    const state: CacheServerState = { cache: new PageCache({ maxBytes: 1 << 20 }), enabled: true };
    const base = await start(withPageCache(state, withSiteNotFound(next)));
    const first = await get(base, "/content/missing");
    expect(first.status).toBe(404);
    expect(first.body).toBe(FRAME_404);
    expect(first.headers["x-portal-cache"]).toBe("MISS");
    // The first render's own headers are gone; the second render's are sent.
    expect(first.headers["x-render"]).toBe(SITE_NOT_FOUND_PATH);
    const again = await get(base, "/content/missing");
    expect(again).toMatchObject({ status: 404, body: FRAME_404 });
    expect(again.headers["x-portal-cache"]).toBe("HIT");
    // The missing item's tag, recorded by the first render, is kept: publishing it purges the 404.
    state.cache.purge(["resource:r1"]);
    expect((await get(base, "/content/missing")).headers["x-portal-cache"]).toBe("MISS");
    const head = await get(base, "/content/missing", {}, "HEAD");
    expect(head.status).toBe(404);
    expect(head.body).toBe("");
  });

  it("passes every other answer through untouched", async () => {
    const base = await start(withSiteNotFound(next));
    expect(await get(base, "/content/published")).toMatchObject({ status: 200, body: "<h1>已发布的稿件</h1>" });
    // Not HTML, not a page, or a client-router request: as Next.js answered.
    expect(await get(base, "/feed.xml")).toMatchObject({ status: 404, body: "<error/>" });
    for (const [path, headers] of [
      ["/admin/nothing", {}],
      ["/api/nothing", {}],
      ["/content/missing", { rsc: "1" }],
    ] as const) {
      const answer = await get(base, path, headers);
      expect(answer, path).toMatchObject({ status: 404, body: '<html id="__next_error__"></html>' });
    }
  });

  it("keeps the wrappers Next.js puts on the response, on both renders", async () => {
    const base = await start(withSiteNotFound(wrapping));
    expect(await get(base, "/content/published")).toMatchObject({
      status: 200,
      body: "[wrapped]<h1>已发布的稿件</h1>",
    });
    expect(await get(base, "/content/missing")).toMatchObject({ status: 404, body: `[wrapped]${FRAME_404}` });
  });

  it("is not found when asked for directly, whatever a client claims", async () => {
    const base = await start(withSiteNotFound(next));
    const claims: Record<string, string>[] = [{}, { [SITE_NOT_FOUND_HEADER]: "1" }];
    for (const headers of claims) {
      const answer = await get(base, SITE_NOT_FOUND_PATH, headers);
      expect(answer).toMatchObject({ status: 404, body: FRAME_404 });
    }
    const unknown = await get(base, "/no-such-page?x=1");
    expect(unknown).toMatchObject({ status: 404, body: FRAME_404 });
  });
});

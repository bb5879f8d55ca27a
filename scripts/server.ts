// The portal server: Next.js behind the exact page cache (lib/sites/cache-server.ts). Started by
// scripts/start.ts as its own process (PORT, DATABASE_URL and AUTH_SECRET in the environment);
// `--dev` runs `next dev` without the cache. PORTAL_CACHE=off serves every request uncached.
// Cached pages are answered before anything else; renders and searches of public pages share a
// bounded queue (PORTAL_RENDER_CONCURRENCY, PORTAL_RENDER_QUEUE, PORTAL_RENDER_WAIT_MS), and past
// it are answered 503 with Retry-After at once (lib/http/work-queue.ts).
// Every portal page view, cached or rendered, is counted in memory and written in batches
// (lib/visits/counter.ts); VISIT_COUNTER=off turns counting off (the benchmark compares).
import http from "node:http";
import path from "node:path";
import { hostname } from "node:os";
import next from "next";
import { PageCache } from "@/lib/sites/page-cache";
import { serveFromCache, withPageCache, withRenderFlights, type CacheServerState } from "@/lib/sites/cache-server";
import { withSiteNotFound } from "@/lib/sites/site-not-found";
import { startPurgeListener, type PurgeListener } from "@/lib/sites/purge-listener";
import { getDb, resolveDatabaseUrl } from "@/lib/db/client";
import { clientIpFrom, PEER_ADDRESS_HEADER } from "@/lib/auth/client-ip";
import { VisitCounter } from "@/lib/visits/counter";
import { PAGE_PATH_HEADER } from "@/lib/http/page-path";
import { withSecurity } from "@/lib/http/security";
import { checkRequestTarget } from "@/lib/http/request-guard";
import { pathKindOf } from "@/lib/http/csp";
import { WorkQueue } from "@/lib/http/work-queue";
import { messages } from "@/lib/i18n/zh-CN";
import { createPortalRenderer } from "@/lib/portal-render/render";
import { buildIslands } from "@/lib/portal-render/islands";
import { ROOT_METADATA } from "@/lib/sites/meta";
import { portalPages } from "@/components/portal/routes";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const cacheOn = !dev && process.env.PORTAL_CACHE !== "off";
const log = (message: string) => console.log(`[tongyuan] ${message}`);
const RETRY_AFTER_SECONDS = 2;

/** A whole-number setting ≥ `min` from the environment; a bad value stops start-up naming the variable. */
function setting(name: string, fallback: number, min = 1): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`环境变量 ${name} 须为不小于 ${min} 的整数，当前为“${raw}” (${name} must be an integer ≥ ${min})`);
  }
  return value;
}

const renders = new WorkQueue({
  concurrency: setting("PORTAL_RENDER_CONCURRENCY", 4),
  queue: setting("PORTAL_RENDER_QUEUE", 64, 0),
  maxWaitMs: setting("PORTAL_RENDER_WAIT_MS", 5000),
});

type Handle = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>;

/** Public pages that were not in the cache wait for a render slot; the back office, the API and static files do not. */
function admitted(handle: Handle): Handle {
  return async (req, res) => {
    if (pathKindOf((req.url ?? "/").split("?")[0]!) !== "portal") return handle(req, res);
    // The slot is held until the response is done, however the handler streams it.
    const ran = await renders.run(
      () =>
        new Promise<void>((resolve, reject) => {
          res.once("close", resolve);
          handle(req, res).catch(reject);
        }),
    );
    if (ran) return;
    res.writeHead(503, {
      "content-type": "text/plain; charset=utf-8",
      "cache-control": "no-store",
      "retry-after": String(RETRY_AFTER_SECONDS),
    });
    res.end(messages.errors.busy);
    req.resume();
  };
}

const visits =
  process.env.VISIT_COUNTER === "off"
    ? undefined
    : new VisitCounter(getDb(), {
        flushMs: setting("VISIT_FLUSH_MS", 5000),
        maxKeys: setting("VISIT_FLUSH_KEYS", 20_000),
        clientAddress: clientIpFrom,
        log,
      });

const state: CacheServerState = {
  cache: new PageCache({ maxBytes: setting("PORTAL_CACHE_MB", 256) * 1024 * 1024 }),
  enabled: false,
};

/**
 * The portal's own renderer of article and search pages (lib/portal-render), in production unless
 * PORTAL_RENDER=off; Next.js renders everything else and whatever it declines. Its island script is
 * bundled into Next's static folder before Next.js starts, so Next serves it with its own files.
 */
async function portalRenderer() {
  if (dev || process.env.PORTAL_RENDER === "off") return undefined;
  const distDir = path.join(process.cwd(), ".next");
  try {
    const islandScript = await buildIslands(distDir, path.join(process.cwd(), "components/portal/islands/boot.tsx"));
    return createPortalRenderer({ distDir, pages: portalPages, islandScript, rootMetadata: ROOT_METADATA, log });
  } catch (error) {
    log(`门户快速渲染未启用，由 Next.js 渲染全部页面 (portal renderer off): ${String(error)}`);
    return undefined;
  }
}

async function main() {
  const fast = await portalRenderer();
  const app = next({ dev, dir: process.cwd(), hostname: "localhost", port });
  await app.prepare();
  const handle = app.getRequestHandler();
  // Until the purge listener is connected the cache stays off; requests are served uncached.
  // Purges come from whichever process committed the change; publishers wait for this server's
  // acknowledgement (lib/sites/purge-listener.ts).
  let listener: PurgeListener | undefined;
  if (cacheOn) {
    listener = startPurgeListener(state, {
      url: resolveDatabaseUrl(),
      label: `${hostname()}:${port} pid ${process.pid}`,
      log,
      onFirstConnect: () => log("页面缓存已启用 (page cache on)"),
    });
  }
  // A public page's 404 is answered with the site's own 404 page (lib/sites/site-not-found.ts).
  const nextPages = (req: http.IncomingMessage, res: http.ServerResponse) => handle(req, res);
  const pages = withSiteNotFound(fast ? fast(nextPages) : nextPages);
  // One render per page at a time, in front of the admission queue: requests for a page being
  // rendered wait for it instead of taking slots (lib/sites/cache-server.ts withRenderFlights).
  const render = cacheOn ? withRenderFlights(state, admitted(withPageCache(state, pages))) : admitted(pages);
  // Every request passes the browser boundary first (same-origin writes, security headers), cached
  // pages and refusals included (a cached page carries the headers it was rendered with, and is
  // answered before any other work). An address that does not decode, or carries control
  // characters, is answered with 400 before Next.js or the cache sees it.
  const serve = withSecurity(
    (req, res) => {
      const refusal = checkRequestTarget(req.url ?? "/");
      if (!refusal) return render(req, res);
      res.writeHead(refusal.status, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" });
      res.end(refusal.message);
    },
    { dev, answerFromStore: cacheOn ? (req, res) => serveFromCache(state, req, res) : undefined },
  );
  // The connection's address reaches the app only through this header (lib/auth/client-ip.ts);
  // whatever a client sent under the same name is overwritten.
  visits?.start();
  const server = http.createServer((req, res) => {
    const url = req.url ?? "/";
    req.headers[PEER_ADDRESS_HEADER] = req.socket.remoteAddress ?? "";
    // The address a portal page names as its own (lib/sites/page-address.ts).
    req.headers[PAGE_PATH_HEADER] = url;
    void serve(req, res);
    // After the answer: a cached page has been handed to the socket already when this runs.
    visits?.observe(req, res, url);
  });
  if (dev) server.on("upgrade", app.getUpgradeHandler());
  server.keepAliveTimeout = 65_000;
  server.listen(port, () =>
    log(`门户与后台已就绪 (ready) on http://localhost:${port}${cacheOn ? "" : " (page cache off)"}`),
  );
  // Leaves the live set at once, so publishers do not wait for a server that is gone; once the
  // last response is out, the visits counted since the last batch are written, then the process ends.
  const stop = () =>
    void (listener?.stop() ?? Promise.resolve()).finally(() =>
      server.close(
        () =>
          void (visits?.stop() ?? Promise.resolve())
            .catch((error) => log(`访问统计未能写入 (visit counts not written): ${String(error)}`))
            .finally(() => process.exit(0)),
      ),
    );
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error) => {
  console.error("[tongyuan] 服务启动失败 (server failed to start):", error);
  process.exit(1);
});

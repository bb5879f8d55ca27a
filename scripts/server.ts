// The portal server: Next.js behind the exact page cache (lib/sites/cache-server.ts). Started by
// scripts/start.ts as its own process (PORT, DATABASE_URL and AUTH_SECRET in the environment);
// `--dev` runs `next dev` without the cache. PORTAL_CACHE=off serves every request uncached.
import http from "node:http";
import next from "next";
import pg from "pg";
import { PageCache } from "@/lib/sites/page-cache";
import { withPageCache, type CacheServerState } from "@/lib/sites/cache-server";
import { PORTAL_PURGE_CHANNEL, PURGE_ALL, parsePurgePayload } from "@/lib/publish/portal-purge";
import { resolveDatabaseUrl } from "@/lib/db/client";
import { PEER_ADDRESS_HEADER } from "@/lib/auth/client-ip";
import { withSecurity } from "@/lib/http/security";
import { checkRequestTarget } from "@/lib/http/request-guard";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const cacheOn = !dev && process.env.PORTAL_CACHE !== "off";
const log = (message: string) => console.log(`[tongyuan] ${message}`);

const state: CacheServerState = {
  cache: new PageCache({ maxBytes: Number(process.env.PORTAL_CACHE_MB ?? 256) * 1024 * 1024 }),
  enabled: false,
};

/**
 * Purges arrive as PostgreSQL notifications from whichever process committed the change. While
 * the listener is disconnected a purge could be missed, so the cache is off until it is back
 * (and starts empty). Runs for the life of the process.
 */
async function keepListening(url: string, onFirstConnect: () => void): Promise<never> {
  for (;;) {
    const client = new pg.Client({ connectionString: url });
    try {
      client.on("notification", (message) => {
        if (message.channel !== PORTAL_PURGE_CHANNEL) return;
        const tags = parsePurgePayload(message.payload);
        if (tags.includes(PURGE_ALL)) state.cache.purgeAll();
        else state.cache.purge(tags);
      });
      const lost = new Promise((resolve) => {
        client.once("error", resolve);
        client.once("end", resolve);
      });
      await client.connect();
      await client.query(`listen ${PORTAL_PURGE_CHANNEL}`);
      state.cache.purgeAll();
      state.enabled = true;
      onFirstConnect();
      await lost;
      log("缓存通知连接中断，暂停页面缓存 (purge listener lost; page cache paused)");
    } catch {
      // retried below
    }
    state.enabled = false;
    state.cache.purgeAll();
    await client.end().catch(() => {});
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

async function main() {
  const app = next({ dev, dir: process.cwd(), hostname: "localhost", port });
  await app.prepare();
  const handle = app.getRequestHandler();
  // Until the purge listener is connected the cache stays off; requests are served uncached.
  if (cacheOn) void keepListening(resolveDatabaseUrl(), () => log("页面缓存已启用 (page cache on)"));
  const render = cacheOn ? withPageCache(state, (req, res) => handle(req, res)) : (req: http.IncomingMessage, res: http.ServerResponse) => handle(req, res);
  // Every request passes the browser boundary first (same-origin writes, security headers), cached
  // pages and refusals included. An address that does not decode, or carries control characters,
  // is answered with 400 before Next.js or the cache sees it.
  const serve = withSecurity(
    (req, res) => {
      const refusal = checkRequestTarget(req.url ?? "/");
      if (!refusal) return render(req, res);
      res.writeHead(refusal.status, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" });
      res.end(refusal.message);
    },
    { dev },
  );
  // The connection's address reaches the app only through this header (lib/auth/client-ip.ts);
  // whatever a client sent under the same name is overwritten.
  const server = http.createServer((req, res) => {
    req.headers[PEER_ADDRESS_HEADER] = req.socket.remoteAddress ?? "";
    void serve(req, res);
  });
  if (dev) server.on("upgrade", app.getUpgradeHandler());
  server.keepAliveTimeout = 65_000;
  server.listen(port, () => log(`门户与后台已就绪 (ready) on http://localhost:${port}${cacheOn ? "" : " (page cache off)"}`));
  const stop = () => server.close(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error) => {
  console.error("[tongyuan] 服务启动失败 (server failed to start):", error);
  process.exit(1);
});

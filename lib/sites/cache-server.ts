import type { IncomingMessage, ServerResponse } from "node:http";
import { PageCache, type CachedPage } from "@/lib/sites/page-cache";
import { newRenderScope, runInScope, type RenderScope } from "@/lib/cache/render-scope";
import { SharedReads } from "@/lib/cache/shared-reads";
import { PURGE_ALL } from "@/lib/cache/portal-purge";
import { policyForStoredPage } from "@/lib/http/csp";
import { PORTAL_SYNC_BOUND_MS } from "@/lib/cache/portal-sync";
import { checkRequestTarget } from "@/lib/http/request-guard";

// The request path of the portal server (scripts/server.ts): public GETs are answered from the
// page cache when it holds the page; otherwise Next.js renders it inside a render scope, the
// response is copied as it streams out, and stored under the tags the render recorded.
// Back-office pages, server actions, client-router requests and anything the render did not
// label are passed through untouched (and never stored). A stored page keeps the security headers
// it was rendered with, except that its Content-Security-Policy allows its inline scripts by hash,
// not by the render's one-time nonce (lib/http/csp.ts explains why).

export type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

const PASS_THROUGH = /^\/(admin|api|_next)(\/|$)/;
const DROPPED_HEADERS = new Set([
  "set-cookie",
  "date",
  "connection",
  "keep-alive",
  "transfer-encoding",
  "content-length",
  "content-encoding",
  "etag",
  "cache-control",
  "x-portal-cache",
]);

export type CacheServerState = {
  cache: PageCache;
  /** False while purges might be missed (the notification listener is down): no hits, no stores. */
  enabled: boolean;
  /**
   * performance.now() when the server last began a catch-up that applied every purge committed
   * before it (lib/sites/purge-listener.ts). Unset for a cache that only this process changes.
   */
  syncedAt?: number;
  /** Reads renders share until the cache's next purge (lib/cache/shared-reads.ts). */
  shared?: SharedReads;
  /** Search results renders share until the cache's next purge, for SEARCH_SHARED_MS at most. */
  searches?: SharedReads;
};

/**
 * How long one search's results are shared at most. A purge ends it sooner; this bounds what no
 * purge announces: the recency part of the ranking, and an index rebuilt in place.
 */
export const SEARCH_SHARED_MS = 30_000;
/** Searches whose results are kept at most (each about 10–20 KB: ten hits with their excerpts). */
const SEARCH_SHARED_ENTRIES = 1000;

/**
 * Whether the cache may be used now. A server more than PORTAL_SYNC_BOUND_MS behind may hold
 * pages a publisher has stopped waiting for: it neither serves from its cache nor fills it
 * until its next catch-up (which empties it if a purge was indeed missed).
 */
export function isCacheUsable(state: CacheServerState): boolean {
  if (!state.enabled) return false;
  return state.syncedAt === undefined || performance.now() - state.syncedAt <= PORTAL_SYNC_BOUND_MS;
}

function isCacheable(req: IncomingMessage, path: string): boolean {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  if (PASS_THROUGH.test(path)) return false;
  const headers = req.headers;
  return !headers.rsc && !headers["next-action"] && !headers["next-router-prefetch"] && !headers.authorization;
}

/**
 * `hl` (the search words a result link carries) only changes what the browser highlights, not
 * the page, so an article reached from search shares the article's cache entry.
 */
export function cacheKey(req: IncomingMessage): string {
  const host = (req.headers["x-forwarded-host"] ?? req.headers.host ?? "").toString().toLowerCase();
  const proto = (req.headers["x-forwarded-proto"] ?? "").toString();
  return `${proto}\n${host}\n${withoutHighlight(req.url ?? "/")}`;
}

export function withoutHighlight(url: string): string {
  const mark = url.indexOf("?");
  if (mark < 0 || !/[?&]hl=/.test(url)) return url;
  const params = new URLSearchParams(url.slice(mark + 1));
  params.delete("hl");
  const rest = params.toString();
  return rest ? `${url.slice(0, mark)}?${rest}` : url.slice(0, mark);
}

/**
 * The header lists of a stored page's answers, built once per entry (a hit only writes them; the
 * compressed answer's on its first request, with the compressed body), and the last request
 * target the request guard passed for it.
 */
type Prebuilt = { common: string[]; plain: string[]; gzip?: string[]; notModified: string[]; passedTarget?: string };
const prebuilt = new WeakMap<CachedPage, Prebuilt>();

function prebuild(page: CachedPage): Prebuilt {
  const common = Object.entries(page.headers).flat();
  common.push("etag", page.etag, "cache-control", "public, no-cache", "x-portal-cache", "HIT");
  if (page.compressible) common.push("vary", "Accept-Encoding");
  const built: Prebuilt = {
    common,
    plain: [...common, "content-length", String(page.body.length)],
    notModified: common,
  };
  prebuilt.set(page, built);
  return built;
}

function serveCached(cache: PageCache, key: string, req: IncomingMessage, res: ServerResponse, page: CachedPage) {
  const built = prebuilt.get(page) ?? prebuild(page);
  if (req.headers["if-none-match"] === page.etag) {
    res.writeHead(304, built.notModified);
    res.end();
    return;
  }
  const gzip =
    page.compressible && /\bgzip\b/.test(req.headers["accept-encoding"] ?? "") ? cache.gzipped(key, page) : null;
  if (gzip) {
    built.gzip ??= [...built.common, "content-encoding", "gzip", "content-length", String(gzip.length)];
    res.writeHead(page.status, built.gzip);
  } else {
    res.writeHead(page.status, built.plain);
  }
  res.end(req.method === "HEAD" ? undefined : (gzip ?? page.body));
}

/**
 * Answers a request from the cache if it holds the page; false when the request must go on to
 * be rendered. A stored page carries the security headers it was rendered with (lib/http/security.ts
 * set them before the render, for the same scheme: the key holds it), so a hit needs nothing
 * else: no nonce, no header building, no Next.js. An address the request guard would refuse is
 * never answered from here.
 */
export function serveFromCache(state: CacheServerState, req: IncomingMessage, res: ServerResponse): boolean {
  if (!isCacheUsable(state)) return false;
  const url = req.url ?? "/";
  const queryAt = url.indexOf("?");
  if (!isCacheable(req, queryAt < 0 ? url : url.slice(0, queryAt))) return false;
  const key = cacheKey(req);
  const page = state.cache.get(key);
  if (!page) return false;
  const built = prebuilt.get(page) ?? prebuild(page);
  if (built.passedTarget !== url) {
    if (checkRequestTarget(url)) return false;
    built.passedTarget = url;
  }
  serveCached(state.cache, key, req, res, page);
  return true;
}

/**
 * Wraps the Next.js handler. Every request runs in a render scope; writes it made (publishing,
 * withdrawing…) are purged before its own response starts, so the caller's next request is fresh.
 */
export function withPageCache(state: CacheServerState, handle: Handler): Handler {
  return async (req, res) => {
    const path = (req.url ?? "/").split("?")[0]!;
    const cacheable = isCacheUsable(state) && isCacheable(req, path);
    const key = cacheable ? cacheKey(req) : "";
    if (cacheable) {
      const page = state.cache.get(key);
      if (page) return serveCached(state.cache, key, req, res, page);
    }
    const scope = newRenderScope();
    if (isCacheUsable(state)) {
      scope.shared = state.shared ??= new SharedReads(() => state.cache.epoch);
      scope.searches = state.searches ??= new SharedReads(() => state.cache.epoch, {
        maxAgeMs: SEARCH_SHARED_MS,
        maxEntries: SEARCH_SHARED_ENTRIES,
      });
    }
    const startedAt = state.cache.epoch;
    flushChangesBeforeResponding(state, scope, res);
    if (cacheable) {
      res.setHeader("x-portal-cache", "MISS");
      // Keep the rendered copy uncompressed; the cache compresses it once, when first asked for gzip.
      delete req.headers["accept-encoding"];
      if (req.method === "GET") captureForCache(state, scope, res, key, startedAt);
    }
    await runInScope(scope, () => handle(req, res));
  };
}

/** A render of one cache key in progress, begun when the cache's epoch was `epoch`. */
type Flight = { epoch: number; done: Promise<void> };
const flights = new WeakMap<CacheServerState, Map<string, Flight>>();

/**
 * One render per page at a time (single flight, #21). Put in front of the render admission queue
 * (scripts/server.ts): a GET for a page that another request is rendering, begun since the cache's
 * last purge, waits for that render and is then answered from the cache with what it stored, instead
 * of taking a render slot of its own; after a publish purges a busy home page, its requests make one
 * render, not one each. Nothing older is ever served: a render begun before a purge is not joined
 * (the next request leads a new one), and what it renders is not stored (PageCache.store). When the
 * leader stored nothing (refused as busy, failed, not cacheable, purged meanwhile) each waiter
 * renders as it would have without waiting.
 */
export function withRenderFlights(state: CacheServerState, handle: Handler): Handler {
  const inFlight = flights.get(state) ?? new Map<string, Flight>();
  flights.set(state, inFlight);
  return async (req, res) => {
    const path = (req.url ?? "/").split("?")[0]!;
    if (req.method !== "GET" || !isCacheUsable(state) || !isCacheable(req, path)) return handle(req, res);
    const key = cacheKey(req);
    const epoch = state.cache.epoch;
    const flight = inFlight.get(key);
    if (flight && flight.epoch === epoch) {
      await flight.done;
      if (serveFromCache(state, req, res)) return;
      return handle(req, res);
    }
    let land = () => {};
    const done = new Promise<void>((resolve) => (land = resolve));
    inFlight.set(key, { epoch, done });
    try {
      await handle(req, res);
      // Stored when the response finished (captureForCache), which may come after the handler.
      if (!res.writableFinished && !res.destroyed) await new Promise((resolve) => res.once("close", resolve));
    } finally {
      if (inFlight.get(key)?.done === done) inFlight.delete(key);
      land();
    }
  };
}

/** Renders of distinct pages in progress (tests). */
export function flightsInProgress(state: CacheServerState): number {
  return flights.get(state)?.size ?? 0;
}

function flushChangesBeforeResponding(state: CacheServerState, scope: RenderScope, res: ServerResponse) {
  const flush = () => {
    if (scope.changed.size === 0) return;
    const tags = [...scope.changed];
    scope.changed.clear();
    if (tags.includes(PURGE_ALL)) state.cache.purgeAll();
    else state.cache.purge(tags);
  };
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
  res.writeHead = ((...args: unknown[]) => {
    flush();
    return writeHead(...args);
  }) as typeof res.writeHead;
  res.on("finish", flush);
}

function captureForCache(
  state: CacheServerState,
  scope: RenderScope,
  res: ServerResponse,
  key: string,
  startedAt: number,
) {
  const chunks: Buffer[] = [];
  const toBuffer = (chunk: unknown, encoding?: unknown) =>
    Buffer.isBuffer(chunk)
      ? chunk
      : typeof chunk === "string"
        ? Buffer.from(chunk, (typeof encoding === "string" ? encoding : "utf8") as BufferEncoding)
        : Buffer.from(chunk as Uint8Array);
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (chunk != null) chunks.push(toBuffer(chunk, rest[0]));
    return write(chunk, ...rest);
  }) as typeof res.write;
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    if (chunk != null && typeof chunk !== "function") chunks.push(toBuffer(chunk, rest[0]));
    return end(chunk, ...rest);
  }) as typeof res.end;
  res.on("finish", () => {
    if (scope.uncacheable || scope.tags.size === 0 || (res.statusCode !== 200 && res.statusCode !== 404)) return;
    const raw = res.getHeaders();
    if (raw["set-cookie"] || raw["content-encoding"]) return;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(raw)) {
      if (value === undefined || DROPPED_HEADERS.has(name)) continue;
      headers[name] = Array.isArray(value) ? value.join(", ") : String(value);
    }
    const body = Buffer.concat(chunks);
    const policy = headers["content-security-policy"];
    if (policy) headers["content-security-policy"] = policyForStoredPage(policy, body.toString("utf8"));
    state.cache.store(key, { status: res.statusCode, headers, body, tags: [...scope.tags] }, startedAt);
  });
}

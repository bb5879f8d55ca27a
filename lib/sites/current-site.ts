// The site a request is for, resolved once per request from its Host header: shared by portal
// pages, feeds and the search API, which is why it lives here and not in a route folder.
import { requestHeaders as headers } from "@/lib/http/request-headers";
import { findSiteByHost } from "@/lib/sites/portal";
import { primaryHost } from "@/lib/publish/portal-links";

function requestHost(requestHeaders: Pick<Headers, "get">): string | null {
  return requestHeaders.get("x-forwarded-host") ?? requestHeaders.get("host");
}

/**
 * `load` run at most once per request and arguments: generateMetadata, the page and its parts share
 * one promise. Keyed by the request's own headers object (Next.js keeps one per request), because
 * React's cache() did not share these calls: each caller ran its own queries.
 */
export function perRequest<Args extends string[], T>(load: (...args: Args) => Promise<T>) {
  const byRequest = new WeakMap<object, Map<string, Promise<T>>>();
  return async (...args: Args): Promise<T> => {
    const request = await headers();
    let calls = byRequest.get(request);
    if (!calls) byRequest.set(request, (calls = new Map()));
    const key = args.join("\u0000");
    let result = calls.get(key);
    if (!result) calls.set(key, (result = load(...args)));
    return result;
  };
}

/**
 * The site this request is for, by its Host header, or null when the platform has none yet (once
 * per request: the page, its metadata and the 404 boundary every page carries share it).
 */
export const findCurrentSite = perRequest(async () => findSiteByHost(requestHost(await headers())));

/** The site this request is for, by its Host header (once per request). */
export async function getCurrentSite() {
  const site = await findCurrentSite();
  if (!site) throw new Error("No site is configured on this platform.");
  return site;
}

/** Absolute URL prefix of this request (scheme and host), for canonical links, feeds and sitemaps. */
export const getBaseUrl = perRequest(async () => {
  const requestHeaders = await headers();
  const proto = requestHeaders.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https" ? "https" : "http";
  const host = (requestHost(requestHeaders) ?? "localhost").replace(/[^A-Za-z0-9.:\[\]-]/g, "");
  return `${proto}://${host}`;
});

const primaryHostOnce = perRequest((siteId: string) => primaryHost(siteId));

/** An address on another site of the platform: its first host, with this request's scheme and port. */
export async function hrefOnSite(siteId: string, path: string): Promise<string> {
  const host = await primaryHostOnce(siteId);
  if (!host) return path;
  const url = new URL(await getBaseUrl());
  url.hostname = host;
  return `${url.origin}${path}`;
}

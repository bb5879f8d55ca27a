// The site a request is for, resolved once per request from its Host header: shared by portal
// pages, feeds and the search API, which is why it lives here and not in a route folder.
import { cache } from "react";
import { headers } from "next/headers";
import { findSiteByHost } from "@/lib/sites/portal";
import { primaryHost } from "@/lib/publish/portal-links";

function requestHost(requestHeaders: Headers): string | null {
  return requestHeaders.get("x-forwarded-host") ?? requestHeaders.get("host");
}

/** The site this request is for, by its Host header (once per request). */
export const getCurrentSite = cache(async () => {
  const site = await findSiteByHost(requestHost(await headers()));
  if (!site) throw new Error("No site is configured on this platform.");
  return site;
});

/** Absolute URL prefix of this request (scheme and host), for canonical links, feeds and sitemaps. */
export const getBaseUrl = cache(async () => {
  const requestHeaders = await headers();
  const proto = requestHeaders.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https" ? "https" : "http";
  const host = (requestHost(requestHeaders) ?? "localhost").replace(/[^A-Za-z0-9.:\[\]-]/g, "");
  return `${proto}://${host}`;
});

/** An address on another site of the platform: its first host, with this request's scheme and port. */
export async function hrefOnSite(siteId: string, path: string): Promise<string> {
  const host = await primaryHost(siteId);
  if (!host) return path;
  const url = new URL(await getBaseUrl());
  url.hostname = host;
  return `${url.origin}${path}`;
}

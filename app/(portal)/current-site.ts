import { cache } from "react";
import { headers } from "next/headers";
import { findSiteByHost } from "@/lib/sites/portal";

/** The site this request is for, by its Host header (once per request). */
export const getCurrentSite = cache(async () => {
  const requestHeaders = await headers();
  const site = await findSiteByHost(requestHeaders.get("x-forwarded-host") ?? requestHeaders.get("host"));
  if (!site) throw new Error("No site is configured on this platform.");
  return site;
});

import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { getEnv } from "@/lib/env";
import { isGovernmentTarget, isHttpUrl } from "@/lib/validation/url";

// Links from portal pages to non-government sites pass the leaving notice (您即将离开本网站).
// The notice's address carries the destination and a signature made with AUTH_SECRET, so only
// links the platform itself rendered get a notice: nobody can make this government domain show
// a "continue" link to a site of their choosing, and the notice never forwards by itself.

const fallbackKey = randomBytes(32);

function signature(url: string): string {
  return createHmac("sha256", getEnv().AUTH_SECRET ?? fallbackKey)
    .update(`leaving-notice:${url}`)
    .digest("base64url")
    .slice(0, 27);
}

/** The notice's address for a destination. */
export function leavingHref(url: string): string {
  return `/leaving?to=${encodeURIComponent(url)}&sig=${signature(url)}`;
}

/** Where a link to `url` goes from a portal page: straight within government, else via the notice. */
export function externalLinkHref(url: string, platformHosts: readonly string[]): string {
  return isGovernmentTarget(url, platformHosts) ? url : leavingHref(url);
}

/** The destination of a notice address, or null when it was not made by leavingHref. */
export function verifyLeaving(to: unknown, sig: unknown): string | null {
  if (typeof to !== "string" || typeof sig !== "string" || !isHttpUrl(to)) return null;
  const expected = Buffer.from(signature(to));
  const given = Buffer.from(sig);
  return expected.length === given.length && timingSafeEqual(expected, given) ? to : null;
}

const decodeAttribute = (value: string) =>
  value
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
const encodeAttribute = (value: string) =>
  value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Body HTML (already sanitized) with links to non-government sites pointed at the notice. */
export function routeExternalLinks(html: string, platformHosts: readonly string[]): string {
  return html.replace(/(<a\b[^>]*?\shref=")([^"]*)(")/g, (whole, before: string, raw: string, after: string) => {
    const url = decodeAttribute(raw);
    if (!isHttpUrl(url) || isGovernmentTarget(url, platformHosts)) return whole;
    return `${before}${encodeAttribute(leavingHref(url))}${after}`;
  });
}

import { createHash } from "node:crypto";

// What counts as a page view, and the few things kept of one: pure functions, no I/O, called on
// every request the portal server answers (cheap tests first, regular expressions last).

/** Crawlers, monitors, link checkers, scripts and headless browsers that say so in their agent. */
const BOT_AGENT =
  /bot|crawl|spider|slurp|scan|monitor|check|fetch|preview|archiver|curl|wget|python|java\/|go-http|okhttp|axios|node-fetch|undici|libwww|httpclient|headless|phantom|lighthouse|pagespeed|ptst|facebookexternalhit|yandex|baidu|sogou|360spider|bytespider|petalbot|yisou|wrk|autocannon|apachebench|^$/i;

/** The verdicts on the agents seen lately: most views come from a few hundred distinct agents. */
const verdicts = new Map<string, boolean>();
const MAX_VERDICTS = 2_000;

/** An agent that is not a person's browser (no agent at all counts as a bot). */
export function isBotAgent(agent: string | undefined): boolean {
  if (!agent) return true;
  let verdict = verdicts.get(agent);
  if (verdict === undefined) {
    verdict = BOT_AGENT.test(agent);
    if (verdicts.size >= MAX_VERDICTS) verdicts.clear();
    verdicts.set(agent, verdict);
  }
  return verdict;
}

/** Files and machine pages: static assets, feeds, sitemaps, robots.txt, favicons. */
const NOT_A_PAGE = /^\/(admin|api|_next|site-not-found)(\/|$)|\.[a-z0-9]{1,5}$/i;

export type RequestFacts = {
  method: string | undefined;
  /** The path, without its query. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
};

/**
 * Whether a request is a portal page view a person asked for: a GET of a page (not an asset, a
 * feed or the back office), not a prefetch, from a browser that is not a bot.
 */
export function isPageView(request: RequestFacts): boolean {
  if (request.method !== "GET") return false;
  if (!isPagePath(request.path)) return false;
  if (isPrefetch(request.headers)) return false;
  const agent = request.headers["user-agent"];
  return !isBotAgent(typeof agent === "string" ? agent : undefined);
}

/** Whether a path (without its query) names a page rather than an asset, a feed or the back office. */
export function isPagePath(path: string): boolean {
  return !NOT_A_PAGE.test(path);
}

/** A browser or router prefetch: fetched ahead, perhaps never shown. */
export function isPrefetch(headers: RequestFacts["headers"]): boolean {
  if (headers["next-router-prefetch"] || headers.purpose === "prefetch" || headers["x-moz"] === "prefetch") return true;
  const purpose = headers["sec-purpose"];
  return typeof purpose === "string" && purpose.includes("prefetch");
}

/** Whether a response status means the page was shown (served, or still fresh in the browser). */
export function isShownStatus(status: number): boolean {
  return status === 200 || status === 304;
}

const MAX_TERM = 50;

/**
 * A search term as counted: Unicode-normalised (full-width to half-width), lower case, inner
 * spaces collapsed, at most 50 characters; null when nothing is left.
 */
export function normaliseSearchTerm(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const term = raw
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\u0000-\u001f\u007f]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (!term) return null;
  return [...term].slice(0, MAX_TERM).join("").trim();
}

/** The search term of a portal search page address ("/search?q=…"), normalised; null otherwise. */
export function searchTermOf(path: string, query: string): string | null {
  if (path !== "/search" || !query) return null;
  try {
    return normaliseSearchTerm(new URLSearchParams(query).get("q"));
  } catch {
    return null;
  }
}

/**
 * The host of a referrer on another site (never its path or query); null when there is none,
 * it is not http(s), or it is the host the page was asked on.
 */
export function referrerHost(referrer: string | undefined, ownHost: string): string | null {
  if (!referrer) return null;
  let url: URL;
  try {
    url = new URL(referrer);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  const host = url.hostname.toLowerCase().replace(/^www\./, "");
  if (!host || host === withoutPort(ownHost).replace(/^www\./, "")) return null;
  return host.slice(0, 253);
}

/** "example.gov.cn:443" → "example.gov.cn"; "[::1]:3000" → "[::1]". */
export function withoutPort(host: string): string {
  const lower = host.trim().toLowerCase();
  return lower.startsWith("[") ? lower.slice(0, lower.indexOf("]") + 1) : lower.replace(/:\d+$/, "");
}

/** A page's path as counted: without the query, at most 300 characters. */
export function countedPath(path: string): string {
  return path.length > 300 ? path.slice(0, 300) : path;
}

/**
 * The visitor of one site on one day: SHA-256 of the day's salt, the site, the address and the
 * agent, cut to 16 bytes. The salt is random and dies with the day, so the hash cannot be turned
 * back into an address, nor linked to the same visitor on another day or another site.
 */
export function visitorHash(salt: Buffer, siteId: string, address: string, agent: string): Buffer {
  return createHash("sha256")
    .update(salt)
    .update(siteId)
    .update("\u0000")
    .update(address)
    .update("\u0000")
    .update(agent)
    .digest()
    .subarray(0, 16);
}

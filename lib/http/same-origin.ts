import type { IncomingHttpHeaders } from "node:http";

// Cross-site request forgery (issue #21 item 9): every state-changing request (any method but
// GET, HEAD and OPTIONS, on any path: route handlers, server actions, next-auth) must come from a
// page of this very origin. SameSite cookies do not suffice: another origin of the same site (a
// sibling subdomain, another port) is "same-site" and still sends them.
//
// A browser says where a request comes from: `Sec-Fetch-Site` (it must be "same-origin") and
// `Origin` (it must be this origin). A request carrying neither is not a browser's (browsers send
// Origin with every POST), so it cannot be forged by a page; such clients (scripts, monitoring,
// tests) are allowed only on routes meant for machines: next-auth's, which checks its own
// double-submit CSRF token on every POST besides, and the relays' inbound messages, each signed
// with the relay's own secret (lib/interaction/inbound). Every other route refuses them,
// so a route added later is guarded without doing anything.

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const MACHINE_ROUTES = /^\/api\/auth\/|^\/api\/interaction\/inbound$/;

export type OriginVerdict = { ok: true } | { ok: false; reason: "cross-site" | "cross-origin" | "no-origin" };

type RequestLike = { method?: string; url?: string; headers: IncomingHttpHeaders; https: boolean };

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The origin this request was addressed to, as a browser on the public side would name it. */
function ownOrigin(request: RequestLike): { host: string; scheme?: string } | null {
  // Behind a reverse proxy the public host and scheme arrive forwarded; a browser page cannot
  // set these headers, so they cannot be used to forge a match.
  const host = (first(request.headers["x-forwarded-host"])?.split(",")[0] ?? first(request.headers.host))
    ?.trim()
    .toLowerCase();
  if (!host) return null;
  const forwarded = first(request.headers["x-forwarded-proto"])?.split(",")[0]?.trim().toLowerCase();
  // Without a forwarded scheme a plain-http socket may still sit behind a TLS proxy: compare the host only.
  return { host, scheme: forwarded ? `${forwarded}:` : request.https ? "https:" : undefined };
}

export function checkSameOrigin(request: RequestLike): OriginVerdict {
  if (SAFE_METHODS.has((request.method ?? "GET").toUpperCase())) return { ok: true };
  const fetchSite = first(request.headers["sec-fetch-site"])?.toLowerCase();
  if (fetchSite !== undefined && fetchSite !== "same-origin") return { ok: false, reason: "cross-site" };
  const origin = first(request.headers.origin);
  if (origin === undefined) {
    if (fetchSite === "same-origin") return { ok: true };
    const path = (request.url ?? "/").split("?")[0]!;
    return MACHINE_ROUTES.test(path) ? { ok: true } : { ok: false, reason: "no-origin" };
  }
  const own = ownOrigin(request);
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    // "null" (sandboxed frames, data: URLs, some redirects) or garbage.
    return { ok: false, reason: "cross-origin" };
  }
  if (!own || parsed.host.toLowerCase() !== own.host) return { ok: false, reason: "cross-origin" };
  if (own.scheme && parsed.protocol !== own.scheme) return { ok: false, reason: "cross-origin" };
  return { ok: true };
}

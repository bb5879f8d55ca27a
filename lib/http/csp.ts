import { createHash, randomBytes } from "node:crypto";

// The security headers every response carries (issue #21 item 7), and the Content-Security-Policy
// of each kind of path. Set by the request wrapper in lib/http/security.ts, for the portal, the
// back office, the API and static files alike.
//
// Scripts: Next.js writes inline <script> elements into every page (the React Server Components
// payload and the bootstrap). A page rendered for this request allows them by a fresh per-request
// nonce, which Next reads from the request's own `content-security-policy` header and stamps on
// each script it writes. A portal page served again from the exact page cache
// (lib/sites/cache-server.ts) would replay that nonce to every visitor, so a cached page is
// allowed by the SHA-256 hashes of exactly the inline scripts in its stored body instead, computed
// once when it is stored: the cached bytes stay the bytes served (no per-hit rewriting, the
// precompressed copy stays valid), and no nonce is ever valid for more than one response.
//
// Styles: pages use `style` attributes (React `style={…}`, the editor's and the rich text's text
// alignment), which no nonce or hash can allow, so style attributes are allowed while <style>
// elements and stylesheets must come from this origin. Style attributes cannot run script.

/** What a path is, for the headers it gets. */
export type PathKind = "admin" | "api" | "static" | "portal";

export function pathKindOf(path: string): PathKind {
  if (/^\/admin(\/|$)/.test(path)) return "admin";
  if (/^\/api(\/|$)/.test(path)) return "api";
  if (/^\/_next\/static\//.test(path)) return "static";
  return "portal";
}

export type PolicyOptions = {
  kind: PathKind;
  /** A per-request nonce for inline scripts (pages rendered for this request). */
  nonce?: string;
  /** Hashes ("sha256-…") of the inline scripts of a stored page (pages served from the cache). */
  scriptHashes?: string[];
  https: boolean;
  /** `next dev` evaluates modules and talks to its dev server over a WebSocket. */
  dev?: boolean;
};

export function newNonce(): string {
  return randomBytes(16).toString("base64");
}

/** The Content-Security-Policy of one response. */
export function contentSecurityPolicy(options: PolicyOptions): string {
  const { kind, https, dev } = options;
  if (kind === "api" || kind === "static") {
    // JSON, feeds and files are never documents that run script; nothing may frame them.
    return "default-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
  }
  const scripts = ["'self'"];
  if (options.nonce) scripts.push(`'nonce-${options.nonce}'`);
  for (const hash of options.scriptHashes ?? []) scripts.push(`'${hash}'`);
  if (dev) scripts.push("'unsafe-eval'");
  const directives = [
    "default-src 'self'",
    `script-src ${scripts.join(" ")}`,
    "script-src-attr 'none'",
    "style-src 'self'",
    "style-src-attr 'unsafe-inline'",
    kind === "admin" ? "img-src 'self' data: blob:" : "img-src 'self' data:",
    "font-src 'self' data:",
    dev ? "connect-src 'self' ws: wss:" : "connect-src 'self'",
    "media-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    // The back office may preview portal pages in a frame; nothing else is framed.
    "frame-src 'self'",
    // A signed-in back-office page is never framed, not even by the same site (clickjacking).
    kind === "admin" ? "frame-ancestors 'none'" : "frame-ancestors 'self'",
  ];
  if (https) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

/** The headers besides the CSP: the same for every response of a kind. */
export function securityHeaders(kind: PathKind, https: boolean): Record<string, string> {
  const headers: Record<string, string> = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "permissions-policy":
      "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()",
    // For browsers that predate CSP's frame-ancestors.
    "x-frame-options": kind === "portal" ? "SAMEORIGIN" : "DENY",
  };
  // Only meaningful over https (browsers ignore it on http). Without includeSubDomains: other
  // hosts under a government domain may still be served over plain http by other units.
  if (https) headers["strict-transport-security"] = "max-age=31536000";
  return headers;
}

const INLINE_SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;

/**
 * The CSP hash sources of the inline scripts in an HTML document: the browser hashes a script
 * element's text exactly as written (script content is raw text, nothing is decoded).
 */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const match of html.matchAll(INLINE_SCRIPT)) {
    const attributes = match[1] ?? "";
    const text = match[2] ?? "";
    if (/\ssrc\s*=/i.test(attributes) || text.length === 0) continue;
    hashes.add(`sha256-${createHash("sha256").update(text, "utf8").digest("base64")}`);
  }
  return [...hashes];
}

/**
 * The policy a stored page is served with from the cache: the policy it was rendered under, with
 * its one-time nonce replaced by the hashes of the inline scripts the stored body holds.
 */
export function policyForStoredPage(policy: string, body: string): string {
  const hashes = inlineScriptHashes(body).map((hash) => `'${hash}'`);
  return policy
    .split(";")
    .map((directive) => {
      const tokens = directive.trim().split(/\s+/);
      if (tokens[0] !== "script-src") return directive.trim();
      return [...tokens.filter((token) => !token.startsWith("'nonce-")), ...hashes].join(" ");
    })
    .join("; ");
}

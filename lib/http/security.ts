import type { IncomingMessage, ServerResponse } from "node:http";
import type { TLSSocket } from "node:tls";
import { contentSecurityPolicy, newNonce, pathKindOf, securityHeaders } from "@/lib/http/csp";
import { checkSameOrigin } from "@/lib/http/same-origin";
import { messages } from "@/lib/i18n/zh-CN";

// The browser boundary of every request the server answers (scripts/server.ts wraps the whole
// app in it, the page cache included): refuses forged cross-origin writes before any route,
// server action or page sees them, and sets the security headers on every response. It sits in
// front of Next.js rather than in proxy.ts because cached portal pages are answered without
// reaching Next at all, and static files never reach the proxy; one place covers them all.

export type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

export function isHttps(req: IncomingMessage): boolean {
  const forwarded = String(req.headers["x-forwarded-proto"] ?? "")
    .split(",")[0]!
    .trim()
    .toLowerCase();
  return forwarded === "https" || (!forwarded && Boolean((req.socket as TLSSocket).encrypted));
}

export type SecurityOptions = {
  dev?: boolean;
  /**
   * Answers a request from stored responses (the portal's page cache) before any header is built
   * or nonce drawn; returns false to go on. Only for responses that carry the security headers
   * they were first answered with (lib/sites/cache-server.ts stores them so).
   */
  answerFromStore?: (req: IncomingMessage, res: ServerResponse) => boolean;
};

const SAFE_METHODS = new Set(["GET", "HEAD"]);
const DRAFT_PREVIEW_PATH = /^\/admin\/preview(\/|$)/;

export function withSecurity(
  handle: Handler,
  options: SecurityOptions = {},
): (req: IncomingMessage, res: ServerResponse) => Promise<void> | void {
  const secured = async (req: IncomingMessage, res: ServerResponse) => {
    const https = isHttps(req);
    const verdict = checkSameOrigin({ method: req.method, url: req.url, headers: req.headers, https });
    const path = (req.url ?? "/").split("?")[0]!;
    const kind = pathKindOf(path);
    for (const [name, value] of Object.entries(securityHeaders(kind, https))) res.setHeader(name, value);
    // A draft preview (lib/sites/preview) is for the signed-in person only: no cache keeps it and
    // no crawler indexes it, whatever the page answers.
    if (DRAFT_PREVIEW_PATH.test(path)) {
      res.setHeader("cache-control", "no-store, private");
      res.setHeader("x-robots-tag", "noindex, nofollow");
    }

    if (!verdict.ok) {
      res.setHeader("content-security-policy", contentSecurityPolicy({ kind: "api", https }));
      res.setHeader("cache-control", "no-store");
      const message = messages.errors.crossSite;
      if (kind === "api") {
        res.writeHead(403, { "content-type": "application/json; charset=utf-8" });
        res.end(JSON.stringify({ error: message }));
      } else {
        res.writeHead(403, { "content-type": "text/plain; charset=utf-8" });
        res.end(message);
      }
      // The body is not read; a keep-alive connection with an unread body cannot be reused.
      req.resume();
      return;
    }

    // Pages get a fresh nonce. Next.js takes it from the request's CSP header (a client's own
    // header of that name is overwritten, so nobody chooses their nonce).
    const nonce = kind === "admin" || kind === "portal" ? newNonce() : undefined;
    const policy = contentSecurityPolicy({ kind, nonce, https, dev: options.dev });
    delete req.headers["content-security-policy-report-only"];
    req.headers["content-security-policy"] = policy;
    res.setHeader("content-security-policy", policy);
    await handle(req, res);
  };
  // Reads (the only requests the store answers) pass the same-origin check by definition.
  return (req, res) => {
    if (options.answerFromStore && SAFE_METHODS.has(req.method ?? "GET") && options.answerFromStore(req, res)) return;
    return secured(req, res);
  };
}

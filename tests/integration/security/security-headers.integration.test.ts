import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withSecurity } from "@/lib/http/security";
import { PageCache } from "@/lib/sites/page-cache";
import { serveFromCache, withPageCache, type CacheServerState } from "@/lib/sites/cache-server";
import { tagPage } from "@/lib/cache/render-scope";

// Issue #21 item 7: no response carried a CSP, frame protection, nosniff or a Referrer-Policy.
// The server's wrapper (the same composition as scripts/server.ts: security, which answers cached
// pages first, then the page cache, then the app) is driven here with a stand-in for Next.js that, like Next, stamps the nonce it
// finds in the request's CSP header on its inline scripts. The real pages are checked in
// Chromium by tests/e2e/security/headers-csp.spec.ts.

const state: CacheServerState = { cache: new PageCache({ maxBytes: 1 << 20 }), enabled: true };
let server: http.Server;
let base = "";
let renders = 0;

function nonceIn(policy: string | undefined): string | undefined {
  return /'nonce-([^']+)'/.exec(policy ?? "")?.[1];
}

beforeAll(async () => {
  server = http.createServer(
    withSecurity(
      withPageCache(state, async (req, res) => {
        renders += 1;
        const nonce = nonceIn(req.headers["content-security-policy"] as string | undefined);
        if (!req.url?.startsWith("/admin") && !req.url?.startsWith("/api")) tagPage("site:test");
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        res.end(
          `<!doctype html><html><body><h1>首页</h1>` +
            `<script nonce="${nonce}">self.__next_f=self.__next_f||[];self.__next_f.push([0])</script>` +
            `<script nonce="${nonce}">self.__next_f.push([1,"render ${renders}"])</script>` +
            `<script src="/_next/static/chunks/main.js" nonce="${nonce}" async></script></body></html>`,
        );
      }),
      { answerFromStore: (req, res) => serveFromCache(state, req, res) },
    ),
  );
  await new Promise<void>((resolve) => server.listen(0, resolve));
  base = `http://localhost:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const sha256 = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

function inlineScripts(html: string): string[] {
  return [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((match) => match[1]!);
}

function directive(policy: string, name: string): string {
  return (
    policy
      .split(";")
      .map((part) => part.trim())
      .find((part) => part.split(" ")[0] === name) ?? ""
  );
}

describe("security headers", () => {
  it("every kind of response carries nosniff, a Referrer-Policy, a Permissions-Policy and frame protection", async () => {
    for (const path of [
      "/",
      "/columns/ywdt",
      "/admin",
      "/admin/login",
      "/api/health",
      "/_next/static/chunks/main.js",
    ]) {
      const response = await fetch(`${base}${path}`);
      expect(response.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(response.headers.get("referrer-policy"), path).toBe("strict-origin-when-cross-origin");
      expect(response.headers.get("permissions-policy"), path).toContain("camera=()");
      expect(response.headers.get("content-security-policy"), path).toBeTruthy();
      // Plain http: no HSTS (browsers ignore it there) and no upgrade of subresources.
      expect(response.headers.get("strict-transport-security"), path).toBeNull();
      expect(response.headers.get("content-security-policy"), path).not.toContain("upgrade-insecure-requests");
    }
  });

  it("the back office and the API may not be framed by anyone, the portal only by itself", async () => {
    for (const path of ["/admin", "/admin/library/x"]) {
      const response = await fetch(`${base}${path}`);
      expect(directive(response.headers.get("content-security-policy")!, "frame-ancestors")).toBe(
        "frame-ancestors 'none'",
      );
      expect(response.headers.get("x-frame-options")).toBe("DENY");
    }
    const api = await fetch(`${base}/api/search?q=x`);
    expect(directive(api.headers.get("content-security-policy")!, "frame-ancestors")).toBe("frame-ancestors 'none'");
    expect(directive(api.headers.get("content-security-policy")!, "default-src")).toBe("default-src 'none'");
    const portal = await fetch(`${base}/content/abc`);
    expect(directive(portal.headers.get("content-security-policy")!, "frame-ancestors")).toBe("frame-ancestors 'self'");
    expect(portal.headers.get("x-frame-options")).toBe("SAMEORIGIN");
  });

  it("a rendered page allows its inline scripts by a nonce used once, which a client cannot choose", async () => {
    const policies = await Promise.all(
      [1, 2].map(() => fetch(`${base}/admin`).then((response) => response.headers.get("content-security-policy")!)),
    );
    const [first, second] = policies.map(nonceIn);
    expect(first).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(second).not.toBe(first);
    for (const policy of policies) {
      expect(directive(policy, "script-src")).not.toContain("unsafe-inline");
      expect(directive(policy, "script-src")).not.toContain("unsafe-eval");
      expect(directive(policy, "object-src")).toBe("object-src 'none'");
      expect(directive(policy, "base-uri")).toBe("base-uri 'self'");
    }
    const chosen = await fetch(`${base}/admin`, {
      headers: { "content-security-policy": "script-src 'nonce-attackerchosen00'" },
    });
    const body = await chosen.text();
    expect(body).not.toContain("attackerchosen");
    expect(body).toContain(`nonce="${nonceIn(chosen.headers.get("content-security-policy")!)}"`);
  });

  it("a cached portal page is served with the hashes of its own inline scripts, never with the nonce it was rendered with", async () => {
    const miss = await fetch(`${base}/columns/tzgg`);
    expect(miss.headers.get("x-portal-cache")).toBe("MISS");
    const renderedNonce = nonceIn(miss.headers.get("content-security-policy")!);
    expect(renderedNonce).toBeTruthy();
    const stored = await miss.text();

    for (let hit = 0; hit < 2; hit += 1) {
      const response = await fetch(`${base}/columns/tzgg`);
      expect(response.headers.get("x-portal-cache")).toBe("HIT");
      const policy = response.headers.get("content-security-policy")!;
      const body = await response.text();
      expect(body).toBe(stored);
      expect(policy).not.toContain("'nonce-");
      expect(policy).not.toContain(renderedNonce);
      const scripts = inlineScripts(body);
      expect(scripts).toHaveLength(2);
      expect(directive(policy, "script-src").split(" ").sort()).toEqual(
        ["script-src", "'self'", ...scripts.map(sha256)].sort(),
      );
      expect(directive(policy, "frame-ancestors")).toBe("frame-ancestors 'self'");
      // Answered before the security wrapper builds any header: the stored ones are complete.
      for (const name of ["x-content-type-options", "referrer-policy", "permissions-policy", "x-frame-options"]) {
        expect(response.headers.get(name), name).toBe(miss.headers.get(name));
      }
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    }
  });

  it("over https (a TLS proxy in front) adds HSTS and upgrades insecure subresources", async () => {
    for (const path of ["/", "/admin", "/api/health"]) {
      const response = await fetch(`${base}${path}`, { headers: { "x-forwarded-proto": "https" } });
      expect(response.headers.get("strict-transport-security"), path).toBe("max-age=31536000");
    }
    const page = await fetch(`${base}/admin`, { headers: { "x-forwarded-proto": "https" } });
    expect(page.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
  });
});

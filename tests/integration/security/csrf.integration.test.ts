import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withSecurity } from "@/lib/http/security";
import { checkSameOrigin } from "@/lib/http/same-origin";

// Issue #21 item 9: the autosave and upload routes accepted posts from another origin of the same
// site. The guard sits in front of every route (scripts/server.ts wraps the whole app), so this
// drives it with a stand-in app that records which requests got through.

const reached: string[] = [];
let server: http.Server;
let port = 0;

beforeAll(async () => {
  server = http.createServer(
    withSecurity((req, res) => {
      reached.push(`${req.method} ${req.url}`);
      req.resume();
      res.writeHead(200, { "content-type": "application/json" });
      res.end("{}");
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** A request with exactly these headers (fetch would add its own Origin and Sec-Fetch-*). */
function send(method: string, path: string, headers: Record<string, string>, body = '{"title":"篡改"}') {
  return new Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    const request = http.request(
      {
        host: "localhost",
        port,
        method,
        path,
        agent: false,
        headers: { "content-type": "application/json", ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), headers: res.headers }),
        );
      },
    );
    request.on("error", reject);
    request.end(method === "GET" || method === "HEAD" ? undefined : body);
  });
}

const own = () => `http://localhost:${port}`;

describe("state-changing requests from another origin", () => {
  it("are refused before any route sees them: cross-site, same-site other origin, other port, opaque origin", async () => {
    reached.length = 0;
    const forged: Record<string, string>[] = [
      { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
      // Another origin of the same site: SameSite cookies are sent along, so only the origin tells.
      { origin: `http://intranet.localhost:${port}`, "sec-fetch-site": "same-site" },
      { origin: `http://localhost:${port + 1}` },
      { origin: "null" },
      { origin: "not a url" },
      // A browser that says same-site without an Origin.
      { "sec-fetch-site": "same-site" },
      { "sec-fetch-site": "cross-site" },
      // Our host name, but not our scheme behind a TLS proxy.
      { origin: `http://localhost:${port}`, "x-forwarded-proto": "https" },
    ];
    for (const headers of forged) {
      for (const path of ["/api/library/autosave", "/api/assets"]) {
        const response = await send("POST", path, headers);
        expect(response.status, JSON.stringify(headers)).toBe(403);
        expect(JSON.parse(response.body)).toEqual({ error: expect.stringContaining("请求来源不是本网站") });
        expect(response.headers["cache-control"]).toBe("no-store");
      }
    }
    // Server actions post to page paths: the same guard refuses them, with a plain-text message.
    const action = await send("POST", "/admin/library/new", { origin: "https://evil.example", "next-action": "7f00" });
    expect(action.status).toBe(403);
    expect(action.body).toContain("请求来源不是本网站");
    for (const method of ["PUT", "PATCH", "DELETE"]) {
      expect((await send(method, "/api/assets", { origin: "https://evil.example" })).status).toBe(403);
    }
    expect(reached).toEqual([]);
  });

  it("without any Origin or Sec-Fetch-Site are taken only on the machine route (next-auth, which checks its own CSRF token)", async () => {
    reached.length = 0;
    expect((await send("POST", "/api/library/autosave", {})).status).toBe(403);
    expect((await send("POST", "/admin/account", { "next-action": "7f00" })).status).toBe(403);
    expect((await send("POST", "/api/auth/callback/credentials", {})).status).toBe(200);
    expect(reached).toEqual(["POST /api/auth/callback/credentials"]);
  });

  it("a forged origin is refused on next-auth's routes too", async () => {
    reached.length = 0;
    expect(
      (await send("POST", "/api/auth/signout", { origin: "https://evil.example", "sec-fetch-site": "cross-site" }))
        .status,
    ).toBe(403);
    expect(reached).toEqual([]);
  });

  it("pass when they come from this origin, and reads are never refused", async () => {
    reached.length = 0;
    expect(
      (await send("POST", "/api/library/autosave", { origin: own(), "sec-fetch-site": "same-origin" })).status,
    ).toBe(200);
    expect((await send("POST", "/api/assets", { "sec-fetch-site": "same-origin" })).status).toBe(200);
    expect((await send("DELETE", "/api/assets", { origin: own().toUpperCase().replace("HTTP", "http") })).status).toBe(
      200,
    );
    expect(
      (await send("GET", "/api/assets", { origin: "https://evil.example", "sec-fetch-site": "cross-site" })).status,
    ).toBe(200);
    expect(reached).toEqual([
      "POST /api/library/autosave",
      "POST /api/assets",
      "DELETE /api/assets",
      "GET /api/assets",
    ]);
  });

  it("behind a reverse proxy compare against the forwarded host and scheme", () => {
    const behindProxy = { host: "127.0.0.1:3000", "x-forwarded-host": "www.cq.gov.cn", "x-forwarded-proto": "https" };
    const post = (headers: Record<string, string>) =>
      checkSameOrigin({ method: "POST", url: "/api/assets", headers: { ...behindProxy, ...headers }, https: false });
    expect(post({ origin: "https://www.cq.gov.cn" })).toEqual({ ok: true });
    expect(post({ origin: "http://www.cq.gov.cn" })).toEqual({ ok: false, reason: "cross-origin" });
    expect(post({ origin: "https://zwgk.cq.gov.cn" })).toEqual({ ok: false, reason: "cross-origin" });
    expect(post({ origin: "https://127.0.0.1:3000" })).toEqual({ ok: false, reason: "cross-origin" });
  });
});

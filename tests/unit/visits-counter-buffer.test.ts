import { describe, expect, it } from "vitest";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Db } from "@/lib/db/client";
import { VisitCounter } from "@/lib/visits/counter";
import { addView, newBatch, visitorCount } from "@/lib/visits/batch";
import { isPagePath, isPrefetch } from "@/lib/visits/classify";

// #29: a cached hit only stores the request's strings; bots, assets and prefetches are told apart
// when the buffer is folded, and the address is resolved once per distinct set of facts.

const CHROME =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const shown = { writableEnded: true, statusCode: 200 } as unknown as ServerResponse;
const req = (url: string, agent: string | undefined, headers: Record<string, string> = {}, peer = "203.0.113.9") =>
  ({
    method: "GET",
    url,
    headers: { host: "localhost", ...(agent ? { "user-agent": agent } : {}), ...headers },
    socket: { remoteAddress: peer },
  }) as unknown as IncomingMessage;

describe("the visit counter's buffer", () => {
  it("keeps what a hit was shown and classifies it when the buffer is folded", () => {
    const asked: unknown[] = [];
    // No database is touched: the batch never reaches maxEvents views of pages (4).
    const counter = new VisitCounter(null as unknown as Db, {
      maxEvents: 4,
      clientAddress: (facts) => (asked.push(facts), facts.peer),
      now: () => new Date("2026-12-06T02:00:00Z"),
    });
    counter.observe(req("/", "Baiduspider/2.0"), shown, "/");
    counter.observe(req("/app.css", CHROME), shown, "/app.css");
    counter.observe(req("/", CHROME, { "sec-purpose": "prefetch" }), shown, "/");
    counter.observe(req("/", CHROME), { writableEnded: true, statusCode: 404 } as unknown as ServerResponse, "/");
    // The prefetch and the 404 are dropped at once; the bot and the asset wait in the buffer.
    expect(counter.pending).toBe(2);
    counter.observe(req("/", CHROME), shown, "/");
    counter.observe(req("/search?q=%E5%85%BB%E8%80%81", CHROME), shown, "/search?q=%E5%85%BB%E8%80%81");
    // Four kept: the buffer (4) is folded; two page views are left in the batch.
    expect(counter.pending).toBe(2);
    // One address resolved once for the two views.
    expect(asked).toEqual([{ peer: "203.0.113.9", forwardedFor: null, realIp: null }]);
  });
});

describe("classification helpers", () => {
  it("tells pages from assets and the back office", () => {
    expect(isPagePath("/")).toBe(true);
    expect(isPagePath("/content/abc")).toBe(true);
    expect(isPagePath("/favicon.ico")).toBe(false);
    expect(isPagePath("/admin/visits")).toBe(false);
    expect(isPagePath("/_next/static/x.js")).toBe(false);
  });

  it("recognises prefetches by any of their headers", () => {
    expect(isPrefetch({})).toBe(false);
    expect(isPrefetch({ "next-router-prefetch": "1" })).toBe(true);
    expect(isPrefetch({ purpose: "prefetch" })).toBe(true);
    expect(isPrefetch({ "x-moz": "prefetch" })).toBe(true);
    expect(isPrefetch({ "sec-purpose": "prefetch;prerender" })).toBe(true);
  });

  it("counts a visitor per address and agent", () => {
    const batch = newBatch();
    const base = { day: "2026-12-06", host: "localhost", path: "/", term: null, referrer: null };
    addView(batch, { ...base, address: "a", agent: "x" });
    addView(batch, { ...base, address: "a", agent: "y" });
    addView(batch, { ...base, address: "b", agent: "x" });
    addView(batch, { ...base, address: "a", agent: "x" });
    expect(visitorCount(batch.entries.get("2026-12-06\nlocalhost")!)).toBe(3);
  });
});

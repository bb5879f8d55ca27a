import { describe, expect, it } from "vitest";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Db } from "@/lib/db/client";
import { MAX_SETS_PER_PAGE, MAX_TALLY, VisitCounter } from "@/lib/visits/counter";
import { addView, newBatch, visitorCount } from "@/lib/visits/batch";
import { isPagePath, isPrefetch } from "@/lib/visits/classify";

// #29: a cached hit only tallies the request's strings (a repeated set of them adds one to a count,
// keeping nothing); bots, assets and prefetches are told apart when the tally is folded, and the
// address is resolved once per distinct set of facts.

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

/** The same text as a string object of its own, as the HTTP parser hands each request its own. */
const copy = (value: string) => [...value].join("");

describe("the visit counter's tally", () => {
  it("adds a repeated view to a count and keeps a new set of facts once", () => {
    const counter = new VisitCounter(null as unknown as Db, {
      clientAddress: (facts) => facts.peer,
      now: () => new Date("2026-12-06T02:00:00Z"),
    });
    for (let index = 0; index < 1000; index += 1) {
      counter.observe(req(copy("/content/a"), copy(CHROME), {}, copy("203.0.113.9")), shown, copy("/content/a"));
    }
    expect(counter.pending).toBe(1000);
    expect(counter.tallied).toBe(1);
    // Another referrer, another page, another visitor: each a set of its own, then counted again.
    for (let round = 0; round < 2; round += 1) {
      counter.observe(req("/content/a", CHROME, { referer: "https://www.baidu.com/" }), shown, "/content/a");
      counter.observe(req("/content/b", CHROME), shown, "/content/b");
      counter.observe(req("/content/a", CHROME, {}, "198.51.100.7"), shown, "/content/a");
      counter.observe(req("/content/a", CHROME, { "x-forwarded-for": "192.0.2.1" }), shown, "/content/a");
    }
    expect(counter.pending).toBe(1008);
    expect(counter.tallied).toBe(5);
  });

  it("is folded into the batch once it holds its bound of distinct sets", () => {
    const counter = new VisitCounter(null as unknown as Db, {
      maxKeys: Number.MAX_SAFE_INTEGER,
      clientAddress: (facts) => facts.peer,
      now: () => new Date("2026-12-06T02:00:00Z"),
    });
    for (let index = 0; index < MAX_TALLY - 1; index += 1)
      counter.observe(req(`/p/${index}`, CHROME), shown, `/p/${index}`);
    expect(counter.tallied).toBe(MAX_TALLY - 1);
    counter.observe(req("/last", CHROME), shown, "/last");
    expect(counter.tallied).toBe(0);
    expect(counter.pending).toBe(MAX_TALLY);
  });

  it("compares a hit with a few sets at most, however many agents one address sends", () => {
    const counter = new VisitCounter(null as unknown as Db, {
      maxKeys: Number.MAX_SAFE_INTEGER,
      clientAddress: (facts) => facts.peer,
      now: () => new Date("2026-12-06T02:00:00Z"),
    });
    let most = 0;
    for (let index = 0; index < 100; index += 1) {
      counter.observe(req("/content/a", `${CHROME} build/${index}`), shown, "/content/a");
      most = Math.max(most, counter.tallied);
    }
    expect(most).toBe(MAX_SETS_PER_PAGE - 1);
    expect(counter.pending).toBe(100);
  });

  it("keeps what a hit was shown and classifies it when the tally is folded", () => {
    const asked: unknown[] = [];
    // No database is touched: the batch never reaches maxKeys distinct keys (4).
    const counter = new VisitCounter(null as unknown as Db, {
      maxKeys: 4,
      clientAddress: (facts) => (asked.push(facts), facts.peer),
      now: () => new Date("2026-12-06T02:00:00Z"),
    });
    counter.observe(req("/", "Baiduspider/2.0"), shown, "/");
    counter.observe(req("/app.css", CHROME), shown, "/app.css");
    counter.observe(req("/", CHROME, { "sec-purpose": "prefetch" }), shown, "/");
    counter.observe(req("/", CHROME), { writableEnded: true, statusCode: 404 } as unknown as ServerResponse, "/");
    // The prefetch and the 404 are dropped at once; the bot and the asset wait in the tally.
    expect(counter.pending).toBe(2);
    counter.observe(req("/", CHROME), shown, "/");
    counter.observe(req("/columns/ywdt", CHROME), shown, "/columns/ywdt");
    // Four sets kept: the tally (bound 4) is folded; two page views are left in the batch (3 keys: two pages, one visitor).
    expect(counter.pending).toBe(2);
    expect(counter.tallied).toBe(0);
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

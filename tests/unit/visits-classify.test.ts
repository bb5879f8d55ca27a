import { describe, expect, it } from "vitest";
import {
  isBotAgent,
  isPageView,
  isShownStatus,
  normaliseSearchTerm,
  referrerHost,
  searchTermOf,
  visitorHash,
} from "@/lib/visits/classify";
import { addView, mergeBatch, newBatch, visitorCount, MAX_KEYS_PER_DAY } from "@/lib/visits/batch";
import { addDays, resolvePeriod } from "@/lib/visits/report";

const BROWSER =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const view = (path: string, headers: Record<string, string> = {}, method = "GET") =>
  isPageView({ method, path, headers: { "user-agent": BROWSER, ...headers } });

describe("what counts as a page view", () => {
  it("counts a browser's GET of a portal page", () => {
    expect(view("/")).toBe(true);
    expect(view("/content/6f1c0d1e-0000-4000-8000-000000000001")).toBe(true);
    expect(view("/columns/ywdt")).toBe(true);
    expect(view("/search")).toBe(true);
  });

  it("leaves out assets, feeds, machine files, the back office and the API", () => {
    for (const path of [
      "/_next/static/chunks/app.js",
      "/favicon.ico",
      "/robots.txt",
      "/sitemap.xml",
      "/feed.xml",
      "/assets/logo.png",
      "/admin",
      "/admin/visits",
      "/api/search",
      "/site-not-found",
    ]) {
      expect(view(path), path).toBe(false);
    }
  });

  it("leaves out other methods and prefetches", () => {
    expect(view("/", {}, "HEAD")).toBe(false);
    expect(view("/", {}, "POST")).toBe(false);
    expect(view("/", { "next-router-prefetch": "1" })).toBe(false);
    expect(view("/", { purpose: "prefetch" })).toBe(false);
    expect(view("/", { "sec-purpose": "prefetch;prerender" })).toBe(false);
    expect(view("/", { "x-moz": "prefetch" })).toBe(false);
  });

  it("leaves out bots by their agent, and requests with no agent", () => {
    for (const agent of [
      "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)",
      "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
      "Sogou web spider/4.0(+http://www.sogou.com/docs/help/webmasters.htm#07)",
      "Mozilla/5.0 (Linux; Android 5.0) AppleWebKit/537.36 (KHTML, like Gecko) Mobile Safari/537.36 (compatible; Bytespider)",
      "curl/8.5.0",
      "Wget/1.21",
      "python-requests/2.31",
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0 Safari/537.36",
      "",
    ]) {
      expect(isBotAgent(agent), agent).toBe(true);
    }
    expect(isBotAgent(undefined)).toBe(true);
    expect(isBotAgent(BROWSER)).toBe(false);
    expect(
      isBotAgent(
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.47",
      ),
    ).toBe(false);
  });

  it("counts shown pages only", () => {
    expect(isShownStatus(200)).toBe(true);
    expect(isShownStatus(304)).toBe(true);
    expect(isShownStatus(404)).toBe(false);
    expect(isShownStatus(503)).toBe(false);
  });
});

describe("search terms and referrers", () => {
  it("normalises a term: full width, case, spaces, control characters, length", () => {
    expect(normaliseSearchTerm("  营商环境  ")).toBe("营商环境");
    expect(normaliseSearchTerm("ＰＯＬＩＣＹ　解读")).toBe("policy 解读");
    expect(normaliseSearchTerm("a\u0000b\tc")).toBe("a b c");
    expect(normaliseSearchTerm("   ")).toBeNull();
    expect(normaliseSearchTerm(null)).toBeNull();
    expect([...normaliseSearchTerm("政".repeat(80))!].length).toBe(50);
  });

  it("takes the term of the portal search page only", () => {
    expect(searchTermOf("/search", "q=%E5%85%BB%E8%80%81%E4%BF%9D%E9%99%A9&scope=site")).toBe("养老保险");
    expect(searchTermOf("/search", "scope=site")).toBeNull();
    expect(searchTermOf("/columns/ywdt", "q=养老")).toBeNull();
  });

  it("keeps the host of another site's referrer, never its path or query", () => {
    expect(referrerHost("https://www.baidu.com/s?wd=%E5%85%BB%E8%80%81", "www.example.gov.cn")).toBe("baidu.com");
    expect(referrerHost("http://cq.gov.cn/zwgk/index.html", "jbq.cq.gov.cn:3000")).toBe("cq.gov.cn");
    expect(referrerHost("http://localhost:3000/columns/ywdt", "localhost:3000")).toBeNull();
    expect(referrerHost("https://www.example.gov.cn/", "example.gov.cn")).toBeNull();
    expect(referrerHost("android-app://com.tencent.mm/", "example.gov.cn")).toBeNull();
    expect(referrerHost("not a url", "example.gov.cn")).toBeNull();
    expect(referrerHost(undefined, "example.gov.cn")).toBeNull();
  });
});

describe("the visitor hash", () => {
  const salt = Buffer.alloc(32, 1);
  const otherSalt = Buffer.alloc(32, 2);
  const site = "6f1c0d1e-0000-4000-8000-000000000001";

  it("is 16 bytes that hold neither the address nor the agent", () => {
    const hash = visitorHash(salt, site, "203.0.113.7", BROWSER);
    expect(hash).toHaveLength(16);
    expect(hash.toString("latin1")).not.toContain("203.0.113.7");
    expect(visitorHash(salt, site, "203.0.113.7", BROWSER)).toEqual(hash);
  });

  it("differs by address, agent, site and day's salt", () => {
    const hash = visitorHash(salt, site, "203.0.113.7", BROWSER).toString("hex");
    expect(visitorHash(salt, site, "203.0.113.8", BROWSER).toString("hex")).not.toBe(hash);
    expect(visitorHash(salt, site, "203.0.113.7", `${BROWSER} Edg/131`).toString("hex")).not.toBe(hash);
    expect(visitorHash(salt, "6f1c0d1e-0000-4000-8000-000000000002", "203.0.113.7", BROWSER).toString("hex")).not.toBe(
      hash,
    );
    expect(visitorHash(otherSalt, site, "203.0.113.7", BROWSER).toString("hex")).not.toBe(hash);
  });
});

describe("the in-memory batch", () => {
  const base = { day: "2026-12-06", host: "localhost", term: null, referrer: null, address: "a", agent: "b" };

  it("adds views per day and host, and merges a batch back without losing any", () => {
    const batch = newBatch();
    addView(batch, { ...base, path: "/" });
    addView(batch, { ...base, path: "/", address: "c" });
    addView(batch, { ...base, path: "/search", term: "养老", referrer: "baidu.com" });
    addView(batch, { ...base, day: "2026-12-07", path: "/" });
    expect(batch.events).toBe(4);
    const today = batch.entries.get("2026-12-06\nlocalhost")!;
    expect(today.views).toBe(3);
    expect(today.paths.get("/")).toBe(2);
    expect(today.terms.get("养老")).toBe(1);
    expect(today.referrers.get("baidu.com")).toBe(1);
    expect(visitorCount(today)).toBe(2);

    const again = newBatch();
    addView(again, { ...base, path: "/" });
    mergeBatch(again, batch);
    expect(again.events).toBe(5);
    expect(again.entries.get("2026-12-06\nlocalhost")!.views).toBe(4);
    expect(again.entries.get("2026-12-06\nlocalhost")!.paths.get("/")).toBe(3);
    expect(again.entries.get("2026-12-07\nlocalhost")!.views).toBe(1);
  });

  it("bounds the distinct pages it keeps, still counting every view", () => {
    const batch = newBatch();
    for (let index = 0; index < MAX_KEYS_PER_DAY + 10; index += 1) addView(batch, { ...base, path: `/p/${index}` });
    const entry = batch.entries.get("2026-12-06\nlocalhost")!;
    expect(entry.views).toBe(MAX_KEYS_PER_DAY + 10);
    expect(entry.paths.size).toBe(MAX_KEYS_PER_DAY);
  });
});

describe("the period of the visits page", () => {
  it("defaults to the last 30 days and refuses a reversed or too long one", () => {
    expect(resolvePeriod(undefined, undefined, "2026-12-06")).toEqual({
      from: "2026-11-07",
      to: "2026-12-06",
      days: 30,
    });
    expect(resolvePeriod("2026-01-01", "2026-12-31", "2026-12-06").days).toBe(365);
    expect(() => resolvePeriod("2026-12-07", "2026-12-06", "2026-12-06")).toThrow("起始日期不能晚于截止日期");
    expect(() => resolvePeriod("2025-01-01", "2026-12-06", "2026-12-06")).toThrow("不能超过 366 天");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
  });
});

import { describe, expect, it } from "vitest";
import { gunzipSync } from "node:zlib";
import { PageCache } from "@/lib/sites/page-cache";

const page = (body: string, tags: string[]) => ({
  status: 200,
  headers: { "content-type": "text/html" },
  body: Buffer.from(body),
  tags,
});

describe("page cache", () => {
  it("serves what it stored and drops exactly the pages carrying a purged tag", () => {
    const cache = new PageCache({ maxBytes: 10_000_000 });
    cache.store("a", page("article", ["site:1", "resource:r1"]), cache.epoch);
    cache.store("list", page("list", ["site:1", "column:c1", "resource:r1", "resource:r2"]), cache.epoch);
    cache.store("other", page("other", ["site:1", "resource:r3"]), cache.epoch);
    expect(cache.get("a")?.body.toString()).toBe("article");
    expect(cache.purge(["resource:r1"])).toBe(2);
    expect(cache.get("a")).toBeUndefined();
    expect(cache.get("list")).toBeUndefined();
    expect(cache.get("other")?.body.toString()).toBe("other");
    cache.purge(["site:1"]);
    expect(cache.size).toBe(0);
    expect(cache.storedBytes).toBe(0);
  });

  it("refuses a render that started before a purge touching its tags (the fill race)", () => {
    const cache = new PageCache({ maxBytes: 10_000_000 });
    const startedAt = cache.epoch;
    cache.purge(["resource:r1"]);
    expect(cache.store("a", page("stale", ["resource:r1"]), startedAt)).toBe(false);
    expect(cache.get("a")).toBeUndefined();
    // An unrelated purge does not stop it; a render started after the purge is stored.
    expect(cache.store("b", page("fine", ["resource:r9"]), startedAt)).toBe(true);
    expect(cache.store("a", page("fresh", ["resource:r1"]), cache.epoch)).toBe(true);
    cache.purgeAll();
    expect(cache.store("c", page("x", ["resource:r9"]), startedAt)).toBe(false);
  });

  it("refuses a render whose tag was purged while it rendered, however many purges came between", () => {
    const cache = new PageCache({ maxBytes: 10_000_000 });
    const startedAt = cache.epoch;
    // A busy portal: thousands of purges of other pages while one column page renders.
    for (let index = 0; index < 5_000; index += 1) cache.purge([`resource:other-${index}`]);
    cache.purge(["column:ywdt"]);
    for (let index = 0; index < 5_000; index += 1) cache.purge([`resource:later-${index}`]);
    expect(cache.store("list", page("stale list", ["site:1", "column:ywdt"]), startedAt)).toBe(false);
    // A page none of those purges touched is still stored: the check does not give up on a long render.
    expect(cache.store("article", page("fine", ["site:1", "resource:r9"]), startedAt)).toBe(true);
  });

  it("refuses every render in flight once when it stops remembering purged tags", () => {
    const cache = new PageCache({ maxBytes: 10_000_000, maxStampedTags: 3 });
    const startedAt = cache.epoch;
    for (let index = 0; index < 5; index += 1) cache.purge([`resource:other-${index}`]);
    expect(cache.store("a", page("maybe stale", ["resource:r1"]), startedAt)).toBe(false);
    expect(cache.store("a", page("fresh", ["resource:r1"]), cache.epoch)).toBe(true);
  });

  it("never stores an unlabelled page and keeps within its byte budget", () => {
    const cache = new PageCache({ maxBytes: 6_000 });
    expect(cache.store("bare", page("x", []), cache.epoch)).toBe(false);
    cache.store("one", page("a".repeat(2_000), ["t:1"]), cache.epoch);
    cache.store("two", page("b".repeat(2_000), ["t:2"]), cache.epoch);
    cache.get("one"); // most recently used now
    cache.store("three", page("c".repeat(2_000), ["t:3"]), cache.epoch);
    expect(cache.get("two")).toBeUndefined();
    expect(cache.get("one")).toBeDefined();
    expect(cache.get("three")?.body.length).toBe(2_000);
    expect(cache.storedBytes).toBeLessThanOrEqual(6_000);
    expect(cache.get("one")?.etag).toMatch(/^"[\w-]+"$/);
  });

  it("compresses a large page once, on the first request for gzip, and counts it in the budget", () => {
    const cache = new PageCache({ maxBytes: 1_000_000 });
    cache.store("large", page("d".repeat(5_000), ["t:1"]), cache.epoch);
    cache.store("small", page("tiny page", ["t:2"]), cache.epoch);
    const large = cache.get("large")!;
    const before = cache.storedBytes;
    expect(large.compressible).toBe(true);
    expect(large.gzip).toBeNull();
    const gzip = cache.gzipped("large", large)!;
    expect(gunzipSync(gzip).toString()).toBe("d".repeat(5_000));
    expect(cache.gzipped("large", large)).toBe(gzip);
    expect(cache.storedBytes).toBe(before + gzip.length);
    const small = cache.get("small")!;
    expect(small.compressible).toBe(false);
    expect(cache.gzipped("small", small)).toBeNull();
    // Dropped pages give back what they held, compressed copy included.
    cache.purge(["t:1", "t:2"]);
    expect(cache.storedBytes).toBe(0);
  });

  it("does not count a compressed copy made for a page no longer stored", () => {
    const cache = new PageCache({ maxBytes: 1_000_000 });
    cache.store("large", page("e".repeat(5_000), ["t:1"]), cache.epoch);
    const large = cache.get("large")!;
    cache.purge(["t:1"]);
    expect(cache.gzipped("large", large)?.length).toBeGreaterThan(0);
    expect(cache.storedBytes).toBe(0);
  });
});

import { afterEach, describe, expect, it, vi } from "vitest";
import { SharedReads } from "@/lib/cache/shared-reads";

afterEach(() => {
  vi.useRealTimers();
});

describe("SharedReads", () => {
  it("shares one read while the epoch stands and reads again after it moves", async () => {
    let epoch = 0;
    let reads = 0;
    const shared = new SharedReads(() => epoch);
    const load = async () => ({ read: ++reads });
    const first = shared.get("site:localhost", load);
    expect(shared.get("site:localhost", load)).toBe(first);
    expect(await shared.get("site:localhost", load)).toEqual({ read: 1 });
    expect(await shared.get("site:wlw.localhost", load)).toEqual({ read: 2 });
    epoch += 1;
    expect(await shared.get("site:localhost", load)).toEqual({ read: 3 });
    expect(await shared.get("site:localhost", load)).toEqual({ read: 3 });
  });

  it("keeps no failed read: the next request tries again", async () => {
    const shared = new SharedReads(() => 0);
    await expect(shared.get("k", () => Promise.reject(new Error("connection lost")))).rejects.toThrow();
    expect(await shared.get("k", async () => "read again")).toBe("read again");
  });

  it("holds a bounded number of keys", async () => {
    const shared = new SharedReads(() => 0);
    let reads = 0;
    for (let i = 0; i < 1001; i += 1) await shared.get(`host-${i}`, async () => ++reads);
    expect(await shared.get("host-0", async () => ++reads)).toBe(1002);
  });

  it("drops the oldest key when full, keeping the rest", async () => {
    const shared = new SharedReads(() => 0, { maxEntries: 3 });
    let reads = 0;
    for (const key of ["a", "b", "c", "d"]) await shared.get(key, async () => ++reads);
    expect(shared.size).toBe(3);
    expect(await shared.get("d", async () => ++reads)).toBe(4);
    expect(await shared.get("b", async () => ++reads)).toBe(2);
    expect(await shared.get("a", async () => ++reads)).toBe(5);
  });

  it("shares an entry for maxAgeMs at most, even without a purge", async () => {
    vi.useFakeTimers({ toFake: ["performance"] });
    const shared = new SharedReads(() => 0, { maxAgeMs: 30_000 });
    let reads = 0;
    const load = async () => ++reads;
    expect(await shared.get("search", load)).toBe(1);
    vi.advanceTimersByTime(29_000);
    expect(await shared.get("search", load)).toBe(1);
    vi.advanceTimersByTime(2_000);
    expect(await shared.get("search", load)).toBe(2);
    expect(await shared.get("search", load)).toBe(2);
  });
});

import { describe, expect, it } from "vitest";
import { SharedReads } from "@/lib/cache/shared-reads";

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
});

import { describe, expect, it } from "vitest";
import { emit, follow, on, startFollowers } from "@/lib/events/bus";
import type { EventMap } from "@/lib/events/types";

// The event registry publishing relies on (lib/events/bus.ts): handlers run one after the other
// in registration order, each awaited, and an event nobody subscribed to is an error.

const siteChanged = (siteId: string) => ({ tx: {} as EventMap["site.changed"]["tx"], siteId });

describe("lib/events", () => {
  it("runs every handler in registration order, each finished before the next starts", async () => {
    const seen: string[] = [];
    const offFirst = on("site.changed", async ({ siteId }) => {
      await new Promise((resolve) => setImmediate(resolve));
      seen.push(`first:${siteId}`);
    });
    const offSecond = on("site.changed", async ({ siteId }) => {
      seen.push(`second:${siteId}`);
    });
    try {
      await emit("site.changed", siteChanged("a"));
    } finally {
      offFirst();
      offSecond();
    }
    expect(seen).toEqual(["first:a", "second:a"]);
  });

  it("stops at a failing handler and passes its error to the emitter", async () => {
    const seen: string[] = [];
    const offs = [
      on("site.changed", async () => {
        throw new Error("projection failed");
      }),
      on("site.changed", async () => {
        seen.push("after");
      }),
    ];
    try {
      await expect(emit("site.changed", siteChanged("b"))).rejects.toThrow("projection failed");
    } finally {
      for (const off of offs) off();
    }
    expect(seen).toEqual([]);
  });

  it("refuses an event without subscribers, also after the last one was removed", async () => {
    await expect(emit("site.changed", siteChanged("c"))).rejects.toThrow(/No subscriber for event "site.changed"/);
    const off = on("site.changed", async () => {});
    await emit("site.changed", siteChanged("c"));
    off();
    await expect(emit("site.changed", siteChanged("c"))).rejects.toThrow(/registerSubscribers/);
  });

  it("starts every registered follower after commit and stops them all, last first", async () => {
    const seen: string[] = [];
    const follower = (name: string) => async () => {
      seen.push(`start:${name}`);
      return async () => {
        seen.push(`stop:${name}`);
      };
    };
    const offs = [follow("a", follower("a")), follow("b", follower("b")), follow("off", async () => null)];
    try {
      const stop = await startFollowers(() => {});
      expect(seen).toEqual(["start:a", "start:b"]);
      await stop();
      expect(seen).toEqual(["start:a", "start:b", "stop:b", "stop:a"]);
    } finally {
      for (const off of offs) off();
    }
    seen.length = 0;
    await (
      await startFollowers(() => {})
    )();
    expect(seen).toEqual([]);
  });
});

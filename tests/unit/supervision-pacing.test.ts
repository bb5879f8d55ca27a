import { describe, expect, it } from "vitest";
import { createPacer, restAfter } from "@/lib/supervision/pacing";

// The long supervision runs pause in proportion to their own work (#28 "Speed"): at a duty cycle of
// 0.25 a batch of 200 ms is followed by 600 ms of rest, so the run takes at most a quarter of the time.

describe("restAfter", () => {
  it("rests (1 - d) / d times the work", () => {
    expect(restAfter(200, 0.25)).toBe(600);
    expect(restAfter(100, 0.5)).toBe(100);
    expect(restAfter(90, 0.1)).toBe(810);
  });

  it("never rests at full speed, after no work, or longer than the cap", () => {
    expect(restAfter(500, 1)).toBe(0);
    expect(restAfter(0, 0.25)).toBe(0);
    expect(restAfter(5_000, 0.25)).toBe(2_000);
    expect(restAfter(5_000, 0.25, 500)).toBe(500);
  });
});

describe("createPacer", () => {
  it("counts work and rest per batch, and runs its hook at each pause", async () => {
    let now = 0;
    let hooks = 0;
    const pacer = createPacer({
      dutyCycle: 0.5,
      maxRestMs: 5,
      clock: () => now,
      onRest: async () => {
        hooks += 1;
      },
    });
    now = 4;
    await pacer.rest();
    now = 8;
    await pacer.rest();
    expect(pacer.totals()).toEqual({ busyMs: 8, restMs: 8, batches: 2 });
    expect(hooks).toBe(2);
  });

  it("keeps going when the hook fails", async () => {
    const pacer = createPacer({ dutyCycle: 1, onRest: () => Promise.reject(new Error("no such process")) });
    await expect(pacer.rest()).resolves.toBeUndefined();
  });
});

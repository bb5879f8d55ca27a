import { describe, expect, it } from "vitest";
import { WorkQueue } from "@/lib/http/work-queue";

/** Work that finishes when the test says so. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, work: () => opened };
}

describe("work queue", () => {
  it("runs at most `concurrency` at once and starts the waiting ones in arrival order", async () => {
    const queue = new WorkQueue({ concurrency: 2, queue: 10, maxWaitMs: 60_000 });
    const gates = [gate(), gate(), gate(), gate()];
    const started: number[] = [];
    const results = gates.map((entry, index) => queue.run(() => (started.push(index), entry.work())));
    expect(started).toEqual([0, 1]);
    expect([queue.active, queue.queued]).toEqual([2, 2]);
    gates[1]!.open();
    await results[1];
    expect(started).toEqual([0, 1, 2]);
    gates[0]!.open();
    gates[2]!.open();
    gates[3]!.open();
    expect(await Promise.all(results)).toEqual([true, true, true, true]);
    expect(started).toEqual([0, 1, 2, 3]);
    expect([queue.active, queue.queued, queue.refused]).toEqual([0, 0, 0]);
  });

  it("refuses at once when the queue is full, without running the work", async () => {
    const queue = new WorkQueue({ concurrency: 1, queue: 1, maxWaitMs: 60_000 });
    const first = gate();
    const running = queue.run(first.work);
    const waiting = queue.run(() => {});
    let ran = false;
    expect(await queue.run(() => void (ran = true))).toBe(false);
    expect(ran).toBe(false);
    expect(queue.refused).toBe(1);
    first.open();
    expect(await Promise.all([running, waiting])).toEqual([true, true]);
  });

  it("refuses a request that waited longer than maxWaitMs and keeps serving the rest", async () => {
    const queue = new WorkQueue({ concurrency: 1, queue: 5, maxWaitMs: 20 });
    const first = gate();
    const running = queue.run(first.work);
    let ran = false;
    expect(await queue.run(() => void (ran = true))).toBe(false);
    expect(ran).toBe(false);
    expect(queue.queued).toBe(0);
    first.open();
    expect(await running).toBe(true);
    expect(await queue.run(() => {})).toBe(true);
  });

  it("frees the slot when the work fails", async () => {
    const queue = new WorkQueue({ concurrency: 1, queue: 1, maxWaitMs: 60_000 });
    await expect(queue.run(() => Promise.reject(new Error("render failed")))).rejects.toThrow("render failed");
    expect(await queue.run(() => {})).toBe(true);
    expect(queue.active).toBe(0);
  });
});

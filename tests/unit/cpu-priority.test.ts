import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { currentThreadId, scheduleIdle, schedulingPolicy } from "@/lib/os/cpu-priority";

// #28 "Speed": the supervision thread and its backends run under SCHED_IDLE (policy 5 on Linux).

const SCHED_OTHER = 0;
const SCHED_IDLE = 5;

describe("SCHED_IDLE for background work", () => {
  it("puts another process under SCHED_IDLE and reads it back", async () => {
    const child = spawn("sleep", ["30"], { stdio: "ignore" });
    try {
      expect(await schedulingPolicy(child.pid!)).toBe(SCHED_OTHER);
      expect(await scheduleIdle(child.pid!)).toBe(true);
      expect(await schedulingPolicy(child.pid!)).toBe(SCHED_IDLE);
    } finally {
      child.kill();
    }
  });

  it("knows this thread's id and refuses what is not a thread", async () => {
    expect(currentThreadId()).toBe(process.pid);
    expect(await scheduleIdle(undefined)).toBe(false);
    expect(await scheduleIdle(-1)).toBe(false);
    expect(await scheduleIdle(2 ** 22 + 7)).toBe(false);
    expect(await schedulingPolicy(2 ** 22 + 7)).toBeUndefined();
  });
});

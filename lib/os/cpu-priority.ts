import { execFile } from "node:child_process";
import { readlinkSync } from "node:fs";
import { promisify } from "node:util";

// Background work that must never delay a page gets the lowest CPU priority Linux offers. A nice
// value still earns a share against a busy portal (nice 19 weighs 15 against 1,024 at nice 0) and
// its wake-ups may preempt a page; the SCHED_IDLE policy runs a thread only when no other thread
// wants the core. Node has no sched_setscheduler, so util-linux's `chrt` sets it; where `chrt` is
// missing or refused, the nice value alone stays (bench:supervision, #28: portal p99 during a full
// inspection 1.16–1.21× its p99 without at nice 19, 1.00× under SCHED_IDLE).

const run = promisify(execFile);

/** This thread's id (Linux: /proc/thread-self is "<pid>/task/<tid>"); undefined elsewhere. */
export function currentThreadId(): number | undefined {
  try {
    const tid = Number(readlinkSync("/proc/thread-self").split("/").pop());
    return Number.isInteger(tid) && tid > 0 ? tid : undefined;
  } catch {
    return undefined;
  }
}

/** Puts thread or process `id` under SCHED_IDLE; false when that was not possible. */
export async function scheduleIdle(id: number | undefined): Promise<boolean> {
  if (id === undefined || !Number.isInteger(id) || id <= 0) return false;
  try {
    await run("chrt", ["--idle", "--pid", "0", String(id)], { timeout: 2_000 });
    return true;
  } catch {
    return false;
  }
}

/** The scheduling policy of thread or process `id` as /proc reports it (5 is SCHED_IDLE); undefined when unreadable. */
export async function schedulingPolicy(id: number): Promise<number | undefined> {
  try {
    const { readFile } = await import("node:fs/promises");
    const stat = await readFile(`/proc/${id}/stat`, "utf8");
    // Fields after the command (which may hold spaces) start at the last ")"; policy is field 41.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const policy = Number(fields[41 - 3]);
    return Number.isInteger(policy) ? policy : undefined;
  } catch {
    return undefined;
  }
}

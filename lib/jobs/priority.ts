import { readdirSync } from "node:fs";
import os from "node:os";

/** The threads of this process (Linux: /proc/self/task); only the process itself elsewhere. */
function ownThreads(): number[] {
  try {
    return readdirSync("/proc/self/task").map(Number);
  } catch {
    return [0];
  }
}

/**
 * The separate worker (npm run worker) yields the CPU to the web server: WORKER_NICE (default 10,
 * 0 leaves it as started) is its scheduling priority. Jobs are background work with bounds in
 * seconds and minutes; page requests wait in milliseconds. On Linux a priority belongs to a thread:
 * every thread running now (V8's compiler and GC helpers among them) is lowered, and threads the
 * process starts later inherit it. False when nothing was changed.
 */
export function lowerWorkerPriority(nice: number, log: (message: string) => void): boolean {
  if (!nice) return false;
  try {
    for (const thread of ownThreads()) os.setPriority(thread, nice);
    return true;
  } catch (error) {
    log(`无法降低后台任务优先级 (WORKER_NICE=${nice}): ${error instanceof Error ? error.message : error}`);
    return false;
  }
}

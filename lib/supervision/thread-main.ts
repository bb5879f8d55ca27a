import os from "node:os";
import { parentPort, workerData } from "node:worker_threads";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { currentThreadId, scheduleIdle } from "@/lib/os/cpu-priority";
import { closeSupervisionBackground } from "@/lib/supervision/background";
import { runSupervisionTaskHere, type SupervisionTask } from "@/lib/supervision/thread";

// One supervision task in its thread (lib/supervision/thread.ts): this thread's CPU priority lowered
// first (on Linux os.setPriority without a pid changes the calling thread only), then the task, its
// outcome posted back, and the thread's own database pools closed so that it ends.

const { task, nice } = workerData as { task: SupervisionTask; nice: number };
const port = parentPort!;

try {
  os.setPriority(nice);
} catch {
  // Refused by the OS (a container without the right): the task still runs, at the process's priority.
}
// And under SCHED_IDLE where chrt can set it: the thread then runs only when a core is idle.
const idle = getEnv().SUPERVISION_SCHED_IDLE && (await scheduleIdle(currentThreadId()));
port.postMessage({
  log: `[jobs] 监管：后台检查线程已启动 (supervision thread at nice ${os.getPriority()}${idle ? ", SCHED_IDLE" : ""})`,
});
try {
  const result = await runSupervisionTaskHere(getDb(), task, (message) => port.postMessage({ log: message }));
  port.postMessage({ result: result ?? null });
} catch (error) {
  port.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
} finally {
  await closeSupervisionBackground();
  await getDb().$disconnect();
}

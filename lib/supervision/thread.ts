import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { Db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { runSupervisionJob } from "@/lib/supervision/jobs";
import { SUPERVISION_DAILY_QUEUE } from "@/lib/supervision/job-queues";
import { runSupervisionRequest } from "@/lib/supervision/requests";

// The full supervision runs (the daily monitor run, 立即检查, 开展检查) in the jobs process at the
// lowest CPU priority (#28 "Speed": portal p99 within 10 % while one runs). They run in a thread of
// their own whose priority is lowered with os.setPriority (Linux gives each thread its own nice
// value), so the rest of the jobs process — and the portal server the embedded default starts from
// it, which would inherit a lowered priority — keeps its own. Their PostgreSQL backends are lowered
// too (lib/db/background.ts). SUPERVISION_NICE=0 runs them on the jobs process's own thread.

export type SupervisionTask = { kind: "daily"; atStart: boolean } | { kind: "request"; requestId: string };

/** Runs `task` here, on this thread (the thread's entry, and SUPERVISION_NICE=0). */
export async function runSupervisionTaskHere(db: Db, task: SupervisionTask, log: (message: string) => void) {
  if (task.kind === "daily") {
    await runSupervisionJob(db, SUPERVISION_DAILY_QUEUE, log, task.atStart);
    return null;
  }
  return runSupervisionRequest(db, task.requestId);
}

/**
 * The thread's code: an import of lib/supervision/thread-boot.mjs from the project's root, the jobs
 * process's working directory (as scripts/server.ts is found). Given as evaluated code built at run
 * time, so that the portal's bundler, which reaches this module through lib/health.ts, does not
 * follow the thread's entry into tsx and esbuild.
 */
function threadCode(): string {
  const entry = pathToFileURL(path.join(process.cwd(), "lib", "supervision", "thread-boot.mjs")).href;
  return `import(${JSON.stringify(entry)});`;
}

/** Runs `task` in a supervision thread at SUPERVISION_NICE (or here when it is 0); its outcome. */
export async function runSupervisionTask(
  db: Db,
  task: SupervisionTask,
  log: (message: string) => void,
  nice: number = getEnv().SUPERVISION_NICE,
): Promise<unknown> {
  if (nice === 0) return runSupervisionTaskHere(db, task, log);
  return new Promise((resolve, reject) => {
    const thread = new Worker(threadCode(), { eval: true, workerData: { task, nice } });
    let outcome: { result?: unknown; error?: string } = {};
    thread.on("message", (message: { log?: string; result?: unknown; error?: string }) => {
      if (message.log) log(message.log);
      else outcome = message;
    });
    thread.once("error", reject);
    thread.once("exit", (code) => {
      if (outcome.error !== undefined) reject(new Error(outcome.error));
      else if ("result" in outcome) resolve(outcome.result);
      else reject(new Error(`the supervision thread stopped (${code}) before it finished`));
    });
  });
}

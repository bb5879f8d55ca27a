// npm run bench:worker-start – what a restart of the separate job worker costs the machine: CPU ms
// and wall ms from spawn to "后台任务已启动", and its CPU until --settle-seconds (10) later, when the
// jobs queued at start have run; as bench:load restarts it after each kill -9
// (scripts/lib/bench-processes.ts startWorker). Runs against bench:load's database (--reuse of
// .data/bench-load); prints where the time went (a V8 CPU profile of the last start, by module)
// and, last, one JSON line. Figures, not a test.
import { spawn } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { embeddedAppUrl } from "@/lib/db/embedded-url";
import { migrateAndGrant } from "@/lib/db/prepare";
import { openBenchDatabase } from "./lib/bench-database";
import { exited, track, waitForOutput } from "./lib/bench-processes";
import { readProfile, selfTimeByModule } from "./lib/cpu-profile";
import { percentile } from "./lib/bench-report";
import { treeCpuMs } from "./lib/process-cpu";

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? process.argv[index + 1] : undefined;
  const parsed = value === undefined ? fallback : Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`--${name} must be a positive number`);
  return parsed;
}

const RUNS = option("runs", 3);
const PG_PORT = option("pg-port", 54391);
const PROFILE = process.argv.includes("--profile");
/** Also the CPU of the first seconds after ready: the jobs queued at start load their code then. */
const SETTLE_SECONDS = option("settle-seconds", 10);
const dataDir = path.resolve(".data/bench-load");
const READY = "后台任务已启动";
const log = (message: string) => console.error(`[bench:worker-start] ${message}`);

/** One start: wall and CPU ms until the worker says it runs, the moments of its log lines. */
async function startOnce(env: NodeJS.ProcessEnv, profileDir?: string) {
  const started = performance.now();
  const nodeOptions = profileDir ? ["--cpu-prof", "--cpu-prof-dir", profileDir] : [];
  const child = track(
    spawn(process.execPath, [...nodeOptions, "--import", "tsx", "scripts/worker.ts"], {
      env,
      stdio: ["ignore", "pipe", "pipe"],
    }),
  );
  const lines: { atMs: number; line: string }[] = [];
  child.stdout.on("data", (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n").filter(Boolean))
      lines.push({ atMs: Math.round(performance.now() - started), line: line.slice(0, 100) });
  });
  await waitForOutput(child, READY, "worker");
  const wallMs = Math.round(performance.now() - started);
  const cpuMs = treeCpuMs(child.pid!);
  await new Promise((resolve) => setTimeout(resolve, SETTLE_SECONDS * 1000));
  const settledCpuMs = treeCpuMs(child.pid!);
  // SIGTERM stops it cleanly, so that --cpu-prof writes its profile (bench:load uses kill -9).
  child.kill(profileDir ? "SIGTERM" : "SIGKILL");
  await exited(child);
  return { wallMs, cpuMs, settledCpuMs, lines };
}

async function main() {
  const { database, loaded } = await openBenchDatabase(dataDir, PG_PORT, true);
  if (!loaded) throw new Error("no bench:load database: run npm run bench:load once, or copy its .data/bench-load");
  const appUrl = embeddedAppUrl(PG_PORT, "bench");
  await migrateAndGrant(database.url, appUrl, () => {});
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: appUrl,
    AUTH_SECRET: "bench-secret-bench-secret-bench-secret",
    CHANNEL_SECRET_KEY: "bench-load-channel-key-of-32-chars!!",
    DEMO_MODE: "true",
    DATA_DIR: path.join(dataDir, "files"),
    NEXT_TELEMETRY_DISABLED: "1",
  };
  try {
    // One start first, not counted: it fills tsx's transform cache after a change of the sources.
    await startOnce(env);
    const runs: { wallMs: number; cpuMs: number; settledCpuMs: number }[] = [];
    for (let run = 1; run <= RUNS; run += 1) {
      const { wallMs, cpuMs, settledCpuMs, lines } = await startOnce(env);
      runs.push({ wallMs, cpuMs, settledCpuMs });
      log(`start ${run}: ${wallMs} ms wall, ${cpuMs} ms CPU; ${settledCpuMs} ms CPU ${SETTLE_SECONDS} s after ready`);
      if (run === 1) for (const { atMs, line } of lines) log(`  +${atMs} ms ${line}`);
    }
    if (PROFILE) {
      const profileDir = process.env.KEEP_PROFILE_DIR ?? (await fs.mkdtemp(path.join(os.tmpdir(), "worker-start-")));
      await startOnce(env, profileDir);
      const [file] = await fs.readdir(profileDir);
      const profile = await readProfile(path.join(profileDir, file!));
      log("self time of one start (and its clean stop) by module:");
      for (const frame of selfTimeByModule(profile, 20)) log(`  ${frame.selfMs} ms ${frame.percent}% ${frame.frame}`);
      if (!process.env.KEEP_PROFILE_DIR) await fs.rm(profileDir, { recursive: true, force: true });
    }
    const walls = runs.map((run) => run.wallMs).sort((a, b) => a - b);
    const cpus = runs.map((run) => run.cpuMs).sort((a, b) => a - b);
    const settled = runs.map((run) => run.settledCpuMs).sort((a, b) => a - b);
    console.log(
      JSON.stringify({
        runs: runs.length,
        wallMs: { median: percentile(walls, 50), max: walls.at(-1) },
        cpuMs: { median: percentile(cpus, 50), max: cpus.at(-1) },
        settledCpuMs: { afterSeconds: SETTLE_SECONDS, median: percentile(settled, 50), max: settled.at(-1) },
        each: runs,
      }),
    );
  } finally {
    await database.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

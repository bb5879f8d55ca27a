// The servers a benchmark runs in processes of their own: the portal exactly as `npm start` runs it
// (production build, page cache on) and the job worker as `npm run worker` runs it.
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import net from "node:net";

// Children die with the benchmark: stopped by a signal (Ctrl-C, pkill of the npm runner) or
// ended by an error, it kills every server and worker it started, so none is left holding a port
// and answering the next run in place of the code under test.
const running = new Set<ChildProcess>();
let cleanupInstalled = false;

function killRunning() {
  for (const child of running) child.kill("SIGKILL");
}

/** Registers `child` to be killed when the benchmark process ends, however it ends. */
export function track<T extends ChildProcess>(child: T): T {
  running.add(child);
  child.once("exit", () => running.delete(child));
  if (!cleanupInstalled) {
    cleanupInstalled = true;
    process.once("exit", killRunning);
    for (const [signal, code] of [
      ["SIGINT", 130],
      ["SIGTERM", 143],
      ["SIGHUP", 129],
    ] as const)
      process.once(signal, () => {
        killRunning();
        process.exit(code);
      });
  }
  return child;
}

/** Refuses a port something already listens on (a server left over from an earlier run). */
export function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", () =>
      reject(
        new Error(
          `port ${port} is taken: a server from an earlier run may still be running (ps aux | grep scripts/server); stop it or choose another --port`,
        ),
      ),
    );
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve()));
  });
}

/** Resolves when `child` prints `needle` on stdout or stderr; rejects, with its last output, if it exits first. */
export function waitForOutput(child: ChildProcess, needle: string, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(needle)) {
        child.stdout?.off("data", onData);
        child.stderr?.off("data", onData);
        resolve();
      }
      if (output.length > 20_000) output = output.slice(-10_000);
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) =>
      reject(new Error(`${what} exited (${code}) before it was ready:\n${output.slice(-2000)}`)),
    );
  });
}

export function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once("exit", () => resolve()));
}

/** `npm run build`: builds the portal when its sources changed since the last build. */
export function buildPortal(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise<void>((resolve, reject) =>
    track(
      spawn(process.execPath, ["--import", "tsx", "scripts/start.ts", "--build-only"], { stdio: "inherit", env }),
    ).on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`build failed (${code})`)))),
  );
}

/** The portal server on `port`, resolved once it serves; `nodeOptions` go to node (e.g. --cpu-prof). */
export async function startPortal(port: number, env: NodeJS.ProcessEnv, nodeOptions: string[] = []) {
  await assertPortFree(port);
  const server = spawn(process.execPath, [...nodeOptions, "--import", "tsx", "scripts/server.ts"], {
    env: { ...env, PORT: String(port), NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", AUTH_TRUST_HOST: "true" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  track(server);
  await waitForOutput(server, "page cache on", "portal server");
  server.stdout?.resume();
  return server;
}

/** npm run worker's script, run by node directly so that SIGKILL reaches the worker itself. */
export async function startWorker(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  track(child);
  await waitForOutput(child, "后台任务已启动", "worker");
  child.stdout?.resume();
  child.stderr?.resume();
  return child;
}

export type Fetched = { status: number; body: string; cache: string | null; headers: http.IncomingHttpHeaders };

/** GET with a chosen Host header (fetch does not let callers set Host). */
export function getWithHost(url: string, host = "localhost"): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { host } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString(),
            cache: (res.headers["x-portal-cache"] as string) ?? null,
            headers: res.headers,
          }),
        );
      })
      .on("error", reject);
  });
}

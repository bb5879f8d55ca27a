// bench:portal's visit-counter section (issue #29 item 4): cached-page throughput and p99 with the
// counter on and off, back to back, twice (the host is shared: the pairs show the noise); and the
// loss check: an exact number of page views sent by autocannon, the server stopped (its shutdown
// writes the last batch), then the day's counted views compared with the requests sent.
import type { ChildProcess } from "node:child_process";
import autocannon from "autocannon";
import type { Db } from "@/lib/db/client";
import type { IncomingMessage, ServerResponse } from "node:http";
import { chinaToday } from "@/lib/time/china";
import { VisitCounter } from "@/lib/visits/counter";
import { clientIpFrom } from "@/lib/auth/client-ip";
import { cpuMilliseconds, runWrk, type WrkResult } from "./load-tools";
import { exited, startPortal } from "./bench-processes";
import { profileSince, readProfile, topSelfTime, topTotalTime } from "./cpu-profile";
import fs from "node:fs/promises";
import { readFileSync } from "node:fs";
import path from "node:path";

/** A desktop browser: views from bots and agent-less tools are (rightly) not counted. */
export const BROWSER_AGENT =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

type Options = {
  db: Db;
  port: number;
  env: NodeJS.ProcessEnv;
  wrk: string;
  seconds: number;
  connections: number;
  threads: number;
  paths: string[];
  /** Requests of the loss check. */
  lossRequests: number;
  log: (message: string) => void;
  /** A folder for V8 profiles of the portal during the flood (--profile), or none. */
  profileDir?: string;
  /** Run the portal under node --trace-gc and count its collections during the flood (--trace-gc). */
  traceGc?: boolean;
  /** On/off pairs, the order alternating (--visit-rounds, 2). */
  rounds?: number;
};

/** Collections during the measured flood, per 1,000 hits, with their summed pauses. */
type GcFigures = { scavenges: number; markCompacts: number; pauseMs: number; pauseMsPer1000: number };

type Run = WrkResult & { cpuMsPer1000: number; mainThreadMsPer1000: number; profile?: unknown; gc?: GcFigures };

/** Counts the `--trace-gc` lines a server prints from now on (`… ms: Scavenge … MB, 0.9 / 0.0 ms …`). */
function gcCounter(server: ChildProcess) {
  let scavenges = 0;
  let markCompacts = 0;
  let pauseMs = 0;
  let rest = "";
  let counting = false;
  server.stdout?.on("data", (chunk: Buffer) => {
    const lines = (rest + chunk.toString()).split("\n");
    rest = lines.pop() ?? "";
    if (!counting) return;
    for (const line of lines) {
      const pause = /MB, ([\d.]+) \/ [\d.]+ ms/.exec(line);
      if (!pause) continue;
      if (line.includes("Scavenge")) scavenges += 1;
      else if (line.includes("Mark-Compact")) markCompacts += 1;
      else continue;
      pauseMs += Number(pause[1]);
    }
  });
  return {
    start: () => (counting = true),
    figures: (requests: number): GcFigures => ({
      scavenges,
      markCompacts,
      pauseMs: Math.round(pauseMs),
      pauseMsPer1000: Number(((pauseMs / requests) * 1000).toFixed(2)),
    }),
  };
}

/**
 * CPU of the server's main thread (the JavaScript one) in ms; the rest of cpuMilliseconds is its
 * other threads (V8's GC helpers, libuv's pool) and child processes.
 */
function mainThreadMilliseconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/task/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return NaN;
  }
}

/** The largest profile in `dir` (the main thread's; tsx's loader thread writes a small one too). */
async function readLargestProfile(dir: string, fromMicros: number) {
  const names = await fs.readdir(dir);
  const sized = await Promise.all(
    names.map(async (name) => ({ name, size: (await fs.stat(path.join(dir, name))).size })),
  );
  const file = path.join(dir, sized.sort((a, b) => b.size - a.size)[0]!.name);
  const profile = profileSince(await readProfile(file), fromMicros);
  return { file, selfTime: topSelfTime(profile, 20), totalTime: topTotalTime(profile, 30) };
}

async function stop(server: ChildProcess) {
  server.kill("SIGTERM");
  await exited(server);
}

async function measure(options: Options, counting: boolean, at: string): Promise<Run> {
  const env = { ...options.env, VISIT_COUNTER: counting ? "on" : "off" };
  const profileDir = options.profileDir && path.join(options.profileDir, counting ? "on" : "off");
  if (profileDir) await fs.rm(profileDir, { recursive: true, force: true });
  const server = await startPortal(options.port, env, [
    ...(profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : []),
    ...(options.traceGc ? ["--trace-gc"] : []),
  ]);
  const gc = options.traceGc ? gcCounter(server) : undefined;
  let run: Run | undefined;
  let measuredFrom = 0;
  try {
    const url = `http://127.0.0.1:${options.port}${at}`;
    const wrk = {
      wrk: options.wrk,
      host: "localhost",
      seconds: options.seconds,
      connections: options.connections,
      threads: options.threads,
      headers: [`User-Agent: ${BROWSER_AGENT}`],
    };
    await runWrk(url, { ...wrk, seconds: Math.min(2, options.seconds) }); // warm (fills the cache), unrecorded
    measuredFrom = Number(process.hrtime.bigint() / 1000n);
    const cpuBefore = cpuMilliseconds(server.pid!);
    const mainBefore = mainThreadMilliseconds(server.pid!);
    gc?.start();
    const result = await runWrk(url, wrk);
    const cpu = cpuMilliseconds(server.pid!) - cpuBefore;
    const main = mainThreadMilliseconds(server.pid!) - mainBefore;
    run = {
      ...result,
      cpuMsPer1000: Number(((cpu / result.requests) * 1000).toFixed(1)),
      mainThreadMsPer1000: Number(((main / result.requests) * 1000).toFixed(1)),
      ...(gc ? { gc: gc.figures(result.requests) } : {}),
    };
  } finally {
    await stop(server);
  }
  // The profile is written when the server exits (it covers start-up and warm-up too).
  if (profileDir) run.profile = await readLargestProfile(profileDir, measuredFrom);
  return run;
}

async function countedToday(db: Db): Promise<number> {
  const sum = await db.visitDay.aggregate({
    where: { day: new Date(`${chinaToday()}T00:00:00Z`) },
    _sum: { pageViews: true },
  });
  return sum._sum.pageViews ?? 0;
}

/**
 * The counter's own cost, in this process: CPU per counted view of a cached page (what observe()
 * adds to a hit after the answer was handed to the socket), and the time to write one batch.
 */
async function counterCost(db: Db, views: number) {
  const counter = new VisitCounter(db, {
    clientAddress: clientIpFrom,
    flushMs: 3_600_000,
    maxKeys: Number.MAX_SAFE_INTEGER,
  });
  const requests = Array.from({ length: 1000 }, (_, index) => ({
    method: "GET",
    headers: {
      host: "localhost",
      "user-agent": BROWSER_AGENT,
      referer: index % 5 === 0 ? "https://www.baidu.com/s?wd=x" : "http://localhost/",
    },
    socket: { remoteAddress: `198.18.${(index >> 8) & 255}.${index & 255}` },
    url: index % 10 === 0 ? `/search?q=${encodeURIComponent(`养老保险${index % 7}`)}` : `/content/${index % 50}`,
  }));
  const res = { writableEnded: true, statusCode: 200 } as unknown as ServerResponse;
  for (let index = 0; index < 20_000; index += 1) {
    const req = requests[index % 1000]!;
    counter.observe(req as unknown as IncomingMessage, res, req.url);
  }
  await counter.flush(); // warm-up batch, unrecorded
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let index = 0; index < views; index += 1) {
    const req = requests[index % 1000]!;
    counter.observe(req as unknown as IncomingMessage, res, req.url);
  }
  const spent = process.cpuUsage(cpu);
  const wall = performance.now() - started;
  const writeStarted = performance.now();
  await counter.flush();
  return {
    views,
    cpuMicrosPerView: Number(((spent.user + spent.system) / views).toFixed(2)),
    wallMicrosPerView: Number(((wall * 1000) / views).toFixed(2)),
    batchWriteMs: Math.round(performance.now() - writeStarted),
    batchShape: "1,000 visitors, 57 paths, 7 terms, 1 referrer host",
  };
}

export async function benchVisits(options: Options) {
  options.log("visits: the counter's own cost per view, in process…");
  const cost = await counterCost(options.db, 200_000);
  const at = options.paths[0]!;
  const rounds = [];
  for (let round = 1; round <= (options.rounds ?? 2); round += 1) {
    // The order alternates, so that a drift of the shared host's load does not favour one side.
    const onFirst = round % 2 === 1;
    options.log(`visits round ${round}: wrk ${at} with the counter ${onFirst ? "on, then off" : "off, then on"}…`);
    const first = await measure(options, onFirst, at);
    const second = await measure(options, !onFirst, at);
    const [on, off] = onFirst ? [first, second] : [second, first];
    rounds.push({
      on,
      off,
      rpsOnVsOff: Number((on.rps / off.rps).toFixed(3)),
      p99OnVsOff: Number((on.p99Ms / off.p99Ms).toFixed(3)),
    });
  }

  // On a shared host one pair says little: the spread of the pairs is printed with their median.
  const spread = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = sorted.length >> 1;
    const median = sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
    return { median: Number(median.toFixed(3)), min: sorted[0]!, max: sorted[sorted.length - 1]! };
  };
  const summary = {
    rpsOnVsOff: spread(rounds.map((round) => round.rpsOnVsOff)),
    mainThreadMsPer1000OnMinusOff: spread(
      rounds.map((round) => Number((round.on.mainThreadMsPer1000 - round.off.mainThreadMsPer1000).toFixed(1))),
    ),
  };

  // Loss check: exactly N page views (a mix of the cached pages), then a clean stop.
  options.log(`visits loss check: ${options.lossRequests} page views…`);
  const server = await startPortal(options.port, { ...options.env, VISIT_COUNTER: "on", VISIT_FLUSH_MS: "1000" });
  const before = await countedToday(options.db);
  let sent = 0;
  let shown = 0;
  try {
    const result = await autocannon({
      url: `http://127.0.0.1:${options.port}`,
      connections: options.connections,
      amount: options.lossRequests,
      headers: { host: "localhost", "user-agent": BROWSER_AGENT },
      requests: options.paths.map((path) => ({ path })),
    });
    sent = result.requests.sent;
    shown = result["2xx"];
    if (result.non2xx || result.errors) options.log(`loss check: ${result.non2xx} non-2xx, ${result.errors} errors`);
  } finally {
    await stop(server);
  }
  const counted = (await countedToday(options.db)) - before;
  return {
    counterCost: cost,
    rounds,
    summary,
    lossCheck: { sent, answered200: shown, counted, lost: shown - counted },
  };
}

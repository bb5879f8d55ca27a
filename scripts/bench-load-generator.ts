// The constant-rate load generator of npm run bench:load, in a process of its own (argv: the plan
// file). Open loop, as wrk2 paces: request i is due at start + i / rate whatever the answers, and
// its latency counts from when it was due, so a stalled server shows in the figures instead of
// slowing the generator down (no coordinated omission). A request not answered within timeoutMs
// of when it was due counts as an error ("timeout"). It prints one JSON line when done,
// including its own CPU use, to show it was not the bottleneck.
import fs from "node:fs";
import http from "node:http";

type Target = { host: string; path: string };
type ClassName = "page" | "firstRender" | "search";
type Plan = {
  port: number;
  rate: number;
  seconds: number;
  /** Of every 20 requests: 17 cached pages, 1 first render, 2 searches (85 / 5 / 10 %). */
  targets: Record<ClassName, Target[]>;
  timeoutMs: number;
};

const plan = JSON.parse(fs.readFileSync(process.argv[2]!, "utf8")) as Plan;
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

const SLOTS: ClassName[] = Array.from({ length: 20 }, (_, slot) =>
  slot === 0 ? "firstRender" : slot === 7 || slot === 14 ? "search" : "page",
);

type Stats = {
  latencies: number[];
  errors: number;
  statuses: Record<string, number>;
  cache: Record<string, number>;
  samples: string[];
};
const stats: Record<ClassName, Stats> = {
  page: { latencies: [], errors: 0, statuses: {}, cache: {}, samples: [] },
  firstRender: { latencies: [], errors: 0, statuses: {}, cache: {}, samples: [] },
  search: { latencies: [], errors: 0, statuses: {}, cache: {}, samples: [] },
};
const cursor: Record<ClassName, number> = { page: 0, firstRender: 0, search: 0 };
let firstRenderRepeats = 0;
let maxInFlight = 0;
let inFlight = 0;
let maxLagMs = 0;

function pick(kind: ClassName): Target {
  const list = plan.targets[kind];
  const index = cursor[kind]++;
  if (kind === "firstRender" && index >= list.length) firstRenderRepeats += 1;
  // Cached pages are drawn spread over the hot set; first renders and searches in order.
  return kind === "page" ? list[(index * 7919) % list.length]! : list[index % list.length]!;
}

function send(kind: ClassName, target: Target, dueAt: number): Promise<void> {
  inFlight += 1;
  maxInFlight = Math.max(maxInFlight, inFlight);
  const record = stats[kind];
  return new Promise((resolve) => {
    let finished = false;
    const done = (status: string, cache?: string) => {
      if (finished) return;
      finished = true;
      clearTimeout(deadline);
      inFlight -= 1;
      record.latencies.push(performance.now() - dueAt);
      record.statuses[status] = (record.statuses[status] ?? 0) + 1;
      if (cache) record.cache[cache] = (record.cache[cache] ?? 0) + 1;
      if (status !== "200") {
        record.errors += 1;
        if (record.samples.length < 10) record.samples.push(`${status} ${target.host}${target.path}`);
      }
      resolve();
    };
    const request = http.get(
      { host: "127.0.0.1", port: plan.port, path: target.path, headers: { host: target.host }, agent },
      (response) => {
        response.on("data", () => {});
        response.on("end", () =>
          done(String(response.statusCode), String(response.headers["x-portal-cache"] ?? "none")),
        );
        response.on("error", () => done("response-error"));
      },
    );
    // From the due time, queueing for a socket included (an agent's queue has no timeout of its own).
    const deadline = setTimeout(
      () => {
        done("timeout");
        request.destroy();
      },
      Math.max(1, dueAt + plan.timeoutMs - performance.now()),
    );
    request.on("error", (error) => done(`error:${(error as NodeJS.ErrnoException).code ?? error.message}`));
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted.length
    ? Number(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!.toFixed(1))
    : NaN;
}

async function main() {
  const total = Math.round(plan.rate * plan.seconds);
  const pending: Promise<void>[] = [];
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  let next = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (next < total) {
        const dueAt = started + (next * 1000) / plan.rate;
        if (dueAt > now) break;
        maxLagMs = Math.max(maxLagMs, now - dueAt);
        const kind = SLOTS[next % SLOTS.length]!;
        pending.push(send(kind, pick(kind), dueAt));
        next += 1;
      }
      if (next >= total) resolve();
      else setTimeout(tick, 1);
    };
    tick();
  });
  const sendingSeconds = (performance.now() - started) / 1000;
  await Promise.all(pending);
  const elapsedSeconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const classes = Object.fromEntries(
    (Object.keys(stats) as ClassName[]).map((kind) => {
      const record = stats[kind];
      const sorted = [...record.latencies].sort((a, b) => a - b);
      return [
        kind,
        {
          requests: sorted.length,
          p50: percentile(sorted, 50),
          p99: percentile(sorted, 99),
          max: percentile(sorted, 100),
          errors: record.errors,
          statuses: record.statuses,
          cache: record.cache,
          errorSamples: record.samples,
        },
      ];
    }),
  );
  console.log(
    JSON.stringify({
      requests: total,
      elapsedSeconds: Number(elapsedSeconds.toFixed(1)),
      throughput: Number((total / elapsedSeconds).toFixed(1)),
      sendRate: Number((total / sendingSeconds).toFixed(1)),
      classes,
      errors: Object.values(stats).reduce((sum, record) => sum + record.errors, 0),
      firstRenderPool: plan.targets.firstRender.length,
      firstRenderRepeats,
      generator: {
        cpuPercentOfOneCore: Number((((cpu.user + cpu.system) / 1000 / (elapsedSeconds * 1000)) * 100).toFixed(1)),
        cpuMs: Math.round((cpu.user + cpu.system) / 1000),
        maxLagMs: Number(maxLagMs.toFixed(1)),
        maxInFlight,
      },
    }),
  );
  agent.destroy();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

// The constant-rate load generator of npm run bench:interaction, in a process of its own (argv: the
// plan file), paced open loop as scripts/bench-load-generator.ts is: request i is due at start +
// i / rate whatever the answers, and its latency counts from when it was due. Requests come from
// many client addresses through a trusted proxy's X-Forwarded-For (the bench's portal trusts
// 127.0.0.1, as a deployment behind nginx would), with the Origin a browser sends on a POST.
// Letters (intake): before the timed part, the generator fetches one challenge per letter from the
// portal and solves it here, as each writer's browser would (the proof of work is the writer's
// cost); each letter is then a real multipart POST of the form. Prints one JSON line when done.
import fs from "node:fs";
import http from "node:http";
import { solveChallenge, type Challenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/pbkdf2";

type Step = {
  kind: string;
  host: string;
  path: string;
  method?: "GET" | "POST";
  /** Form fields of a POST (urlencoded), or of a letter (multipart, with the solved captcha added). */
  form?: Record<string, string>;
  multipart?: boolean;
  address: string;
};
type Plan = { port: number; rate: number; seconds: number; timeoutMs: number; steps: Step[] };
type Prepared = { step: Step; body?: Buffer; contentType?: string };

const plan = JSON.parse(fs.readFileSync(process.argv[2]!, "utf8")) as Plan;
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

type Stats = { latencies: number[]; errors: number; statuses: Record<string, number>; samples: string[] };
const stats = new Map<string, Stats>();
/** What each answered letter got back: its 查询码 (to be found in the database afterwards). */
const receipts: { marker: string; queryCode: string }[] = [];
let inFlight = 0;
let maxInFlight = 0;
let maxLagMs = 0;

function request(prepared: Prepared, timeoutMs: number): Promise<{ status: string; body: string }> {
  const { step } = prepared;
  return new Promise((resolve) => {
    let finished = false;
    const done = (status: string, body = "") => {
      if (finished) return;
      finished = true;
      clearTimeout(deadline);
      resolve({ status, body });
    };
    const headers: http.OutgoingHttpHeaders = { host: step.host, "x-forwarded-for": step.address };
    if (prepared.body) {
      headers.origin = `http://${step.host}`;
      headers["sec-fetch-site"] = "same-origin";
      headers["content-type"] = prepared.contentType;
      headers["content-length"] = prepared.body.byteLength;
    }
    const outgoing = http.request(
      { host: "127.0.0.1", port: plan.port, path: step.path, method: step.method ?? "GET", headers, agent },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => done(String(response.statusCode), Buffer.concat(chunks).toString()));
        response.on("error", () => done("response-error"));
      },
    );
    const deadline = setTimeout(() => {
      done("timeout");
      outgoing.destroy();
    }, timeoutMs);
    outgoing.on("error", (error) => done(`error:${(error as NodeJS.ErrnoException).code ?? error.message}`));
    outgoing.end(prepared.body);
  });
}

/** A letter's form with a challenge fetched from the portal and solved here, as multipart bytes. */
async function prepareLetter(step: Step): Promise<Prepared> {
  const fetched = await request({ step: { ...step, path: "/api/interaction/captcha", method: "GET" } }, 30_000);
  if (fetched.status !== "200") throw new Error(`captcha challenge: ${fetched.status} ${fetched.body.slice(0, 200)}`);
  const challenge = JSON.parse(fetched.body) as Challenge;
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) throw new Error("captcha challenge not solved");
  const form = new FormData();
  for (const [name, value] of Object.entries(step.form ?? {})) form.set(name, value);
  form.set("captcha", Buffer.from(JSON.stringify({ challenge, solution })).toString("base64"));
  const encoded = new Response(form);
  return {
    step,
    body: Buffer.from(await encoded.arrayBuffer()),
    contentType: encoded.headers.get("content-type")!,
  };
}

function prepare(step: Step): Prepared | Promise<Prepared> {
  if (step.multipart) return prepareLetter(step);
  if (!step.form) return { step };
  return {
    step,
    body: Buffer.from(new URLSearchParams(step.form).toString()),
    contentType: "application/x-www-form-urlencoded",
  };
}

async function send(prepared: Prepared, dueAt: number): Promise<void> {
  inFlight += 1;
  maxInFlight = Math.max(maxInFlight, inFlight);
  const { step } = prepared;
  let record = stats.get(step.kind);
  if (!record) stats.set(step.kind, (record = { latencies: [], errors: 0, statuses: {}, samples: [] }));
  // From the due time, queueing for a socket included.
  const { status, body } = await request(prepared, Math.max(1, dueAt + plan.timeoutMs - performance.now()));
  inFlight -= 1;
  record.latencies.push(performance.now() - dueAt);
  record.statuses[status] = (record.statuses[status] ?? 0) + 1;
  const ok = status === "200" || status === "201";
  if (!ok) {
    record.errors += 1;
    if (record.samples.length < 10) record.samples.push(`${status} ${step.path} ${body.slice(0, 160)}`);
  }
  if (ok && step.multipart) {
    const receipt = JSON.parse(body) as { queryCode?: string };
    if (receipt.queryCode) receipts.push({ marker: step.form!.title!, queryCode: receipt.queryCode });
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted.length
    ? Number(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!.toFixed(1))
    : NaN;
}

async function main() {
  const total = Math.round(plan.rate * plan.seconds);
  // Untimed: every request built before the first is sent (letters' captchas solved, 4 at a time).
  const preparedStarted = performance.now();
  const prepared: Prepared[] = new Array(total);
  let nextToPrepare = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (nextToPrepare < total) {
        const index = nextToPrepare++;
        prepared[index] = await prepare(plan.steps[index % plan.steps.length]!);
      }
    }),
  );
  const prepareSeconds = (performance.now() - preparedStarted) / 1000;
  // The bench counts CPU from this line on.
  console.log("sending");

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
        pending.push(send(prepared[next]!, dueAt));
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
    [...stats].map(([kind, record]) => {
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
          errorSamples: record.samples,
        },
      ];
    }),
  );
  console.log(
    JSON.stringify({
      requests: total,
      prepareSeconds: Number(prepareSeconds.toFixed(1)),
      elapsedSeconds: Number(elapsedSeconds.toFixed(1)),
      sendRate: Number((total / sendingSeconds).toFixed(1)),
      classes,
      errors: [...stats.values()].reduce((sum, record) => sum + record.errors, 0),
      receipts,
      generator: {
        cpuPercentOfOneCore: Number((((cpu.user + cpu.system) / 1000 / (elapsedSeconds * 1000)) * 100).toFixed(1)),
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

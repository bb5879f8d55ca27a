// npm run bench:interaction – 政民互动 at 100,000 letters (figures, not a test; #25 "Speed").
// Its own embedded PostgreSQL (.data/bench-interaction) with the demo platform and --count letters
// over two years (scripts/lib/bench-letters.ts); the clock-alert sweep run twice in this process,
// timed, with the Letter rows PostgreSQL read for it; then the portal server as npm start runs it,
// behind a "proxy" it trusts (TRUSTED_PROXIES=127.0.0.1, so each request's X-Forwarded-For is its
// client address and the per-address limits stay on), driven by scripts/bench-interaction-
// generator.ts in its own process: first --seconds of letters at --intake-rate (real multipart
// form posts with solved captchas, each from its own address), after which the letters in the
// database are counted against the receipts (none lost, none duplicated); then --seconds of reads at
// --read-rate, of every 10: 4 pages of 留言选登, 2 lookup pages and 4 lookups by 查询码 + password;
// then --seconds of searches within letters at --search-rate. The last line printed is JSON.
// Options: --count N (100000), --seconds S (60), --intake-rate N (50), --read-rate N (30),
// --search-rate N (2), --pg-port P (54395), --port P (3115), --reuse (keep a loaded database),
// --no-build (serve the existing .next build as it is).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { migrateAndGrant } from "@/lib/db/prepare";
import { embeddedAppUrl } from "@/lib/db/embedded-url";
import { createDb } from "@/lib/db/client";
import { reindexPostgres } from "@/lib/search/service";
import { markLoaded, openBenchDatabase, seedBenchPlatform } from "./lib/bench-database";
import { seedBenchLetters } from "./lib/bench-letters";
import { measureSweep } from "./lib/bench-sweep";
import { buildPortal, exited, getWithHost, startPortal, track } from "./lib/bench-processes";
import { loadAverage, machineFacts, percentile } from "./lib/bench-report";
import { CpuAccount, cpuReport, machineBusyMs, postmasterPid, treeCpuMs } from "./lib/process-cpu";

function option(name: string, fallback: number): number {
  const inline = process.argv.find((arg) => arg.startsWith(`--${name}=`));
  const index = process.argv.indexOf(`--${name}`);
  const value = inline ? inline.slice(name.length + 3) : index >= 0 ? process.argv[index + 1] : undefined;
  const parsed = value === undefined ? fallback : Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`--${name} must be a positive number`);
  return parsed;
}

const COUNT = option("count", 100_000);
const SECONDS = option("seconds", 60);
const INTAKE_RATE = option("intake-rate", 50);
const READ_RATE = option("read-rate", 30);
const SEARCH_RATE = option("search-rate", 2);
const PG_PORT = option("pg-port", 54395);
const PORTAL = option("port", 3115);
const REUSE = process.argv.includes("--reuse");
const BUILD = !process.argv.includes("--no-build");
const dataDir = path.resolve(".data/bench-interaction");
/** List pages of 留言选登 read (each rendered once, then served from the page cache). */
const LIST_PAGES = 50;
const SEARCHES = ["电梯", "公交", "噪音", "充电桩", "学位", "积水", "磁器口", "医保异地", "占道经营", "垃圾清运"];

const log = (message: string) => console.error(`[bench:interaction] ${message}`);

type Step = {
  kind: string;
  host: string;
  path: string;
  method?: "GET" | "POST";
  form?: Record<string, string>;
  multipart?: boolean;
  address: string;
};
type GeneratorResult = {
  requests: number;
  prepareSeconds: number;
  elapsedSeconds: number;
  sendRate: number;
  classes: Record<string, { requests: number; p50: number; p99: number; max: number; errors: number }>;
  errors: number;
  receipts: { marker: string; queryCode: string }[];
  generator: Record<string, number>;
};

/** Client address number n: 100.64.0.0/10 (shared address space), one per writer or reader. */
const address = (n: number) => `100.${64 + ((n >> 16) & 63)}.${(n >> 8) & 255}.${n & 255}`;

/** The generator run on `plan`, with the CPU the portal and PostgreSQL spent meanwhile (the generator reports its own). */
async function runGenerator(
  plan: { rate: number; seconds: number; steps: Step[] },
  pids: { portal: number; postgres: number },
): Promise<GeneratorResult & { cpu: ReturnType<typeof cpuReport> }> {
  const planFile = path.join(dataDir, "generator-plan.json");
  await fs.writeFile(planFile, JSON.stringify({ port: PORTAL, timeoutMs: 10_000, ...plan }));
  const generator = track(
    spawn(process.execPath, ["--import", "tsx", "scripts/bench-interaction-generator.ts", planFile], {
      stdio: ["ignore", "pipe", "inherit"],
    }),
  );
  let output = "";
  generator.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  // Counted from the first request: the generator prepares every request (solving captchas) first.
  let cpu: CpuAccount | undefined;
  let started = 0;
  let machineBefore = 0;
  const onReady = setInterval(() => {
    if (cpu || !output.includes("sending")) return;
    cpu = new CpuAccount();
    cpu.begin("portal", () => treeCpuMs(pids.portal));
    cpu.begin("postgres", () => treeCpuMs(pids.postgres));
    machineBefore = machineBusyMs();
    started = performance.now();
  }, 5);
  await exited(generator);
  clearInterval(onReady);
  if (generator.exitCode !== 0) throw new Error(`generator failed (${generator.exitCode})`);
  const result = JSON.parse(output.trim().split("\n").at(-1)!) as GeneratorResult;
  return {
    ...result,
    cpu: cpuReport(cpu!.close(), machineBusyMs() - machineBefore, performance.now() - started, os.cpus().length),
  };
}

const summary = (result: GeneratorResult) =>
  Object.entries(result.classes)
    .map(([kind, c]) => `${kind} ${c.requests} p50 ${c.p50} ms p99 ${c.p99} ms errors ${c.errors}`)
    .join("; ");

async function main() {
  const { database, loaded } = await openBenchDatabase(dataDir, PG_PORT, REUSE);
  const appUrl = embeddedAppUrl(PG_PORT, "bench");
  await migrateAndGrant(database.url, appUrl, () => {});
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: appUrl,
    AUTH_SECRET: "bench-secret-bench-secret-bench-secret",
    CHANNEL_SECRET_KEY: "bench-interaction-channel-key-32ch!!",
    DEMO_MODE: "true",
    DATA_DIR: path.join(dataDir, "files"),
    NEXT_TELEMETRY_DISABLED: "1",
    // As behind nginx on the same host: the proxy's X-Forwarded-For names the client.
    TRUSTED_PROXIES: "127.0.0.1, ::1",
    // The writer's side of the proof of work is done by the generator: a counter of at most 10
    // instead of 5,000 keeps 3,000 solves affordable there; the server's check (one derivation at
    // INTERACTION_CAPTCHA_COST iterations) is the same as in production.
    INTERACTION_CAPTCHA_MAX_COUNTER: "10",
  };
  Object.assign(process.env, env);
  const db = createDb(database.url);
  const children: ChildProcess[] = [];
  let figures: Record<string, unknown> | undefined;
  const lookupsFile = path.join(dataDir, "lookups.json");
  try {
    let loadMs: number | null = null;
    if (!loaded) {
      await seedBenchPlatform(db);
      const started = performance.now();
      const { sample, published } = await seedBenchLetters(database.url, COUNT);
      loadMs = Math.round(performance.now() - started);
      log(`loaded ${COUNT} letters (${published} published as 留言答复) in ${loadMs} ms`);
      await fs.writeFile(lookupsFile, JSON.stringify(sample));
      await markLoaded(dataDir);
    }
    const lookups = JSON.parse(await fs.readFile(lookupsFile, "utf8")) as {
      queryCode: string;
      password: string;
      host: string;
    }[];
    // The clock-alert sweep, as the worker runs it: the first run after loading, then a second (before
    // this process reads the Letter table itself, whose statistics would count in its figures).
    const sweeps = [];
    for (let run = 1; run <= 2; run += 1) sweeps.push(await measureSweep(database.url));
    log(
      `clock-alert sweep: ${sweeps.map((s) => `${s.ms} ms, ${s.letterRowsRead} Letter rows read, ${s.sent} sent`).join(" · ")}`,
    );

    // 留言选登's search reads the search index, which holds what is published: letters brought over
    // from an earlier system are indexed as `npm run search:reindex` would after such an import.
    const indexedCopies = await db.searchDocument.count({ where: { kind: "INTERACTION_REPLY" } });
    const copies = await db.letter.count({ where: { publicResourceId: { not: null } } });
    if (indexedCopies < copies) {
      const started = performance.now();
      const { documents } = await reindexPostgres(db);
      log(`search index rebuilt: ${documents} documents in ${Math.round(performance.now() - started)} ms`);
    }

    const letters = await db.letter.count();
    const states = await db.letter.groupBy({ by: ["state"], _count: true });
    const publishedCopies = await db.letter.count({ where: { publicResourceId: { not: null } } });
    log(`${letters} letters, ${publishedCopies} with a published copy`);

    if (BUILD) await buildPortal(env);
    children.push(await startPortal(PORTAL, env));
    const pids = { portal: children[0]!.pid!, postgres: await postmasterPid(path.join(dataDir, "postgres")) };
    const loadBefore = loadAverage();

    // Intake: each letter from an address of its own, under the real per-address limit.
    const runTag = Date.now().toString(36);
    const intakeSteps: Step[] = Array.from({ length: Math.round(INTAKE_RATE * SECONDS) }, (_, n) => ({
      kind: "letter",
      host: n % 10 < 7 ? "localhost" : "wlw.localhost",
      path: "/api/interaction/letters",
      method: "POST",
      multipart: true,
      address: address(n + 1),
      form: {
        type: ["mailbox", "consult", "complaint", "suggestion"][n % 4]!,
        title: `压测${runTag}第${n}号：小区门口占道经营`,
        content: "每天傍晚有摊贩在小区门口占道经营，车辆和行人无法正常通行，希望有关部门依法处理。",
        writerName: "王五",
        writerPhone: "13912345678",
        consentToPublish: n % 5 === 4 ? "no" : "yes",
        privacyAccepted: "yes",
        website: "",
      },
    }));
    log(`intake: ${intakeSteps.length} letters at ${INTAKE_RATE}/s (captchas solved first)…`);
    const intake = await runGenerator({ rate: INTAKE_RATE, seconds: SECONDS, steps: intakeSteps }, pids);
    log(`intake: ${summary(intake)}; prepared in ${intake.prepareSeconds} s`);
    const stored = await db.letter.findMany({
      where: { title: { startsWith: `压测${runTag}第` } },
      select: { title: true, queryCode: true },
    });
    const storedCodes = new Set(stored.map((row) => row.queryCode));
    const titles = new Map<string, number>();
    for (const row of stored) titles.set(row.title, (titles.get(row.title) ?? 0) + 1);
    const lost = intake.receipts.filter((receipt) => !storedCodes.has(receipt.queryCode)).length;
    const duplicated = [...titles.values()].filter((times) => times > 1).length;
    const storedWithoutReceipt = stored.length - intake.receipts.length;
    log(`intake: ${intake.receipts.length} receipts, ${stored.length} rows, ${lost} lost, ${duplicated} duplicated`);

    // Reads: 留言选登 pages (first renders timed one by one, then served from the cache under load).
    const firstRenders: number[] = [];
    const listPaths: Step[] = [];
    for (const host of ["localhost", "wlw.localhost"])
      for (let page = 1; page <= LIST_PAGES; page += 1) {
        const pagePath = `/interaction/letters${page > 1 ? `?page=${page}` : ""}`;
        const started = performance.now();
        const response = await getWithHost(`http://127.0.0.1:${PORTAL}${pagePath}`, host);
        if (response.status !== 200) throw new Error(`${host}${pagePath}: ${response.status}`);
        firstRenders.push(performance.now() - started);
        listPaths.push({ kind: "list", host, path: pagePath, address: "" });
      }
    firstRenders.sort((a, b) => a - b);
    const readSteps: Step[] = Array.from({ length: Math.round(READ_RATE * SECONDS) }, (_, n) => {
      const slot = n % 10;
      const who = address(200_000 + n);
      if (slot < 4) return { ...listPaths[(n * 7919) % listPaths.length]!, address: who };
      const host = n % 3 === 0 ? "wlw.localhost" : "localhost";
      if (slot < 6) return { kind: "lookupPage", host, path: "/interaction/lookup", address: who };
      const credentials = lookups[n % lookups.length]!;
      return {
        kind: "lookup",
        host: credentials.host,
        path: "/api/interaction/lookup",
        method: "POST",
        form: { queryCode: credentials.queryCode, password: credentials.password },
        address: who,
      };
    });
    log(`reads: ${readSteps.length} requests at ${READ_RATE}/s…`);
    const reads = await runGenerator({ rate: READ_RATE, seconds: SECONDS, steps: readSteps }, pids);
    log(`reads: ${summary(reads)}`);
    // Searches within letters (never cached), apart: at the read rate they would starve the rest.
    const searchSteps: Step[] = Array.from({ length: Math.round(SEARCH_RATE * SECONDS) }, (_, n) => {
      const q = SEARCHES[n % SEARCHES.length]!;
      const page = n % 4 === 3 ? 2 : 1;
      return {
        kind: "search",
        host: n % 3 === 0 ? "wlw.localhost" : "localhost",
        path: `/interaction/letters?q=${encodeURIComponent(q)}${page > 1 ? `&page=${page}` : ""}`,
        address: address(300_000 + n),
      };
    });
    log(`searches: ${searchSteps.length} at ${SEARCH_RATE}/s…`);
    const searches = await runGenerator({ rate: SEARCH_RATE, seconds: SECONDS, steps: searchSteps }, pids);
    log(`searches: ${summary(searches)}`);

    const goals = {
      intakeRate: intake.sendRate >= 50 && intake.classes.letter?.errors === 0,
      noneLost: lost === 0 && duplicated === 0 && storedWithoutReceipt === 0,
      listP99: (reads.classes.list?.p99 ?? Infinity) < 100,
      searchP99: (searches.classes.search?.p99 ?? Infinity) < 100,
      lookupP99: (reads.classes.lookup?.p99 ?? Infinity) < 100 && (reads.classes.lookupPage?.p99 ?? Infinity) < 100,
    };
    figures = {
      machine: machineFacts(),
      loadAverageBefore: loadBefore,
      letters,
      states: Object.fromEntries(states.map((row) => [row.state, row._count])),
      publishedCopies,
      loadMs,
      sweeps,
      intake: {
        rate: INTAKE_RATE,
        seconds: SECONDS,
        sendRate: intake.sendRate,
        prepareSeconds: intake.prepareSeconds,
        ...intake.classes.letter,
        receipts: intake.receipts.length,
        stored: stored.length,
        lost,
        duplicated,
        storedWithoutReceipt,
        generator: intake.generator,
        cpu: intake.cpu,
      },
      listFirstRenderMs: {
        pages: firstRenders.length,
        p50: Number(percentile(firstRenders, 50).toFixed(1)),
        p99: Number(percentile(firstRenders, 99).toFixed(1)),
      },
      reads: {
        rate: READ_RATE,
        seconds: SECONDS,
        sendRate: reads.sendRate,
        classes: reads.classes,
        generator: reads.generator,
        cpu: reads.cpu,
      },
      searches: {
        rate: SEARCH_RATE,
        seconds: SECONDS,
        ...searches.classes.search,
        generator: searches.generator,
        cpu: searches.cpu,
      },
      goals,
    };
  } finally {
    for (const child of children) child.kill("SIGTERM");
    await Promise.all(children.map(exited));
    await db.$disconnect().catch(() => {});
    await database.stop();
  }
  console.log(JSON.stringify(figures));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

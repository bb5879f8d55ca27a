// npm run bench:cpu – CPU time per request of the two portal requests that are never served from the
// page cache under bench:load: a search (/search?q=…, two-word queries as bench:load sends) and the
// first render of an old article. On the bench:load database (.data/bench-load, built by an earlier
// `npm run bench:load`), the portal server as npm start runs it serves --requests requests of each
// class one at a time, --rounds times (each round new articles and queries), after a warm-up; the CPU
// time of the portal process and of PostgreSQL (the postmaster and all its backends) is read from
// /proc around each class's requests. CPU time, not wall time, so that the figures hold on a shared
// machine; compare rounds for noise (/proc counts in 10 ms ticks, so each figure is a mean).
// Options: --requests N (20), --rounds N (3), --warmup N (10), --pg-port P (54392), --port P (3113),
// --no-build (serve the existing .next build as it is), --profile (run the portal under
// node --cpu-prof and print where its time went), --only-search or --only-firstRender (one class,
// for a profile of it alone), --queries N (the measured searches cycle over N distinct queries
// instead of each being new: how a portal whose visitors repeat searches fares). The last line
// printed is JSON.
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { migrateAndGrant } from "@/lib/db/prepare";
import { embeddedAppUrl } from "@/lib/db/embedded-url";
import { createDb } from "@/lib/db/client";
import { openBenchDatabase } from "./lib/bench-database";
import { buildPortal, exited, getWithHost, startPortal } from "./lib/bench-processes";
import { machineFacts } from "./lib/bench-report";
import { profileSince, readProfile, selfTimeByModule, topSelfTime, topTotalTime } from "./lib/cpu-profile";
import { loadTargets, type Target } from "./lib/load-targets";
import { ownCpuMs, postmasterPid, treeCpuMs } from "./lib/process-cpu";

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const inline = process.argv.find((arg) => arg.startsWith(`--${name}=`));
  const value = inline ? inline.slice(name.length + 3) : index >= 0 ? process.argv[index + 1] : undefined;
  const parsed = value === undefined ? fallback : Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) throw new Error(`--${name} must be a positive whole number`);
  return parsed;
}

const REQUESTS = option("requests", 20);
const ROUNDS = option("rounds", 3);
const WARMUP = option("warmup", 10);
const PG_PORT = option("pg-port", 54392);
const DISTINCT_QUERIES = process.argv.some((arg) => arg.startsWith("--queries")) ? option("queries", 1) : undefined;
const PORTAL = option("port", 3113);
const PROFILE = process.argv.includes("--profile");
const ONLY = ["search", "firstRender"].find((kind) => process.argv.includes(`--only-${kind}`));
const BUILD = !process.argv.includes("--no-build");
const dataDir = path.resolve(".data/bench-load");

const log = (message: string) => console.error(`[bench:cpu] ${message}`);
const round1 = (value: number) => Number(value.toFixed(1));

type ClassName = "search" | "firstRender";
type Measured = { portalMs: number; postgresMs: number; benchMs: number; statuses: Record<string, number> };

async function main() {
  if (!existsSync(path.join(dataDir, "loaded"))) {
    throw new Error(`${dataDir} holds no loaded bench database: run \`npm run bench:load\` once first`);
  }
  const { database } = await openBenchDatabase(dataDir, PG_PORT, true);
  const appUrl = embeddedAppUrl(PG_PORT, "bench");
  await migrateAndGrant(database.url, appUrl, () => {});
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: appUrl,
    AUTH_SECRET: "bench-secret-bench-secret-bench-secret",
    DEMO_MODE: "true",
    DATA_DIR: path.join(dataDir, "files"),
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const db = createDb(database.url);
  const profileDir = path.join(dataDir, "cpu-profile");
  let portal: Awaited<ReturnType<typeof startPortal>> | undefined;
  let figures: Record<string, unknown> | undefined;
  try {
    const { firstRenderTargets, searchTargets } = await loadTargets(db);
    // Two-word queries, as bench:load sends most of its searches.
    const twoWord = searchTargets.filter((target) => target.path.includes("%20"));
    const needed = WARMUP + REQUESTS * ROUNDS;
    if (firstRenderTargets.length < needed || twoWord.length < needed)
      throw new Error("too few targets for --requests");
    // The newest of the old articles are what bench:load warms; take those from the far end.
    const articles = firstRenderTargets.slice(-needed);
    const fresh = twoWord.slice(0, needed);
    // With --queries N, the measured searches ask N queries (after the warm-up's) over and over.
    const queries = DISTINCT_QUERIES
      ? [
          ...fresh.slice(0, WARMUP),
          ...fresh.slice(WARMUP, needed).map((_, i) => fresh[WARMUP + (i % DISTINCT_QUERIES)]!),
        ]
      : fresh;

    if (BUILD) await buildPortal(env);
    await fs.rm(profileDir, { recursive: true, force: true });
    portal = await startPortal(PORTAL, env, PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : []);
    const postgres = await postmasterPid(path.join(dataDir, "postgres"));

    /** Sends `targets` one at a time; the CPU each process spent meanwhile. */
    const measure = async (targets: Target[]): Promise<Measured> => {
      const statuses: Record<string, number> = {};
      const before = { portal: treeCpuMs(portal!.pid!), postgres: treeCpuMs(postgres), bench: ownCpuMs() };
      for (const target of targets) {
        const response = await getWithHost(`http://127.0.0.1:${PORTAL}${target.path}`, target.host);
        const key = `${response.status} ${response.cache ?? "none"}`;
        statuses[key] = (statuses[key] ?? 0) + 1;
      }
      return {
        portalMs: (treeCpuMs(portal!.pid!) - before.portal) / targets.length,
        postgresMs: (treeCpuMs(postgres) - before.postgres) / targets.length,
        benchMs: (ownCpuMs() - before.bench) / targets.length,
        statuses,
      };
    };

    log(`warming up with ${WARMUP} requests of each class…`);
    await measure(articles.slice(0, WARMUP));
    await measure(queries.slice(0, WARMUP));
    const measuredFrom = Number(process.hrtime.bigint() / 1000n);
    const rounds: Record<ClassName, Measured>[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const from = WARMUP + round * REQUESTS;
      const skipped: Measured = { portalMs: NaN, postgresMs: NaN, benchMs: NaN, statuses: {} };
      const search = ONLY === "firstRender" ? skipped : await measure(queries.slice(from, from + REQUESTS));
      const firstRender = ONLY === "search" ? skipped : await measure(articles.slice(from, from + REQUESTS));
      rounds.push({ search, firstRender });
      log(
        `round ${round + 1}: search ${round1(search.portalMs)} + ${round1(search.postgresMs)} ms, ` +
          `first render ${round1(firstRender.portalMs)} + ${round1(firstRender.postgresMs)} ms (portal + PostgreSQL CPU per request)`,
      );
    }
    const summary = (kind: ClassName) => {
      const portalMs = rounds.map((round) => round1(round[kind].portalMs));
      const postgresMs = rounds.map((round) => round1(round[kind].postgresMs));
      const mean = (values: number[]) => round1(values.reduce((sum, value) => sum + value, 0) / values.length);
      return {
        portalMsPerRequest: portalMs,
        postgresMsPerRequest: postgresMs,
        meanPortalMs: mean(portalMs),
        meanPostgresMs: mean(postgresMs),
        meanTotalMs: round1(mean(portalMs) + mean(postgresMs)),
        statuses: rounds.map((round) => round[kind].statuses),
      };
    };

    let profile: Record<string, unknown> | undefined;
    if (PROFILE) {
      portal.kill("SIGTERM");
      await exited(portal);
      // The main thread's profile is the largest (tsx's loader thread writes one too).
      const files = await Promise.all(
        (await fs.readdir(profileDir)).map(async (name) => ({
          name,
          size: (await fs.stat(path.join(profileDir, name))).size,
        })),
      );
      const file = path.join(profileDir, files.sort((a, b) => b.size - a.size)[0]!.name);
      const read = profileSince(await readProfile(file), measuredFrom);
      profile = {
        file,
        selfTimeByModule: selfTimeByModule(read),
        topSelfTime: topSelfTime(read, 30),
        topTotalTime: topTotalTime(read, 60),
      };
      log(`profile of the portal server: ${file}`);
    }
    figures = {
      machine: machineFacts(),
      requestsPerRound: REQUESTS,
      ...(DISTINCT_QUERIES ? { distinctQueries: DISTINCT_QUERIES } : {}),
      rounds: ROUNDS,
      search: summary("search"),
      firstRender: summary("firstRender"),
      ...(profile ? { profile } : {}),
    };
  } finally {
    portal?.kill("SIGTERM");
    if (portal) await exited(portal);
    await db.$disconnect().catch(() => {});
    await database.stop();
  }
  console.log(JSON.stringify(figures));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

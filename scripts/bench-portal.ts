// npm run bench:portal – the portal under load, on the embedded default with 10,000+ published
// items (separate data folder .data/bench-portal, PostgreSQL on --pg-port 54379, portal on --port 3102):
//   1. throughput and p50/p99 latency of a cached article page and a cached list page, beside
//      nginx (port + 2, one worker) and a plain Node http server (port + 1) serving the same bytes with
//      the same headers from memory, each driven by wrk over loopback; the ratios portal/nginx
//      and portal/plain say how close a cache hit comes to what this machine can serve;
//   2. uncached (first) renders of distinct articles (autocannon: the server is the bottleneck);
//   3. publish-to-visible: from publishApproved() returning to the first GET that shows the new
//      version, on every page that should show it (article on both sites, column lists, home
//      pages, feeds, sitemaps);
//   4. the visit counter (scripts/lib/bench-visits.ts): cached-article throughput and p99 with
//      counting on and off, back to back, twice; then --visit-requests N (20000) page views sent
//      and the counter's total after the server's shutdown compared with them (no loss).
// Options: --duration S (10, per wrk run), --count N (10000), --publishes N (20; 0 skips it),
// --connections N (32), --threads N (wrk threads, 1), --reuse (keep the loaded database of an
// earlier run), --no-build (serve the existing .next build as it is), --visits-only (only part 4), --profile (run the portal under node --cpu-prof during the cached runs and print
// its top self-time frames), --trace-gc (part 4: count the portal's collections during each flood),
// --visit-rounds N (part 4: on/off pairs, 2; their median and spread are printed). The last line printed is JSON with the figures. Figures, not assertions.
import type { ChildProcess } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import autocannon from "autocannon";
import { applyMigrations } from "@/lib/db/migrate";
import { createDb } from "@/lib/db/client";
import {
  cpuMilliseconds,
  ensureDebianTool,
  runWrk,
  servedHeaders,
  startNginx,
  startPlainServer,
  type WrkResult,
} from "./lib/load-tools";
import { readProfile, topSelfTime } from "./lib/cpu-profile";
import { markLoaded, openBenchDatabase, seedBenchItems, seedBenchPlatform } from "./lib/bench-database";
import { buildPortal, exited, getWithHost as get, startPortal } from "./lib/bench-processes";
import { loadAverage as currentLoadAverage, machineFacts } from "./lib/bench-report";
import { publishToVisible } from "./lib/publish-to-visible";
import { benchVisits } from "./lib/bench-visits";

const option = (name: string, fallback: number) =>
  Number(process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback);
const COUNT = option("count", 10_000);
const DURATION = option("duration", 10);
const PUBLISHES = option("publishes", 20);
const CONNECTIONS = option("connections", 32);
const THREADS = option("threads", 1);
const REUSE = process.argv.includes("--reuse");
const PROFILE = process.argv.includes("--profile");
const BUILD = !process.argv.includes("--no-build");
const VISITS_ONLY = process.argv.includes("--visits-only");
const VISIT_REQUESTS = option("visit-requests", 20_000);
const dataDir = path.resolve(".data/bench-portal");
const PG_PORT = option("pg-port", 54379);
const PORTAL = option("port", 3102);
const PLAIN = PORTAL + 1;
const NGINX = PORTAL + 2;

const log = (message: string) => console.error(`[bench] ${message}`);

type Load = { rps: number; p50: number; p99: number; requests: number; errors: number; non2xx: number };

/** Uncached renders: each request a distinct page, at most 8 at once. */
async function loadPaths(url: string, paths: string[]): Promise<Load> {
  const result = await autocannon({
    url,
    connections: 8,
    amount: paths.length,
    requests: paths.map((at) => ({ path: at })),
  });
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

async function main() {
  const wrk = ensureDebianTool("/usr/bin/wrk", "wrk");
  const nginx = ensureDebianTool("/usr/sbin/nginx", "nginx");
  const { database, loaded } = await openBenchDatabase(dataDir, PG_PORT, REUSE);
  process.env.DATABASE_URL = database.url;
  process.env.AUTH_SECRET = "bench-secret-bench-secret-bench-secret";
  // Like the embedded default: the seeded demo accounts may act without the first-sign-in steps.
  process.env.DEMO_MODE = "true";
  let server: ChildProcess | undefined;
  let plain: ChildProcess | undefined;
  let stopNginx: (() => Promise<void>) | undefined;
  const profileDir = path.join(dataDir, "profile");
  try {
    await applyMigrations(database.url);
    const db = createDb(database.url);
    if (!loaded) {
      await seedBenchPlatform(db);
      const started = performance.now();
      await seedBenchItems(database.url, COUNT);
      log(`loaded ${COUNT} items in ${Math.round(performance.now() - started)} ms`);
      await markLoaded(dataDir);
    }
    const published = await db.publication.count({ where: { withdrawnAt: null, supersededAt: null } });

    // The portal server exactly as npm start runs it (production build, page cache on).
    if (BUILD) await buildPortal();
    await fs.rm(profileDir, { recursive: true, force: true });
    server = await startPortal(PORTAL, process.env, PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : []);
    const base = `http://localhost:${PORTAL}`;

    const sample = await db.placement.findFirstOrThrow({
      where: { column: { slug: "ywdt" } },
      orderBy: { createdAt: "asc" },
      select: { resourceId: true },
    });
    const articlePath = `/content/${sample.resourceId}`;
    const listPath = "/columns/ywdt";
    await get(`${base}${articlePath}`);
    await get(`${base}${listPath}`);
    const article = await get(`${base}${articlePath}`);
    const list = await get(`${base}${listPath}`);
    if (article.status !== 200 || list.status !== 200 || article.cache !== "HIT" || list.cache !== "HIT") {
      throw new Error(`portal answered ${article.status} ${article.cache} / ${list.status} ${list.cache}`);
    }
    log(`article ${Buffer.byteLength(article.body)} bytes, list ${Buffer.byteLength(list.body)} bytes, both cached`);
    const visitOptions = {
      db,
      port: PORTAL,
      env: process.env,
      wrk,
      seconds: DURATION,
      connections: CONNECTIONS,
      threads: THREADS,
      paths: [articlePath, listPath],
      lossRequests: VISIT_REQUESTS,
      log,
      // --visits-only --profile: V8 profiles of the portal during the floods, counting on and off.
      profileDir: VISITS_ONLY && PROFILE ? profileDir : undefined,
      traceGc: process.argv.includes("--trace-gc"),
      rounds: option("visit-rounds", 2),
    };
    if (VISITS_ONLY) {
      server.kill("SIGTERM");
      await exited(server);
      const visits = await benchVisits(visitOptions);
      console.log(
        JSON.stringify({
          machine: machineFacts(currentLoadAverage()),
          items: COUNT,
          wrk: { connections: CONNECTIONS, threads: THREADS, durationSeconds: DURATION },
          visits,
        }),
      );
      return;
    }

    // nginx and a plain Node server, each one process with the same bytes and headers: the ceilings.
    const pages = [
      {
        path: articlePath,
        file: path.join(dataDir, "article.html"),
        headers: servedHeaders(article.headers),
        body: article.body,
      },
      { path: listPath, file: path.join(dataDir, "list.html"), headers: servedHeaders(list.headers), body: list.body },
    ];
    for (const page of pages) await fs.writeFile(page.file, page.body);
    plain = await startPlainServer(PLAIN, path.join(dataDir, "plain.json"), pages);
    const nginxServer = await startNginx(nginx, path.join(dataDir, "nginx"), NGINX, pages);
    stopNginx = nginxServer.stop;
    const pids = new Map([
      [NGINX, nginxServer.pid],
      [PLAIN, plain.pid!],
      [PORTAL, server.pid!],
    ]);

    const options = { wrk, host: "localhost", seconds: DURATION, connections: CONNECTIONS, threads: THREADS };
    /** wrk's figures, and the server's CPU time per 1,000 requests. */
    const measure = async (port: number, at: string): Promise<WrkResult & { cpuMsPer1000: number }> => {
      await runWrk(`http://127.0.0.1:${port}${at}`, { ...options, seconds: Math.min(2, DURATION) }); // warm, unrecorded
      const cpuBefore = cpuMilliseconds(pids.get(port)!);
      const result = await runWrk(`http://127.0.0.1:${port}${at}`, options);
      return {
        ...result,
        cpuMsPer1000: Number((((cpuMilliseconds(pids.get(port)!) - cpuBefore) / result.requests) * 1000).toFixed(1)),
      };
    };
    const ratio = (a: number, b: number) => Number((a / b).toFixed(2));
    const compare = async (at: string) => {
      log(`wrk ${at}: nginx, plain Node, portal…`);
      const [nginxRun, plainRun, portalRun] = [
        await measure(NGINX, at),
        await measure(PLAIN, at),
        await measure(PORTAL, at),
      ];
      return {
        portal: portalRun,
        nginx: nginxRun,
        plain: plainRun,
        portalVsNginx: ratio(portalRun.rps, nginxRun.rps),
        portalVsPlain: ratio(portalRun.rps, plainRun.rps),
        p99VsNginx: ratio(portalRun.p99Ms, nginxRun.p99Ms),
        // The same ratios from CPU per request: what the throughput ratios are on an idle machine.
        cpuPortalVsNginx: ratio(nginxRun.cpuMsPer1000, portalRun.cpuMsPer1000),
        cpuPortalVsPlain: ratio(plainRun.cpuMsPer1000, portalRun.cpuMsPer1000),
      };
    };
    const cachedArticle = await compare(articlePath);
    const cachedList = await compare(listPath);
    const loadAverage = currentLoadAverage();

    let profile: unknown;
    let uncached: Load | undefined;
    let visible: Awaited<ReturnType<typeof publishToVisible>> | undefined;
    if (PROFILE) {
      // The profile is written when the server exits.
      await new Promise<void>((resolve) => (server!.once("exit", () => resolve()), server!.kill("SIGTERM")));
      // The main thread's profile is the largest (tsx's loader thread writes one too).
      const files = await Promise.all(
        (await fs.readdir(profileDir)).map(async (name) => ({
          name,
          size: (await fs.stat(path.join(profileDir, name))).size,
        })),
      );
      const file = path.join(profileDir, files.sort((a, b) => b.size - a.size)[0]!.name);
      profile = topSelfTime(await readProfile(file), 25);
      log(`profile of the portal server: ${file}`);
    } else {
      // Uncached: every request is the first one for its article page (distinct items, never hit).
      const ids = (
        await db.publication.findMany({
          where: {
            withdrawnAt: null,
            resource: { placements: { some: { column: { site: { hosts: { some: { host: "localhost" } } } } } } },
          },
          select: { resourceId: true },
          take: 1500,
          skip: 100,
          orderBy: { publishedAt: "desc" },
        })
      ).map((row) => row.resourceId);
      log(`uncached: ${ids.length} first renders…`);
      uncached = await loadPaths(
        base,
        ids.map((id) => `/content/${id}`),
      );
      if (PUBLISHES > 0) {
        // Publish-to-visible: a correction of an item shown on both sites, through the real review.
        log(`publish-to-visible: ${PUBLISHES} corrections…`);
        visible = await publishToVisible(db, base, PUBLISHES);
      }
    }

    let visits: Awaited<ReturnType<typeof benchVisits>> | undefined;
    if (!PROFILE) {
      server.kill("SIGTERM");
      await exited(server);
      visits = await benchVisits(visitOptions);
    }

    const figures = {
      machine: machineFacts(loadAverage),
      items: COUNT,
      livePublications: published,
      wrk: { connections: CONNECTIONS, threads: THREADS, durationSeconds: DURATION },
      articleBytes: Buffer.byteLength(article.body),
      listBytes: Buffer.byteLength(list.body),
      cachedArticle,
      cachedList,
      ...(uncached ? { uncachedArticle: uncached } : {}),
      ...(visible ? { publishToVisibleMs: visible } : {}),
      ...(profile ? { profileTopSelfTime: profile } : {}),
      ...(visits ? { visits } : {}),
    };
    console.log(JSON.stringify(figures));
  } finally {
    server?.kill("SIGTERM");
    plain?.kill("SIGTERM");
    await stopNginx?.();
    await database.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

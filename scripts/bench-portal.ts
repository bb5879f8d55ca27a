// npm run bench:portal – the portal under load, on the embedded default with 10,000+ published
// items (separate data folder .data/bench-portal, PostgreSQL on --pg-port 54379, portal on --port 3102):
//   1. throughput and p50/p99 latency of a cached article page and a cached list page, beside
//      nginx (port + 2, one worker) and a plain Node http server (port + 1) serving the same bytes with
//      the same headers from memory, each driven by wrk over loopback; the ratios portal/nginx
//      and portal/plain say how close a cache hit comes to what this machine can serve;
//   2. uncached (first) renders of distinct articles (autocannon: the server is the bottleneck);
//   3. publish-to-visible: from publishApproved() returning to the first GET that shows the new
//      version, on every page that should show it (article on both sites, column lists, home
//      pages, feeds, sitemaps).
// Options: --duration S (10, per wrk run), --count N (10000), --publishes N (20; 0 skips it),
// --connections N (32), --threads N (wrk threads, 1), --reuse (keep the loaded database of an
// earlier run), --no-build (serve the existing .next build as it is), --profile (run the portal under node --cpu-prof during the cached runs and print
// its top self-time frames). The last line printed is JSON with the figures. Figures, not assertions.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { ensureEmbeddedDatabase } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/migrate";
import { createDb } from "@/lib/db/client";
import { seedDemoPlatform } from "@/lib/seed/demo-platform";
import { seedPortalLoad } from "@/lib/seed/portal-load";
import { cpuMilliseconds, ensureDebianTool, runWrk, startNginx, type WrkResult } from "./lib/load-tools";
import { readProfile, topSelfTime } from "./lib/cpu-profile";

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
const dataDir = path.resolve(".data/bench-portal");
const PG_PORT = option("pg-port", 54379);
const PORTAL = option("port", 3102);
const PLAIN = PORTAL + 1;
const NGINX = PORTAL + 2;
const PASSWORD = "Bench-Passw0rd-2026";

/** The plain server: argv = port, a JSON file of { path: [headers, file] }. */
const PLAIN_SERVER = `
const http = require("node:http");
const fs = require("node:fs");
const [port, table] = process.argv.slice(1);
const pages = new Map(Object.entries(JSON.parse(fs.readFileSync(table, "utf8"))).map(([at, [headers, file]]) => {
  const body = fs.readFileSync(file);
  return [at, { body, head: [...Object.entries(headers).flat(), "content-length", String(body.length)] }];
}));
http.createServer((req, res) => {
  const page = pages.get(req.url);
  if (!page) { res.writeHead(404, { "content-length": 0 }); return res.end(); }
  res.writeHead(200, page.head);
  res.end(page.body);
}).listen(Number(port), () => console.log("listening"));
`;

const log = (message: string) => console.error(`[bench] ${message}`);

function percentile(sorted: number[], p: number) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;
}

/** GET with a chosen Host header (fetch does not let callers set Host). */
function get(
  url: string,
  host = "localhost",
): Promise<{ status: number; body: string; cache: string | null; headers: http.IncomingHttpHeaders }> {
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

/** The headers a cached page is answered with, as the other servers should send them too. */
function servedHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const skip = new Set(["date", "connection", "keep-alive", "transfer-encoding", "content-length"]);
  return Object.fromEntries(
    Object.entries(headers)
      .filter(([name, value]) => !skip.has(name) && value !== undefined)
      .map(([name, value]) => [name, String(value)]),
  );
}

async function main() {
  const wrk = ensureDebianTool("/usr/bin/wrk", "wrk");
  const nginx = ensureDebianTool("/usr/sbin/nginx", "nginx");
  const loaded = REUSE && existsSync(path.join(dataDir, "loaded"));
  if (!loaded) await fs.rm(dataDir, { recursive: true, force: true });
  const database = await ensureEmbeddedDatabase({ dataDir, port: PG_PORT, database: "bench", log: () => {} });
  process.env.DATABASE_URL = database.url;
  process.env.AUTH_SECRET = "bench-secret-bench-secret-bench-secret";
  // Like the embedded default: the seeded demo accounts may act without the first-sign-in steps.
  process.env.DEMO_MODE = "true";
  let server: ReturnType<typeof spawn> | undefined;
  let plain: ReturnType<typeof spawn> | undefined;
  let stopNginx: (() => Promise<void>) | undefined;
  const profileDir = path.join(dataDir, "profile");
  try {
    await applyMigrations(database.url);
    const db = createDb(database.url);
    if (!loaded) {
      await seedDemoPlatform(db, { password: PASSWORD });
      const sentences = (
        JSON.parse(await fs.readFile("prisma/seed-data/documents.json", "utf8")) as { blocks: { text: string }[] }[]
      )
        .flatMap((document) => document.blocks.map((block) => block.text))
        .filter((text) => text.length >= 12);
      const started = performance.now();
      await seedPortalLoad(database.url, COUNT, sentences);
      log(`loaded ${COUNT} items in ${Math.round(performance.now() - started)} ms`);
      await fs.writeFile(path.join(dataDir, "loaded"), new Date().toISOString());
    }
    const published = await db.publication.count({ where: { withdrawnAt: null, supersededAt: null } });

    // The portal server exactly as npm start runs it (production build, page cache on).
    if (BUILD) {
      await new Promise<void>((resolve, reject) =>
        spawn(process.execPath, ["--import", "tsx", "scripts/start.ts", "--build-only"], { stdio: "inherit" }).on(
          "exit",
          (code) => (code === 0 ? resolve() : reject(new Error(`build failed (${code})`))),
        ),
      );
    }
    await fs.rm(profileDir, { recursive: true, force: true });
    server = spawn(
      process.execPath,
      [...(PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : []), "--import", "tsx", "scripts/server.ts"],
      {
        env: {
          ...process.env,
          PORT: String(PORTAL),
          NODE_ENV: "production",
          AUTH_SECRET: process.env.AUTH_SECRET,
          NEXT_TELEMETRY_DISABLED: "1",
          AUTH_TRUST_HOST: "true",
        },
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    await new Promise<void>((resolve) =>
      server!.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("page cache on") && resolve()),
    );
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
    const table = path.join(dataDir, "plain.json");
    await fs.writeFile(
      table,
      JSON.stringify(Object.fromEntries(pages.map((page) => [page.path, [page.headers, page.file]]))),
    );
    plain = spawn(process.execPath, ["-e", PLAIN_SERVER, String(PLAIN), table], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    await new Promise<void>((resolve) =>
      plain!.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("listening") && resolve()),
    );
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
    const loadAverage = os.loadavg().map((value) => Number(value.toFixed(2)));

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

    const figures = {
      machine: {
        cpus: os.cpus().length,
        cpu: os.cpus()[0]?.model ?? "unknown",
        memoryGiB: Math.round(os.totalmem() / 2 ** 30),
        node: process.version,
        loadAverage,
      },
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
    };
    console.log(JSON.stringify(figures));
  } finally {
    server?.kill("SIGTERM");
    plain?.kill("SIGTERM");
    await stopNginx?.();
    await database.stop();
  }
}

/**
 * Each round edits a live item placed on both sites, takes it through the seeded review (five
 * checks, 直接责任人), calls publishApproved, then polls every page that shows it until all of
 * them show the new title. Reports p50/p95 of the slowest page per round.
 */
async function publishToVisible(db: ReturnType<typeof createDb>, base: string, rounds: number) {
  const { loadActor } = await import("@/lib/auth/session");
  const { createResource, saveRevision } = await import("@/lib/library/resources");
  const { blocksToDoc } = await import("@/lib/library/content");
  const { submitForReview, signOff } = await import("@/lib/review/instances");
  const { publishApproved } = await import("@/lib/publish/publish");
  (await import("@/lib/subscribers")).registerSubscribers();
  const actor = async (username: string) => {
    const user = await db.user.findUniqueOrThrow({ where: { username } });
    const session = await db.session.create({ data: { userId: user.id } });
    return (await loadActor(user.id, session.id))!;
  };
  // The editor also edits for the culture commission, so one item can be placed on both sites.
  const cultureOrg = await db.organization.findFirstOrThrow({ where: { name: "重庆市文化和旅游发展委员会" } });
  const editorUser = await db.user.findUniqueOrThrow({ where: { username: "editor" } });
  await db.membership.create({ data: { userId: editorUser.id, orgId: cultureOrg.id, role: "EDITOR" } });
  const [editor, reviewer, deputy] = [await actor("editor"), await actor("reviewer"), await actor("deputy")];
  const district = await db.column.findFirstOrThrow({
    where: { slug: "ywdt", site: { hosts: { some: { host: "localhost" } } } },
  });
  const culture = await db.column.findFirstOrThrow({
    where: { slug: "tzgg", site: { hosts: { some: { host: "wlw.localhost" } } } },
  });
  const organization = await db.organization.findFirstOrThrow({ where: { name: "区政府办公室政务公开科" } });
  const resource = await createResource(editor, { kind: "ARTICLE", ownerOrgId: organization.id });
  const worst: number[] = [];
  const slowestByPage = new Map<string, number>();
  /** From the publish call returning to the first request that found its page purged. */
  const purgeSeen: number[] = [];
  let version = 0;
  for (let round = 1; round <= rounds; round += 1) {
    const title = `基准测试更正稿第${round}版：区政府常务会议研究部署冬季安全生产工作`;
    const { revision } = await saveRevision(editor, {
      resourceId: resource.id,
      baseVersion: version,
      title,
      body: blocksToDoc([{ type: "paragraph", text: `会议强调，要压实安全生产责任（第${round}版）。` }]),
      metadata: { source: { type: "original" } },
    });
    version = revision.number;
    const instance = await submitForReview(editor, {
      resourceId: resource.id,
      baseVersion: version,
      publishMode: "MANUAL",
      columnIds: [district.id, culture.id],
      ...(round > 1 ? { correctionNote: `第${round}次更正标题。` } : {}),
    });
    for (const check of ["politics", "law", "policy", "secrecy", "wording"]) {
      await signOff(reviewer, {
        instanceId: instance.id,
        stagePosition: 0,
        check,
        decision: "APPROVE",
        contentHash: instance.contentHash,
      });
    }
    await signOff(deputy, {
      instanceId: instance.id,
      stagePosition: 1,
      decision: "APPROVE",
      contentHash: instance.contentHash,
    });
    const pages: [string, string][] = [
      ["localhost", `/content/${resource.id}`],
      ["wlw.localhost", `/content/${resource.id}`],
      ["localhost", "/columns/ywdt"],
      ["localhost", "/columns/news"],
      ["wlw.localhost", "/columns/tzgg"],
      ["localhost", "/"],
      ["wlw.localhost", "/"],
      ["localhost", "/feed.xml"],
      ["wlw.localhost", "/feed.xml"],
      ["localhost", "/sitemap.xml"],
    ];
    // Warm the cache with the old version first, so a stale page would be served if purging failed.
    for (const [host, page] of pages) await get(`${base}${page}`, host);
    const publication = await publishApproved(editor, instance.id);
    const returned = performance.now();
    const needle = (page: string) =>
      page.endsWith("sitemap.xml") ? publication.publishedAt.toISOString() : `第${round}版`;
    let firstMiss = Infinity;
    const times = await Promise.all(
      pages.map(async ([host, page]) => {
        for (;;) {
          const sent = performance.now();
          const response = await get(`${base}${page}`, host);
          if (response.cache === "MISS") firstMiss = Math.min(firstMiss, sent - returned);
          if (response.body.includes(needle(page))) return performance.now() - returned;
          if (performance.now() - returned > 10_000) throw new Error(`${host}${page} still stale after 10 s`);
        }
      }),
    );
    worst.push(Math.max(...times));
    purgeSeen.push(firstMiss);
    pages.forEach(([host, page], index) => {
      const key = `${host}${page.replace(resource.id, ":id")}`;
      slowestByPage.set(key, Math.max(slowestByPage.get(key) ?? 0, times[index]!));
    });
  }
  const sorted = [...worst].sort((a, b) => a - b);
  return {
    rounds,
    pagesPerRound: 10,
    p50: Number(percentile(sorted, 50).toFixed(1)),
    p95: Number(percentile(sorted, 95).toFixed(1)),
    max: Number(sorted.at(-1)!.toFixed(1)),
    purgeSeenP50: Number(
      percentile(
        [...purgeSeen].sort((a, b) => a - b),
        50,
      ).toFixed(1),
    ),
    slowestPerPageMs: Object.fromEntries([...slowestByPage].map(([page, ms]) => [page, Math.round(ms)])),
  };
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

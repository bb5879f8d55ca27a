// npm run bench:portal – the portal under load, on the embedded default with 10,000+ published
// items (separate data folder .data/bench-portal, PostgreSQL on 54379, portal on 3102):
//   1. throughput and p50/p99 latency of a cached article page, a cached list page and uncached
//      (first) renders, side by side with a plain Node http server serving the same bytes from
//      memory (3103), all driven by autocannon over loopback;
//   2. publish-to-visible: from publishApproved() returning to the first GET that shows the new
//      version, on every page that should show it (article on both sites, column lists, home
//      pages, feeds, sitemaps).
// The last line printed is JSON with the figures. Figures, not assertions.
import { spawn } from "node:child_process";
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

const COUNT = Number(process.argv.find((arg) => arg.startsWith("--count="))?.slice(8) ?? 10_000);
const DURATION = Number(process.argv.find((arg) => arg.startsWith("--duration="))?.slice(11) ?? 10);
const PUBLISHES = Number(process.argv.find((arg) => arg.startsWith("--publishes="))?.slice(12) ?? 20);
const CONNECTIONS = 32;
const dataDir = path.resolve(".data/bench-portal");
const PG_PORT = 54379;
const PORTAL = 3102;
const PLAIN = 3103;
const PASSWORD = "Bench-Passw0rd-2026";

/** The plain server: argv = port, then pairs of request path and file. */
const PLAIN_SERVER = `
const http = require("node:http");
const fs = require("node:fs");
const [port, ...pairs] = process.argv.slice(1);
const bytes = new Map();
for (let i = 0; i < pairs.length; i += 2) bytes.set(pairs[i], fs.readFileSync(pairs[i + 1]));
http.createServer((req, res) => {
  const body = bytes.get(req.url);
  res.writeHead(body ? 200 : 404, { "content-type": "text/html; charset=utf-8", "content-length": body ? body.length : 0 });
  res.end(body);
}).listen(Number(port), () => console.log("listening"));
`;

const log = (message: string) => console.error(`[bench] ${message}`);

function percentile(sorted: number[], p: number) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;
}

/** GET with a chosen Host header (fetch does not let callers set Host). */
function get(url: string, host = "localhost"): Promise<{ status: number; body: string; cache: string | null }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { host } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), cache: (res.headers["x-portal-cache"] as string) ?? null }));
      })
      .on("error", reject);
  });
}

type Load = { rps: number; p50: number; p99: number; requests: number; errors: number; non2xx: number };

async function load(url: string, options: { requests?: { path: string }[]; amount?: number } = {}): Promise<Load> {
  // Two unrecorded seconds first, so both servers are measured warm.
  if (!options.amount) await autocannon({ url, connections: CONNECTIONS, duration: 2 });
  const result = await autocannon({
    url,
    connections: options.amount ? 8 : CONNECTIONS,
    ...(options.amount ? { amount: options.amount } : { duration: DURATION }),
    ...(options.requests ? { requests: options.requests } : {}),
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
  await fs.rm(dataDir, { recursive: true, force: true });
  const database = await ensureEmbeddedDatabase({ dataDir, port: PG_PORT, database: "bench", log: () => {} });
  process.env.DATABASE_URL = database.url;
  process.env.AUTH_SECRET = "bench-secret-bench-secret-bench-secret";
  // Like the embedded default: the seeded demo accounts may act without the first-sign-in steps.
  process.env.DEMO_MODE = "true";
  let server: ReturnType<typeof spawn> | undefined;
  let plain: ReturnType<typeof spawn> | undefined;
  try {
    await applyMigrations(database.url);
    const db = createDb(database.url);
    await seedDemoPlatform(db, { password: PASSWORD });
    const sentences = (JSON.parse(await fs.readFile("prisma/seed-data/documents.json", "utf8")) as { blocks: { text: string }[] }[])
      .flatMap((document) => document.blocks.map((block) => block.text))
      .filter((text) => text.length >= 12);
    const started = performance.now();
    await seedPortalLoad(database.url, COUNT, sentences);
    const published = await db.publication.count({ where: { withdrawnAt: null, supersededAt: null } });
    log(`loaded ${COUNT} items in ${Math.round(performance.now() - started)} ms; ${published} live publications`);

    // The portal server exactly as npm start runs it (production build, page cache on).
    await new Promise<void>((resolve, reject) =>
      spawn(process.execPath, ["--import", "tsx", "scripts/start.ts", "--build-only"], { stdio: "inherit" }).on("exit", (code) =>
        code === 0 ? resolve() : reject(new Error(`build failed (${code})`)),
      ),
    );
    server = spawn(process.execPath, ["--import", "tsx", "scripts/server.ts"], {
      env: { ...process.env, PORT: String(PORTAL), NODE_ENV: "production", AUTH_SECRET: process.env.AUTH_SECRET, NEXT_TELEMETRY_DISABLED: "1", AUTH_TRUST_HOST: "true" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    await new Promise<void>((resolve) => server!.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("page cache on") && resolve()));
    const base = `http://localhost:${PORTAL}`;

    const sample = await db.placement.findFirstOrThrow({ where: { column: { slug: "ywdt" } }, orderBy: { createdAt: "asc" }, select: { resourceId: true } });
    const articlePath = `/content/${sample.resourceId}`;
    const listPath = "/columns/ywdt";
    const article = await get(`${base}${articlePath}`);
    const list = await get(`${base}${listPath}`);
    if (article.status !== 200 || list.status !== 200) throw new Error(`portal answered ${article.status}/${list.status}`);
    const check = await get(`${base}${articlePath}`);
    log(`article ${Buffer.byteLength(article.body)} bytes (${check.cache}), list ${Buffer.byteLength(list.body)} bytes`);

    // A plain Node server with the same bytes in memory, in a process of its own like the portal:
    // the ceiling for this machine.
    await fs.writeFile(path.join(dataDir, "plain-article.html"), article.body);
    await fs.writeFile(path.join(dataDir, "plain-list.html"), list.body);
    plain = spawn(process.execPath, ["-e", PLAIN_SERVER, String(PLAIN), articlePath, path.join(dataDir, "plain-article.html"), listPath, path.join(dataDir, "plain-list.html")], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    await new Promise<void>((resolve) => plain!.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("listening") && resolve()));

    log("loading: plain article, cached article, plain list, cached list…");
    const plainArticle = await load(`http://localhost:${PLAIN}${articlePath}`);
    const cachedArticle = await load(`${base}${articlePath}`);
    const plainList = await load(`http://localhost:${PLAIN}${listPath}`);
    const cachedList = await load(`${base}${listPath}`);

    // Uncached: every request is the first one for its article page (distinct items, never hit).
    const ids = (
      await db.publication.findMany({
        where: { withdrawnAt: null, resource: { placements: { some: { column: { site: { hosts: { some: { host: "localhost" } } } } } } } },
        select: { resourceId: true },
        take: 1500,
        skip: 100,
        orderBy: { publishedAt: "desc" },
      })
    ).map(
      (row) => row.resourceId,
    );
    log(`uncached: ${ids.length} first renders…`);
    const uncached = await load(base, { requests: ids.map((id) => ({ path: `/content/${id}` })), amount: ids.length });

    // Publish-to-visible: a correction of an item shown on both sites, through the real review.
    log(`publish-to-visible: ${PUBLISHES} corrections…`);
    const visible = await publishToVisible(db, base, PUBLISHES);

    const figures = {
      machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? "unknown", memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
      items: COUNT,
      livePublications: published,
      connections: CONNECTIONS,
      durationSeconds: DURATION,
      articleBytes: Buffer.byteLength(article.body),
      listBytes: Buffer.byteLength(list.body),
      cachedArticle,
      plainArticle,
      cachedArticleVsPlain: Number((cachedArticle.rps / plainArticle.rps).toFixed(2)),
      cachedList,
      plainList,
      cachedListVsPlain: Number((cachedList.rps / plainList.rps).toFixed(2)),
      uncachedArticle: uncached,
      publishToVisibleMs: visible,
    };
    console.log(JSON.stringify(figures));
  } finally {
    server?.kill("SIGTERM");
    plain?.kill("SIGTERM");
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
  const district = await db.column.findFirstOrThrow({ where: { slug: "ywdt", site: { hosts: { some: { host: "localhost" } } } } });
  const culture = await db.column.findFirstOrThrow({ where: { slug: "tzgg", site: { hosts: { some: { host: "wlw.localhost" } } } } });
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
      await signOff(reviewer, { instanceId: instance.id, stagePosition: 0, check, decision: "APPROVE", contentHash: instance.contentHash });
    }
    await signOff(deputy, { instanceId: instance.id, stagePosition: 1, decision: "APPROVE", contentHash: instance.contentHash });
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
    const needle = (page: string) => (page.endsWith("sitemap.xml") ? publication.publishedAt.toISOString() : `第${round}版`);
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
  return { rounds, pagesPerRound: 10, p50: Number(percentile(sorted, 50).toFixed(1)), p95: Number(percentile(sorted, 95).toFixed(1)), max: Number(sorted.at(-1)!.toFixed(1)),
    purgeSeenP50: Number(percentile([...purgeSeen].sort((a, b) => a - b), 50).toFixed(1)),
    slowestPerPageMs: Object.fromEntries([...slowestByPage].map(([page, ms]) => [page, Math.round(ms)])),
  };
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

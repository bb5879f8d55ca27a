// npm run bench:load – the embedded default under a mixed load with faults (figures, not a test).
// A separate embedded PostgreSQL (.data/bench-load) with 10,000 published items; the portal server
// as npm start runs it, and the job worker as its own process (npm run worker's script), killed
// with SIGKILL every --kill-every seconds and restarted. For --minutes, a load generator in its own
// process (scripts/bench-load-generator.ts) sends --rate requests/s at a constant pace: 85% cached
// portal pages, 5% first renders of distinct old articles (a monitoring crawler), 10% searches.
// Meanwhile editors publish --publish-rate items/s through the real review, each placed on a
// webhook channel whose receiver (here) drops repeats by idempotency key; after each publish
// returns, the article's page and its column page are fetched and must show it.
// The last line printed is JSON. Options: --minutes N (10), --rate N (400), --count N (10000),
// --publish-rate N (2), --kill-every S (120), --pg-port P (54391), --port P (3112), --reuse (keep a
// loaded database from an earlier run), --no-build (serve the existing .next build as it is).
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { ensureEmbeddedDatabase } from "@/lib/db/embedded";
import { migrateAndGrant } from "@/lib/db/prepare";
import { embeddedAppUrl } from "@/lib/db/embedded-url";
import { createDb } from "@/lib/db/client";
import { seedDemoPlatform } from "@/lib/seed/demo-platform";
import { seedPortalLoad } from "@/lib/seed/portal-load";
import { WebhookReceiver } from "@/tests/support/webhook-receiver";

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const inline = process.argv.find((arg) => arg.startsWith(`--${name}=`));
  const value = inline ? inline.slice(name.length + 3) : index >= 0 ? process.argv[index + 1] : undefined;
  const parsed = value === undefined ? fallback : Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`--${name} must be a positive number`);
  return parsed;
}

const MINUTES = option("minutes", 10);
const RATE = option("rate", 400);
const COUNT = option("count", 10_000);
const PUBLISH_RATE = option("publish-rate", 2);
const KILL_EVERY_SECONDS = option("kill-every", 120);
const PG_PORT = option("pg-port", 54391);
const PORTAL = option("port", 3112);
const REUSE = process.argv.includes("--reuse");
const BUILD = !process.argv.includes("--no-build");
const dataDir = path.resolve(".data/bench-load");
const PASSWORD = "Bench-Passw0rd-2026";
const WEBHOOK_SECRET = "bench-load-webhook-secret";
/** Items on a column's first page (lib/sites/portal.ts getColumnPage). */
const COLUMN_PAGE_SIZE = 20;
/** How often the freshness check asks a busy portal again (2 s apart, its Retry-After). */
const FRESHNESS_RETRIES = 10;
const SEARCH_WORDS =
  "政府 信息 公开 网站 管理 工作 建设 服务 政策 通知 安全 发展 经济 文化 旅游 教育 医疗 社会 保障 企业 项目 资金 规划 改革 监督 检查 整改 环境 交通 农村 城市 社区 就业 住房 应急 生产 质量 市场 数据 平台 新媒体 账号 会议 部署 重庆 沙坪坝 解读 办法 实施 意见".split(
    " ",
  );

const log = (message: string) => console.error(`[bench:load] ${message}`);

function percentile(sorted: number[], p: number) {
  return sorted.length
    ? Number(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!.toFixed(1))
    : NaN;
}

/** GET with a chosen Host header. */
function get(pathname: string, host = "localhost"): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port: PORTAL, path: pathname, headers: { host } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      })
      .on("error", reject);
  });
}

// ───────────────────────── processes ─────────────────────────

function waitForOutput(child: ChildProcess, needle: string, what: string): Promise<void> {
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

/** npm run worker's script, run by node directly so that SIGKILL reaches the worker itself. */
async function startWorker(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  await waitForOutput(child, "后台任务已启动", "worker");
  child.stdout?.resume();
  child.stderr?.resume();
  return child;
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once("exit", () => resolve()));
}

// ───────────────────────── main ─────────────────────────

async function main() {
  const loaded = REUSE && existsSync(path.join(dataDir, "loaded"));
  if (!loaded) await fs.rm(dataDir, { recursive: true, force: true });
  const database = await ensureEmbeddedDatabase({ dataDir, port: PG_PORT, database: "bench", log: () => {} });
  // As in production: the owner migrates, grants and loads; the portal, the worker and the editors
  // run as the app role, which cannot change the audit log.
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
  Object.assign(process.env, env);
  const db = createDb(database.url);
  const children: ChildProcess[] = [];
  let worker: ChildProcess | undefined;
  let stopping = false;
  const receiver = new WebhookReceiver(WEBHOOK_SECRET);
  let figures: Record<string, unknown> | undefined;
  try {
    if (!loaded) {
      await seedDemoPlatform(db, { password: PASSWORD });
      const sentences = (
        JSON.parse(await fs.readFile("prisma/seed-data/documents.json", "utf8")) as { blocks: { text: string }[] }[]
      )
        .flatMap((document) => document.blocks.map((block) => block.text))
        .filter((text) => text.length >= 12);
      const started = performance.now();
      await seedPortalLoad(database.url, COUNT, sentences, { sentencesPerItem: 4 });
      const { reindexPostgres } = await import("@/lib/search/service");
      const indexed = await reindexPostgres(db);
      log(
        `loaded ${COUNT} items and indexed ${indexed.documents} documents in ${Math.round(performance.now() - started)} ms`,
      );
      await fs.writeFile(path.join(dataDir, "loaded"), new Date().toISOString());
    }
    const livePublications = await db.publication.count({ where: { withdrawnAt: null, supersededAt: null } });

    // The portal server exactly as npm start runs it (production build, page cache on).
    if (BUILD) {
      await new Promise<void>((resolve, reject) =>
        spawn(process.execPath, ["--import", "tsx", "scripts/start.ts", "--build-only"], { stdio: "inherit", env }).on(
          "exit",
          (code) => (code === 0 ? resolve() : reject(new Error(`build failed (${code})`))),
        ),
      );
    }
    const server = spawn(process.execPath, ["--import", "tsx", "scripts/server.ts"], {
      env: { ...env, PORT: String(PORTAL), NODE_ENV: "production", AUTH_TRUST_HOST: "true" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    children.push(server);
    await waitForOutput(server, "page cache on", "portal server");
    server.stdout?.resume();

    // The webhook channel every bench publication is placed on.
    await receiver.start();
    const { encryptChannelSecrets } = await import("@/lib/channels/secrets");
    const district = await db.organization.findFirstOrThrow({ where: { name: "重庆市沙坪坝区人民政府" } });
    const account = await db.newMediaAccount.create({
      data: {
        orgId: district.id,
        platform: "OTHER",
        name: `沙坪坝区负载测试接收端${Date.now()}`,
        manager: "张三",
        phone: "023-65000000",
      },
    });
    const channel = await db.channel.create({
      data: {
        name: `负载测试 webhook ${Date.now()}`,
        kind: "WEBHOOK",
        orgId: district.id,
        accountId: account.id,
        config: { url: receiver.url },
        secrets: encryptChannelSecrets({ signingSecret: WEBHOOK_SECRET }),
      },
    });

    worker = await startWorker(env);

    // Targets. Cached pages: home and list pages of both sites and the 200 newest articles, warmed.
    const hostOf = new Map(
      (await db.site.findMany({ select: { id: true, hosts: { select: { host: true } } } })).map((site) => [
        site.id,
        site.hosts.map((h) => h.host).find((host) => host !== "127.0.0.1") ?? site.hosts[0]!.host,
      ]),
    );
    const placements = await db.placement.findMany({
      where: {
        column: { kind: "LIST" },
        resource: { publications: { some: { withdrawnAt: null, supersededAt: null } } },
      },
      select: {
        resourceId: true,
        column: { select: { siteId: true } },
        resource: { select: { publications: { select: { publishedAt: true }, take: 1 } } },
      },
    });
    placements.sort(
      (a, b) => b.resource.publications[0]!.publishedAt.getTime() - a.resource.publications[0]!.publishedAt.getTime(),
    );
    const articleTargets = placements.map((placement) => ({
      host: hostOf.get(placement.column.siteId)!,
      path: `/content/${placement.resourceId}`,
    }));
    const listColumns = await db.column.findMany({ where: { kind: "LIST" }, select: { slug: true, siteId: true } });
    const pageTargets = [
      ...[...new Set(hostOf.values())].map((host) => ({ host, path: "/" })),
      ...listColumns.map((column) => ({ host: hostOf.get(column.siteId)!, path: `/columns/${column.slug}` })),
      ...articleTargets.slice(0, 200),
    ];
    // First renders: older articles never requested before, oldest last, spread over the years.
    const firstRenderTargets = articleTargets.slice(200);
    for (let index = firstRenderTargets.length - 1; index > 0; index -= 1) {
      const other = (index * 104_729) % (index + 1);
      [firstRenderTargets[index], firstRenderTargets[other]] = [firstRenderTargets[other]!, firstRenderTargets[index]!];
    }
    const searchTargets: { host: string; path: string }[] = [];
    for (let i = 0; i < SEARCH_WORDS.length; i += 1) {
      for (let j = 0; j < SEARCH_WORDS.length; j += 1) {
        const q = i === j ? SEARCH_WORDS[i]! : `${SEARCH_WORDS[i]} ${SEARCH_WORDS[j]}`;
        searchTargets.push({ host: j % 2 ? "wlw.localhost" : "localhost", path: `/search?q=${encodeURIComponent(q)}` });
      }
    }
    searchTargets.sort(
      (a, b) =>
        ((a.path.length * 31 + a.path.charCodeAt(10)) % 97) - ((b.path.length * 31 + b.path.charCodeAt(10)) % 97),
    );
    for (const target of pageTargets) await get(target.path, target.host);
    log(
      `${pageTargets.length} cached pages warmed, ${firstRenderTargets.length} old articles for first renders, ${searchTargets.length} searches`,
    );

    // Editors publishing through the real review.
    const { loadActor } = await import("@/lib/auth/session");
    const { createResource, saveRevision } = await import("@/lib/library/resources");
    const { blocksToDoc } = await import("@/lib/library/content");
    const { submitForReview, signOff } = await import("@/lib/review/instances");
    (await import("@/lib/subscribers")).registerSubscribers();
    const actor = async (username: string) => {
      const user = await db.user.findUniqueOrThrow({ where: { username } });
      const session = await db.session.create({ data: { userId: user.id } });
      return (await loadActor(user.id, session.id))!;
    };
    const [editor, reviewer, deputy] = [await actor("editor"), await actor("reviewer"), await actor("deputy")];
    const section = await db.organization.findFirstOrThrow({ where: { name: "区政府办公室政务公开科" } });
    const column = await db.column.findFirstOrThrow({
      where: { slug: "ywdt", site: { hosts: { some: { host: "localhost" } } } },
    });
    const runTag = Date.now().toString(36);
    const publications: { id: string; publishMs: number }[] = [];
    const publishErrors: string[] = [];
    let stale = 0;
    let pushedOff = 0;
    let freshnessBusy = 0;
    let freshnessUnchecked = 0;
    /** Live items of the column published after this resource and before `until`. */
    const newerInColumn = async (resourceId: string, until: Date) => {
      const mine = await db.publication.findFirstOrThrow({
        where: { resourceId, supersededAt: null, withdrawnAt: null },
        select: { publishedAt: true },
      });
      return db.publication.count({
        where: {
          withdrawnAt: null,
          supersededAt: null,
          publishedAt: { gt: mine.publishedAt, lte: until },
          resource: { placements: { some: { columnId: column.id } } },
        },
      });
    };
    const staleSamples: string[] = [];
    let publishing = 0;
    let maxPublishing = 0;

    const publishOne = async (n: number) => {
      publishing += 1;
      maxPublishing = Math.max(maxPublishing, publishing);
      const title = `负载测试稿件${runTag}第${n}号：区政府部署冬季安全生产检查工作`;
      try {
        const started = performance.now();
        const resource = await createResource(editor, { kind: "ARTICLE", ownerOrgId: section.id });
        const { revision } = await saveRevision(editor, {
          resourceId: resource.id,
          baseVersion: 0,
          title,
          body: blocksToDoc([{ type: "paragraph", text: `会议要求各单位压实安全生产责任（第${n}号）。` }]),
          metadata: { source: { type: "original" } },
        });
        const instance = await submitForReview(editor, {
          resourceId: resource.id,
          baseVersion: revision.number,
          publishMode: "ON_APPROVAL",
          columnIds: [column.id],
          channelIds: [channel.id],
        });
        for (const check of ["politics", "law", "policy", "secrecy", "wording"]) {
          await signOff(reviewer, {
            instanceId: instance.id,
            stagePosition: 0,
            check,
            decision: "APPROVE",
            contentHash: revision.contentHash,
          });
        }
        // The last sign-off publishes (publish on approval) and returns once it committed.
        await signOff(deputy, {
          instanceId: instance.id,
          stagePosition: 1,
          decision: "APPROVE",
          contentHash: revision.contentHash,
        });
        const publishMs = performance.now() - started;
        // Freshness: right after the publish returned, both pages must show it.
        for (const [host, page] of [
          ["localhost", `/content/${resource.id}`],
          ["localhost", `/columns/${column.slug}`],
        ] as const) {
          // A busy server's 503 shows nothing stale: ask again after its Retry-After, as a reader would.
          let response = await get(page, host);
          for (let retry = 0; response.status === 503 && retry < FRESHNESS_RETRIES; retry += 1) {
            freshnessBusy += 1;
            await new Promise((resolve) => setTimeout(resolve, 2000));
            response = await get(page, host);
          }
          const answeredAt = new Date();
          if (response.status === 200 && response.body.includes(title)) continue;
          if (response.status === 503) {
            freshnessUnchecked += 1;
            continue;
          }
          // The column page lists the newest COLUMN_PAGE_SIZE items: those published before it
          // answered may have pushed this one off it.
          if (
            response.status === 200 &&
            page.startsWith("/columns/") &&
            (await newerInColumn(resource.id, answeredAt)) >= COLUMN_PAGE_SIZE
          ) {
            pushedOff += 1;
            continue;
          }
          stale += 1;
          if (staleSamples.length < 10)
            staleSamples.push(`${response.status} ${host}${page.replace(resource.id, ":id")}`);
        }
        const publication = await db.publication.findFirstOrThrow({
          where: { resourceId: resource.id, supersededAt: null, withdrawnAt: null },
          select: { id: true },
        });
        publications.push({ id: publication.id, publishMs });
      } catch (error) {
        publishErrors.push(error instanceof Error ? error.message.slice(0, 200) : String(error));
      } finally {
        publishing -= 1;
      }
    };

    // The load, the editors and the worker kills, for MINUTES.
    const seconds = MINUTES * 60;
    const planFile = path.join(dataDir, "load-plan.json");
    await fs.writeFile(
      planFile,
      JSON.stringify({
        port: PORTAL,
        rate: RATE,
        seconds,
        targets: { page: pageTargets, firstRender: firstRenderTargets, search: searchTargets },
        timeoutMs: 10_000,
      }),
    );
    log(
      `running ${MINUTES} min at ${RATE} requests/s, ${PUBLISH_RATE} publications/s, worker killed every ${KILL_EVERY_SECONDS} s…`,
    );
    const generator = spawn(process.execPath, ["--import", "tsx", "scripts/bench-load-generator.ts", planFile], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    children.push(generator);
    let generatorOutput = "";
    generator.stdout!.on("data", (chunk: Buffer) => (generatorOutput += chunk.toString()));
    const generatorDone = exited(generator);
    const runStarted = performance.now();

    const inFlightPublishes: Promise<void>[] = [];
    const publishLoop = (async () => {
      for (let n = 1; ; n += 1) {
        const dueAt = runStarted + ((n - 1) * 1000) / PUBLISH_RATE;
        if (dueAt - runStarted >= seconds * 1000) break;
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, dueAt - performance.now())));
        inFlightPublishes.push(publishOne(n));
      }
      await Promise.all(inFlightPublishes);
    })();

    let kills = 0;
    const restartMs: number[] = [];
    const killLoop = (async () => {
      for (let k = 1; k * KILL_EVERY_SECONDS < seconds; k += 1) {
        await new Promise((resolve) =>
          setTimeout(resolve, Math.max(0, runStarted + k * KILL_EVERY_SECONDS * 1000 - performance.now())),
        );
        if (stopping) return;
        worker!.kill("SIGKILL");
        await exited(worker!);
        kills += 1;
        const restarting = performance.now();
        worker = await startWorker(env);
        restartMs.push(Math.round(performance.now() - restarting));
        log(`worker killed (${kills}) and restarted in ${restartMs.at(-1)} ms`);
      }
    })();

    await Promise.all([generatorDone, publishLoop, killLoop]);
    const load = JSON.parse(generatorOutput.trim().split("\n").at(-1) ?? "{}") as Record<string, unknown> & {
      classes: Record<string, { p50: number; p99: number }>;
      errors: number;
    };

    // Drain: deliveries of a killed worker's claims come back within the recovery bound.
    const { deliveryRecoveryBoundSeconds } = await import("@/lib/channels/deliveries");
    const drainLimitMs = (deliveryRecoveryBoundSeconds() + 30) * 1000;
    const drainStarted = performance.now();
    const ids = publications.map((publication) => publication.id);
    for (;;) {
      const unsettled = await db.delivery.count({ where: { publicationId: { in: ids }, status: "PENDING" } });
      const arrived = ids.filter((id) => receiver.hasPublication(id)).length;
      if ((unsettled === 0 && arrived === ids.length) || performance.now() - drainStarted > drainLimitMs) break;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    const drainSeconds = Math.round((performance.now() - drainStarted) / 1000);
    const deliveries = await db.delivery.groupBy({
      by: ["status"],
      where: { publicationId: { in: ids } },
      _count: true,
    });
    const lost = ids.filter((id) => !receiver.hasPublication(id)).length;
    const publishSorted = publications.map((publication) => publication.publishMs).sort((a, b) => a - b);

    const cpu = os.cpus();
    figures = {
      machine: {
        cpus: cpu.length,
        cpu: cpu[0]?.model ?? "unknown",
        memoryGiB: Math.round(os.totalmem() / 2 ** 30),
        node: process.version,
        loadAverage: os.loadavg().map((value) => Number(value.toFixed(2))),
      },
      items: COUNT,
      livePublicationsAtStart: livePublications,
      minutes: MINUTES,
      rate: RATE,
      throughput: load.throughput,
      p50p99Ms: {
        page: [load.classes.page?.p50, load.classes.page?.p99],
        firstRender: [load.classes.firstRender?.p50, load.classes.firstRender?.p99],
        search: [load.classes.search?.p50, load.classes.search?.p99],
      },
      errors: load.errors,
      publications: publications.length,
      publishErrors: publishErrors.length,
      publishMs: {
        p50: percentile(publishSorted, 50),
        p99: percentile(publishSorted, 99),
        maxConcurrent: maxPublishing,
      },
      deliveriesReceived: ids.filter((id) => receiver.hasPublication(id)).length,
      lost,
      duplicated: receiver.duplicated(),
      repeatsDroppedByKey: receiver.repeatsDropped,
      deliveryStatus: Object.fromEntries(deliveries.map((row) => [row.status, row._count])),
      drainSeconds,
      stale,
      staleSamples,
      freshnessPushedOffColumnPage: pushedOff,
      freshnessAnswered503: freshnessBusy,
      freshnessUncheckedAfterRetries: freshnessUnchecked,
      publishErrorSamples: publishErrors.slice(0, 5),
      workerKills: kills,
      workerRestartMs: restartMs,
      load,
    };
  } finally {
    stopping = true;
    worker?.kill("SIGTERM");
    for (const child of children) child.kill("SIGTERM");
    await Promise.all([...children, ...(worker ? [worker] : [])].map(exited));
    await receiver.stop().catch(() => {});
    await db.$disconnect().catch(() => {});
    await database.stop();
  }
  // Last, after the children are gone, so nothing prints after it.
  console.log(JSON.stringify(figures));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

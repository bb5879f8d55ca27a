// npm run bench:load – the embedded default under a mixed load with faults (figures, not a test).
// A separate embedded PostgreSQL (.data/bench-load) with 10,000 published items; the portal server
// as npm start runs it, and the job worker as its own process (npm run worker's script), killed
// with SIGKILL every --kill-every seconds and restarted. For --minutes, a load generator in its own
// process (scripts/bench-load-generator.ts) sends --rate requests/s at a constant pace: 85% cached
// portal pages, 5% first renders of distinct old articles (a monitoring crawler), 10% searches.
// Meanwhile editors publish --publish-rate items/s through the real review, each placed on a
// webhook channel whose receiver (here) drops repeats by idempotency key; after each publish
// returns, the article's page and its column page are fetched and must show it. The CPU time of
// each process over the load (portal, PostgreSQL with all its backends, worker, generator, this
// process) is read from /proc before and after it, with the machine's.
// The last line printed is JSON. Options: --minutes N (10), --rate N (400), --count N (10000),
// --publish-rate N (2), --kill-every S (120), --pg-port P (54391), --port P (3112), --reuse (keep a
// loaded database from an earlier run), --no-build (serve the existing .next build as it is).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import { migrateAndGrant } from "@/lib/db/prepare";
import { embeddedAppUrl } from "@/lib/db/embedded-url";
import { createDb } from "@/lib/db/client";
import { WebhookReceiver } from "@/tests/support/webhook-receiver";
import { markLoaded, openBenchDatabase, seedBenchItems, seedBenchPlatform } from "./lib/bench-database";
import { approveReview, signInEditors } from "./lib/bench-editors";
import { buildPortal, exited, getWithHost, startPortal, startWorker, track } from "./lib/bench-processes";
import { machineFacts, percentile } from "./lib/bench-report";
import { loadTargets } from "./lib/load-targets";
import { describeCpu, loadCpu } from "./lib/load-cpu";
import { CpuAccount, machineBusyMs, ownCpuMs, postmasterPid, treeCpuMs } from "./lib/process-cpu";

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
const WEBHOOK_SECRET = "bench-load-webhook-secret";
/** Items on a column's first page (lib/sites/portal.ts getColumnPage). */
const COLUMN_PAGE_SIZE = 20;
/** How often the freshness check asks a busy portal again (2 s apart, its Retry-After). */
const FRESHNESS_RETRIES = 10;

const log = (message: string) => console.error(`[bench:load] ${message}`);

/** GET from the portal with a chosen Host header. */
const get = (pathname: string, host = "localhost") => getWithHost(`http://127.0.0.1:${PORTAL}${pathname}`, host);

/** Rounded to 0.1 ms, as the figures are printed. */
const percentileMs = (sorted: number[], p: number) => Number(percentile(sorted, p).toFixed(1));

async function main() {
  const { database, loaded } = await openBenchDatabase(dataDir, PG_PORT, REUSE);
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
      await seedBenchPlatform(db);
      const started = performance.now();
      await seedBenchItems(database.url, COUNT, { sentencesPerItem: 4 });
      const { reindexPostgres } = await import("@/lib/search/service");
      const indexed = await reindexPostgres(db);
      log(
        `loaded ${COUNT} items and indexed ${indexed.documents} documents in ${Math.round(performance.now() - started)} ms`,
      );
      await markLoaded(dataDir);
    }
    const livePublications = await db.publication.count({ where: { withdrawnAt: null, supersededAt: null } });

    // The portal server exactly as npm start runs it (production build, page cache on).
    if (BUILD) await buildPortal(env);
    children.push(await startPortal(PORTAL, env));

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

    // Targets: cached pages (warmed here), first renders of old articles, searches.
    const { pageTargets, firstRenderTargets, searchTargets } = await loadTargets(db);
    for (const target of pageTargets) await get(target.path, target.host);
    log(
      `${pageTargets.length} cached pages warmed, ${firstRenderTargets.length} old articles for first renders, ${searchTargets.length} searches`,
    );

    // Editors publishing through the real review.
    const { createResource, saveRevision } = await import("@/lib/library/resources");
    const { blocksToDoc } = await import("@/lib/library/content");
    const { submitForReview } = await import("@/lib/review/instances");
    const { editor, reviewer, deputy } = await signInEditors(db);
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
        // The last sign-off publishes (publish on approval) and returns once it committed.
        await approveReview({ reviewer, deputy }, instance.id, revision.contentHash);
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
    const cpu = new CpuAccount();
    const portalPid = children[0]!.pid!;
    const postgresPid = await postmasterPid(path.join(dataDir, "postgres"));
    cpu.begin("portal", () => treeCpuMs(portalPid));
    cpu.begin("postgres", () => treeCpuMs(postgresPid));
    cpu.begin("worker", () => treeCpuMs(worker!.pid!));
    cpu.begin("bench", ownCpuMs);
    const machineBefore = machineBusyMs();
    const generator = track(
      spawn(process.execPath, ["--import", "tsx", "scripts/bench-load-generator.ts", planFile], {
        stdio: ["ignore", "pipe", "inherit"],
      }),
    );
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
        cpu.settle("worker");
        worker!.kill("SIGKILL");
        await exited(worker!);
        kills += 1;
        const restarting = performance.now();
        const next = await startWorker(env);
        worker = next;
        cpu.begin("worker", () => treeCpuMs(next.pid!), 0);
        restartMs.push(Math.round(performance.now() - restarting));
        log(`worker killed (${kills}) and restarted in ${restartMs.at(-1)} ms`);
      }
    })();

    await Promise.all([generatorDone, publishLoop, killLoop]);
    const load = JSON.parse(generatorOutput.trim().split("\n").at(-1) ?? "{}") as Record<string, unknown> & {
      classes: Record<string, { requests: number; p50: number; p99: number }>;
      errors: number;
      generator: { cpuMs: number };
    };
    cpu.add("generator", load.generator.cpuMs);
    const cpuSpent = cpu.close();
    const cpuUse = loadCpu(
      cpuSpent,
      machineBusyMs() - machineBefore,
      performance.now() - runStarted,
      load,
      publications.length,
    );
    log(describeCpu(cpuUse));

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

    figures = {
      machine: machineFacts(),
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
        p50: percentileMs(publishSorted, 50),
        p99: percentileMs(publishSorted, 99),
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
      cpu: cpuUse,
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

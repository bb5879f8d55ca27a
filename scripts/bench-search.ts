// npm run bench:search – the PostgreSQL search engine at 100,000 and 1,000,000 documents, on its
// own embedded PostgreSQL (.data/bench-search, port 54389). For each size: library items are
// generated from the sentences of the seed documents (1–8 sentences each) and the index is rebuilt
// from the library (docs/s); then query latency p50/p99 at concurrency 8 for 1-, 2- and 4-term
// queries, common terms included (通知, 重庆), while another process keeps re-indexing documents
// (as the publishing side does, outside the process answering searches); then recall on 500
// searchable phrases sampled from bodies against `position(q in body) > 0`.
// Options: --sizes=100000,1000000 --seconds=15 --phrases=500 (0: no recall pass), --pg-port=54389; --reuse keeps
// the database of the last run (items already there count as loaded; the index is rebuilt only
// when it misses some, or with --rebuild), to measure again after a change. The last line printed
// is JSON. Figures, not tests.
import { spawn } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { ensureEmbeddedDatabase } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/migrate";
import { createDb, type Db } from "@/lib/db/client";
import { matchQuery } from "@/lib/search/tokenize";
import { seedDemoPlatform } from "@/lib/seed/demo-platform";
import { seedPortalLoad } from "@/lib/seed/portal-load";

const arg = (name: string, fallback: string) =>
  process.argv.find((value) => value.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const SIZES = arg("sizes", "100000,1000000").split(",").map(Number);
const SECONDS = Number(arg("seconds", "15"));
const REUSE = process.argv.includes("--reuse");
const REBUILD = process.argv.includes("--rebuild");
const CONCURRENCY = 8;
const PHRASES = Number(arg("phrases", "500"));
/** The embedded PostgreSQL's port (--pg-port=P), so that benchmarks of several worktrees can run at once. */
const PG_PORT = Number(arg("pg-port", "54389"));
const dataDir = path.resolve(".data/bench-search");
const loadedFile = `${dataDir}.loaded`;
const log = (message: string) => console.error(`[bench] ${message}`);

const QUERIES: Record<string, string[]> = {
  "1-term": ["通知", "重庆", "政务", "网站", "新媒体", "信息公开", "集约化", "考核", "安全", "服务"],
  "2-term": [
    "重庆 通知",
    "政务 公开",
    "网站 集约化",
    "新媒体 管理",
    "信息 发布",
    "安全 检查",
    "数据 共享",
    "服务 平台",
  ],
  "4-term": ["重庆 政府网站 信息 公开", "政务新媒体 管理 账号 注销", "通知 网站 检查 整改", "数据 共享 平台 建设"],
};

/**
 * A fixed stretch of arithmetic, timed (ms). This machine's cores are shared with other guests: the
 * same loop has taken 474 ms and 945 ms a minute apart, and query latencies move with it, so each
 * run prints it beside its figures (~470 on a quiet AMD EPYC core).
 */
function cpuProbe(): number {
  const started = performance.now();
  let sum = 0;
  for (let i = 0; i < 3e8; i += 1) sum += i % 7;
  if (sum < 0) throw new Error("unreachable");
  return Math.round(performance.now() - started);
}

function percentile(sorted: number[], p: number) {
  return sorted.length
    ? Number(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!.toFixed(1))
    : NaN;
}

function bar(done: number, total: number, started: number) {
  const width = 30;
  const filled = Math.round((done / Math.max(1, total)) * width);
  const rate = done / Math.max(0.001, (performance.now() - started) / 1000);
  process.stderr.write(
    `\r[bench] rebuild [${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total} ${Math.round(rate)} docs/s`,
  );
}

/**
 * `--writer <database url>`: the background indexer, in its own process. Re-indexes random live
 * items one transaction at a time, as publishing does, until stdin closes; then prints how many.
 */
async function writer(url: string) {
  process.env.DATABASE_URL = url;
  process.env.AUTH_SECRET ??= "bench-secret-bench-secret-bench-secret";
  const db = createDb(url);
  const { syncSearchDocuments } = await import("@/lib/search/service");
  const ids = (
    await db.$queryRaw<
      { id: string }[]
    >`select "resourceId" as id from "Publication" where "withdrawnAt" is null order by random() limit 5000`
  ).map((row) => row.id);
  let stop = false;
  process.stdin.on("close", () => (stop = true)).resume();
  process.stdout.write("ready\n");
  let reindexed = 0;
  for (let i = 0; !stop; i += 1) {
    await db.$transaction((tx) => syncSearchDocuments(tx, [ids[i % ids.length]!]));
    reindexed += 1;
  }
  process.stdout.write(`reindexed ${reindexed}\n`);
  await db.$disconnect();
}

/** Starts the background indexer; resolves once it is writing, with a function that stops it and says how many it re-indexed. */
async function startWriter(url: string): Promise<() => Promise<number>> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/bench-search.ts", "--writer", url], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  let output = "";
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("ready")) resolve();
    });
    void exited.then((code) => reject(new Error(`background indexer exited (${code})`)));
  });
  return async () => {
    child.stdin!.end();
    const code = await exited;
    const reindexed = /reindexed (\d+)/.exec(output);
    if (!reindexed) throw new Error(`background indexer failed (${code})`);
    return Number(reindexed[1]);
  };
}

/**
 * Recall: phrases of 2–6 characters from random bodies. One pass over every document counts, per
 * phrase, the documents whose body holds it (the ground truth, position(q in body) > 0) and, of
 * those, the ones the engine's match query matches (`terms @@ q`: the GIN index answers exactly
 * this, with no recheck). Fetching each phrase's matches through the index instead took 1–13 s a
 * phrase at a million documents.
 */
async function measureRecall(db: Db): Promise<{ recall: number; perfect: number; phrases: number }> {
  log(`recall on ${PHRASES} sampled phrases…`);
  const live = (await db.searchIndexState.findUniqueOrThrow({ where: { engine: "postgres" } })).live;
  const samples = await db.$queryRaw<
    { body: string }[]
  >`select body from "SearchDocument" where generation = ${live} and type = 'CONTENT' and length(body) > 20 order by random() limit ${PHRASES}`;
  // A phrase is something a visitor could search for: from its sampled place on, the first stretch
  // holding a letter, digit or Han character (punctuation alone, such as 。（, finds nothing on the
  // search page, as on any engine, while thousands of bodies hold it).
  const phrases = samples.map((sample, index) => {
    const chars = Array.from(sample.body);
    const length = 2 + (index % 5);
    const span = Math.max(1, chars.length - length);
    for (let offset = 0; offset < span; offset += 1) {
      const start = (index * 7919 + offset) % span;
      const phrase = chars.slice(start, start + length).join("");
      if (matchQuery(phrase)) return phrase;
    }
    return chars.slice(0, length).join("");
  });
  const params: unknown[] = [live];
  const counts = phrases.map((phrase, index) => {
    params.push(phrase);
    const text = `$${params.length}::text`;
    const tsquery = matchQuery(phrase);
    if (tsquery) params.push(tsquery);
    const matched = tsquery ? `and terms @@ $${params.length}::tsquery` : "and false";
    return `count(*) filter (where strpos(body, ${text}) > 0) as t${index}, count(*) filter (where strpos(body, ${text}) > 0 ${matched}) as f${index}`;
  });
  const [row] = await db.$queryRawUnsafe<Record<string, bigint>[]>(
    `select ${counts.join(", ")} from (select body || '' as body, tsvector_concat(terms, ''::tsvector) as terms from "SearchDocument" where generation = $1 offset 0) as document`,
    ...params,
  );
  let truthTotal = 0;
  let foundTotal = 0;
  let perfect = 0;
  const missed: string[] = [];
  for (const [index, phrase] of phrases.entries()) {
    const expected = Number(row![`t${index}`]);
    const hit = Number(row![`f${index}`]);
    truthTotal += expected;
    foundTotal += hit;
    if (hit === expected) perfect += 1;
    else missed.push(phrase);
  }
  const recall = truthTotal ? foundTotal / truthTotal : 1;
  log(
    `recall ${(recall * 100).toFixed(2)}% (${perfect}/${phrases.length} phrases complete)${missed.length ? `; incomplete: ${missed.slice(0, 10).join(" | ")}` : ""}`,
  );
  return { recall, perfect, phrases: phrases.length };
}

async function main() {
  if (!REUSE) await fs.rm(dataDir, { recursive: true, force: true });
  if (!REUSE) await fs.rm(loadedFile, { force: true });
  const database = await ensureEmbeddedDatabase({
    dataDir,
    port: PG_PORT,
    database: "bench",
    log: (message) => /ERROR|FATAL|PANIC|terminated/.test(message) && log(`postgres: ${message.slice(0, 300)}`),
  });
  process.env.DATABASE_URL = database.url;
  process.env.AUTH_SECRET ??= "bench-secret-bench-secret-bench-secret";
  const results: Record<string, unknown>[] = [];
  try {
    await applyMigrations(database.url);
    const db = createDb(database.url);
    await seedDemoPlatform(db, { password: "Bench-Passw0rd-2026" });
    const { reindexPostgres } = await import("@/lib/search/service");
    const { searchPortal } = await import("@/lib/search/search-portal");
    const { ZSearchParams } = await import("@/lib/search/query");
    const sentences = (
      JSON.parse(await fs.readFile("prisma/seed-data/documents.json", "utf8")) as { blocks: { text: string }[] }[]
    )
      .flatMap((document) => document.blocks.flatMap((block) => block.text.split(/(?<=[。；！？])/u)))
      .map((text) => text.trim())
      .filter((text) => text.length >= 8);
    log(`${sentences.length} distinct sentences from the seed documents`);
    const site = await db.site.findFirstOrThrow({ orderBy: { position: "asc" } });
    // How many items earlier runs loaded (--reuse), kept beside the data directory.
    let loaded = REUSE ? Number(await fs.readFile(loadedFile, "utf8").catch(() => "0")) : 0;
    for (const size of SIZES) {
      log(`loading library items up to ${size}…`);
      let started = performance.now();
      for (; loaded < size;) {
        const step = Math.min(100_000, size - loaded);
        await seedPortalLoad(database.url, step, sentences, { sentencesPerItem: 8, offset: loaded });
        loaded += step;
        await fs.writeFile(loadedFile, String(loaded));
        log(`  ${loaded} items`);
      }
      log(`loaded in ${Math.round(performance.now() - started)} ms; rebuilding the index…`);
      const indexed = await db.$queryRaw<
        { n: bigint }[]
      >`select count(*) as n from "SearchDocument" where generation = (select live from "SearchIndexState" where engine = 'postgres')`;
      let rebuild: { documents: number; seconds: number } | null = null;
      if (!REUSE || REBUILD || Number(indexed[0]?.n ?? 0) < loaded) {
        started = performance.now();
        const { documents } = await reindexPostgres(db, (done, total) => bar(done, total, started));
        process.stderr.write("\n");
        rebuild = { documents, seconds: (performance.now() - started) / 1000 };
      }
      const documents = rebuild?.documents ?? Number(indexed[0]!.n);
      const [{ bytes }] = (await db.$queryRaw<
        { bytes: bigint }[]
      >`select pg_total_relation_size('"SearchDocument"') as bytes`) as [{ bytes: bigint }];
      if (rebuild)
        log(
          `rebuilt ${documents} documents in ${rebuild.seconds.toFixed(1)} s (${Math.round(documents / rebuild.seconds)} docs/s), index table ${Math.round(Number(bytes) / 2 ** 20)} MiB`,
        );
      else log(`reusing the index of ${documents} documents (${Math.round(Number(bytes) / 2 ** 20)} MiB)`);

      // Warm-up, not measured: every query once, eight at a time, so the pool's eight connections
      // are open and the index statistics read, as in a server that has been answering for a while.
      const search = (q: string) =>
        searchPortal(
          ZSearchParams.parse({ q, scope: "all" }),
          { siteId: site.id, hrefFor: async (_id, url) => url },
          db,
        );
      const everyQuery = Object.values(QUERIES).flat();
      for (let start = 0; start < everyQuery.length; start += CONCURRENCY)
        await Promise.all(everyQuery.slice(start, start + CONCURRENCY).map(search));

      const probeBefore = cpuProbe();
      // Background indexing in another process, as publishing runs outside the one answering searches.
      const stopWriter = await startWriter(database.url);
      const latency: Record<string, Record<string, number | string>> = {};
      const backgroundStarted = performance.now();
      for (const [label, queries] of Object.entries(QUERIES)) {
        const samples: { ms: number; q: string }[] = [];
        let hitsSeen = 0;
        const deadline = performance.now() + (SECONDS * 1000) / 3;
        await Promise.all(
          Array.from({ length: CONCURRENCY }, async (_, worker) => {
            for (let n = worker; performance.now() < deadline; n += CONCURRENCY) {
              const q = queries[n % queries.length]!;
              const t0 = performance.now();
              const result = await search(q);
              samples.push({ ms: performance.now() - t0, q });
              hitsSeen += result.total;
            }
          }),
        );
        const times = samples.map(({ ms }) => ms).sort((a, b) => a - b);
        latency[label] = {
          queries: times.length,
          qps: Math.round(times.length / (SECONDS / 3)),
          p50: percentile(times, 50),
          p99: percentile(times, 99),
          meanTotalHits: Math.round(hitsSeen / times.length),
        };
        log(`${label}: ${JSON.stringify(latency[label])}`);
        // Which queries make the tail: the slowest 1%.
        const slowest = samples.sort((a, b) => b.ms - a.ms).slice(0, Math.max(1, Math.ceil(samples.length / 100)));
        log(`  slowest: ${slowest.map(({ ms, q }) => `${q} ${Math.round(ms)} ms`).join(", ")}`);
      }
      const reindexed = await stopWriter();
      const backgroundRate = Math.round(reindexed / ((performance.now() - backgroundStarted) / 1000));
      const probe = [probeBefore, cpuProbe()];
      log(`CPU probe before / after the queries: ${probe.join(" / ")} ms`);

      const measured = PHRASES > 0 ? await measureRecall(db) : null;
      results.push({
        documents,
        rebuildSeconds: rebuild ? Number(rebuild.seconds.toFixed(1)) : null,
        rebuildDocsPerSecond: rebuild ? Math.round(documents / rebuild.seconds) : null,
        indexMiB: Math.round(Number(bytes) / 2 ** 20),
        concurrency: CONCURRENCY,
        latencyMs: latency,
        backgroundReindexPerSecond: backgroundRate,
        cpuProbeMs: probe,
        recall: measured ? Number((measured.recall * 100).toFixed(2)) : null,
        phrasesComplete: measured?.perfect ?? null,
        phrases: measured?.phrases ?? 0,
      });
    }
    console.log(
      JSON.stringify({
        machine: {
          cpus: os.cpus().length,
          cpu: os.cpus()[0]?.model ?? "unknown",
          memoryGiB: Math.round(os.totalmem() / 2 ** 30),
          node: process.version,
        },
        engine: "postgres",
        runs: results,
      }),
    );
  } catch (error) {
    console.error("[bench] failed:", error);
    throw error;
  } finally {
    const { closeSearchReader } = await import("@/lib/search/postgres/reader");
    await closeSearchReader();
    await database.stop();
  }
}

const writerUrl = process.argv.indexOf("--writer");
(writerUrl > 0 ? writer(process.argv[writerUrl + 1]!) : main()).catch((error) => {
  console.error(error);
  process.exit(1);
});

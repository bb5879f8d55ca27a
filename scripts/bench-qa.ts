// npm run bench:qa – 智能问答 at 100,000 library items (figures, not a test; #26 item 4). Its own
// embedded PostgreSQL (.data/bench-qa) with the demo platform and --count published items written
// from the seed documents' sentences (scripts/lib/bench-database.ts); then 200 question →
// expected-source pairs built from what answers questions on the district site — the seeded Q&A
// entries, the seed documents (policies and interpretations) and the service entries — as people
// ask (the title's subject or a heading of the text, in a question form; spoken words for written
// ones: 社保卡 for 社会保障卡), never the title itself; each asked once through the use case the API
// calls, timed. Prints top-1 and top-3 accuracy and the latency p50/p99; the last line is JSON.
// Options: --count N (100000), --pairs N (200), --pg-port P (54397), --reuse (keep a loaded database).
import os from "node:os";
import path from "node:path";
import { migrateAndGrant } from "@/lib/db/prepare";
import { embeddedAppUrl } from "@/lib/db/embedded-url";
import { createDb } from "@/lib/db/client";
import { markLoaded, openBenchDatabase, seedBenchItems, seedBenchPlatform } from "./lib/bench-database";
import { machineFacts, percentile } from "./lib/bench-report";

function option(name: string, fallback: number): number {
  const inline = process.argv.find((arg) => arg.startsWith(`--${name}=`));
  const index = process.argv.indexOf(`--${name}`);
  const value = inline ? inline.slice(name.length + 3) : index >= 0 ? process.argv[index + 1] : undefined;
  const parsed = value === undefined ? fallback : Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`--${name} must be a positive number`);
  return parsed;
}

const COUNT = option("count", 100_000);
const PAIRS = option("pairs", 200);
const PG_PORT = option("pg-port", 54397);
const REUSE = process.argv.includes("--reuse");
const dataDir = path.resolve(".data/bench-qa");
const BASE = "http://localhost";
const log = (message: string) => console.error(`[bench:qa] ${message}`);

type Source = { kind: string; title: string; body: string; url: string };
type Pair = { question: string; expected: string; kind: string };

/** Written words as people say them (the reverse of the search synonyms). */
const SPOKEN: [RegExp, string][] = [
  [/社会保障卡/g, "社保卡"],
  [/住房公积金/g, "公积金"],
  [/社会保险/g, "社保"],
  [/医疗保障/g, "医保"],
  [/居民身份证/g, "身份证"],
  [/挂失补换|挂失/g, "丢了"],
];
const spoken = (text: string) => SPOKEN.reduce((out, [written, said]) => out.replace(written, said), text);

/** The subject of a document's title: no issuer, no 关于…的通知/意见/通报, no brackets. */
function subject(title: string): string {
  let out = title.replace(/^【示例】/, "").replace(/（[^）]*）|\([^)]*\)/g, "");
  const about = out.indexOf("关于");
  if (about >= 0) out = out.slice(about + 2);
  out = out
    .replace(/^(印发|转发)/, "")
    .replace(/的(通知|实施意见|意见|通报|决定|办法|规定|方案)$/, "")
    .replace(/(的)?(通知|通报)$/, "");
  return out.trim();
}

/** The headings of a text (一、… （二）… 第三条 …) as short subjects. */
function headings(body: string): string[] {
  return body
    .split(/\n+/)
    .map((line) => line.trim())
    .map(
      (line) =>
        /^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.)(.{4,24}?)[。．.：:]/u.exec(line)?.[2] ?? null,
    )
    .filter((heading): heading is string => Boolean(heading))
    .map((heading) => heading.replace(/^(要|应当|进一步)/, ""));
}

const POLICY_FORMS = [
  (s: string) => `${s}有哪些规定`,
  (s: string) => `请问${s}是怎么要求的`,
  (s: string) => `我想了解一下${s}的政策`,
  (s: string) => `${s}有什么要求？`,
];
const HEADING_FORMS = [
  (h: string) => `${h}有什么具体要求`,
  (h: string) => `怎么做好${h}`,
  (h: string) => `${h}要怎么做？`,
];
const SERVICE_FORMS = [
  (s: string) => `${s}怎么办理`,
  (s: string) => `${s}在哪里办`,
  (s: string) => `${s}需要什么材料`,
  (s: string) => `我想办${s}，去哪里？`,
  (s: string) => `如何在网上办${s}`,
];
const QA_FORMS = [
  (q: string) => spoken(q),
  (q: string) => `请问${q.replace(/怎么|如何|怎样/g, "咋")}`,
  (q: string) => q.replace(/如何/g, "怎么").replace(/怎样/g, "如何"),
  (q: string) => `我想问一下，${spoken(q).replace(/？|\?/g, "")}呢`,
];

/** Question → expected source pairs, round robin over the sources so each kind is asked. */
export function buildPairs(sources: Source[], wanted: number): Pair[] {
  const perSource = sources.map((source) => {
    const questions: string[] = [];
    if (source.kind === "SERVICE") {
      const name = source.title.replace(/（[^）]*）/g, "");
      questions.push(...SERVICE_FORMS.map((form) => spoken(form(name))));
    } else if (source.kind === "QA") {
      // The 【示例】 mark of the sample content is not part of what anyone asks.
      questions.push(...QA_FORMS.map((form) => form(source.title.replace(/^【示例】/, ""))));
    } else {
      const topic = subject(source.title);
      questions.push(...POLICY_FORMS.map((form) => form(topic)));
      for (const heading of headings(source.body)) questions.push(...HEADING_FORMS.map((form) => form(heading)));
    }
    return [...new Set(questions)]
      .filter((question) => question !== source.title && Array.from(question).length <= 100)
      .map((question) => ({ question, expected: source.url, kind: source.kind }));
  });
  const pairs: Pair[] = [];
  for (let round = 0; pairs.length < wanted && perSource.some((list) => list.length > round); round += 1)
    for (const list of perSource) if (list[round] && pairs.length < wanted) pairs.push(list[round]!);
  return pairs;
}

async function main() {
  const started = Date.now();
  const { database, loaded } = await openBenchDatabase(dataDir, PG_PORT, REUSE);
  const appUrl = embeddedAppUrl(PG_PORT, "bench");
  await migrateAndGrant(database.url, appUrl, () => {});
  process.env.DATABASE_URL = appUrl;
  process.env.AUTH_SECRET ??= "bench-secret-bench-secret-bench-secret";
  const owner = createDb(database.url);
  if (!loaded) {
    log("seeding the demo platform…");
    await seedBenchPlatform(owner);
    log(`publishing ${COUNT} items…`);
    await seedBenchItems(database.url, COUNT);
    const { reindexPostgres } = await import("@/lib/search/service");
    log("building the search index…");
    await reindexPostgres(owner);
    await markLoaded(dataDir);
  }
  // The sample content npm start adds on first run: the 答问库's entries among it.
  const { isSampleContentSeeded, seedSampleContent } = await import("@/lib/seed/samples");
  if (!(await isSampleContentSeeded(owner))) {
    log("seeding the sample content (Q&A entries among it)…");
    await seedSampleContent(owner);
    const { reindexPostgres } = await import("@/lib/search/service");
    log("rebuilding the search index…");
    await reindexPostgres(owner);
  }
  const { findAnswers } = await import("@/lib/interaction/ask/answer-question");
  const { findSiteByHost } = await import("@/lib/sites/portal");
  const { ANSWER_KINDS } = await import("@/lib/search/answers");
  const site = (await findSiteByHost("localhost"))!;
  const live = (await owner.searchIndexState.findUniqueOrThrow({ where: { engine: "postgres" } })).live;
  const { qaEntryFacts } = await import("@/lib/interaction/ask/qa-entries");
  const rows = await owner.$queryRawUnsafe<(Source & { id: string })[]>(
    `select id, kind, title, body, url from "SearchDocument"
     where generation = $1 and kind = any($2::text[]) and $3::uuid = any("siteIds") order by kind, title`,
    live,
    [...ANSWER_KINDS],
    site.id,
  );
  // Only entries in force answer (an expired one is not a miss); 办事服务 is the heading column
  // above the service entries, not a service anyone asks for.
  const facts = await qaEntryFacts(
    owner,
    rows.filter((row) => row.kind === "QA").map((row) => row.id.slice(4)),
    new Date(),
  );
  const sources = rows
    .filter((row) => row.title !== "办事服务" && facts.get(row.id.slice(4))?.inForce !== false)
    .map((row) => ({ ...row, url: /^https?:/.test(row.url) ? row.url : `${BASE}${row.url}` }));
  const documents = await owner.searchDocument.count({ where: { generation: live } });
  const pairs = buildPairs(sources, PAIRS);
  log(`${documents} search documents; ${sources.length} answering sources; ${pairs.length} pairs`);

  // Warm-up: the statement plans, the synonym and corpus caches.
  for (const pair of pairs.slice(0, 5)) await findAnswers({ siteId: site.id, question: pair.question, baseUrl: BASE });
  const latencies: number[] = [];
  const byKind: Record<string, { pairs: number; top1: number; top3: number }> = {};
  const misses: { question: string; expected: string; got: string[] }[] = [];
  for (const pair of pairs) {
    const t0 = performance.now();
    const answers = await findAnswers({ siteId: site.id, question: pair.question, baseUrl: BASE });
    latencies.push(performance.now() - t0);
    const urls = answers.map((answer) => answer.sourceUrl);
    const kind = (byKind[pair.kind] ??= { pairs: 0, top1: 0, top3: 0 });
    kind.pairs += 1;
    if (urls[0] === pair.expected) kind.top1 += 1;
    if (urls.slice(0, 3).includes(pair.expected)) kind.top3 += 1;
    else misses.push({ question: pair.question, expected: pair.expected, got: answers.map((a) => a.question) });
  }
  latencies.sort((a, b) => a - b);
  const total = Object.values(byKind).reduce(
    (sum, kind) => ({ pairs: sum.pairs + kind.pairs, top1: sum.top1 + kind.top1, top3: sum.top3 + kind.top3 }),
    { pairs: 0, top1: 0, top3: 0 },
  );
  const pct = (n: number, of: number) => Math.round((1000 * n) / Math.max(1, of)) / 10;
  console.log(`\n智能问答 at ${documents} search documents (${COUNT} generated items), ${total.pairs} pairs`);
  console.log("kind            pairs  top-1   top-3");
  for (const [kind, figures] of Object.entries(byKind))
    console.log(
      `${kind.padEnd(15)} ${String(figures.pairs).padStart(5)}  ${String(pct(figures.top1, figures.pairs)).padStart(5)}%  ${String(pct(figures.top3, figures.pairs)).padStart(5)}%`,
    );
  console.log(
    `${"all".padEnd(15)} ${String(total.pairs).padStart(5)}  ${String(pct(total.top1, total.pairs)).padStart(5)}%  ${String(pct(total.top3, total.pairs)).padStart(5)}%`,
  );
  console.log(
    `latency: p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, max ${latencies.at(-1)!.toFixed(1)} ms (one question at a time)`,
  );
  for (const miss of misses.slice(0, 10))
    console.log(`  missed: ${miss.question} → ${miss.got.join(" | ") || "(nothing)"}`);
  console.log(
    JSON.stringify({
      bench: "qa",
      documents,
      sources: sources.length,
      pairs: total.pairs,
      top1: pct(total.top1, total.pairs),
      top3: pct(total.top3, total.pairs),
      byKind,
      p50Ms: Math.round(percentile(latencies, 50) * 10) / 10,
      p99Ms: Math.round(percentile(latencies, 99) * 10) / 10,
      machine: machineFacts(),
      cpus: os.cpus().length,
      seconds: Math.round((Date.now() - started) / 1000),
    }),
  );
  await owner.$disconnect();
  await database.stop();
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

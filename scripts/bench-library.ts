// npm run bench:library – seeds 1,000,000 resources into a separate embedded PostgreSQL
// (.data/bench, port 54379) and prints p50/p99 of the library browser's queries as real actors
// run them: the first page, a deep page (keyset cursor half-way down), and filtered pages.
// Figures, not assertions: compare runs on the same machine (TOOLCHAIN.md: 2 cores, noisy).
import fs from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { ensureEmbeddedDatabase } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/migrate";
import { createDb } from "@/lib/db/client";
import { seedDemoPlatform } from "@/lib/seed/demo-platform";

const COUNT = Number(process.argv.find((arg) => arg.startsWith("--count="))?.slice(8) ?? 1_000_000);
const RUNS = 60;
const dataDir = path.resolve(".data/bench");
const port = 54379;

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main() {
  await fs.rm(dataDir, { recursive: true, force: true });
  const server = await ensureEmbeddedDatabase({
    dataDir,
    port,
    database: "bench",
    log: (message) => {
      if (/FATAL|PANIC|ERROR|LOG:  (received|server process|terminating)/.test(message))
        console.error(`[postgres] ${message}`);
    },
  });
  process.env.DATABASE_URL = server.url;
  process.env.AUTH_SECRET = "bench-secret-bench-secret-bench-secret";
  process.env.DEMO_MODE = "true";
  try {
    await applyMigrations(server.url);
    const db = createDb(server.url);
    await seedDemoPlatform(db, { password: "Bench-Passw0rd" });
    const sentences = JSON.parse(await fs.readFile("prisma/seed-data/documents.json", "utf8"))
      .flatMap((document: { blocks: { text: string }[] }) => document.blocks.map((block) => block.text))
      .flatMap((text: string) => text.split(/[。；]/))
      .map((text: string) => text.replace(/^[一二三四五六七八九十（）()\d、．.\s]+/, "").slice(0, 40))
      .filter((text: string) => text.length >= 8);

    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    const started = performance.now();
    // Titles from the seed documents' sentences; units, kinds, states and dates spread evenly.
    await client.query(
      `insert into "Resource" (id, kind, "ownerOrgId", "createdById", title, state, genre, "themeCode", version, "createdAt", "updatedAt")
       select gen_random_uuid(),
              (array['ARTICLE','NOTICE','POLICY','INTERPRETATION','QA'])[1 + (i % 5)]::"ResourceKind",
              orgs.ids[1 + (i % array_length(orgs.ids, 1))],
              (select id from "User" where username = 'editor'),
              $1::text[] ] [1 + (i::bigint * 7919 % array_length($1::text[], 1))::int] || '（' || i || '）',
              (array['DRAFT','IN_REVIEW','APPROVED','PUBLISHED','WITHDRAWN'])[1 + (i / 7 % 5)]::"ResourceState",
              (array['通知','意见','通报','决定','函'])[1 + (i / 3 % 5)],
              lpad((1 + i % 21)::text, 2, '0'),
              1,
              now() - (i % 1825) * interval '1 day' - (i % 86400) * interval '1 second',
              now() - (i % 1825) * interval '1 day' - (i % 86400) * interval '1 second'
       from generate_series(1, $2::int) as i,
            (select array_agg(id) as ids from "Organization" where kind <> 'SUPERVISING') as orgs`.replace(
        "$1::text[] ]",
        "($1::text[])",
      ),
      [sentences, COUNT],
    );
    await client.query('analyze "Resource"');
    await client.end();
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `seeded ${COUNT.toLocaleString("en")} resources in ${seconds.toFixed(1)} s (${Math.round(COUNT / seconds).toLocaleString("en")}/s)`,
    );

    const { listLibrary, encodeCursor } = await import("@/lib/library/browse");
    const { loadActor } = await import("@/lib/auth/session");
    const actorFor = async (username: string) => {
      const user = await db.user.findUniqueOrThrow({ where: { username } });
      const session = await db.session.create({ data: { userId: user.id } });
      return (await loadActor(user.id, session.id))!;
    };
    const supervisor = await actorFor("supervisor");
    const editor = await actorFor("editor");
    const middle = await db.resource.findFirstOrThrow({
      orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
      skip: Math.floor(COUNT / 2),
    });
    const deepCursor = encodeCursor(middle);
    const sjwj = (await db.column.findFirstOrThrow({ where: { slug: "sjwj" } })).id;

    const cases: [string, Parameters<typeof listLibrary>[0], Record<string, string>][] = [
      ["first page, whole platform (supervisor)", supervisor, {}],
      ["deep page (cursor at 50%), whole platform", supervisor, { cursor: deepCursor }],
      ["filtered: kind=POLICY + state=PUBLISHED", supervisor, { kind: "POLICY", state: "PUBLISHED" }],
      ["filtered: title contains 政府网站", supervisor, { q: "政府网站" }],
      [
        "filtered: date range + genre, oldest first",
        supervisor,
        { from: "2024-01-01", to: "2024-12-31", genre: "意见", sort: "oldest" },
      ],
      ["filtered: creator (editor)", supervisor, { authorId: editor.id }],
      ["filtered: column 上级文件 (placements)", supervisor, { columnId: sjwj }],
      ["first page, one section's editor", editor, {}],
      ["editor: title contains 新媒体", editor, { q: "新媒体" }],
    ];
    console.log(`\nlibrary browser, ${RUNS} runs each (ms):`);
    for (const [name, actor, filter] of cases) {
      const times: number[] = [];
      let count = 0;
      let total = "";
      for (let run = 0; run < RUNS; run += 1) {
        const t0 = performance.now();
        const result = await listLibrary(actor, filter);
        count = result.items.length;
        total = `${result.total}${result.totalCapped ? "+" : ""}`;
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      console.log(
        `  ${name.padEnd(48)} p50 ${percentile(times, 50).toFixed(1).padStart(6)}  p99 ${percentile(times, 99).toFixed(1).padStart(6)}  (${count} rows of ${total})`,
      );
    }
    await db.$disconnect();
  } finally {
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

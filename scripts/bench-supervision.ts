// npm run bench:supervision [-- --reuse --no-build --seconds 20 --pg-port N --port N] – the quarter's
// inspection (scoring every site and account from the monitors' latest results, ranks, totals) on
// 100 sites × 50 columns, 100,000 published items and 1,000 new-media accounts, and the portal's p99
// with and without the inspection running (autocannon on cached portal pages, one run each). One run
// of the monitors is written as stored results (14 checks per site, 3 per account) before scoring.
import type { ChildProcess } from "node:child_process";
import path from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import { migrateAndGrant } from "@/lib/db/prepare";
import { embeddedAppUrl } from "@/lib/db/embedded-url";
import { createDb } from "@/lib/db/client";
import type { Principal } from "@/lib/auth/permissions";
import { runInspection } from "@/lib/supervision/run-inspection";
import { CHECKS, CHECK_NAMES } from "@/lib/supervision/checks";
import { markLoaded, openBenchDatabase, seedBenchItems, seedBenchPlatform } from "./lib/bench-database";
import { buildPortal, exited, getWithHost, startPortal } from "./lib/bench-processes";
import { machineFacts } from "./lib/bench-report";

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

const SITES = 100;
const COLUMNS = 50;
const ITEMS = option("items", 100_000);
const ACCOUNTS = 1_000;
const SECONDS = option("seconds", 20);
const PG_PORT = option("pg-port", 54397);
const PORTAL = option("port", 3117);
const REUSE = process.argv.includes("--reuse");
const BUILD = !process.argv.includes("--no-build");
const dataDir = path.resolve(".data/bench-supervision");
const log = (message: string) => console.error(`[bench:supervision] ${message}`);

/** Sites up to 100 (of the owning units of the demo), each with list columns up to 50; 1,000 accounts. */
async function seedScale(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("begin");
    const host = `(select id from "Organization" where name = '重庆市沙坪坝区人民政府')`;
    await client.query(
      `insert into "Site" (id, name, "siteCode", "orgId", position)
       select gen_random_uuid(), '压测网站' || i, '59' || lpad(i::text, 8, '0'), ${host}, 100 + i
       from generate_series(1, $1::int - (select count(*) from "Site")::int) as i`,
      [SITES],
    );
    await client.query(
      `insert into "SiteHost" (host, "siteId") select 'bench' || position || '.localhost', id from "Site" where name like '压测网站%'`,
    );
    await client.query(
      `insert into "Column" (id, "siteId", name, slug, kind, position)
       select gen_random_uuid(), s.id, '压测栏目' || i, 'bench' || i, 'LIST', 100 + i
       from "Site" s cross join lateral generate_series(1, $1::int - (select count(*) from "Column" c where c."siteId" = s.id)::int) as i`,
      [COLUMNS],
    );
    await client.query(
      `insert into "NewMediaAccount" (id, "orgId", platform, name, manager, phone)
       select gen_random_uuid(), ${host}, (array['WECHAT','WEIBO','TOUTIAO'])[1 + i % 3]::"NewMediaPlatform",
              '压测账号' || i, '运维人员', '023-00000000'
       from generate_series(1, $1::int - (select count(*) from "NewMediaAccount")::int) as i`,
      [ACCOUNTS],
    );
    await client.query("commit");
  } finally {
    await client.end();
  }
}

/** One run of every monitor, as stored results: a few sites and accounts fail, some warn. */
async function writeCheckRun(url: string) {
  const siteChecks = CHECK_NAMES.filter((name) => CHECKS[name].subject === "site");
  const accountChecks = CHECK_NAMES.filter((name) => CHECKS[name].subject === "account");
  const vetoes = CHECK_NAMES.filter((name) => CHECKS[name].veto);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const started = performance.now();
    await client.query("begin");
    const run = await client.query<{ id: string }>(
      `insert into "CheckRun" (id, trigger, checks, "measuredAt", "finishedAt") values (gen_random_uuid(), 'cli', $1, now(), now()) returning id`,
      [CHECK_NAMES],
    );
    const status = `(case when (abs(hashtext(s.id::text || n)) % 97) = 0 then 'FAIL' when (abs(hashtext(s.id::text || n)) % 13) = 0 then 'WARN' else 'OK' end)::"CheckStatus"`;
    await client.query(
      `insert into "CheckResult" (id, "runId", "siteId", name, veto, status, evidence, at)
       select gen_random_uuid(), $1, s.id, n, n = any($3::text[]), ${status}, '{"bench": true}'::jsonb, now()
       from "Site" s cross join unnest($2::text[]) as n`,
      [run.rows[0]!.id, siteChecks, vetoes],
    );
    await client.query(
      `insert into "CheckResult" (id, "runId", "accountId", name, veto, status, evidence, at)
       select gen_random_uuid(), $1, s.id, n, n = any($3::text[]), ${status}, '{"bench": true}'::jsonb, now()
       from "NewMediaAccount" s cross join unnest($2::text[]) as n`,
      [run.rows[0]!.id, accountChecks, vetoes],
    );
    await client.query("commit");
    return Math.round(performance.now() - started);
  } finally {
    await client.end();
  }
}

async function measurePortal(paths: string[]) {
  const result = await autocannon({
    url: `http://127.0.0.1:${PORTAL}`,
    connections: 8,
    duration: SECONDS,
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
  const { database, loaded } = await openBenchDatabase(dataDir, PG_PORT, REUSE);
  const appUrl = embeddedAppUrl(PG_PORT, "bench");
  await migrateAndGrant(database.url, appUrl, () => {});
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: appUrl,
    AUTH_SECRET: "bench-secret-bench-secret-bench-secret",
    CHANNEL_SECRET_KEY: "bench-supervision-channel-key-32c!!",
    DEMO_MODE: "true",
    DATA_DIR: path.join(dataDir, "files"),
    NEXT_TELEMETRY_DISABLED: "1",
  };
  Object.assign(process.env, env);
  const db = createDb(database.url);
  const children: ChildProcess[] = [];
  let figures: Record<string, unknown> | undefined;
  try {
    if (!loaded) {
      await seedBenchPlatform(db);
      await seedScale(database.url);
      const started = performance.now();
      await seedBenchItems(database.url, ITEMS);
      log(
        `loaded ${SITES} sites × ${COLUMNS} columns, ${ITEMS} items, ${ACCOUNTS} accounts in ${Math.round(performance.now() - started)} ms`,
      );
      await markLoaded(dataDir);
    }
    const counts = {
      sites: await db.site.count(),
      columns: await db.column.count(),
      items: await db.publication.count(),
      accounts: await db.newMediaAccount.count(),
    };
    const writeMs = await writeCheckRun(database.url);
    log(`monitors' results written in ${writeMs} ms`);

    const supervisorUser = await db.user.findUniqueOrThrow({
      where: { username: "supervisor" },
      include: { memberships: { include: { org: true } } },
    });
    const supervisor: Principal = {
      id: supervisorUser.id,
      memberships: supervisorUser.memberships.map((m) => ({
        orgId: m.orgId,
        role: m.role,
        isRootOrg: m.org.parentId === null,
      })),
    };
    const inspect = async () => {
      const started = performance.now();
      const { summary } = await runInspection(supervisor, { period: "2026Q4" });
      return { ms: Math.round(performance.now() - started), summary };
    };
    const idle = await inspect();
    log(
      `inspection alone: ${idle.ms} ms (${idle.summary.websites.total} sites, ${idle.summary.accounts.total} accounts)`,
    );

    if (BUILD) await buildPortal(env);
    const portal = await startPortal(PORTAL, env);
    children.push(portal);
    const paths = ["/", "/columns/news", "/columns/tzgg", "/columns/ywdt"];
    for (const at of paths) await getWithHost(`http://127.0.0.1:${PORTAL}${at}`);
    // A first pass fills the page cache and warms the server; only the later two are compared.
    const warmUp = await measurePortal(paths);
    log(`portal warm-up: p99 ${warmUp.p99} ms, ${warmUp.rps} req/s`);
    const without = await measurePortal(paths);
    log(`portal without inspection: p99 ${without.p99} ms, ${without.rps} req/s`);
    const runs: number[] = [];
    let running = true;
    const loop = (async () => {
      while (running) runs.push((await inspect()).ms);
    })();
    const during = await measurePortal(paths);
    running = false;
    await loop;
    log(
      `portal during inspections: p99 ${during.p99} ms, ${during.rps} req/s; ${runs.length} inspections, ${runs.join(", ")} ms`,
    );
    figures = {
      machine: machineFacts(),
      counts,
      monitorsWriteMs: writeMs,
      inspectionMs: idle.ms,
      inspectionsDuringLoad: runs,
      portal: { warmUp, without, during, p99Ratio: Number((during.p99 / Math.max(without.p99, 1)).toFixed(2)) },
      goals: {
        inspectionUnder60s: Math.max(idle.ms, ...runs) < 60_000,
        portalP99Within10Percent: during.p99 <= without.p99 * 1.1,
      },
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

import { randomUUID } from "node:crypto";
import pg from "pg";
import { PORTAL_PURGE_CHANNEL, PURGE_ALL, parsePurgeNotice } from "@/lib/cache/portal-purge";
import { PORTAL_SYNC_BOUND_MS } from "@/lib/cache/portal-sync";
import type { CacheServerState } from "@/lib/sites/cache-server";

// How a portal server keeps its page cache exact when changes commit in other processes
// (issue #21, item 15). On one PostgreSQL connection it
// - LISTENs for purges and applies each as it arrives, then acknowledges it (`PortalPurgeAck`),
//   which is what a publishing call waits for (lib/cache/portal-sync.ts);
// - every HEARTBEAT_MS renews its `PortalServer` row and reads the recent purges it has not
//   acknowledged, applies and acknowledges them: a notification that is late or was lost is
//   caught up within a heartbeat, and a server that joins acknowledges what came before it;
// - records when its last such catch-up began (`state.syncedAt`): every purge committed before
//   then is applied. Publishers stop waiting for a server after PORTAL_SYNC_BOUND_MS, so a
//   server further behind than that (paused, starved, cut off) serves nothing from its cache
//   until it has caught up (isCacheUsable), and a server that acknowledges a purge later than
//   that bound empties its whole cache: it cannot tell what it served in between.
// While the connection is down the cache is off and starts empty when it is back.

export const HEARTBEAT_MS = 500;
/** Longer than any publishing transaction runs: a purge older than this was seen or waited out. */
const CATCH_UP_WINDOW = "5 minutes";
/** Purges and dead servers are kept this long, for the record, then removed. */
const RETENTION = "1 hour";
const PRUNE_EVERY_MS = 60_000;

export type PurgeListenerOptions = {
  url: string;
  /** host:port and pid: what a publisher names when this server does not acknowledge. */
  label: string;
  log: (message: string) => void;
  onFirstConnect?: () => void;
  /** Runs before a notified purge is applied (tests slow a server down with it). */
  beforeApply?: (tags: string[]) => Promise<void>;
};

export type PurgeListener = { serverId: string; stop: () => Promise<void> };

type PurgeRow = { id: string; tags: string[] };

function apply(state: CacheServerState, tags: string[]) {
  if (tags.includes(PURGE_ALL)) state.cache.purgeAll();
  else state.cache.purge(tags);
}

type Query = <R extends pg.QueryResultRow = pg.QueryResultRow>(
  text: string,
  values?: unknown[],
) => Promise<pg.QueryResult<R>>;

/** The heartbeat and the acknowledgements share one connection: their queries go one at a time. */
function oneAtATime(client: pg.Client): Query {
  let last: Promise<unknown> = Promise.resolve();
  return <R extends pg.QueryResultRow>(text: string, values?: unknown[]) => {
    const next = last.then(() => client.query<R>(text, values));
    last = next.catch(() => {});
    return next;
  };
}

function isBehind(state: CacheServerState, now = performance.now()): boolean {
  return state.syncedAt !== undefined && now - state.syncedAt > PORTAL_SYNC_BOUND_MS;
}

export function startPurgeListener(state: CacheServerState, options: PurgeListenerOptions): PurgeListener {
  const serverId = randomUUID();
  let stopping = false;
  let wake: (() => void) | null = null;

  const run = async () => {
    let first = true;
    while (!stopping) {
      const client = new pg.Client({
        connectionString: options.url,
        application_name: `tongyuan-portal-${process.pid}`,
      });
      const query = oneAtATime(client);
      const unacked = new Set<string>();
      let flushing: Promise<void> | null = null;
      const flushAcks = (): Promise<void> => {
        if (flushing) return flushing.then(() => (unacked.size > 0 ? flushAcks() : undefined));
        if (unacked.size === 0) return Promise.resolve();
        const ids = [...unacked];
        unacked.clear();
        flushing = query(
          `insert into "PortalPurgeAck" ("purgeId", "serverId")
           select id, $2::uuid from "PortalPurge" where id = any($1::bigint[])
           on conflict do nothing`,
          [ids, serverId],
        )
          .then(() => undefined)
          .finally(() => (flushing = null));
        return flushing;
      };
      try {
        client.on("error", () => {});
        const lost = new Promise<void>((resolve) => {
          client.once("error", () => resolve());
          client.once("end", () => resolve());
        });
        // Notifications are handled one at a time, in commit order.
        let queue = Promise.resolve();
        client.on("notification", (message) => {
          if (message.channel !== PORTAL_PURGE_CHANNEL) return;
          const notice = parsePurgeNotice(message.payload);
          queue = queue
            .then(async () => {
              await options.beforeApply?.(notice.tags);
              // Arriving while this server is behind, the purge may be one a publisher gave up on.
              if (isBehind(state)) state.cache.purgeAll();
              else apply(state, notice.tags);
              if (notice.id !== null) unacked.add(String(notice.id));
              await flushAcks();
            })
            // An acknowledgement that failed is written by the next heartbeat.
            .catch(() => {});
        });
        await client.connect();
        await query(`listen ${PORTAL_PURGE_CHANNEL}`);
        state.cache.purgeAll();
        await catchUp(query, unacked);
        await flushAcks();
        state.enabled = true;
        if (first) options.onFirstConnect?.();
        first = false;
        let prunedAt = performance.now();
        for (;;) {
          const tick = new Promise<void>((resolve) => {
            wake = resolve;
            setTimeout(resolve, HEARTBEAT_MS);
          });
          if (
            (await Promise.race([lost.then(() => "lost" as const), tick.then(() => "tick" as const)])) === "lost" ||
            stopping
          )
            break;
          await catchUp(query, unacked);
          await flushAcks();
          if (performance.now() - prunedAt > PRUNE_EVERY_MS) {
            prunedAt = performance.now();
            await query(`delete from "PortalPurge" where "createdAt" < now() - interval '${RETENTION}'`);
            await query(`delete from "PortalServer" where "heartbeatAt" < now() - interval '${RETENTION}'`);
          }
        }
        if (!stopping) options.log("缓存通知连接中断，暂停页面缓存 (purge listener lost; page cache paused)");
      } catch (error) {
        if (!stopping)
          options.log(
            `缓存通知连接出错，暂停页面缓存 (purge listener failed; page cache paused): ${error instanceof Error ? error.message : error}`,
          );
      }
      state.enabled = false;
      state.cache.purgeAll();
      if (stopping) {
        await query(`delete from "PortalServer" where id = $1::uuid`, [serverId]).catch(() => {});
      }
      await client.end().catch(() => {});
      if (!stopping) await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  };

  /** Renews the heartbeat and applies every recent purge not yet acknowledged. */
  const catchUp = async (query: Query, unacked: Set<string>) => {
    const startedAt = performance.now();
    const { rows } = await query<PurgeRow & { late: boolean }>(
      `with beat as (
         insert into "PortalServer" (id, label) values ($1::uuid, $2)
         on conflict (id) do update set "heartbeatAt" = now(), label = excluded.label
         returning id)
       select p.id::text as id, p.tags, p."createdAt" < now() - $3 * interval '1 millisecond' as late
       from "PortalPurge" p, beat
       where p."createdAt" > now() - interval '${CATCH_UP_WINDOW}'
         and not exists (select 1 from "PortalPurgeAck" a where a."purgeId" = p.id and a."serverId" = beat.id)
       order by p.id`,
      [serverId, options.label, PORTAL_SYNC_BOUND_MS],
    );
    // Missed for longer than publishers wait (or found after a stall): nothing held can be trusted.
    if (rows.length > 0 && (isBehind(state, startedAt) || rows.some((row) => row.late))) state.cache.purgeAll();
    else for (const row of rows) apply(state, row.tags);
    for (const row of rows) unacked.add(row.id);
    // Every purge that committed before this query began is now applied.
    state.syncedAt = startedAt;
  };

  const running = run();
  return {
    serverId,
    stop: async () => {
      stopping = true;
      wake?.();
      await running;
    },
  };
}

import { AsyncLocalStorage } from "node:async_hooks";
import { getDb } from "@/lib/db/client";

// Freshness across processes (issue #21, item 15). A publication, correction or withdrawal may
// commit in any process (a portal server, the jobs worker, a second app instance); the portal
// servers learn of it through NOTIFY, which arrives when it arrives. So the publishing call waits
// after its commit until every live portal server has acknowledged the purges it committed
// (`PortalPurgeAck`), for at most PORTAL_SYNC_BOUND_MS. A server that has not caught up within
// that bound stops serving from its cache and empties it (lib/sites/purge-listener.ts), so
// when the call returns no live server serves a page the change made stale.

/** How long a publishing call waits for a server; also how far behind a server may fall before it empties its cache. */
export const PORTAL_SYNC_BOUND_MS = 2000;
/** A server whose heartbeat is older than this is presumed dead and no longer waited for. */
export const PORTAL_SERVER_TTL_MS = 5000;

export type PortalSyncReport = {
  /** Purges committed by the call. */
  purges: number;
  /** Live portal servers when the wait ended. */
  servers: number;
  acknowledged: number;
  waitedMs: number;
  /** Servers (host:port pid) that had not acknowledged within the bound. */
  timedOut: string[];
};

const scope = new AsyncLocalStorage<bigint[]>();
const observers = new Set<(report: PortalSyncReport) => void>();

/** Called by announcePortalChange inside the publishing transaction. */
export function recordPurge(id: bigint): void {
  scope.getStore()?.push(id);
}

/** Hears every wait of this process (a benchmark counts them; the log shows them). */
export function onPortalSync(observer: (report: PortalSyncReport) => void): () => void {
  observers.add(observer);
  return () => observers.delete(observer);
}

/**
 * Runs a use case that may change public pages, then waits until every live portal server has
 * applied the purges it committed. Nested calls wait once, at the outermost. A failure of the
 * use case is rethrown after waiting for whatever it did commit.
 */
export async function withPortalSync<T>(run: () => Promise<T>): Promise<T> {
  if (scope.getStore()) return run();
  const purges: bigint[] = [];
  try {
    return await scope.run(purges, run);
  } finally {
    if (purges.length > 0) report(await awaitPortalServers(purges));
  }
}

type Pending = { label: string; acked: number; purges: number };

/** Waits (bounded) until every live portal server has acknowledged the committed ones of `ids`. */
export async function awaitPortalServers(ids: bigint[], boundMs = PORTAL_SYNC_BOUND_MS): Promise<PortalSyncReport> {
  const started = performance.now();
  const list = ids.map(String);
  let pause = 2;
  for (;;) {
    let rows: Pending[];
    try {
      // Purges of a transaction that rolled back do not exist and are not waited for.
      rows = await getDb().$queryRaw<Pending[]>`
        with committed as (select id from "PortalPurge" where id = any(${list}::bigint[]))
        select s.label,
               (select count(*)::int from committed) as purges,
               (select count(*)::int from "PortalPurgeAck" a join committed c on c.id = a."purgeId" where a."serverId" = s.id) as acked
        from "PortalServer" s
        where s."heartbeatAt" > now() - ${PORTAL_SERVER_TTL_MS} * interval '1 millisecond'`;
    } catch (error) {
      // The change is committed; failing the call now would only make the caller retry it.
      console.error(
        `[tongyuan] 门户缓存同步查询失败 (portal sync query failed): ${error instanceof Error ? error.message : error}`,
      );
      return {
        purges: ids.length,
        servers: 0,
        acknowledged: 0,
        waitedMs: Math.round(performance.now() - started),
        timedOut: [],
      };
    }
    const pending = rows.filter((row) => row.acked < row.purges);
    const waitedMs = Math.round(performance.now() - started);
    if (pending.length === 0 || waitedMs >= boundMs) {
      return {
        purges: rows[0]?.purges ?? ids.length,
        servers: rows.length,
        acknowledged: rows.length - pending.length,
        waitedMs,
        timedOut: pending.map((row) => row.label),
      };
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(pause, boundMs - waitedMs)));
    pause = Math.min(pause * 2, 20);
  }
}

function report(result: PortalSyncReport) {
  for (const observer of observers) observer(result);
  if (result.servers === 0) return;
  const line = `[tongyuan] portal-sync ${JSON.stringify(result)}`;
  if (result.timedOut.length > 0)
    console.warn(`${line} 门户服务器未在时限内确认，已停止等待 (not acknowledged within ${PORTAL_SYNC_BOUND_MS} ms)`);
  else console.log(line);
}

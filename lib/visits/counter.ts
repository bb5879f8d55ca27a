import type { IncomingMessage, ServerResponse } from "node:http";
import type { Db } from "@/lib/db/client";
import { chinaToday } from "@/lib/time/china";
import { addToEntry, addView, entryFor, mergeBatch, newBatch, type Batch, type HostDay } from "@/lib/visits/batch";
import {
  countedPath,
  isBotAgent,
  isPagePath,
  isPageView,
  isPrefetch,
  isShownStatus,
  referrerHost,
  searchTermOf,
} from "@/lib/visits/classify";
import {
  destroyPastSalts,
  isPruneTime,
  loadSiteResolver,
  writeBatch,
  type SiteResolver,
} from "@/lib/visits/write-batch";

// The portal server's visit counter (scripts/server.ts): every page view it answers, cached or
// rendered, is counted in memory and written every `flushMs`, as soon as the batch holds
// `maxKeys` distinct keys, and on shutdown. Nothing waits for the database. A process that dies
// without its shutdown loses at most what is in memory (docs/visits.md).
//
// A cached page is the cheapest answer the server gives, so what a hit pays for being counted is
// kept to two map look-ups and a few comparisons: the request's own strings (host, agent,
// referrer, peer and forwarding headers, the address asked) are tallied — one count per distinct
// set of them, so a view that repeats one already seen allocates nothing and keeps none of its
// strings (no hashing, no string building, no Date, no closure). Classifying a set (bot, asset,
// search term, referrer host, client address) happens when the tally is folded into the batch —
// when it holds MAX_TALLY distinct sets, and before every write — once per set, not once per
// view; visitors are hashed with the day's salt only when the batch is written
// (lib/visits/write-batch.ts). How much this costs a cached page: `bench:portal -- --visits-only`
// (docs/benchmarks.md, docs/visits.md).

export type VisitCounterOptions = {
  /** Write the batch at least this often (ms). */
  flushMs?: number;
  /**
   * …and as soon as it holds this many distinct keys (pages, terms, referrers and visitors of
   * each host and day): the bound on the memory it holds, whatever the rate of views.
   */
  maxKeys?: number;
  /**
   * The client address from the connection's address and the forwarding headers
   * (lib/auth/client-ip.ts in the server); asked once per distinct combination in a fold.
   */
  clientAddress: (facts: { peer: string | null; forwardedFor: string | null; realIp: string | null }) => string | null;
  log?: (message: string) => void;
  now?: () => Date;
};

const SITE_MAP_MS = 60_000;
/** Distinct sets of a view's facts the tally holds before it is folded into the batch. */
export const MAX_TALLY = 4096;
/**
 * Sets kept for one client address and page before the tally is folded: what a hit may have to
 * compare, however many agents or referrers one address sends (a crafted flood included).
 */
export const MAX_SETS_PER_PAGE = 16;
/** Distinct address facts remembered in one fold. */
const MAX_FOLD_KEYS = 10_000;

type Header = string | string[] | undefined;
const text = (value: Header): string | null =>
  typeof value === "string" ? value : Array.isArray(value) ? value.join(", ") : null;

/** One distinct set of a shown view's facts, as the request had them, and how many views had it. */
type Facts = {
  host: Header;
  agent: Header;
  referrer: Header;
  peer: string | undefined;
  forwardedFor: Header;
  realIp: Header;
  views: number;
};

/**
 * Views not yet classified, all of one China day: client address (as the headers give it) →
 * address asked → the distinct sets of facts seen with them. A visitor reading a page again adds
 * one to a count; only a new set keeps its strings (they are the request's own, nothing is made).
 */
class Tally {
  day = "";
  distinct = 0;
  views = 0;
  /** Set once one address and page hold MAX_SETS_PER_PAGE sets: the tally is folded. */
  crowded = false;
  readonly byAddress = new Map<Header, Map<string, Facts[]>>();

  add(
    url: string,
    host: Header,
    agent: Header,
    referrer: Header,
    peer: string | undefined,
    forwardedFor: Header,
    realIp: Header,
  ): void {
    const address = forwardedFor ?? realIp ?? peer;
    let byUrl = this.byAddress.get(address);
    if (!byUrl) this.byAddress.set(address, (byUrl = new Map()));
    let seen = byUrl.get(url);
    if (!seen) byUrl.set(url, (seen = []));
    this.views += 1;
    for (let index = 0; index < seen.length; index += 1) {
      const facts = seen[index]!;
      if (
        facts.agent === agent &&
        facts.host === host &&
        facts.referrer === referrer &&
        facts.peer === peer &&
        facts.forwardedFor === forwardedFor &&
        facts.realIp === realIp
      ) {
        facts.views += 1;
        return;
      }
    }
    seen.push({ host, agent, referrer, peer, forwardedFor, realIp, views: 1 });
    this.distinct += 1;
    if (seen.length >= MAX_SETS_PER_PAGE) this.crowded = true;
  }

  /** Lets go of the strings held (nothing of a request is kept past the fold). */
  clear(): void {
    this.byAddress.clear();
    this.distinct = 0;
    this.views = 0;
    this.crowded = false;
  }
}

type UrlFacts = { path: string; term: string | null } | null;

/** The counted path and search term of an address asked; null when it is not a page. */
function urlFacts(url: string): UrlFacts {
  const queryAt = url.indexOf("?");
  const path = queryAt < 0 ? url : url.slice(0, queryAt);
  if (!isPagePath(path)) return null;
  return { path: countedPath(path), term: searchTermOf(path, queryAt < 0 ? "" : url.slice(queryAt + 1)) };
}

/** Looks `key` up in a fold's cache, working it out once (the cache stops growing at MAX_FOLD_KEYS). */
function once<T>(cache: Map<string, T>, key: string, make: () => T): T {
  const found = cache.get(key);
  if (found !== undefined || cache.has(key)) return found as T;
  const made = make();
  if (cache.size < MAX_FOLD_KEYS) cache.set(key, made);
  return made;
}

export class VisitCounter {
  private batch: Batch = newBatch();
  private readonly tally = new Tally();
  private readonly tallyBound: number;
  private writing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | undefined;
  private day = "";
  private dayUntil = 0;
  private resolver: { at: number; resolve: SiteResolver } | undefined;
  private readonly salts = new Map<string, Buffer | null>();
  private prunedFor = "";
  private readonly flushMs: number;
  private readonly maxKeys: number;
  private readonly now: () => Date;
  /** Views written since start (the benchmark compares them with the requests it sent). */
  written = 0;
  /** Batches written since start (one transaction each). */
  writes = 0;
  failures = 0;

  constructor(
    private readonly db: Db,
    private readonly options: VisitCounterOptions,
  ) {
    this.flushMs = options.flushMs ?? 5_000;
    this.maxKeys = options.maxKeys ?? 20_000;
    this.now = options.now ?? (() => new Date());
    this.tallyBound = Math.max(1, Math.min(this.maxKeys, MAX_TALLY));
  }

  start(): void {
    this.timer ??= setInterval(() => void this.flush(), this.flushMs);
    this.timer.unref();
  }

  /** Distinct sets of facts tallied since the last fold (what the tally holds in memory). */
  get tallied(): number {
    return this.tally.distinct;
  }

  /** Views seen but not yet written (a tallied one may still turn out to be a bot's when classified). */
  get pending(): number {
    return this.batch.events + this.tally.views;
  }

  /**
   * Looks at a request as the server receives it: a page view is counted once its response is
   * known to be a shown page — at once when the cache already answered it (the hit pays only for
   * a tally), else when the response has finished.
   */
  observe(req: IncomingMessage, res: ServerResponse, url: string): void {
    if (req.method !== "GET") return;
    try {
      if (res.writableEnded) {
        if (isShownStatus(res.statusCode)) this.keep(req, url);
        return;
      }
      // Not answered yet (a render): only what the counter would count waits for the end.
      const queryAt = url.indexOf("?");
      const path = queryAt < 0 ? url : url.slice(0, queryAt);
      if (!isPageView({ method: req.method, path, headers: req.headers })) return;
      res.once("finish", () => {
        try {
          if (isShownStatus(res.statusCode)) this.keep(req, url);
        } catch (error) {
          this.options.log?.(`访问统计计数出错 (visit not counted): ${String(error)}`);
        }
      });
    } catch (error) {
      // Counting never gets in the way of serving.
      this.options.log?.(`访问统计计数出错 (visit not counted): ${String(error)}`);
    }
  }

  /** Tallies a shown answer's facts for the next fold; prefetches are dropped here (cheap checks). */
  private keep(req: IncomingMessage, url: string): void {
    const headers = req.headers;
    if (isPrefetch(headers)) return;
    const day = this.today();
    const tally = this.tally;
    if (tally.views > 0 && tally.day !== day) this.fold();
    tally.day = day;
    tally.add(
      url,
      headers["x-forwarded-host"] ?? headers.host,
      headers["user-agent"],
      headers.referer,
      req.socket?.remoteAddress,
      headers["x-forwarded-for"],
      headers["x-real-ip"],
    );
    if (tally.distinct >= this.tallyBound || tally.crowded) {
      this.fold();
      if (this.batch.keys >= this.maxKeys && !this.writing) void this.flush();
    }
  }

  private today(): string {
    if (this.options.now) return chinaToday(this.options.now());
    const at = Date.now();
    if (at >= this.dayUntil) {
      this.day = chinaToday(this.now());
      // Checked again within a minute, so a new day starts at most a minute late.
      this.dayUntil = at + 60_000 - (at % 60_000);
    }
    return this.day;
  }

  /**
   * Classifies the tallied facts into the batch: bots, assets and the back office are dropped;
   * each distinct address asked, referrer and set of address facts is worked out once per fold.
   */
  private fold(): void {
    const tally = this.tally;
    if (tally.views === 0) return;
    const urls = new Map<string, UrlFacts>();
    const referrers = new Map<string, string | null>();
    const addresses = new Map<string, string>();
    const entries = new Map<string, HostDay>();
    const batch = this.batch;
    for (const byUrl of tally.byAddress.values()) {
      for (const [url, seen] of byUrl) {
        for (const facts of seen) {
          try {
            const agent = text(facts.agent);
            if (!agent || isBotAgent(agent)) continue;
            const page = once(urls, url, () => urlFacts(url));
            if (!page) continue;
            const host = text(facts.host) ?? "";
            let entry = entries.get(host);
            if (!entry) entries.set(host, (entry = entryFor(batch, tally.day, host)));
            const referrer = text(facts.referrer);
            const from = referrer ? once(referrers, `${host}\n${referrer}`, () => referrerHost(referrer, host)) : null;
            const peer = facts.peer ?? null;
            const forwardedFor = text(facts.forwardedFor);
            const realIp = text(facts.realIp);
            const key = forwardedFor || realIp ? `${peer}\n${forwardedFor ?? ""}\n${realIp ?? ""}` : (peer ?? "");
            const address = once(
              addresses,
              key,
              () => this.options.clientAddress({ peer, forwardedFor, realIp }) ?? "",
            );
            batch.events += facts.views;
            batch.keys += addToEntry(entry, page.path, page.term, from, address, agent, facts.views);
          } catch (error) {
            this.options.log?.(`访问统计计数出错 (visit not counted): ${String(error)}`);
          }
        }
      }
    }
    tally.clear();
  }

  /** Adds one view (tests and the benchmark may call it directly). */
  record(view: Parameters<typeof addView>[1]): void {
    addView(this.batch, view);
    if (this.batch.keys >= this.maxKeys && !this.writing) void this.flush();
  }

  /** Writes what is pending; one write at a time (a call during a write waits for it, then writes the rest). */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
    this.fold();
    if (this.batch.events === 0) {
      await this.prune().catch(() => {});
      return;
    }
    const batch = this.batch;
    this.batch = newBatch();
    this.writing = this.write(batch).finally(() => (this.writing = null));
    await this.writing;
  }

  private async write(batch: Batch): Promise<void> {
    try {
      const resolveSite = await this.siteResolver();
      this.written += await writeBatch(this.db, batch, { resolveSite, salts: this.salts, now: this.now() });
      this.writes += 1;
    } catch (error) {
      // Kept for the next attempt: nothing of a batch is written unless all of it is.
      mergeBatch(this.batch, batch);
      this.failures += 1;
      this.options.log?.(`访问统计写入失败，稍后重试 (visit counts not written, will retry): ${String(error)}`);
      return;
    }
    await this.prune().catch((error) =>
      this.options.log?.(`过期访客标识删除失败 (past visitor hashes not deleted): ${String(error)}`),
    );
  }

  private async siteResolver(): Promise<SiteResolver> {
    const at = Date.now();
    if (!this.resolver || at - this.resolver.at > SITE_MAP_MS) {
      this.resolver = { at, resolve: await loadSiteResolver(this.db) };
    }
    return this.resolver.resolve;
  }

  /** Once a day, a few minutes after midnight: the past days' salts and visitor hashes are destroyed. */
  private async prune(): Promise<void> {
    const now = this.now();
    const today = chinaToday(now);
    if (this.prunedFor === today || !isPruneTime(now)) return;
    await destroyPastSalts(this.db, today);
    for (const day of this.salts.keys()) if (day < today) this.salts.delete(day);
    this.prunedFor = today;
  }

  /** Stops the timer and writes what is pending (on shutdown). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
  }
}

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
// rendered, is counted in memory and written every `flushMs` or every `maxEvents` views, and on
// shutdown. Nothing waits for the database. A process that dies without its shutdown loses at
// most what is in memory (docs/visits.md).
//
// A cached page is the cheapest answer the server gives, so what a hit pays for being counted is
// kept to a few stores: the request's own strings (host, agent, referrer, peer and forwarding
// headers, the address asked) go into a preallocated buffer of columns — no hashing, no string
// building, no Date, no closure. Classifying them (bot, asset, search term, referrer host, client
// address) happens when the buffer is folded into the batch — when it is full, and before every
// write — once per distinct string in the fold, not once per view; visitors are hashed with the
// day's salt only when the batch is written (lib/visits/write-batch.ts). Profiled with
// `bench:portal -- --visits-only --profile` (docs/benchmarks.md).

export type VisitCounterOptions = {
  /** Write the batch at least this often (ms). */
  flushMs?: number;
  /** …and as soon as it holds this many views. */
  maxEvents?: number;
  /**
   * The client address from the connection's address and the forwarding headers
   * (lib/auth/client-ip.ts in the server); asked once per distinct combination in a fold.
   */
  clientAddress: (facts: { peer: string | null; forwardedFor: string | null; realIp: string | null }) => string | null;
  log?: (message: string) => void;
  now?: () => Date;
};

const SITE_MAP_MS = 60_000;
/** Views the buffer holds before it is folded into the batch (the batch may hold more). */
const BUFFER_VIEWS = 4096;
/** Distinct addresses asked (with their query), referrers and address facts remembered in one fold. */
const MAX_FOLD_KEYS = 10_000;

type Header = string | string[] | undefined;
const text = (value: Header): string | null =>
  typeof value === "string" ? value : Array.isArray(value) ? value.join(", ") : null;

/**
 * Views not yet classified, as columns of preallocated arrays: the strings the request already
 * had, nothing made for the count. All views of one buffer belong to one China day.
 */
class ViewBuffer {
  size = 0;
  day = "";
  readonly urls: string[];
  readonly hosts: Header[];
  readonly agents: Header[];
  readonly referrers: Header[];
  readonly peers: (string | undefined)[];
  readonly forwardedFor: Header[];
  readonly realIps: Header[];

  constructor(readonly capacity: number) {
    this.urls = new Array<string>(capacity).fill("");
    this.hosts = new Array<Header>(capacity).fill(undefined);
    this.agents = new Array<Header>(capacity).fill(undefined);
    this.referrers = new Array<Header>(capacity).fill(undefined);
    this.peers = new Array<string | undefined>(capacity).fill(undefined);
    this.forwardedFor = new Array<Header>(capacity).fill(undefined);
    this.realIps = new Array<Header>(capacity).fill(undefined);
  }

  /** Lets go of the strings held (nothing of a request is kept past the fold). */
  clear(): void {
    for (let index = 0; index < this.size; index += 1) {
      this.urls[index] = "";
      this.hosts[index] = this.agents[index] = this.referrers[index] = undefined;
      this.peers[index] = this.forwardedFor[index] = this.realIps[index] = undefined;
    }
    this.size = 0;
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
  private readonly buffer: ViewBuffer;
  private writing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | undefined;
  private day = "";
  private dayUntil = 0;
  private resolver: { at: number; resolve: SiteResolver } | undefined;
  private readonly salts = new Map<string, Buffer | null>();
  private prunedFor = "";
  private readonly flushMs: number;
  private readonly maxEvents: number;
  private readonly now: () => Date;
  /** Views written since start (the benchmark compares them with the requests it sent). */
  written = 0;
  failures = 0;

  constructor(
    private readonly db: Db,
    private readonly options: VisitCounterOptions,
  ) {
    this.flushMs = options.flushMs ?? 5_000;
    this.maxEvents = options.maxEvents ?? 5_000;
    this.now = options.now ?? (() => new Date());
    this.buffer = new ViewBuffer(Math.max(1, Math.min(this.maxEvents, BUFFER_VIEWS)));
  }

  start(): void {
    this.timer ??= setInterval(() => void this.flush(), this.flushMs);
    this.timer.unref();
  }

  /** Views seen but not yet written (a buffered one may still turn out to be a bot's when classified). */
  get pending(): number {
    return this.batch.events + this.buffer.size;
  }

  /**
   * Looks at a request as the server receives it: a page view is counted once its response is
   * known to be a shown page — at once when the cache already answered it (the hit pays only for
   * a few stores), else when the response has finished.
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

  /** Keeps a shown answer's strings for the next fold; prefetches are dropped here (cheap checks). */
  private keep(req: IncomingMessage, url: string): void {
    const headers = req.headers;
    if (isPrefetch(headers)) return;
    const day = this.today();
    const buffer = this.buffer;
    if (buffer.size > 0 && buffer.day !== day) this.fold();
    const at = buffer.size;
    buffer.day = day;
    buffer.urls[at] = url;
    buffer.hosts[at] = headers["x-forwarded-host"] ?? headers.host;
    buffer.agents[at] = headers["user-agent"];
    buffer.referrers[at] = headers.referer;
    buffer.peers[at] = req.socket?.remoteAddress;
    buffer.forwardedFor[at] = headers["x-forwarded-for"];
    buffer.realIps[at] = headers["x-real-ip"];
    buffer.size = at + 1;
    if (buffer.size === buffer.capacity) {
      this.fold();
      if (this.batch.events >= this.maxEvents && !this.writing) void this.flush();
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
   * Classifies the buffered views into the batch: bots, assets and the back office are dropped;
   * each distinct address asked, referrer and set of address facts is worked out once per fold.
   */
  private fold(): void {
    const buffer = this.buffer;
    if (buffer.size === 0) return;
    const urls = new Map<string, UrlFacts>();
    const referrers = new Map<string, string | null>();
    const addresses = new Map<string, string>();
    const entries = new Map<string, HostDay>();
    const batch = this.batch;
    for (let index = 0; index < buffer.size; index += 1) {
      try {
        const agent = text(buffer.agents[index]);
        if (!agent || isBotAgent(agent)) continue;
        const url = buffer.urls[index]!;
        const facts = once(urls, url, () => urlFacts(url));
        if (!facts) continue;
        const host = text(buffer.hosts[index]) ?? "";
        let entry = entries.get(host);
        if (!entry) entries.set(host, (entry = entryFor(batch, buffer.day, host)));
        const referrer = text(buffer.referrers[index]);
        const from = referrer ? once(referrers, `${host}\n${referrer}`, () => referrerHost(referrer, host)) : null;
        const peer = buffer.peers[index] ?? null;
        const forwardedFor = text(buffer.forwardedFor[index]);
        const realIp = text(buffer.realIps[index]);
        const key = forwardedFor || realIp ? `${peer}\n${forwardedFor ?? ""}\n${realIp ?? ""}` : (peer ?? "");
        const address = once(addresses, key, () => this.options.clientAddress({ peer, forwardedFor, realIp }) ?? "");
        batch.events += 1;
        addToEntry(entry, facts.path, facts.term, from, address, agent);
      } catch (error) {
        this.options.log?.(`访问统计计数出错 (visit not counted): ${String(error)}`);
      }
    }
    buffer.clear();
  }

  /** Adds one view (tests and the benchmark may call it directly). */
  record(view: Parameters<typeof addView>[1]): void {
    addView(this.batch, view);
    if (this.batch.events >= this.maxEvents && !this.writing) void this.flush();
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

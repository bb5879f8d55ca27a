import type { IncomingMessage, ServerResponse } from "node:http";
import type { Db } from "@/lib/db/client";
import { chinaToday } from "@/lib/time/china";
import { addView, mergeBatch, newBatch, type Batch } from "@/lib/visits/batch";
import { countedPath, isPageView, isShownStatus, referrerHost, searchTermOf } from "@/lib/visits/classify";
import {
  destroyPastSalts,
  isPruneTime,
  loadSiteResolver,
  writeBatch,
  type SiteResolver,
} from "@/lib/visits/write-batch";

// The portal server's visit counter (scripts/server.ts): every page view it answers, cached or
// rendered, is added to an in-memory batch, written every `flushMs` or every `maxEvents` views,
// and on shutdown. Counting a view is a few map updates on the request's own turn, after the
// response has been handed to the socket; nothing waits for the database. A process that dies
// without its shutdown loses at most the batch in memory (docs/visits.md).

export type VisitCounterOptions = {
  /** Write the batch at least this often (ms). */
  flushMs?: number;
  /** …and as soon as it holds this many views. */
  maxEvents?: number;
  /** The client address of a request (lib/auth/client-ip.ts in the server). */
  clientAddress: (req: IncomingMessage) => string | null;
  log?: (message: string) => void;
  now?: () => Date;
};

const SITE_MAP_MS = 60_000;

export class VisitCounter {
  private batch: Batch = newBatch();
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
  }

  start(): void {
    this.timer ??= setInterval(() => void this.flush(), this.flushMs);
    this.timer.unref();
  }

  /** Views counted but not yet written. */
  get pending(): number {
    return this.batch.events;
  }

  /**
   * Looks at a request as the server receives it: a page view is counted once its response is
   * known to be a shown page (at once when the cache already answered it).
   */
  observe(req: IncomingMessage, res: ServerResponse, url: string): void {
    if (req.method !== "GET") return;
    try {
      this.observePage(req, res, url);
    } catch (error) {
      // Counting never gets in the way of serving.
      this.options.log?.(`访问统计计数出错 (visit not counted): ${String(error)}`);
    }
  }

  private observePage(req: IncomingMessage, res: ServerResponse, url: string): void {
    const queryAt = url.indexOf("?");
    const path = queryAt < 0 ? url : url.slice(0, queryAt);
    if (!isPageView({ method: req.method, path, headers: req.headers })) return;
    if (res.writableEnded) {
      if (isShownStatus(res.statusCode)) this.count(req, path, queryAt < 0 ? "" : url.slice(queryAt + 1));
      return;
    }
    res.once("finish", () => {
      try {
        if (isShownStatus(res.statusCode)) this.count(req, path, queryAt < 0 ? "" : url.slice(queryAt + 1));
      } catch (error) {
        this.options.log?.(`访问统计计数出错 (visit not counted): ${String(error)}`);
      }
    });
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

  private count(req: IncomingMessage, path: string, query: string): void {
    const host = String(req.headers["x-forwarded-host"] ?? req.headers.host ?? "");
    const referrer = req.headers.referer;
    this.record({
      day: this.today(),
      host,
      path: countedPath(path),
      term: searchTermOf(path, query),
      referrer: referrer ? referrerHost(referrer, host) : null,
      address: this.options.clientAddress(req) ?? "",
      agent: String(req.headers["user-agent"] ?? ""),
    });
  }

  /** Adds one view (tests and the benchmark may call it directly). */
  record(view: Parameters<typeof addView>[1]): void {
    addView(this.batch, view);
    if (this.batch.events >= this.maxEvents && !this.writing) void this.flush();
  }

  /** Writes what is pending; one write at a time (a call during a write waits for it, then writes the rest). */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
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

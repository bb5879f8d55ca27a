import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";

// The portal's page cache (issue #6): rendered public pages kept in memory, each labelled with the
// tags of the data it showed (the site, its listings, the columns and resources on the page). A
// publish, correction, withdrawal or placement change purges exactly the tags it touches.
//
// Exactness against the classic fill race: a render that started before a purge must not store
// what it read before the purge. Every purge advances the cache's epoch and stamps each tag it
// names with it (a generation per tag); every render takes the epoch when it starts, and `store`
// refuses an entry when any of its tags was stamped after that. The check costs one map lookup
// per tag, however many purges happened while the page rendered.

export type CachedPage = {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  /** Whether the page is large enough to be served compressed to clients that accept gzip. */
  compressible: boolean;
  /** The compressed body, made by `gzipped` on the first request that accepts it. */
  gzip: Buffer | null;
  etag: string;
  tags: string[];
};

/** Pages up to this size are served as they are: compressing them saves less than it costs. */
const COMPRESS_ABOVE_BYTES = 1024;

/** Tags remembered at most; past it, the stamps are dropped and counted as one purge of everything. */
const MAX_STAMPED_TAGS = 200_000;

export class PageCache {
  private readonly entries = new Map<string, CachedPage>();
  private readonly byTag = new Map<string, Set<string>>();
  /** tag → the epoch of the last purge that named it. */
  private readonly purgedAt = new Map<string, number>();
  /** The epoch of the last purge of everything. */
  private allPurgedAt = 0;
  private bytes = 0;
  epoch = 0;
  hits = 0;
  misses = 0;

  constructor(
    private readonly options: { maxBytes: number; maxStampedTags?: number } = { maxBytes: 256 * 1024 * 1024 },
  ) {}

  get size() {
    return this.entries.size;
  }

  get storedBytes() {
    return this.bytes;
  }

  get(key: string): CachedPage | undefined {
    const entry = this.entries.get(key);
    if (entry) {
      // Map order is insertion order: re-inserting keeps the least recently used first.
      this.entries.delete(key);
      this.entries.set(key, entry);
      this.hits += 1;
    } else {
      this.misses += 1;
    }
    return entry;
  }

  /** Stores a rendered page unless a purge since `startedAt` touched one of its tags. */
  store(key: string, page: Omit<CachedPage, "etag" | "gzip" | "compressible">, startedAt: number): boolean {
    if (page.tags.length === 0 || this.purgedSince(startedAt, page.tags)) return false;
    // Compressed on first demand, not here: many pages (a crawler's first visits, pages purged
    // before anyone asks again) are never requested with gzip, and a render should not pay for it.
    const entry: CachedPage = {
      ...page,
      etag: `"${createHash("sha1").update(page.body).digest("base64url")}"`,
      compressible: page.body.length > COMPRESS_ABOVE_BYTES,
      gzip: null,
    };
    this.remove(key);
    this.entries.set(key, entry);
    this.bytes += entrySize(entry);
    for (const tag of entry.tags) {
      let keys = this.byTag.get(tag);
      if (!keys) this.byTag.set(tag, (keys = new Set()));
      keys.add(key);
    }
    this.evictOverBudget();
    return true;
  }

  /**
   * The compressed body of a compressible page, made once: the first call compresses it and keeps
   * it with the entry (counted in the byte budget while the entry is stored); null for a page too
   * small to compress.
   */
  gzipped(key: string, page: CachedPage): Buffer | null {
    if (!page.compressible) return null;
    if (page.gzip) return page.gzip;
    page.gzip = gzipSync(page.body);
    if (this.entries.get(key) === page) {
      this.bytes += page.gzip.length;
      this.evictOverBudget();
    }
    return page.gzip;
  }

  private evictOverBudget() {
    while (this.bytes > this.options.maxBytes && this.entries.size > 1) {
      const oldest = this.entries.keys().next().value as string;
      this.remove(oldest);
    }
  }

  /** Drops every page showing any of `tags`; returns how many pages were dropped. */
  purge(tags: Iterable<string>): number {
    const set = new Set(tags);
    this.epoch += 1;
    if (this.purgedAt.size + set.size > (this.options.maxStampedTags ?? MAX_STAMPED_TAGS)) {
      this.purgedAt.clear();
      this.allPurgedAt = this.epoch;
    }
    for (const tag of set) this.purgedAt.set(tag, this.epoch);
    let dropped = 0;
    for (const tag of set) {
      for (const key of [...(this.byTag.get(tag) ?? [])]) {
        this.remove(key);
        dropped += 1;
      }
    }
    return dropped;
  }

  purgeAll(): void {
    this.epoch += 1;
    this.allPurgedAt = this.epoch;
    this.purgedAt.clear();
    this.entries.clear();
    this.byTag.clear();
    this.bytes = 0;
  }

  /** Whether a purge since `startedAt` named one of `tags` (or everything). */
  private purgedSince(startedAt: number, tags: string[]): boolean {
    if (startedAt === this.epoch) return false;
    if (this.allPurgedAt > startedAt) return true;
    return tags.some((tag) => (this.purgedAt.get(tag) ?? 0) > startedAt);
  }

  private remove(key: string) {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entrySize(entry);
    for (const tag of entry.tags) {
      const keys = this.byTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) this.byTag.delete(tag);
    }
  }
}

function entrySize(entry: CachedPage): number {
  return entry.body.length + (entry.gzip?.length ?? 0) + 512;
}

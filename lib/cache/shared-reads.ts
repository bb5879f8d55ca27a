// Reads that portal renders in one server process share between requests, as long as no purge
// came between: the site a host names (its settings, column tree and the platform's hosts) is
// read by every page and search that is not answered from the page cache, and changes only with
// the site, which purges its tag. The page cache's epoch advances with every purge (a publish,
// a withdrawal, a site change, from this process or another), and an entry read under an older
// epoch is read again; so a shared read is exactly as fresh as a page the cache would serve.
// The portal server hands this to a request only while its cache is usable (lib/sites/cache-server.ts).
// Search results are shared the same way, each for at most `maxAgeMs` as well (lib/search/search-portal.ts).

type Entry = { epoch: number; at: number; value: Promise<unknown> };

export type SharedReadsOptions = {
  /** Keys kept at most; past it the oldest is dropped, so a flood of made-up keys cannot grow memory. */
  maxEntries?: number;
  /** How long an entry is shared at most, purge or not. */
  maxAgeMs?: number;
};

export class SharedReads {
  private readonly entries = new Map<string, Entry>();
  private readonly maxEntries: number;
  private readonly maxAgeMs: number;

  constructor(
    private readonly epoch: () => number,
    options: SharedReadsOptions = {},
  ) {
    this.maxEntries = options.maxEntries ?? 1000;
    this.maxAgeMs = options.maxAgeMs ?? Infinity;
  }

  get size(): number {
    return this.entries.size;
  }

  /** `load`'s promise, shared while the epoch it was read under is current (and it is not too old). */
  get<T>(key: string, load: () => Promise<T>): Promise<T> {
    const epoch = this.epoch();
    const now = performance.now();
    const entry = this.entries.get(key);
    if (entry && entry.epoch === epoch && now - entry.at <= this.maxAgeMs) return entry.value as Promise<T>;
    const value = load();
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, { epoch, at: now, value });
    // A failed read is not kept: the next request tries again.
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    return value;
  }
}

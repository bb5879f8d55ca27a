// Reads that portal renders in one server process share between requests, as long as no purge
// came between: the site a host names (its settings, column tree and the platform's hosts) is
// read by every page and search that is not answered from the page cache, and changes only with
// the site, which purges its tag. The page cache's epoch advances with every purge (a publish,
// a withdrawal, a site change, from this process or another), and an entry read under an older
// epoch is read again; so a shared read is exactly as fresh as a page the cache would serve.
// The portal server hands this to a request only while its cache is usable (lib/sites/cache-server.ts).

type Entry = { epoch: number; value: Promise<unknown> };

/** Keys kept at most (one per host asked for): a flood of made-up hosts cannot grow memory. */
const MAX_ENTRIES = 1000;

export class SharedReads {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly epoch: () => number) {}

  /** `load`'s promise, shared while the epoch it was read under is current. */
  get<T>(key: string, load: () => Promise<T>): Promise<T> {
    const epoch = this.epoch();
    const entry = this.entries.get(key);
    if (entry && entry.epoch === epoch) return entry.value as Promise<T>;
    const value = load();
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(key, { epoch, value });
    // A failed read is not kept: the next request tries again.
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    return value;
  }
}

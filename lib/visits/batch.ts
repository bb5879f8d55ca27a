// One batch of counted page views, kept in memory until it is written: per China day and host as
// asked (the host is resolved to a site when the batch is written). A visitor is held as its
// address and agent only until then (address → agents); only its salted hash is ever stored.

export type HostDay = {
  day: string;
  host: string;
  views: number;
  paths: Map<string, number>;
  terms: Map<string, number>;
  referrers: Map<string, number>;
  /** Client address → the agents seen from it: one visitor per pair. */
  visitors: Map<string, Set<string>>;
};

/** Views counted, and distinct keys held (pages, terms, referrers, visitors): what bounds its memory. */
export type Batch = { events: number; keys: number; entries: Map<string, HostDay> };

/** Distinct pages, terms or referrers kept per host and day in one batch; views past it still count. */
export const MAX_KEYS_PER_DAY = 5_000;

export function newBatch(): Batch {
  return { events: 0, keys: 0, entries: new Map() };
}

export type PageView = {
  day: string;
  host: string;
  path: string;
  term: string | null;
  referrer: string | null;
  address: string;
  agent: string;
};

/** Adds `by` to `key`; 1 when the key is new, else 0. */
function bump(map: Map<string, number>, key: string, by = 1): number {
  const had = map.get(key);
  if (had !== undefined) map.set(key, had + by);
  else if (map.size < MAX_KEYS_PER_DAY) return (map.set(key, by), 1);
  return 0;
}

export function entryFor(batch: Batch, day: string, host: string): HostDay {
  const key = `${day}\n${host}`;
  let entry = batch.entries.get(key);
  if (!entry) {
    entry = { day, host, views: 0, paths: new Map(), terms: new Map(), referrers: new Map(), visitors: new Map() };
    batch.entries.set(key, entry);
  }
  return entry;
}

export function addView(batch: Batch, view: PageView): void {
  batch.events += 1;
  batch.keys += addToEntry(
    entryFor(batch, view.day, view.host),
    view.path,
    view.term,
    view.referrer,
    view.address,
    view.agent,
  );
}

/**
 * `views` views of one page by one visitor into its host and day (the caller counts them in the
 * batch's events); returns the keys it added.
 */
export function addToEntry(
  entry: HostDay,
  path: string,
  term: string | null,
  referrer: string | null,
  address: string,
  agent: string,
  views = 1,
): number {
  entry.views += views;
  let added = bump(entry.paths, path, views);
  if (term) added += bump(entry.terms, term, views);
  if (referrer) added += bump(entry.referrers, referrer, views);
  return added + addVisitor(entry, address, agent);
}

/** 1 when the address and agent pair is new to the entry, else 0. */
function addVisitor(entry: HostDay, address: string, agent: string): number {
  const agents = entry.visitors.get(address);
  if (!agents) return (entry.visitors.set(address, new Set([agent])), 1);
  if (agents.has(agent)) return 0;
  agents.add(agent);
  return 1;
}

/** Distinct visitors (address and agent pairs) of a host and day. */
export function visitorCount(entry: HostDay): number {
  let count = 0;
  for (const agents of entry.visitors.values()) count += agents.size;
  return count;
}

/** Adds `source` into `target` (a batch that could not be written goes back for the next attempt). */
export function mergeBatch(target: Batch, source: Batch): void {
  for (const from of source.entries.values()) {
    const into = entryFor(target, from.day, from.host);
    into.views += from.views;
    for (const [key, count] of from.paths) target.keys += bump(into.paths, key, count);
    for (const [key, count] of from.terms) target.keys += bump(into.terms, key, count);
    for (const [key, count] of from.referrers) target.keys += bump(into.referrers, key, count);
    for (const [address, agents] of from.visitors)
      for (const agent of agents) target.keys += addVisitor(into, address, agent);
  }
  target.events += source.events;
}

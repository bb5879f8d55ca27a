import { AsyncLocalStorage } from "node:async_hooks";
import type { SharedReads } from "@/lib/cache/shared-reads";

// What the portal server knows about the request it is serving. The server (scripts/server.ts)
// runs each request inside a scope; portal queries in lib/sites label the page with the data it
// shows (cache tags), and publishing code records what it changed (purges) so the server can
// purge its cache before the response that caused the change leaves the process.
//
// The server and the Next.js bundle load this module separately, so the storage lives on
// globalThis under a registered symbol: both copies see the same one.

export type RenderScope = {
  /** Tags of the data this page showed; a page with no tags is never cached. */
  tags: Set<string>;
  /** Set when the page depends on something the tags cannot describe (never cache it). */
  uncacheable: boolean;
  /** Tags changed by a write made while serving this request (purged before it responds). */
  changed: Set<string>;
  /** Reads shared with other requests until the next purge; only while the page cache is usable. */
  shared?: SharedReads;
  /** Search results shared likewise, for a short while at most (lib/search/search-portal.ts). */
  searches?: SharedReads;
};

const STORAGE = Symbol.for("tongyuan.portal.renderScope");

function storage(): AsyncLocalStorage<RenderScope> {
  const slot = globalThis as unknown as Record<symbol, AsyncLocalStorage<RenderScope> | undefined>;
  slot[STORAGE] ??= new AsyncLocalStorage<RenderScope>();
  return slot[STORAGE];
}

export function newRenderScope(): RenderScope {
  return { tags: new Set(), uncacheable: false, changed: new Set() };
}

export function runInScope<T>(scope: RenderScope, fn: () => T): T {
  return storage().run(scope, fn);
}

/**
 * `load`, or the same read another request of this server made since the last purge (see
 * lib/cache/shared-reads.ts). Outside the portal server, or while its cache is off: `load`.
 */
export function sharedRead<T>(key: string, load: () => Promise<T>): Promise<T> {
  const shared = storage().getStore()?.shared;
  return shared ? shared.get(key, load) : load();
}

/**
 * A search's results, or the same search's results another request of this server read since the
 * last purge (and recently): every publication, withdrawal and correction changes the search
 * index in the transaction that purges the pages it touched, so the page cache's epoch moves with
 * the index. Outside the portal server, or while its cache is off: `load`.
 */
export function sharedSearch<T>(key: string, load: () => Promise<T>): Promise<T> {
  const searches = storage().getStore()?.searches;
  return searches ? searches.get(key, load) : load();
}

/** Labels the page being rendered with the data it shows. Outside the portal server: no effect. */
export function tagPage(...tags: string[]): void {
  const scope = storage().getStore();
  if (scope) for (const tag of tags) scope.tags.add(tag);
}

/** The page shows something no tag describes (search results): it is never cached. */
export function markUncacheable(): void {
  const scope = storage().getStore();
  if (scope) scope.uncacheable = true;
}

/** Records tags whose pages a write in this request made stale. */
export function recordChanged(tags: string[]): void {
  const scope = storage().getStore();
  if (scope) for (const tag of tags) scope.changed.add(tag);
}

/** Cache tags. A page carries every tag whose change would change the page. */
export const cacheTag = {
  /** Everything a site shows: settings, theme, column tree. */
  site: (siteId: string) => `site:${siteId}`,
  /** Site-wide listings: home page, feeds, sitemap, policy library, disclosure catalogue. */
  listing: (siteId: string) => `listing:${siteId}`,
  /** The list of one column (its page includes its descendants' columns' tags too). */
  column: (columnId: string) => `column:${columnId}`,
  /** Any page that shows this library item: its article pages, lists and related links on any site. */
  resource: (resourceId: string) => `resource:${resourceId}`,
};

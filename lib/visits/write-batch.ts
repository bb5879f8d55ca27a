import { randomBytes } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { chinaParts, chinaToday } from "@/lib/time/china";
import type { Batch, HostDay } from "@/lib/visits/batch";
import { visitorHash, withoutPort } from "@/lib/visits/classify";

// Writes one batch in one transaction with set-based upserts (one statement per table, whatever
// the batch holds), adding to the day's figures, so several portal servers can write at once.
// Rows are sent sorted by key so that two servers lock them in the same order.

export type SiteResolver = (host: string) => string | null;

/** Host → site as the portal resolves it: a site's own host, else the platform's first site. */
export async function loadSiteResolver(db: Db): Promise<SiteResolver> {
  const [hosts, first] = await Promise.all([
    db.siteHost.findMany({ select: { host: true, siteId: true } }),
    db.site.findFirst({ orderBy: { position: "asc" }, select: { id: true } }),
  ]);
  const byHost = new Map(hosts.map((row) => [row.host.toLowerCase(), row.siteId]));
  return (host) => byHost.get(withoutPort(host)) ?? first?.id ?? null;
}

/** The day's salt, shared by every portal server: drawn at random by the first one to need it. */
export async function saltOfDay(db: Db, day: string, today: string): Promise<Buffer | null> {
  const at = new Date(`${day}T00:00:00Z`);
  // A past day's salt is never drawn again: once destroyed, its visitors can no longer be told apart.
  if (day === today) {
    await db.visitSalt.createMany({ data: [{ day: at, salt: randomBytes(32) }], skipDuplicates: true });
  }
  const row = await db.visitSalt.findUnique({ where: { day: at }, select: { salt: true } });
  return row ? Buffer.from(row.salt) : null;
}

/** Minutes after midnight (China time) past which the previous days' salts and visitor hashes go. */
export const PRUNE_AFTER_MINUTES = 5;

/** Deletes the salts and visitor hashes of days before `today` (their counts stay in VisitDay). */
export async function destroyPastSalts(db: Db, today: string): Promise<void> {
  const before = new Date(`${today}T00:00:00Z`);
  await db.$transaction([
    db.visitSalt.deleteMany({ where: { day: { lt: before } } }),
    db.visitVisitor.deleteMany({ where: { day: { lt: before } } }),
  ]);
}

type Totals = Map<string, number>;
const add = (map: Totals, key: string, by: number) => map.set(key, (map.get(key) ?? 0) + by);
const sortedEntries = (map: Totals) => [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
const SEP = "\u0000";

export type WriteOptions = {
  resolveSite: SiteResolver;
  /** Salts by day, kept in memory for the day (the caller's cache). */
  salts: Map<string, Buffer | null>;
  now?: Date;
};

/** Writes `batch`; returns the page views written. Throws (writing nothing) when the database refuses. */
export async function writeBatch(db: Db, batch: Batch, options: WriteOptions): Promise<number> {
  const today = chinaToday(options.now ?? new Date());
  const days: Totals = new Map();
  const paths: Totals = new Map();
  const terms: Totals = new Map();
  const referrers: Totals = new Map();
  const visitors = new Set<string>();
  let written = 0;
  for (const entry of batch.entries.values()) {
    const siteId = options.resolveSite(entry.host);
    if (!siteId) continue;
    const prefix = `${siteId}${SEP}${entry.day}`;
    add(days, prefix, entry.views);
    written += entry.views;
    for (const [path, count] of entry.paths) add(paths, `${prefix}${SEP}${path}`, count);
    for (const [term, count] of entry.terms) add(terms, `${prefix}${SEP}${term}`, count);
    for (const [host, count] of entry.referrers) add(referrers, `${prefix}${SEP}${host}`, count);
    await hashVisitors(db, entry, siteId, today, options.salts, visitors);
  }
  if (days.size === 0) return written;

  const columns = (map: Totals) => {
    const rows = sortedEntries(map).map(([key, count]) => [...key.split(SEP), count] as const);
    return {
      sites: rows.map((row) => row[0] as string),
      days: rows.map((row) => row[1] as string),
      keys: rows.map((row) => row[2] as string),
      counts: rows.map((row) => row[row.length - 1] as number),
    };
  };
  const day = columns(days);
  const path = columns(paths);
  const term = columns(terms);
  const referrer = columns(referrers);
  const seen = [...visitors].sort().map((key) => key.split(SEP));
  const seenSites = seen.map((row) => row[0]!);
  const seenDays = seen.map((row) => row[1]!);
  const seenHashes = seen.map((row) => row[2]!);

  await db.$transaction([
    db.$executeRaw`
      INSERT INTO "VisitDay" ("siteId", "day", "pageViews", "uniqueVisitors")
      SELECT s::uuid, d::date, n, 0 FROM unnest(${day.sites}::text[], ${day.days}::text[], ${day.counts}::int[]) AS t(s, d, n)
      ON CONFLICT ("siteId", "day") DO UPDATE SET "pageViews" = "VisitDay"."pageViews" + EXCLUDED."pageViews"`,
    db.$executeRaw`
      WITH fresh AS (
        INSERT INTO "VisitVisitor" ("siteId", "day", "hash")
        SELECT s::uuid, d::date, decode(h, 'hex') FROM unnest(${seenSites}::text[], ${seenDays}::text[], ${seenHashes}::text[]) AS t(s, d, h)
        ON CONFLICT DO NOTHING
        RETURNING "siteId", "day"
      )
      INSERT INTO "VisitDay" ("siteId", "day", "pageViews", "uniqueVisitors")
      SELECT "siteId", "day", 0, count(*)::int FROM fresh GROUP BY "siteId", "day" ORDER BY "siteId", "day"
      ON CONFLICT ("siteId", "day") DO UPDATE SET "uniqueVisitors" = "VisitDay"."uniqueVisitors" + EXCLUDED."uniqueVisitors"`,
    db.$executeRaw`
      INSERT INTO "VisitPathDay" ("siteId", "day", "path", "pageViews")
      SELECT s::uuid, d::date, k, n FROM unnest(${path.sites}::text[], ${path.days}::text[], ${path.keys}::text[], ${path.counts}::int[]) AS t(s, d, k, n)
      ON CONFLICT ("siteId", "day", "path") DO UPDATE SET "pageViews" = "VisitPathDay"."pageViews" + EXCLUDED."pageViews"`,
    db.$executeRaw`
      INSERT INTO "VisitSearchDay" ("siteId", "day", "term", "searches")
      SELECT s::uuid, d::date, k, n FROM unnest(${term.sites}::text[], ${term.days}::text[], ${term.keys}::text[], ${term.counts}::int[]) AS t(s, d, k, n)
      ON CONFLICT ("siteId", "day", "term") DO UPDATE SET "searches" = "VisitSearchDay"."searches" + EXCLUDED."searches"`,
    db.$executeRaw`
      INSERT INTO "VisitReferrerDay" ("siteId", "day", "host", "pageViews")
      SELECT s::uuid, d::date, k, n FROM unnest(${referrer.sites}::text[], ${referrer.days}::text[], ${referrer.keys}::text[], ${referrer.counts}::int[]) AS t(s, d, k, n)
      ON CONFLICT ("siteId", "day", "host") DO UPDATE SET "pageViews" = "VisitReferrerDay"."pageViews" + EXCLUDED."pageViews"`,
  ]);
  return written;
}

async function hashVisitors(
  db: Db,
  entry: HostDay,
  siteId: string,
  today: string,
  salts: Map<string, Buffer | null>,
  into: Set<string>,
) {
  if (entry.visitors.size === 0) return;
  let salt = salts.get(entry.day);
  if (salt === undefined) {
    salt = await saltOfDay(db, entry.day, today);
    // A missing past salt is remembered as missing; today's is kept until the day is over.
    salts.set(entry.day, salt);
  }
  if (!salt) return;
  for (const [address, agents] of entry.visitors) {
    for (const agent of agents) {
      const hash = visitorHash(salt, siteId, address, agent).toString("hex");
      into.add(`${siteId}${SEP}${entry.day}${SEP}${hash}`);
    }
  }
}

/** Whether it is time to destroy the salts of past days (a few minutes into the China day). */
export function isPruneTime(now: Date): boolean {
  const parts = chinaParts(now);
  return parts.hour * 60 + parts.minute >= PRUNE_AFTER_MINUTES;
}

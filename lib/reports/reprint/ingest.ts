import type { Tx } from "@/lib/db/client";
import { loadCalendar } from "@/lib/calendar/load";
import type { FeedItem } from "@/lib/reports/reprint/parse-feed";
import { clockStart, plausiblePublishedAt, reprintClock } from "@/lib/reports/reprint/clock";

// New items of a fetched feed into the 待转载 queue of every subscribed site. An item is new once
// per source (guid, else link); a site gets it only if it was published after the site subscribed.
// On a source's first fetch, undated items are taken as the source's existing backlog, not news.

export type IngestResult = { newEntries: number; queued: number };

export async function ingestItems(
  tx: Tx,
  source: { id: string; firstFetch: boolean },
  items: FeedItem[],
  fetchedAt: Date,
): Promise<IngestResult> {
  if (items.length === 0) return { newEntries: 0, queued: 0 };
  const known = await tx.reprintEntry.findMany({
    where: { sourceId: source.id, key: { in: items.map((item) => item.key) } },
    select: { key: true },
  });
  const seen = new Set(known.map((entry) => entry.key));
  const fresh = items.filter((item) => !seen.has(item.key));
  if (fresh.length === 0) return { newEntries: 0, queued: 0 };
  const [subscriptions, calendar] = await Promise.all([
    tx.reprintSubscription.findMany({ where: { sourceId: source.id } }),
    loadCalendar(tx, fetchedAt.getTime()),
  ]);
  let queued = 0;
  for (const item of fresh) {
    const start = clockStart(item.publishedAt, fetchedAt);
    const entry = await tx.reprintEntry.create({
      data: {
        sourceId: source.id,
        key: item.key,
        title: item.title,
        link: item.link,
        summary: item.summary,
        publishedAt: plausiblePublishedAt(item.publishedAt, fetchedAt),
        fetchedAt,
        clockStart: start.at,
      },
    });
    if (source.firstFetch && start.from === "fetched") continue;
    const clock = reprintClock(start.at, calendar);
    const sites = subscriptions.filter((subscription) => start.at.getTime() >= subscription.createdAt.getTime());
    if (sites.length === 0) continue;
    const { count } = await tx.reprintItem.createMany({
      data: sites.map((subscription) => ({ entryId: entry.id, siteId: subscription.siteId, ...clock })),
      skipDuplicates: true,
    });
    queued += count;
  }
  return { newEntries: fresh.length, queued };
}

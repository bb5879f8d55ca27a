import type { Db } from "@/lib/db/client";
import type { CheckName, CheckResult, Thresholds } from "@/lib/supervision/checks";
import { measureAvailability } from "@/lib/supervision/monitors/availability";
import { measureContent, type ContentContext, type ScanStats } from "@/lib/supervision/monitors/content";
import { measureFreshness } from "@/lib/supervision/monitors/freshness";
import { measureInteraction } from "@/lib/supervision/monitors/interaction";
import type { Pacer } from "@/lib/supervision/pacing";

// One site's measures in a run of the monitors: availability, freshness, interaction and the content
// scan, each only when one of its checks is wanted; the 转载 result read for the whole run beforehand.

/** What the sites of one run share: the content scan's rules (loaded once), the pacer, the 转载 results. */
export type SiteShared = {
  content: () => Promise<ContentContext>;
  pacer: Pacer;
  reprints: Map<string, CheckResult>;
  scan: ScanStats;
  fullScan: boolean;
};

export async function measureSite(
  db: Db,
  site: { id: string; name: string },
  now: Date,
  thresholds: Thresholds,
  wanted: Set<CheckName>,
  shared: SiteShared,
): Promise<CheckResult[]> {
  const has = (...names: CheckName[]) => names.some((name) => wanted.has(name));
  const groups = await Promise.all([
    has("site.availability") ? measureAvailability(db, site.id, now, thresholds).then((result) => [result]) : [],
    has("site.home-stale", "site.columns-stale", "site.columns-long-stale", "site.columns-blank", "site.daily-update")
      ? measureFreshness(db, site, now, thresholds)
      : [],
    has("site.interaction-unanswered", "site.interaction-channel")
      ? measureInteraction(db, site.id, now, thresholds)
      : [],
    has("site.content-serious", "site.content-privacy", "site.links")
      ? shared.content().then((context) =>
          measureContent(db, site, now, thresholds, {
            context,
            pacer: shared.pacer,
            stats: shared.scan,
            fullScan: shared.fullScan,
          }),
        )
      : [],
  ]);
  const reprint = shared.reprints.get(site.id);
  if (reprint) groups.push([reprint]);
  return groups.flat().filter((result) => wanted.has(result.name));
}

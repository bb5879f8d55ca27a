import type { Db } from "@/lib/db/client";
import { formatDateTime } from "@/lib/format";
import { overdueReprints, type OverdueReprint } from "@/lib/reports/reprint/overdue";
import { decidedResult, type CheckResult } from "@/lib/supervision/checks";

// 转载不及时 (seed 003: 重要政策信息力争1小时内转载，最晚不超过1个工作日): per site, the upper-level items
// of its 待转载 queue not reprinted an hour after they came out (warn) or a working day after (fail).
// One set-based read for every site of the run (lib/reports/reprint/overdue.ts); a site with nothing
// overdue is ok. Reprinting an item (its first publication) takes it off the list at the next run.

export type ReprintEvidenceItem = {
  itemId: string;
  title: string;
  source: string;
  originUrl: string | null;
  originPublishedAt: string | null;
  dueAt: string;
  deadlineAt: string;
  takenAt: string | null;
  pastDeadline: boolean;
};

function evidenceItem(item: OverdueReprint, pastDeadline: boolean): ReprintEvidenceItem {
  return {
    itemId: item.itemId,
    title: item.title,
    source: item.sourceName,
    originUrl: item.originUrl,
    originPublishedAt: item.originPublishedAt ? formatDateTime(item.originPublishedAt) : null,
    dueAt: formatDateTime(item.dueAt),
    deadlineAt: formatDateTime(item.deadlineAt),
    takenAt: item.takenAt ? formatDateTime(item.takenAt) : null,
    pastDeadline,
  };
}

/** The reprint check of every site, keyed by site id (sites without overdue items are ok). */
export async function measureReprints(db: Db, siteIds: readonly string[], now: Date) {
  const overdue = new Map((await overdueReprints(db, now)).map((site) => [site.siteId, site]));
  const results = new Map<string, CheckResult>();
  for (const siteId of siteIds) {
    const site = overdue.get(siteId);
    const late = new Set(site?.pastDeadline.map((item) => item.itemId) ?? []);
    const items = (site?.pastHour ?? []).map((item) => evidenceItem(item, late.has(item.itemId)));
    const status = late.size ? "fail" : items.length ? "warn" : "ok";
    results.set(
      siteId,
      decidedResult(
        "site.reprint-overdue",
        status,
        { page: "/admin/reprints", pastHour: items.length, pastDeadline: late.size, items },
        items.length,
      ),
    );
  }
  return results;
}

import type { Db } from "@/lib/db/client";
import { loadCalendar } from "@/lib/calendar/load";
import { messages } from "@/lib/i18n/zh-CN";
import { notify } from "@/lib/org/notifications";
import { loadOrgTree } from "@/lib/org/tree";
import { chinaToday } from "@/lib/time/china";
import { chinaMonth, isLastWeekOfMonth } from "@/lib/statistics/period";
import { quotaRows } from "@/lib/statistics/quotas";
import { receivingSites } from "@/lib/statistics/receivers";

// 报送任务 reminders: in the last week of the month (its last five working days, lib/calendar),
// every unit whose submissions to a receiving site are below its quota hears of it in-app — its
// 信息员 and 信息主管. Each goes out once per site, unit and month (a QuotaReminder row, written with
// the notifications), however often the daily sweep runs and however many workers run it; a unit
// with nobody to tell yet is tried again on the next sweep.

const RECIPIENT_ROLES = ["INFO_OFFICER", "INFO_SUPERVISOR"] as const;

/** Sends the reminders due at `now`; returns how many units were reminded. */
export async function sendQuotaReminders(db: Db, now: Date = new Date()): Promise<number> {
  const today = chinaToday(now);
  if (!isLastWeekOfMonth(await loadCalendar(db), today)) return 0;
  const month = chinaMonth(now);
  const sites = await receivingSites(db);
  if (sites.length === 0) return 0;
  const tree = await loadOrgTree(db);
  const [rows, sent] = await Promise.all([
    quotaRows(db, tree, sites, month),
    db.quotaReminder.findMany({ where: { month }, select: { siteId: true, orgId: true } }),
  ]);
  let count = 0;
  for (const site of sites) {
    for (const row of rows.get(site.id) ?? []) {
      if (row.met || sent.some((done) => done.siteId === site.id && done.orgId === row.unitId)) continue;
      const members = await db.membership.findMany({
        where: {
          orgId: { in: [row.unitId, ...tree.descendants(row.unitId)] },
          role: { in: [...RECIPIENT_ROLES] },
          user: { active: true },
        },
        select: { userId: true },
      });
      const recipients = [...new Set(members.map((member) => member.userId))];
      if (recipients.length === 0) continue;
      const wrote = await db.$transaction(async (tx) => {
        const { count: created } = await tx.quotaReminder.createMany({
          data: [
            {
              siteId: site.id,
              orgId: row.unitId,
              month,
              submitted: row.submitted,
              quota: row.quota,
              sentTo: recipients,
            },
          ],
          skipDuplicates: true,
        });
        if (created === 0) return false;
        await notify(
          tx,
          recipients,
          messages.statistics.quotas.reminder(row.unitName, site.name, month, row.submitted, row.quota),
          `/admin/statistics/quotas?month=${month}`,
        );
        return true;
      });
      if (wrote) count += 1;
    }
  }
  return count;
}

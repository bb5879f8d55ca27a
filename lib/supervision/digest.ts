import type { Db } from "@/lib/db/client";
import { messages } from "@/lib/i18n/zh-CN";
import { notify } from "@/lib/org/notifications";
import { chinaToday } from "@/lib/time/china";
import { unitRecipients } from "@/lib/supervision/recipients";

// The daily digest (监管日报): each unit with open findings hears, once a day, how many there are and
// how many reached a veto line; the title names the day, so a second run the same day (a restarted
// worker) finds the recipients already told and sends nothing again.

export async function sendDailyDigests(db: Db, now: Date = new Date()): Promise<number> {
  const day = chinaToday(now);
  const groups = await db.finding.groupBy({ by: ["orgId"], where: { state: "OPEN" }, _count: { _all: true } });
  let sent = 0;
  for (const group of groups) {
    const veto = await db.finding.count({ where: { orgId: group.orgId, state: "OPEN", veto: true, severity: "FAIL" } });
    await db.$transaction(async (tx) => {
      const title = messages.supervision.notify.digest(day, group._count._all, veto);
      const told = await tx.notification.findMany({
        where: {
          title: { startsWith: title.slice(0, title.indexOf("）") + 1) },
          link: `/admin/supervision/findings?org=${group.orgId}`,
        },
        select: { userId: true },
      });
      const recipients = (await unitRecipients(tx, group.orgId)).filter((id) => !told.some((row) => row.userId === id));
      await notify(tx, recipients, title, `/admin/supervision/findings?org=${group.orgId}`);
      sent += recipients.length;
    });
  }
  return sent;
}

import type { Db } from "@/lib/db/client";
import type { DisclosureReportReminderKind } from "@/lib/db/generated/enums";
import { recordAudit } from "@/lib/audit/record";
import { PERMISSIONS } from "@/lib/auth/permission-table";
import { addCalendarDays } from "@/lib/calendar/working-days";
import { messages } from "@/lib/i18n/zh-CN";
import { notify } from "@/lib/org/notifications";
import { loadOrgTree } from "@/lib/org/tree";
import { loadUnitFacts } from "@/lib/review/eligibility";
import { chinaToday, chinaYear } from "@/lib/time/china";
import { reportDeadline } from "@/lib/disclosure/report-format";
import { reportState } from "@/lib/disclosure/report-view";

// Reminders of the annual report (《政府信息公开条例》第四十九条: a department publishes its report of
// last year by 31 January, a people's government's own is published by 31 March): from 1 January
// every unit whose report of last year is not yet published hears of it; again seven days before
// the deadline; once the deadline has passed, its 直接责任人 too (督办). Each goes out once per
// unit, year and kind (a DisclosureReportReminder row, unique, written with the notifications),
// however often the daily sweep runs and however many workers run it; once a later kind is due, the
// earlier ones not yet sent are skipped.

const r = messages.disclosureReport.reminders;
const MANAGERS = PERMISSIONS["disclosure.report.manage"].roles;

/** The reminder due on `today` for a report of `year` with this deadline (days as YYYY-MM-DD). */
export function reminderDue(today: string, year: number, deadline: string): DisclosureReportReminderKind | null {
  if (today < `${year + 1}-01-01`) return null;
  if (today > deadline) return "OVERDUE";
  if (today >= addCalendarDays(deadline, -7)) return "SOON";
  return "OPEN";
}

function titleOf(kind: DisclosureReportReminderKind, year: number, deadline: string): string {
  return kind === "OPEN"
    ? r.open(year, deadline)
    : kind === "SOON"
      ? r.soon(year, deadline)
      : r.overdue(year, deadline);
}

/** Sends the reminders due at `now` about last year's reports; returns how many went out. */
export async function sendReportReminders(db: Db, now: Date = new Date()): Promise<number> {
  const year = chinaYear(now) - 1;
  const today = chinaToday(now);
  const tree = await loadOrgTree(db);
  const units = tree.all.filter((org) => org.kind === "HOST" && org.active);
  const [reports, sent] = await Promise.all([
    db.disclosureReport.findMany({ where: { year }, select: { orgId: true, resourceId: true } }),
    db.disclosureReportReminder.findMany({ where: { year }, select: { orgId: true, kind: true } }),
  ]);
  let count = 0;
  for (const unit of units) {
    const deadline = reportDeadline(unit.name, year);
    const kind = reminderDue(today, year, deadline);
    if (!kind || sent.some((row) => row.orgId === unit.id && row.kind === kind)) continue;
    const report = reports.find((row) => row.orgId === unit.id);
    if ((await reportState(db, report?.resourceId ?? null)) === "PUBLISHED") continue;
    const managers = await db.membership.findMany({
      where: {
        orgId: { in: [unit.id, ...tree.descendants(unit.id)] },
        role: { in: [...MANAGERS] },
        user: { active: true },
      },
      select: { userId: true },
    });
    const to = managers.map((membership) => membership.userId);
    if (kind === "OVERDUE") {
      const direct = (await loadUnitFacts(db, unit.id)).direct;
      if (direct) to.push(direct);
    }
    // Nobody to tell yet: try again on the next sweep.
    if (to.length === 0) continue;
    const recipients = [...new Set(to)];
    const wrote = await db.$transaction(async (tx) => {
      const { count: created } = await tx.disclosureReportReminder.createMany({
        data: [{ orgId: unit.id, year, kind, sentTo: recipients }],
        skipDuplicates: true,
      });
      if (created === 0) return false;
      await notify(tx, recipients, titleOf(kind, year, deadline), `/admin/disclosure/reports/${unit.id}/${year}`);
      if (kind === "OVERDUE")
        await recordAudit(tx, {
          actorId: null,
          action: "disclosure.report.overdue",
          subject: `org:${unit.id}`,
          data: { year, deadline, notified: recipients },
        });
      return true;
    });
    if (wrote) count += 1;
  }
  return count;
}

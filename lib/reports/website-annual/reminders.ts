import type { Db } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { PERMISSIONS } from "@/lib/auth/permission-table";
import { addCalendarDays } from "@/lib/calendar/working-days";
import { notify } from "@/lib/org/notifications";
import { loadOrgTree } from "@/lib/org/tree";
import { chinaToday } from "@/lib/time/china";
import { TEMPLATES, type ReportKindCode } from "@/lib/reports/website-annual/template";
import { periodLabel, periodSlug, reportDeadline, slugOf } from "@/lib/reports/website-annual/access";
import { reportState } from "@/lib/reports/website-annual/view";

// In-app reminders (国办函〔2018〕12号: the annual tables are published by 31 January; seed 004: the
// monthly report by the 4th): from the first day after the period ends, the site's administrators
// (the supervising unit's staff for its own report) hear that it is due; again seven days before
// an annual deadline; once the deadline has passed, again (督办, audited). Each goes out once per
// report and stage (a SiteReportReminder row, unique), however often the daily sweep runs. An
// annual report counts as done once published, a monthly one once signed.

export type Stage = "OPEN" | "SOON" | "OVERDUE";

/** The reminder due on `today` (YYYY-MM-DD) for a report whose period ended the day before `opensOn`. */
export function reminderStage(today: string, opensOn: string, deadline: string, annual: boolean): Stage | null {
  if (today < opensOn) return null;
  if (today > deadline) return "OVERDUE";
  if (annual && today >= addCalendarDays(deadline, -7)) return "SOON";
  return "OPEN";
}

const TEXT: Record<Stage, (title: string, deadline: string) => string> = {
  OPEN: (title, deadline) => `请填报${title}，并于 ${deadline} 前完成`,
  SOON: (title, deadline) => `${title}将于 ${deadline} 到期，请尽快签发并公开`,
  OVERDUE: (title, deadline) => `${title}已超过 ${deadline} 的期限，请立即办理`,
};

type Due = {
  kind: ReportKindCode;
  subjectId: string;
  name: string;
  orgId: string;
  year: number;
  month: number;
  platform: boolean;
};

export async function sendSiteReportReminders(db: Db, now: Date = new Date()): Promise<number> {
  const today = chinaToday(now);
  const [year, month] = today.split("-").map(Number) as [number, number];
  const last = month === 1 ? { year: year - 1, month: 12 } : { year, month: month - 1 };
  const tree = await loadOrgTree(db);
  const sites = await db.site.findMany({ select: { id: true, name: true, orgId: true } });
  const due: Due[] = [];
  for (const site of sites) {
    due.push({
      kind: "WEBSITE_ANNUAL",
      subjectId: site.id,
      name: site.name,
      orgId: site.orgId,
      year: year - 1,
      month: 0,
      platform: false,
    });
    due.push({ kind: "MONTHLY", subjectId: site.id, name: site.name, orgId: site.orgId, ...last, platform: false });
  }
  for (const org of tree.all.filter((candidate) => candidate.kind === "SUPERVISING" && candidate.active))
    due.push({
      kind: "SUPERVISION_ANNUAL",
      subjectId: org.id,
      name: org.name,
      orgId: org.id,
      year: year - 1,
      month: 0,
      platform: true,
    });
  let count = 0;
  for (const item of due) {
    const deadline = reportDeadline(item.kind, item.year, item.month);
    const opensOn = item.month ? `${today.slice(0, 8)}01` : `${item.year + 1}-01-01`;
    const stage = reminderStage(today, opensOn, deadline, item.kind !== "MONTHLY");
    if (!stage) continue;
    const key = { kind: item.kind, subjectId: item.subjectId, year: item.year, month: item.month };
    if (await db.siteReportReminder.findFirst({ where: { ...key, stage } })) continue;
    const report = await db.siteReport.findUnique({
      where: { kind_subjectId_year_month: key },
      select: { signedAt: true, resourceId: true },
    });
    const state = await reportState(db, report);
    if (state === "PUBLISHED" || (item.kind === "MONTHLY" && state !== "OPEN")) continue;
    const action = item.platform ? "report.supervision.manage" : "report.site.manage";
    const members = await db.membership.findMany({
      where: {
        orgId: { in: item.platform ? [item.orgId] : [item.orgId, ...tree.descendants(item.orgId)] },
        role: { in: [...PERMISSIONS[action].roles] },
        user: { active: true },
      },
      select: { userId: true },
    });
    const recipients = [...new Set(members.map((member) => member.userId))];
    // Nobody to tell yet: try again on the next sweep.
    if (!recipients.length) continue;
    const title = `${item.name}${periodLabel(item.year, item.month)}${TEMPLATES[item.kind].title}`;
    const wrote = await db.$transaction(async (tx) => {
      const { count: created } = await tx.siteReportReminder.createMany({
        data: [{ ...key, stage, sentTo: recipients }],
        skipDuplicates: true,
      });
      if (created === 0) return false;
      await notify(
        tx,
        recipients,
        TEXT[stage](title, deadline),
        `/admin/reports/${slugOf(item.kind)}/${item.subjectId}/${periodSlug(item.year, item.month)}`,
      );
      if (stage === "OVERDUE")
        await recordAudit(tx, {
          actorId: null,
          action: "report.site.overdue",
          subject: `org:${item.orgId}`,
          data: {
            reportKind: TEMPLATES[item.kind].title,
            reportPeriod: periodSlug(item.year, item.month),
            deadline,
            notified: recipients,
          },
        });
      return true;
    });
    if (wrote) count += 1;
  }
  return count;
}

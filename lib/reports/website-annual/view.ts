import { getDb, type Db, type Tx } from "@/lib/db/client";
import { can, createPermissionChecker, type Principal } from "@/lib/auth/permissions";
import { forbidden } from "@/lib/errors";
import { getOrgTree } from "@/lib/org/tree";
import { chinaToday } from "@/lib/time/china";
import { parseInput } from "@/lib/validation/parse";
import { loadPublicCopyState } from "@/lib/interaction/publish/public-copy";
import { composeReport } from "@/lib/reports/website-annual/compose";
import { TEMPLATES, type ReportKindCode } from "@/lib/reports/website-annual/template";
import {
  assertOnReport,
  findReport,
  periodLabel,
  periodSlug,
  reportDeadline,
  slugOf,
  ZReportRef,
} from "@/lib/reports/website-annual/access";

// The back office of the reports: the reports the actor may see (each site's annual table of last
// year and this year and its last monthly report; the supervising unit's annual report), with
// status and deadline; and one report with every figure, its source and overrides.

export type ReportState = "OPEN" | "SIGNED" | "IN_REVIEW" | "RETURNED" | "PUBLISHED";

export const STATE_LABELS: Record<ReportState, string> = {
  OPEN: "填报中",
  SIGNED: "已签发",
  IN_REVIEW: "审核中",
  RETURNED: "审核退回",
  PUBLISHED: "已公开",
};

export async function reportState(
  db: Db | Tx,
  report: { signedAt: Date | null; resourceId: string | null } | null,
): Promise<ReportState> {
  if (report?.resourceId) return loadPublicCopyState(db, report.resourceId);
  return report?.signedAt ? "SIGNED" : "OPEN";
}

/** The 年度报表 column of a site, where its annual reports are published. */
export async function findReportColumn(db: Db | Tx, siteId: string) {
  return db.column.findFirst({
    where: { siteId, name: { contains: "年度报表" } },
    orderBy: { position: "asc" },
    select: { id: true, name: true, slug: true },
  });
}

export type ReportRow = {
  kind: ReportKindCode;
  href: string;
  title: string;
  subjectName: string;
  period: string;
  deadline: string;
  state: ReportState;
  overdue: boolean;
};

function lastMonth(today: string) {
  const [year, month] = today.split("-").map(Number) as [number, number];
  return month === 1 ? { year: year - 1, month: 12 } : { year, month: month - 1 };
}

export async function listSiteReports(actor: Principal | null, now: Date = new Date()): Promise<ReportRow[]> {
  const db = getDb();
  const tree = await getOrgTree();
  const check = await createPermissionChecker(actor, tree);
  const sites = (
    await db.site.findMany({ orderBy: { position: "asc" }, select: { id: true, name: true, orgId: true } })
  ).filter((site) => check("report.site.view", { orgId: site.orgId }));
  const supervising = check("report.supervision.manage", "platform")
    ? tree.all.filter((org) => org.kind === "SUPERVISING" && org.active)
    : [];
  if (!sites.length && !supervising.length) throw forbidden();
  const today = chinaToday(now);
  const year = Number(today.slice(0, 4));
  const wanted: { kind: ReportKindCode; subjectId: string; name: string; year: number; month: number }[] = [];
  for (const site of sites) {
    for (const y of [year - 1, year])
      wanted.push({ kind: "WEBSITE_ANNUAL", subjectId: site.id, name: site.name, year: y, month: 0 });
    wanted.push({ kind: "MONTHLY", subjectId: site.id, name: site.name, ...lastMonth(today) });
  }
  for (const org of supervising)
    for (const y of [year - 1, year])
      wanted.push({ kind: "SUPERVISION_ANNUAL", subjectId: org.id, name: org.name, year: y, month: 0 });
  const stored = await db.siteReport.findMany({
    where: {
      subjectId: { in: [...new Set(wanted.map((row) => row.subjectId))] },
      year: { in: [year - 1, year, lastMonth(today).year] },
    },
    select: { kind: true, subjectId: true, year: true, month: true, signedAt: true, resourceId: true },
  });
  const rows: ReportRow[] = [];
  for (const want of wanted) {
    const report = stored.find(
      (row) =>
        row.kind === want.kind &&
        row.subjectId === want.subjectId &&
        row.year === want.year &&
        row.month === want.month,
    );
    const state = await reportState(db, report ?? null);
    const deadline = reportDeadline(want.kind, want.year, want.month);
    rows.push({
      kind: want.kind,
      href: `/admin/reports/${slugOf(want.kind)}/${want.subjectId}/${periodSlug(want.year, want.month)}`,
      title: TEMPLATES[want.kind].title,
      subjectName: want.name,
      period: periodLabel(want.year, want.month),
      deadline,
      state,
      overdue: state !== "PUBLISHED" && today > deadline && !(want.kind === "MONTHLY" && state !== "OPEN"),
    });
  }
  return rows;
}

export async function getSiteReport(actor: Principal | null, input: unknown) {
  const ref = parseInput(ZReportRef, input);
  const db = getDb();
  const { subject } = await assertOnReport(db, actor, ref, false);
  const report = await findReport(db, ref);
  const [composed, state, column] = await Promise.all([
    composeReport(db, ref, subject, report),
    reportState(db, report),
    ref.kind === "MONTHLY"
      ? null
      : publishSiteId(db, ref.kind, subject).then((siteId) => (siteId ? findReportColumn(db, siteId) : null)),
  ]);
  const manage = ref.kind === "SUPERVISION_ANNUAL" ? "platform" : { orgId: subject.orgId };
  return {
    ref: { kind: ref.slug, subjectId: ref.subjectId, period: periodSlug(ref.year, ref.month) },
    kind: ref.kind,
    subjectName: subject.site?.name ?? subject.orgName,
    periodLabel: periodLabel(ref.year, ref.month),
    deadline: reportDeadline(ref.kind, ref.year, ref.month),
    version: report?.version ?? 0,
    composed,
    state,
    signedAt: report?.signedAt ?? null,
    resourceId: report?.resourceId ?? null,
    column,
    publishable: ref.kind !== "MONTHLY",
    canManage: await can(
      actor,
      ref.kind === "SUPERVISION_ANNUAL" ? "report.supervision.manage" : "report.site.manage",
      manage,
    ),
  };
}

export type SiteReportView = Awaited<ReturnType<typeof getSiteReport>>;

/** The site an annual report is published on: the site itself, or the first site of the supervising unit or a unit below it. */
export async function publishSiteId(
  db: Db | Tx,
  kind: ReportKindCode,
  subject: { orgId: string; site: { id: string } | null },
): Promise<string | null> {
  if (kind === "MONTHLY") return null;
  if (subject.site) return subject.site.id;
  // The unit's own site: kept by the unit or one of its sections, never by a unit below it (the
  // supervising unit is above every unit; their sites are not its own).
  const tree = await getOrgTree();
  const ownUnit = (orgId: string) =>
    tree.lineage(orgId).find((id) => tree.get(id)?.kind !== "SECTION") === subject.orgId;
  const site = await db.site.findFirst({
    where: { orgId: { in: [subject.orgId, ...tree.descendants(subject.orgId)].filter(ownUnit) } },
    orderBy: { position: "asc" },
    select: { id: true },
  });
  return site?.id ?? null;
}

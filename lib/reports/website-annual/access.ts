import { z } from "zod";
import type { Db, Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { assertCan, can, type Principal } from "@/lib/auth/permissions";
import { type Action } from "@/lib/auth/permission-table";
import { conflict, notFound } from "@/lib/errors";
import { getOrgTree } from "@/lib/org/tree";
import { chinaToday } from "@/lib/time/china";
import type { ReportSite } from "@/lib/reports/website-annual/figures";
import { TEMPLATES, type FieldValue, type ReportKindCode, type Template } from "@/lib/reports/website-annual/template";

// What every step on a report shares: the report named by its kind, subject (a site, or the
// supervising unit) and period; the actor checked against the subject (one the actor may not view
// is "not found"); the row (made on first change); and a write only if nobody changed it since the
// actor saw it.

export const KIND_SLUGS = { website: "WEBSITE_ANNUAL", monthly: "MONTHLY", supervision: "SUPERVISION_ANNUAL" } as const;
export type KindSlug = keyof typeof KIND_SLUGS;
export const slugOf = (kind: ReportKindCode): KindSlug =>
  (Object.keys(KIND_SLUGS) as KindSlug[]).find((slug) => KIND_SLUGS[slug] === kind)!;

/** 国办函〔2018〕12号 asked the first reports (for 2017) in January 2018. */
export const FIRST_YEAR = 2017;

/** A period as the address writes it: 2025 (a year) or 2025-03 (a month). */
export function parsePeriod(value: string, monthly: boolean, today: string): { year: number; month: number } | string {
  const match = monthly ? /^(\d{4})-(\d{2})$/.exec(value) : /^(\d{4})$/.exec(value);
  if (!match) return monthly ? "月份应为“年-月”，如 2025-03" : "年度应为四位数字，如 2025";
  const year = Number(match[1]);
  const month = monthly ? Number(match[2]) : 0;
  if (year < FIRST_YEAR) return `年度不能早于 ${FIRST_YEAR} 年（国办函〔2018〕12号要求自该年度起填报）`;
  if (monthly && (month < 1 || month > 12)) return "月份应在 1 到 12 之间";
  const [thisYear, thisMonth] = today.split("-").map(Number) as [number, number];
  if (year > thisYear || (monthly && year === thisYear && month > thisMonth)) return "不能填报尚未开始的期间";
  return { year, month };
}

export const ZReportRef = z
  .object({
    kind: z.enum(Object.keys(KIND_SLUGS) as [KindSlug, ...KindSlug[]], { message: "报表类型不正确" }),
    subjectId: z.uuid({ message: "报表对象编号不正确" }),
    period: z.string({ message: "请选择报表期间" }),
  })
  .transform((input, ctx) => {
    const parsed = parsePeriod(input.period, input.kind === "monthly", chinaToday());
    if (typeof parsed === "string") {
      ctx.addIssue({ code: "custom", path: ["period"], message: parsed });
      return z.NEVER;
    }
    return { kind: KIND_SLUGS[input.kind], slug: input.kind, subjectId: input.subjectId, ...parsed };
  });
export type ReportRef = z.output<typeof ZReportRef>;

export type ReportSubject = {
  template: Template;
  /** The unit the report belongs to: the site's unit, or the supervising unit. */
  orgId: string;
  orgName: string;
  site: ReportSite | null;
};

export async function loadSite(db: Db | Tx, where: { id: string } | { siteCode: string }): Promise<ReportSite | null> {
  const site = await db.site.findUnique({
    where,
    select: {
      id: true,
      name: true,
      siteCode: true,
      icpNumber: true,
      psbNumber: true,
      organizerName: true,
      orgId: true,
      org: { select: { name: true } },
      hosts: { select: { host: true }, orderBy: { host: "asc" }, take: 1 },
    },
  });
  if (!site) return null;
  const { org, hosts, ...rest } = site;
  return { ...rest, orgName: org.name, host: hosts[0]?.host ?? null };
}

const VIEW: Record<ReportKindCode, Action> = {
  WEBSITE_ANNUAL: "report.site.view",
  MONTHLY: "report.site.view",
  SUPERVISION_ANNUAL: "report.supervision.manage",
};
const MANAGE: Record<ReportKindCode, Action> = {
  WEBSITE_ANNUAL: "report.site.manage",
  MONTHLY: "report.site.manage",
  SUPERVISION_ANNUAL: "report.supervision.manage",
};

/** The subject and the role that lets the actor view (or, with `manage`, change) its report. */
export async function assertOnReport(
  db: Db | Tx,
  actor: Principal | null,
  ref: ReportRef,
  manage: boolean,
): Promise<{ subject: ReportSubject; role: string }> {
  const template = TEMPLATES[ref.kind];
  let subject: ReportSubject;
  if (ref.kind === "SUPERVISION_ANNUAL") {
    const org = (await getOrgTree()).get(ref.subjectId);
    if (!org || org.kind !== "SUPERVISING" || !(await can(actor, VIEW[ref.kind], "platform"))) throw notFound();
    subject = { template, orgId: org.id, orgName: org.name, site: null };
    const role = await assertCan(actor, MANAGE[ref.kind], "platform");
    return { subject, role };
  }
  const site = await loadSite(db, { id: ref.subjectId });
  if (!site || !(await can(actor, VIEW[ref.kind], { orgId: site.orgId }))) throw notFound();
  subject = { template, orgId: site.orgId, orgName: site.orgName, site };
  const role = await assertCan(actor, manage ? MANAGE[ref.kind] : VIEW[ref.kind], { orgId: site.orgId });
  return { subject, role };
}

/** One entered or overridden figure as stored: the value, why, who and when. */
export type Entry = { value: FieldValue; reason: string; byId: string; byName: string; at: string };
export type Entries = Record<string, Entry>;
export type SignOff = Record<"单位负责人" | "审核人" | "填报人" | "联系电话" | "填报日期", string>;

export const REPORT_SELECT = {
  id: true,
  kind: true,
  subjectId: true,
  year: true,
  month: true,
  entries: true,
  signOff: true,
  snapshot: true,
  signedAt: true,
  resourceId: true,
  version: true,
  resource: { select: { id: true, state: true } },
} as const satisfies Prisma.SiteReportSelect;
export type LoadedReport = Prisma.SiteReportGetPayload<{ select: typeof REPORT_SELECT }>;

export async function findReport(db: Db | Tx, ref: ReportRef): Promise<LoadedReport | null> {
  return db.siteReport.findUnique({
    where: {
      kind_subjectId_year_month: { kind: ref.kind, subjectId: ref.subjectId, year: ref.year, month: ref.month },
    },
    select: REPORT_SELECT,
  });
}

export async function loadOrCreateReport(tx: Tx, ref: ReportRef, subject: ReportSubject): Promise<LoadedReport> {
  const found = await findReport(tx, ref);
  if (found) return found;
  await tx.siteReport.createMany({
    data: [
      {
        kind: ref.kind,
        subjectId: ref.subjectId,
        siteId: subject.site?.id ?? null,
        orgId: subject.orgId,
        year: ref.year,
        month: ref.month,
      },
    ],
    skipDuplicates: true,
  });
  return (await findReport(tx, ref))!;
}

export const entriesOf = (report: { entries: unknown } | null): Entries => (report?.entries ?? {}) as Entries;

/** Writes `data` if the report is still at `version`; refuses a stale or replayed form. */
export async function updateReport(
  tx: Tx,
  report: { id: string; version: number },
  version: number,
  data: Prisma.SiteReportUncheckedUpdateManyInput,
) {
  const stale = "该报表已被他人修改，请刷新页面后再操作。";
  if (version !== report.version) throw conflict(stale);
  const { count } = await tx.siteReport.updateMany({
    where: { id: report.id, version },
    data: { ...data, version: { increment: 1 }, updatedAt: new Date() },
  });
  if (count === 0) throw conflict(stale);
}

/** The day a report is due: 31 January of the next year for the annual ones, the 4th of the next month for the monthly one. */
export function reportDeadline(kind: ReportKindCode, year: number, month: number): string {
  if (kind !== "MONTHLY") return `${year + 1}-01-31`;
  return month === 12 ? `${year + 1}-01-04` : `${year}-${String(month + 1).padStart(2, "0")}-04`;
}

export const periodLabel = (year: number, month: number) => (month ? `${year}年${month}月` : `${year}年度`);
export const periodSlug = (year: number, month: number) =>
  month ? `${year}-${String(month).padStart(2, "0")}` : `${year}`;

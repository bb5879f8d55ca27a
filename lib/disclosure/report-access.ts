import { z } from "zod";
import type { Db, Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { assertCan, can, type Principal } from "@/lib/auth/permissions";
import { type Action } from "@/lib/auth/permission-table";
import { conflict, notFound } from "@/lib/errors";
import { getOrgTree } from "@/lib/org/tree";
import { chinaYear } from "@/lib/time/china";
import type { Entries } from "@/lib/disclosure/report-format";

// What every step on a unit's annual report shares: the unit and year from the address, the
// actor checked against the unit (a unit the actor may not even view is "not found"), the report
// row (made on first use), and a write only if nobody changed it since the actor saw it.

/** Reports exist from the 2019 条例 on, up to the current year (the one being compiled). */
export const zReportYear = z.coerce
  .number({ message: "年度应为数字" })
  .int("年度应为整数")
  .min(2019, "年度不能早于 2019 年（现行条例施行之年）")
  .refine((year) => year <= chinaYear(), "不能编制尚未开始的年度的报告");

export const ZReportRef = z.object({
  orgId: z.uuid({ message: "单位编号不正确" }),
  year: zReportYear,
});

export type ReportUnit = { id: string; name: string; subtree: string[] };

/** The unit (a host unit: an administrative agency) and the role that lets the actor take `action` on its report. */
export async function assertOnReport(
  actor: Principal | null,
  action: Action,
  orgId: string,
): Promise<{ unit: ReportUnit; role: string }> {
  const tree = await getOrgTree();
  const org = tree.get(orgId);
  if (!org || org.kind !== "HOST" || !(await can(actor, "disclosure.report.view", { orgId }))) throw notFound();
  const role = await assertCan(actor, action, { orgId });
  return { unit: { id: org.id, name: org.name, subtree: [orgId, ...tree.descendants(orgId)] }, role };
}

export const REPORT_SELECT = {
  id: true,
  orgId: true,
  year: true,
  entries: true,
  overview: true,
  problems: true,
  otherMatters: true,
  resourceId: true,
  version: true,
  updatedAt: true,
  resource: { select: { id: true, state: true, version: true, title: true } },
} as const satisfies Prisma.DisclosureReportSelect;

export type LoadedReport = Prisma.DisclosureReportGetPayload<{ select: typeof REPORT_SELECT }>;

/** The stored report of the unit and year; an empty one (version 0) when nothing was entered yet. */
export async function findReport(db: Db | Tx, orgId: string, year: number): Promise<LoadedReport | null> {
  return db.disclosureReport.findUnique({ where: { orgId_year: { orgId, year } }, select: REPORT_SELECT });
}

/** The report row, made on first change. */
export async function loadOrCreateReport(tx: Tx, orgId: string, year: number): Promise<LoadedReport> {
  const found = await findReport(tx, orgId, year);
  if (found) return found;
  await tx.disclosureReport.createMany({ data: [{ orgId, year }], skipDuplicates: true });
  return (await findReport(tx, orgId, year))!;
}

export const entriesOf = (report: { entries: unknown } | null): Entries => (report?.entries ?? {}) as Entries;

/** Writes `data` if the report is still at `version`; refuses a stale or replayed form. */
export async function updateReport(
  tx: Tx,
  report: { id: string; version: number },
  version: number,
  data: Prisma.DisclosureReportUncheckedUpdateManyInput,
) {
  const stale = "该年度报告已被他人修改，请刷新页面后再操作。";
  if (version !== report.version) throw conflict(stale);
  const { count } = await tx.disclosureReport.updateMany({
    where: { id: report.id, version },
    data: { ...data, version: { increment: 1 }, updatedAt: new Date() },
  });
  if (count === 0) throw conflict(stale);
}

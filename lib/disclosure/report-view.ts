import { getDb, type Db, type Tx } from "@/lib/db/client";
import { can, createPermissionChecker, type Principal } from "@/lib/auth/permissions";
import { forbidden } from "@/lib/errors";
import { getOrgTree } from "@/lib/org/tree";
import { chinaYear } from "@/lib/time/china";
import { loadPublicCopyState } from "@/lib/interaction/publish/public-copy";
import { reportDeadline } from "@/lib/disclosure/report-format";
import { loadFigures } from "@/lib/disclosure/report-data";
import { missingEntries } from "@/lib/disclosure/report-tally";
import { assertOnReport, entriesOf, findReport, ZReportRef } from "@/lib/disclosure/report-access";
import { parseInput } from "@/lib/validation/parse";

// The back office of the annual report: the units whose reports the actor may see, and one unit's
// report of one year with every figure, where each comes from, the balance check and where its
// library item stands.

export type ReportState = "NONE" | "IN_REVIEW" | "RETURNED" | "PUBLISHED";

/** Where the report's library item stands: not drafted, in review, sent back, or published. */
export async function reportState(db: Db | Tx, resourceId: string | null): Promise<ReportState> {
  return resourceId ? loadPublicCopyState(db, resourceId) : "NONE";
}

/** The 政府信息公开年报 column of the unit's sites, where its report is published. */
export async function findReportColumn(db: Db | Tx, orgId: string) {
  return db.column.findFirst({
    where: { site: { orgId }, name: { contains: "年报" } },
    orderBy: [{ site: { position: "asc" } }, { position: "asc" }],
    select: { id: true, name: true, site: { select: { name: true } } },
  });
}

export async function listReports(actor: Principal | null, now: Date = new Date()) {
  const tree = await getOrgTree();
  const check = await createPermissionChecker(actor, tree);
  const units = tree.all.filter(
    (org) => org.kind === "HOST" && org.active && check("disclosure.report.view", { orgId: org.id }),
  );
  if (!units.length) throw forbidden();
  const current = chinaYear(now);
  const years = [current, current - 1];
  const reports = await getDb().disclosureReport.findMany({
    where: { orgId: { in: units.map((unit) => unit.id) }, year: { in: years } },
    select: { orgId: true, year: true, resourceId: true },
  });
  const rows = [];
  for (const unit of units)
    for (const year of years) {
      const report = reports.find((candidate) => candidate.orgId === unit.id && candidate.year === year);
      rows.push({
        orgId: unit.id,
        unitName: unit.name,
        year,
        deadline: reportDeadline(unit.name, year),
        state: await reportState(getDb(), report?.resourceId ?? null),
      });
    }
  return rows;
}

export async function getReportForStaff(actor: Principal | null, input: unknown) {
  const ref = parseInput(ZReportRef, input);
  const { unit } = await assertOnReport(actor, "disclosure.report.view", ref.orgId);
  const db = getDb();
  const report = await findReport(db, unit.id, ref.year);
  const entries = entriesOf(report);
  const [figures, state, column, instance] = await Promise.all([
    loadFigures(db, unit.subtree, ref.year, entries),
    reportState(db, report?.resourceId ?? null),
    findReportColumn(db, unit.id),
    report?.resourceId
      ? db.reviewInstance.findFirst({
          where: { resourceId: report.resourceId },
          orderBy: { submittedAt: "desc" },
          select: { id: true },
        })
      : null,
  ]);
  return {
    unit: { id: unit.id, name: unit.name },
    year: ref.year,
    deadline: reportDeadline(unit.name, ref.year),
    version: report?.version ?? 0,
    overview: report?.overview ?? "",
    problems: report?.problems ?? "",
    otherMatters: report?.otherMatters ?? "",
    entries,
    missing: missingEntries(entries),
    figures,
    state,
    resourceId: report?.resourceId ?? null,
    reviewInstanceId: instance?.id ?? null,
    column,
    canManage: await can(actor, "disclosure.report.manage", { orgId: unit.id }),
  };
}

export type StaffReport = Awaited<ReturnType<typeof getReportForStaff>>;

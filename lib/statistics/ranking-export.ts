import writeExcelFile from "write-excel-file/node";
import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { assertCan, type Principal } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/authenticate";
import { messages } from "@/lib/i18n/zh-CN";
import { getRanking, type RankingRow } from "@/lib/statistics/ranking";

// 导出年度报送排名 as XLSX (the basis of the year-end 稿酬): one sheet of units, one of 信息员, the
// figures the ranking page shows. Only the receiving site's administrators and the supervising
// unit export it, and the export is audited: it decides who is paid.

const r = messages.statistics.ranking;

const percent = (share: number | null) => (share === null ? "—" : `${(Math.round(share * 1000) / 10).toFixed(1)}%`);
const bold = (value: string) => ({ value, fontWeight: "bold" as const });

export const UNIT_HEADER = [
  r.rank,
  r.unit,
  r.submitted,
  r.adopted,
  r.adoptionRate,
  r.original,
  r.originalShare,
  r.annualQuota,
  r.completion,
  r.monthsMet,
];
export const PERSON_HEADER = [
  r.rank,
  r.person,
  r.unit,
  r.submitted,
  r.adopted,
  r.adoptionRate,
  r.original,
  r.originalShare,
];

function unitRow(row: RankingRow) {
  return [
    row.rank,
    row.name,
    row.submitted,
    row.adopted,
    percent(row.adoptionRate),
    row.adoptedOriginal,
    percent(row.originalShare),
    row.annualQuota ?? 0,
    percent(row.annualQuota ? row.submitted / row.annualQuota : null),
    row.monthsMet ?? 0,
  ];
}

function personRow(row: RankingRow) {
  return [
    row.rank,
    row.name,
    row.unitName ?? "",
    row.submitted,
    row.adopted,
    percent(row.adoptionRate),
    row.adoptedOriginal,
    percent(row.originalShare),
  ];
}

export async function exportRanking(
  actor: Principal | null,
  input: unknown,
  context: Partial<RequestContext> = {},
): Promise<{ fileName: string; data: Buffer; rows: number }> {
  const ranking = await getRanking(actor, input);
  const role = await assertCan(actor, "statistics.quota.manage", { orgId: ranking.site.orgId });
  const data = await writeExcelFile([
    {
      data: [UNIT_HEADER.map(bold), ...ranking.units.map(unitRow)],
      sheet: r.sheetUnits,
      columns: [6, 36, 8, 8, 8, 10, 10, 10, 8, 12].map((width) => ({ width })),
      stickyRowsCount: 1,
    },
    {
      data: [PERSON_HEADER.map(bold), ...ranking.people.map(personRow)],
      sheet: r.sheetPeople,
      columns: [6, 14, 36, 8, 8, 8, 10, 10].map((width) => ({ width })),
      stickyRowsCount: 1,
    },
  ] as never).toBuffer();
  await getDb().$transaction((tx) =>
    recordAudit(tx, {
      actorId: actor!.id,
      role,
      action: "statistics.ranking.export",
      subject: `site:${ranking.site.id}`,
      data: { site: ranking.site.name, year: ranking.year, rows: ranking.units.length + ranking.people.length },
      ...context,
    }),
  );
  return {
    fileName: r.fileName(ranking.site.name, ranking.year),
    data,
    rows: ranking.units.length + ranking.people.length,
  };
}

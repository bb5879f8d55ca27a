import writeExcelFile from "write-excel-file/node";
import { messages } from "@/lib/i18n/zh-CN";
import type { Principal } from "@/lib/auth/permissions";
import { invalid } from "@/lib/errors";
import { getVisitReport, readablePath, type VisitReport } from "@/lib/visits/report";

// The visits page's figures as a file: CSV (the daily table, then each ranking, UTF-8 with BOM so
// that spreadsheet software reads Chinese) or an .xlsx workbook with one sheet per table.

const t = messages.visits;

function csvCell(value: string | number): string {
  if (typeof value === "number") return String(value);
  // Quote everything; neutralise spreadsheet formulas (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

function tables(report: VisitReport) {
  const ranked = (rows: { key: string; count: number }[], show: (key: string) => string = (key) => key) =>
    rows.map((row, index) => [index + 1, show(row.key), row.count] as (string | number)[]);
  return [
    {
      sheet: t.sheets.daily,
      header: [t.daily.day, t.daily.pageViews, t.daily.uniqueVisitors],
      rows: report.daily.map((row) => [row.day, row.pageViews, row.uniqueVisitors] as (string | number)[]),
    },
    {
      sheet: t.sheets.pages,
      header: [t.rank, t.topPages.key, t.topPages.count],
      rows: ranked(report.topPages, readablePath),
    },
    { sheet: t.sheets.terms, header: [t.rank, t.topTerms.key, t.topTerms.count], rows: ranked(report.topTerms) },
    {
      sheet: t.sheets.referrers,
      header: [t.rank, t.topReferrers.key, t.topReferrers.count],
      rows: ranked(report.topReferrers),
    },
  ];
}

export type VisitExport = { fileName: string; contentType: string; data: Buffer };

export async function exportVisits(actor: Principal | null, filter: Record<string, unknown>): Promise<VisitExport> {
  const format = filter.format;
  if (format !== "csv" && format !== "xlsx") throw invalid("导出格式应为 csv 或 xlsx。");
  const report = await getVisitReport(actor, filter);
  const base = `访问统计-${report.site.siteCode}-${report.period.from}-${report.period.to}`;
  const parts = tables(report);
  if (format === "csv") {
    const lines: string[] = [];
    for (const part of parts) {
      lines.push(csvCell(part.sheet), part.header.map(csvCell).join(","));
      for (const row of part.rows) lines.push(row.map(csvCell).join(","));
      lines.push("");
    }
    return {
      fileName: `${base}.csv`,
      contentType: "text/csv; charset=utf-8",
      data: Buffer.from(`\uFEFF${lines.join("\r\n")}`, "utf8"),
    };
  }
  const data = await writeExcelFile(
    parts.map((part) => ({
      sheet: part.sheet,
      columns: [10, 60, 14].map((width) => ({ width })),
      data: [
        part.header.map((value) => ({ value, fontWeight: "bold" as const })),
        ...part.rows.map((row) => row.map((value) => ({ value }))),
      ],
    })) as never,
  ).toBuffer();
  return {
    fileName: `${base}.xlsx`,
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    data,
  };
}

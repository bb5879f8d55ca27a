import type { MonthStatistics } from "@/lib/interaction/publish/statistics";
import type { NationalMonth } from "@/lib/interaction/publish/national-statistics";
import { DataTable } from "@/components/ui/data-table";
import { messages } from "@/lib/i18n/zh-CN";

// The two tables of 留言办理统计, shown alike on the public statistics page and in the back office:
// the site's own letters, and apart from them the national 我为政府网站找错 messages.

const s = messages.interaction.statistics;
const n = s.national;

const percent = (value: number | null) => (value === null ? s.none : `${value.toFixed(1)}%`);
const monthCell = (row: { month: number }) => (row.month === 0 ? s.total : s.month(row.month));

export function LetterStatisticsTable({ rows, year }: { rows: MonthStatistics[]; year: number }) {
  return (
    <DataTable
      label={`${s.title}（${year}）`}
      rows={rows}
      rowKey={(row) => row.month}
      columns={[
        { header: s.columns.month, isRowHeader: true, cell: monthCell },
        { header: s.columns.received, align: "end", cell: (row) => row.received },
        { header: s.columns.answered, align: "end", cell: (row) => row.answered },
        { header: s.columns.answeredRate, align: "end", cell: (row) => percent(row.answeredRate) },
        {
          header: s.columns.averageDays,
          align: "end",
          cell: (row) => (row.averageDays === null ? s.none : row.averageDays.toFixed(1)),
        },
        { header: s.columns.satisfactionRate, align: "end", cell: (row) => percent(row.satisfactionRate) },
      ]}
    />
  );
}

export function NationalStatisticsTable({ rows, year }: { rows: NationalMonth[]; year: number }) {
  return (
    <section aria-labelledby="national-statistics">
      <h2 id="national-statistics">{n.title}</h2>
      <p>{n.intro}</p>
      <DataTable
        label={`${n.title}（${year}）`}
        rows={rows}
        rowKey={(row) => row.month}
        columns={[
          { header: s.columns.month, isRowHeader: true, cell: monthCell },
          { header: n.columns.received, align: "end", cell: (row) => row.received },
          { header: n.columns.answered, align: "end", cell: (row) => row.answered },
          { header: n.columns.onTime, align: "end", cell: (row) => row.onTime },
          { header: n.columns.overdueOpen, align: "end", cell: (row) => row.overdueOpen },
          { header: n.columns.onTimeRate, align: "end", cell: (row) => percent(row.onTimeRate) },
        ]}
      />
    </section>
  );
}

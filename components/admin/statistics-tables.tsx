import type { ReactNode } from "react";
import { DataTable } from "@/components/ui/data-table";
import { messages } from "@/lib/i18n/zh-CN";
import { MEASURES, originalShare, type Figures } from "@/lib/statistics/counts";
import type { FigureRow } from "@/lib/statistics/view";
import type { StageTurnaround } from "@/lib/statistics/turnaround";

// The statistics page's tables: one row per unit, person, column, kind or month with every
// measure, and the review turnaround. The same figures the charts draw.

const t = messages.statistics;

/** "62.5%", or "—" when there is nothing to divide by. */
export function formatShare(share: number | null): string {
  return share === null ? "—" : `${(Math.round(share * 1000) / 10).toFixed(1)}%`;
}

export function FiguresTable({
  rows,
  caption,
  header,
  total,
  empty,
}: {
  rows: readonly FigureRow[];
  caption: string;
  header: string;
  total?: Figures;
  empty?: ReactNode;
}) {
  const all: FigureRow[] = total ? [...rows, { key: "__total", label: t.fields.total, figures: total }] : [...rows];
  return (
    <DataTable
      rows={all}
      rowKey={(row) => row.key}
      caption={caption}
      empty={empty ?? t.none}
      className="statistics-table"
      columns={[
        { header, cell: (row) => row.label, isRowHeader: true },
        ...MEASURES.map((measure) => ({
          header: t.measures[measure],
          key: measure,
          cell: (row: FigureRow) => row.figures[measure],
          align: "end" as const,
        })),
        { header: t.measures.original, key: "original", cell: (row) => row.figures.original, align: "end" },
        { header: t.measures.reprinted, key: "reprinted", cell: (row) => row.figures.reprinted, align: "end" },
        {
          header: t.measures.originalShare,
          key: "share",
          cell: (row) => formatShare(originalShare(row.figures)),
          align: "end",
        },
      ]}
    />
  );
}

export function TurnaroundTable({ stages }: { stages: readonly StageTurnaround[] }) {
  return (
    <DataTable
      rows={stages}
      rowKey={(stage) => stage.stage || "__whole"}
      caption={t.turnaroundHeading}
      empty={t.noTurnaround}
      columns={[
        { header: t.fields.stage, cell: (stage) => stage.stage || t.wholeReview, isRowHeader: true },
        { header: t.fields.count, cell: (stage) => stage.count, align: "end" },
        { header: t.fields.median, cell: (stage) => stage.median.toFixed(1), align: "end" },
        { header: t.fields.p90, cell: (stage) => stage.p90.toFixed(1), align: "end" },
      ]}
    />
  );
}

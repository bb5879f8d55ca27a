import type { CSSProperties, ReactNode } from "react";

// The back office's list table: columns as data, plain HTML, so it renders on the server and the
// page works without JavaScript. The look is `table.simple` in app/globals.css.

export type DataTableColumn<Row> = {
  header: ReactNode;
  /** React key of the column; defaults to the header when that is a string. */
  key?: string;
  cell: (row: Row, index: number) => ReactNode;
  className?: string;
  align?: "start" | "center" | "end";
  /** Inline style of the body cells (not the header). */
  style?: CSSProperties;
  /** The cell names its row for screen readers (`<th scope="row">`). */
  isRowHeader?: boolean;
  /** An accessible name for a cell whose content alone does not say it (e.g. a ✓ mark). */
  cellLabel?: (row: Row, index: number) => string;
  /** A tooltip on the cell (e.g. the full hash of a shortened one). */
  cellTitle?: (row: Row, index: number) => string | undefined;
};

export type DataTableProps<Row> = {
  columns: readonly (DataTableColumn<Row> | false | null | undefined)[];
  rows: readonly Row[];
  rowKey: (row: Row, index: number) => string | number;
  /** What the table lists; shown, or read only by screen readers when `captionHidden`. */
  caption?: ReactNode;
  captionHidden?: boolean;
  /** An accessible name when the table has no caption (a heading nearby names it for sighted users). */
  label?: string;
  /** For short summary tables whose rows speak for themselves; headers stay for screen readers. */
  headerHidden?: boolean;
  /** Shown in the table's only row when there are no rows. */
  empty?: ReactNode;
  className?: string;
  style?: CSSProperties;
};

export const DEFAULT_EMPTY = "暂无记录。";

const ALIGN: Record<NonNullable<DataTableColumn<unknown>["align"]>, CSSProperties["textAlign"]> = {
  start: "left",
  center: "center",
  end: "right",
};

function columnKey(column: DataTableColumn<never>, index: number): string {
  return column.key ?? (typeof column.header === "string" ? column.header : String(index));
}

function alignStyle(column: DataTableColumn<never>): CSSProperties | undefined {
  return column.align ? { textAlign: ALIGN[column.align] } : undefined;
}

function cellStyle(column: DataTableColumn<never>): CSSProperties | undefined {
  return column.align ? { ...column.style, ...alignStyle(column) } : column.style;
}

export function DataTable<Row>({
  columns: given,
  rows,
  rowKey,
  caption,
  captionHidden,
  label,
  headerHidden,
  empty,
  className,
  style,
}: DataTableProps<Row>) {
  const columns = given.filter((column): column is DataTableColumn<Row> => Boolean(column));
  return (
    <table
      className={className ? `simple ${className}` : "simple"}
      style={style}
      aria-label={caption ? undefined : label}
    >
      {caption ? <caption className={captionHidden ? "visually-hidden" : undefined}>{caption}</caption> : null}
      <thead className={headerHidden ? "visually-hidden" : undefined}>
        <tr>
          {columns.map((column, index) => (
            <th scope="col" key={columnKey(column, index)} className={column.className} style={alignStyle(column)}>
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 ? (
          <tr>
            <td colSpan={columns.length} className="empty">
              {empty ?? DEFAULT_EMPTY}
            </td>
          </tr>
        ) : (
          rows.map((row, rowIndex) => (
            <tr key={rowKey(row, rowIndex)}>
              {columns.map((column, index) => {
                const Cell = column.isRowHeader ? "th" : "td";
                return (
                  <Cell
                    key={columnKey(column, index)}
                    scope={column.isRowHeader ? "row" : undefined}
                    className={column.className}
                    style={cellStyle(column)}
                    aria-label={column.cellLabel?.(row, rowIndex)}
                    title={column.cellTitle?.(row, rowIndex)}
                  >
                    {column.cell(row, rowIndex)}
                  </Cell>
                );
              })}
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}

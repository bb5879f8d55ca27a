import {
  APPLICANT_COLUMNS,
  RESULT_ROWS,
  type ApplicantColumn,
  type Entries,
  type OverrideKey,
  type Table3Row,
} from "@/lib/disclosure/report-format";
import type { Counts, Table3 } from "@/lib/disclosure/report-tally";

// Table 三 as the office signs it: the counts from the request records, with any cell the office
// corrected by hand (a request handled on paper before the platform, a record entered in the wrong
// year). Each correction keeps the computed figure beside it, its reason, who and when; the 总计
// column and row (七) are summed again from the corrected cells, so 第一项+第二项=第三项+第四项 is
// checked on what is printed. Pure.

/** The rows of table 三 that hold counts of their own (the totals are sums). */
export const TABLE3_ROWS: readonly Table3Row[] = ["new", "carried", ...RESULT_ROWS, "carryForward"];

export function overrideKey(row: Table3Row, column: ApplicantColumn): OverrideKey {
  return `t3.${row}.${column}`;
}

/** The row and column of a table 三 correction key; null for anything else. */
export function parseOverrideKey(key: string): { row: Table3Row; column: ApplicantColumn } | null {
  const [table, row, column, extra] = key.split(".");
  if (table !== "t3" || extra !== undefined) return null;
  if (!(TABLE3_ROWS as readonly string[]).includes(row ?? "")) return null;
  if (!(APPLICANT_COLUMNS as readonly string[]).includes(column ?? "")) return null;
  return { row: row as Table3Row, column: column as ApplicantColumn };
}

export type Override = {
  key: OverrideKey;
  row: Table3Row;
  column: ApplicantColumn;
  computed: number;
  value: number;
  reason: string;
  byName: string;
  at: string;
};

/** The counts of one row of table 三. */
export function countsOf(table: Table3, row: Table3Row): Counts {
  if (row === "new" || row === "carried" || row === "carryForward") return table[row];
  return table.results[row];
}

const summed = (counts: Counts): Counts => {
  const total = APPLICANT_COLUMNS.reduce((sum, column) => sum + counts[column], 0);
  return { ...counts, total };
};

/** Table 三 with the office's corrections applied and its totals summed again; the corrections listed. */
export function applyOverrides(computed: Table3, entries: Entries): { table: Table3; overrides: Override[] } {
  const table: Table3 = structuredClone(computed);
  const overrides: Override[] = [];
  for (const row of TABLE3_ROWS)
    for (const column of APPLICANT_COLUMNS) {
      const key = overrideKey(row, column);
      const entry = entries[key];
      if (!entry) continue;
      const counts = countsOf(table, row);
      overrides.push({
        key,
        row,
        column,
        computed: counts[column],
        value: entry.value,
        reason: entry.reason,
        byName: entry.byName,
        at: entry.at,
      });
      counts[column] = entry.value;
    }
  if (!overrides.length) return { table, overrides };
  table.new = summed(table.new);
  table.carried = summed(table.carried);
  table.carryForward = summed(table.carryForward);
  for (const row of RESULT_ROWS) table.results[row] = summed(table.results[row]);
  const resultTotal = Object.fromEntries(
    APPLICANT_COLUMNS.map((column) => [column, RESULT_ROWS.reduce((sum, row) => sum + table.results[row][column], 0)]),
  ) as Counts;
  table.resultTotal = summed(resultTotal);
  return { table, overrides };
}

import { messages } from "@/lib/i18n/zh-CN";
import {
  APPLICANT_COLUMNS,
  DOC_COLUMNS,
  DOC_ROWS,
  REMEDY_GROUPS,
  REMEDY_OUTCOMES,
  RESULT_GROUPS,
  TABLE3_COLUMNS,
  type EntryKey,
} from "@/lib/disclosure/report-format";
import type { Counts } from "@/lib/disclosure/report-tally";
import type { ReportContent } from "@/lib/disclosure/report-body";
import { reportRowOf } from "@/lib/disclosure/answer-types";

// The report's tables as spreadsheet sheets in the national format's layout (国办公开办函〔2021〕30号):
// merged header cells, table 三's three label columns, table 四's fifteen columns side by side.
// Cells follow write-excel-file's shape; a merged cell's neighbours are null. Pure.

const t = messages.disclosureReport;

type Cell = {
  value: string | number;
  columnSpan?: number;
  rowSpan?: number;
  fontWeight?: "bold";
  align?: "center" | "left";
  alignVertical?: "center";
  wrap?: boolean;
} | null;
export type Sheet = { sheet: string; data: Cell[][]; columns: { width: number }[] };

const head = (value: string, span: { columnSpan?: number; rowSpan?: number } = {}): Cell => ({
  value,
  ...span,
  fontWeight: "bold",
  align: "center",
  alignVertical: "center",
  wrap: true,
});
const label = (value: string, span: { columnSpan?: number; rowSpan?: number } = {}): Cell => ({
  value,
  ...span,
  alignVertical: "center",
  wrap: true,
});
const num = (value: number | null): Cell => (value === null ? { value: "" } : { value, align: "center" });
const fill = (count: number): Cell[] => Array.from({ length: count }, () => null);

function entered(content: ReportContent, key: EntryKey): number | null {
  return content.entries[key]?.value ?? null;
}

export function proactiveSheet(content: ReportContent): Sheet {
  const { docs } = content.figures;
  const g = t.table2.groups;
  const rows = t.table2.rows;
  const single = (name: keyof typeof rows, key: EntryKey): Cell[] => [
    label(rows[name]),
    { ...num(entered(content, key))!, columnSpan: 3 },
    ...fill(2),
  ];
  return {
    sheet: "二、主动公开政府信息情况",
    columns: [{ width: 24 }, { width: 18 }, { width: 18 }, { width: 18 }],
    data: [
      [head(g.item1, { columnSpan: 4 }), ...fill(3)],
      [head(t.table2.infoType), ...DOC_COLUMNS.map((column) => head(t.table2.docColumns[column]))],
      ...DOC_ROWS.map((row) => [label(rows[row]), ...DOC_COLUMNS.map((column) => num(docs[row][column]))]),
      [head(g.item5, { columnSpan: 4 }), ...fill(3)],
      [head(t.table2.infoType), head(t.table2.decisions, { columnSpan: 3 }), ...fill(2)],
      single("license", "t2.license"),
      [head(g.item6, { columnSpan: 4 }), ...fill(3)],
      [head(t.table2.infoType), head(t.table2.decisions, { columnSpan: 3 }), ...fill(2)],
      single("penalty", "t2.penalty"),
      single("enforcement", "t2.enforcement"),
      [head(g.item8, { columnSpan: 4 }), ...fill(3)],
      [head(t.table2.infoType), head(t.table2.feeAmount, { columnSpan: 3 }), ...fill(2)],
      single("fees", "t2.fees"),
    ],
  };
}

const numbers = (counts: Counts): Cell[] => TABLE3_COLUMNS.map((column) => num(counts[column]));

export function requestSheet(content: ReportContent): Sheet {
  const { table3 } = content.figures;
  const r = t.table3.rows;
  const resultRows = RESULT_GROUPS.reduce((sum, group) => sum + group.rows.length, 0) + 1;
  const data: Cell[][] = [
    [
      head(t.table3.applicant, { columnSpan: 3, rowSpan: 2 }),
      ...fill(2),
      head(t.table3.columns.NATURAL_PERSON, { rowSpan: 2 }),
      head(t.table3.legalGroup, { columnSpan: 5 }),
      ...fill(4),
      head(t.table3.columns.total, { rowSpan: 2 }),
    ],
    [...fill(4), ...APPLICANT_COLUMNS.slice(1).map((column) => head(t.table3.columns[column])), null],
    [label(r.new, { columnSpan: 3 }), ...fill(2), ...numbers(table3.new)],
    [label(r.carried, { columnSpan: 3 }), ...fill(2), ...numbers(table3.carried)],
  ];
  let first = true;
  for (const { label: groupLabel, rows } of RESULT_GROUPS) {
    rows.forEach((row, index) => {
      const lead = first ? [label(r.results, { rowSpan: resultRows })] : [null];
      first = false;
      const middle: Cell[] =
        rows.length === 1
          ? [label(reportRowOf(row).rowName, { columnSpan: 2 }), null]
          : [index === 0 ? label(groupLabel, { rowSpan: rows.length }) : null, label(reportRowOf(row).rowName)];
      data.push([...lead, ...middle, ...numbers(table3.results[row])]);
    });
  }
  data.push([null, label(r.resultTotal, { columnSpan: 2 }), null, ...numbers(table3.resultTotal)]);
  data.push([label(r.carryForward, { columnSpan: 3 }), ...fill(2), ...numbers(table3.carryForward)]);
  return {
    sheet: "三、收到和处理政府信息公开申请情况",
    columns: [{ width: 14 }, { width: 16 }, { width: 40 }, ...TABLE3_COLUMNS.map(() => ({ width: 10 }))],
    data,
  };
}

export function remedySheet(content: ReportContent): Sheet {
  const { remedies } = content.figures;
  const outcomes = [...REMEDY_OUTCOMES, "total" as const];
  const outcomeHeads = (rowSpan?: number) => outcomes.map((outcome) => head(t.table4.outcomes[outcome], { rowSpan }));
  return {
    sheet: "四、行政复议、行政诉讼情况",
    columns: Array.from({ length: 15 }, () => ({ width: 10 })),
    data: [
      [head(t.table4.review, { columnSpan: 5 }), ...fill(4), head(t.table4.litigation, { columnSpan: 10 }), ...fill(9)],
      [
        ...outcomeHeads(2),
        head(t.table4.direct, { columnSpan: 5 }),
        ...fill(4),
        head(t.table4.afterReview, { columnSpan: 5 }),
        ...fill(4),
      ],
      [...fill(5), ...outcomeHeads(), ...outcomeHeads()],
      REMEDY_GROUPS.flatMap((group) => outcomes.map((outcome) => num(remedies[group][outcome]))),
    ],
  };
}

/** Section 六's 信息处理费 figures, as its table in the report. */
export function feeSheet(content: ReportContent): Sheet {
  const { fees } = content.figures;
  const f = t.fees;
  return {
    sheet: "六、信息处理费",
    columns: [{ width: 20 }, { width: 12 }, { width: 14 }],
    data: [
      [head(f.title, { columnSpan: 3 }), ...fill(2)],
      [head(f.item), head(f.count), head(f.amount)],
      [label(f.notices), num(fees.notices), num(fees.noticedYuan)],
      [label(f.collected), num(fees.paid), num(fees.paidYuan)],
    ],
  };
}

export function reportSheets(content: ReportContent): Sheet[] {
  return [proactiveSheet(content), requestSheet(content), remedySheet(content), feeSheet(content)];
}

import { messages } from "@/lib/i18n/zh-CN";
import type { RichText } from "@/lib/library/content";
import { headingNode, paragraphNode, tableNode, type PlainTable } from "@/lib/library/rich-blocks";
import {
  APPLICANT_COLUMNS,
  DOC_COLUMNS,
  DOC_ROWS,
  REMEDY_GROUPS,
  REMEDY_OUTCOMES,
  RESULT_GROUPS,
  TABLE3_COLUMNS,
  type ApplicantColumn,
  type Entries,
  type EntryKey,
  type Table3Row,
} from "@/lib/disclosure/report-format";
import type { ReportFigures } from "@/lib/disclosure/report-data";
import { reportRowOf } from "@/lib/disclosure/answer-types";
import type { Counts } from "@/lib/disclosure/report-tally";

// The report as the library item reviewers sign and the public reads: the six sections of the
// national format, the text ones from what staff wrote and the tables embedded as tables (first
// row the header, as richTextToGongwenBlocks reads them for the .docx). Pure.

const t = messages.disclosureReport;

export type ReportContent = {
  unitName: string;
  year: number;
  overview: string;
  problems: string;
  otherMatters: string;
  entries: Entries;
  figures: ReportFigures;
};

export type { PlainTable };

const paragraph = paragraphNode;
const heading = headingNode;

const paragraphs = (value: string): RichText[] =>
  value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map(paragraph);

/** An entered figure as printed: the number, or — while not entered. */
export function enteredText(entries: Entries, key: EntryKey): string {
  const entry = entries[key];
  return entry === undefined ? "—" : String(entry.value);
}

/** Table 二 as three plain tables (the format's three column sets). */
export function proactiveTables(content: ReportContent): PlainTable[] {
  const { docs } = content.figures;
  const rows = t.table2.rows;
  return [
    {
      header: [t.table2.infoType, ...DOC_COLUMNS.map((column) => t.table2.docColumns[column])],
      rows: DOC_ROWS.map((row) => [rows[row], ...DOC_COLUMNS.map((column) => String(docs[row][column]))]),
    },
    {
      header: [t.table2.infoType, t.table2.decisions],
      rows: (["license", "penalty", "enforcement"] as const).map((row) => [
        rows[row],
        enteredText(content.entries, `t2.${row}`),
      ]),
    },
    { header: [t.table2.infoType, t.table2.feeAmount], rows: [[rows.fees, enteredText(content.entries, "t2.fees")]] },
  ];
}

const countRow = (label: string, counts: Counts) => [label, ...TABLE3_COLUMNS.map((column) => String(counts[column]))];
const blankRow = (label: string) => [label, ...TABLE3_COLUMNS.map(() => "")];

/** Table 三: every row of the format, the seven applicant columns. */
export function requestTable(content: ReportContent): PlainTable {
  const { table3 } = content.figures;
  const r = t.table3.rows;
  const rows: string[][] = [countRow(r.new, table3.new), countRow(r.carried, table3.carried), blankRow(r.results)];
  for (const { label, rows: members } of RESULT_GROUPS) {
    if (members.length > 1) rows.push(blankRow(label));
    for (const member of members) rows.push(countRow(reportRowOf(member).rowName, table3.results[member]));
  }
  rows.push(countRow(r.resultTotal, table3.resultTotal), countRow(r.carryForward, table3.carryForward));
  return {
    header: [
      t.table3.applicant,
      ...APPLICANT_COLUMNS.map((column) =>
        column === "NATURAL_PERSON" ? t.table3.columns[column] : `${t.table3.legalGroup}：${t.table3.columns[column]}`,
      ),
      t.table3.columns.total,
    ],
    rows,
  };
}

const REMEDY_LABEL = {
  review: () => t.table4.review,
  direct: () => `${t.table4.litigation}（${t.table4.direct}）`,
  afterReview: () => `${t.table4.litigation}（${t.table4.afterReview}）`,
};

/** Table 四, one row per remedy (the format prints them side by side; the .xlsx keeps that layout). */
export function remedyPlainTable(content: ReportContent): PlainTable {
  const { remedies } = content.figures;
  const show = (value: number | null) => (value === null ? "—" : String(value));
  return {
    header: ["", ...[...REMEDY_OUTCOMES, "total" as const].map((outcome) => t.table4.outcomes[outcome])],
    rows: REMEDY_GROUPS.map((group) => [
      REMEDY_LABEL[group](),
      ...[...REMEDY_OUTCOMES, "total" as const].map((outcome) => show(remedies[group][outcome])),
    ]),
  };
}

/** Section 六's 信息处理费 table, from the fee records: notices sent and fees collected in the year. */
export function feeTable(content: ReportContent): PlainTable {
  const { fees } = content.figures;
  const f = t.fees;
  return {
    header: [f.item, f.count, f.amount],
    rows: [
      [f.notices, String(fees.notices), String(fees.noticedYuan)],
      [f.collected, String(fees.paid), String(fees.paidYuan)],
    ],
  };
}

/** Section 六's sentence on the 信息处理费 of the year. */
export function feeSummary(content: ReportContent): string {
  const { fees } = content.figures;
  return t.fees.summary(fees.notices, fees.noticedYuan, fees.paid, fees.paidYuan);
}

/** A row of table 三 as the format names it. */
export function table3RowLabel(row: Table3Row): string {
  return row === "new" || row === "carried" || row === "carryForward" ? t.table3.rows[row] : reportRowOf(row).rowName;
}

/** A cell of table 三 in words: its row and applicant column. */
export function table3CellLabel(row: Table3Row, column: ApplicantColumn): string {
  return `表三 ${table3RowLabel(row)} · ${t.table3.columns[column]}`;
}

export function reportTitle(unitName: string, year: number): string {
  return t.title(unitName, year);
}

/** The whole report as a library body (Tiptap JSON). */
export function reportBody(content: ReportContent): RichText {
  const s = t.sections;
  return {
    type: "doc",
    content: [
      heading(s.overview),
      ...paragraphs(content.overview),
      heading(s.proactive),
      ...proactiveTables(content).map(tableNode),
      heading(s.requests),
      tableNode(requestTable(content)),
      heading(s.remedies),
      tableNode(remedyPlainTable(content)),
      heading(s.problems),
      ...paragraphs(content.problems),
      heading(s.other),
      paragraph(feeSummary(content)),
      tableNode(feeTable(content)),
      ...paragraphs(content.otherMatters),
    ],
  };
}

/** What an entered cell is, in words: its table, row and column. */
export function entryLabel(key: EntryKey): string {
  const [table, row, outcome] = key.split(".") as [string, string, string | undefined];
  if (table === "t2") {
    const name = t.table2.rows[row as "license" | "penalty" | "enforcement" | "fees"];
    return `表二 ${name}：${row === "fees" ? t.table2.feeAmount : t.table2.decisions}`;
  }
  return `表四 ${REMEDY_LABEL[row as keyof typeof REMEDY_LABEL]()}：${t.table4.outcomes[outcome as keyof typeof t.table4.outcomes]}`;
}

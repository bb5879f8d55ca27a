import type { RichText } from "@/lib/library/content";

// Building blocks of a library body (Tiptap JSON) made from records rather than typed: headings,
// indented paragraphs and plain tables (first row the header, as richTextToGongwenBlocks reads them
// for the .docx). Shared by the reports drafted from figures (政府信息公开年报, 网站年度报表). Pure.

export type PlainTable = { header: string[]; rows: string[][] };

export const textNode = (value: string): RichText => ({ type: "text", text: value });

export const paragraphNode = (value: string): RichText =>
  value ? { type: "paragraph", attrs: { indent: true }, content: [textNode(value)] } : { type: "paragraph" };

export const headingNode = (value: string): RichText => ({
  type: "heading",
  attrs: { level: 2 },
  content: [textNode(value)],
});

const cell = (type: "tableHeader" | "tableCell", value: string): RichText => ({
  type,
  attrs: { colspan: 1, rowspan: 1, colwidth: null },
  content: [value ? { type: "paragraph", content: [textNode(value)] } : { type: "paragraph" }],
});

export function tableNode(table: PlainTable): RichText {
  return {
    type: "table",
    content: [
      { type: "tableRow", content: table.header.map((value) => cell("tableHeader", value)) },
      ...table.rows.map((row) => ({ type: "tableRow", content: row.map((value) => cell("tableCell", value)) })),
    ],
  };
}

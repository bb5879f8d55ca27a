import { describe, expect, it } from "vitest";
import {
  AlignmentType,
  Document,
  FootnoteReferenceRun,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
} from "docx";
import { generateJSON } from "@tiptap/html/server";
import { readDocx } from "@/lib/library/docx-html";
import { bodyExtensions } from "@/lib/library/extensions";
import type { RichText } from "@/lib/library/content";

// Reading a .docx into the body schema: heading levels, notes and alignment, without storing
// anything (the images and the draft are stored by lib/library/import-docx.ts).

async function read(children: (Paragraph | Table)[], footnotes?: Record<number, { children: Paragraph[] }>) {
  const document = new Document({ footnotes, sections: [{ children }] });
  const content = await readDocx(await Packer.toBuffer(document));
  return { ...content, body: generateJSON(content.html, bodyExtensions) as RichText };
}

function find(node: RichText, type: string): RichText[] {
  return [...(node.type === type ? [node] : []), ...(node.content ?? []).flatMap((child) => find(child, type))];
}
const textOf = (node: RichText): string => node.text ?? (node.content ?? []).map(textOf).join("");
const heading = (level: (typeof HeadingLevel)[keyof typeof HeadingLevel], text: string) =>
  new Paragraph({ heading: level, children: [new TextRun(text)] });
const levels = (body: RichText) => find(body, "heading").map((node) => [node.attrs?.level, textOf(node)]);

describe("headings", () => {
  it("Heading 1, 2, 3 become h2, h3, h4 under the Title (the page's h1)", async () => {
    const { title, body, warnings } = await read([
      heading(HeadingLevel.TITLE, "关于加强政务公开工作的通知"),
      heading(HeadingLevel.HEADING_1, "一、总体要求"),
      heading(HeadingLevel.HEADING_2, "（一）指导思想"),
      heading(HeadingLevel.HEADING_3, "1. 基本原则"),
      heading(HeadingLevel.HEADING_1, "二、主要任务"),
    ]);
    expect(title).toBe("关于加强政务公开工作的通知");
    expect(levels(body)).toEqual([
      [2, "一、总体要求"],
      [3, "（一）指导思想"],
      [4, "1. 基本原则"],
      [2, "二、主要任务"],
    ]);
    expect(warnings).toEqual([]);
  });

  it("keep their distances when the body starts at Heading 2, and merge below the third level with a warning", async () => {
    const { body, warnings } = await read([
      heading(HeadingLevel.TITLE, "实施方案"),
      heading(HeadingLevel.HEADING_2, "一、目标"),
      heading(HeadingLevel.HEADING_3, "（一）近期"),
      heading(HeadingLevel.HEADING_4, "1. 第一季度"),
      heading(HeadingLevel.HEADING_5, "（1）一月"),
    ]);
    expect(levels(body)).toEqual([
      [2, "一、目标"],
      [3, "（一）近期"],
      [4, "1. 第一季度"],
      [4, "（1）一月"],
    ]);
    expect(warnings).toEqual(["文档的标题超过三级：第四级及更深的标题已按第三级小标题导入，请核对。"]);
  });

  it("take the first heading as the title when there is no Title style", async () => {
    const { title, body } = await read([
      heading(HeadingLevel.HEADING_1, "关于召开全区政务公开工作会议的通知"),
      heading(HeadingLevel.HEADING_2, "一、会议时间"),
      new Paragraph("3月5日上午9:00。"),
    ]);
    expect(title).toBe("关于召开全区政务公开工作会议的通知");
    expect(levels(body)).toEqual([[2, "一、会议时间"]]);
  });
});

describe("notes", () => {
  it("become numbered references linked to one list of notes at the end, in order of reference", async () => {
    const { body } = await read(
      [
        heading(HeadingLevel.TITLE, "通知"),
        new Paragraph({ children: [new TextRun("依据条例"), new FootnoteReferenceRun(2), new TextRun("。")] }),
        new Paragraph({ children: [new TextRun("参照要点"), new FootnoteReferenceRun(1), new TextRun("。")] }),
      ],
      {
        1: { children: [new Paragraph("《2026年政务公开工作要点》。"), new Paragraph("国办发〔2026〕1号。")] },
        2: { children: [new Paragraph({ children: [new TextRun({ text: "《政府信息公开条例》", bold: true })] })] },
      },
    );
    expect(find(body, "footnoteReference").map((node) => node.attrs?.number)).toEqual([1, 2]);
    const notes = body.content!.at(-1)!;
    expect(notes.type).toBe("footnotes");
    expect(notes.content!.map((note) => note.attrs?.number)).toEqual([1, 2]);
    expect(notes.content![0]!.content).toEqual([
      { type: "text", text: "《政府信息公开条例》", marks: [{ type: "bold" }] },
    ]);
    // A note of two paragraphs keeps them on two lines.
    expect(notes.content![1]!.content!.map((node) => node.type)).toEqual(["text", "hardBreak", "text"]);
    expect(textOf(notes.content![1]!)).toBe("《2026年政务公开工作要点》。国办发〔2026〕1号。");
    expect(JSON.stringify(body)).not.toMatch(/↑|footnote-ref-/);
  });
});

describe("alignment", () => {
  it("keeps centred and right-aligned paragraphs, in table cells too, and leaves justified text alone", async () => {
    const { body } = await read([
      heading(HeadingLevel.TITLE, "通知"),
      new Paragraph({ alignment: AlignmentType.JUSTIFIED, children: [new TextRun("正文两端对齐。")] }),
      new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun("（此页无正文）")] }),
      new Table({
        rows: [
          new TableRow({
            children: [new TableCell({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, text: "100" })] })],
          }),
        ],
      }),
      new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun("区人民政府办公室")] }),
    ]);
    const aligned = find(body, "paragraph").map((node) => [textOf(node), node.attrs?.textAlign]);
    expect(aligned).toEqual([
      ["正文两端对齐。", null],
      ["（此页无正文）", "center"],
      ["100", "right"],
      ["区人民政府办公室", "right"],
    ]);
    expect(JSON.stringify(body)).not.toContain("\uE000");
  });
});

describe("unreadable files", () => {
  it("are refused in Chinese", async () => {
    await expect(readDocx(new TextEncoder().encode("PK\u0003\u0004 not really a zip"))).rejects.toMatchObject({
      code: "INVALID",
      message: expect.stringContaining("无法读取这个 Word 文档"),
    });
  });
});

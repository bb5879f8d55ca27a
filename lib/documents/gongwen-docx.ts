import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  convertMillimetersToTwip,
} from "docx";

// One .docx writer for documents in 公文 layout (GB/T 9704-2012), used by every use case that
// hands out an official document: 依申请公开 告知书, the 政府信息公开工作年度报告, 监管 通报, the
// annual website tables. A4, margins 37/35/28/26 mm, 22 lines of 28 characters: body 仿宋_GB2312
// 三号 at an exact 28.95 pt line, headings 黑体 (一、), 楷体_GB2312 (（一）) and bold 仿宋 (1.), the
// title 方正小标宋简体 二号, the 发文机关标志 red above a red rule, the 文号 centred under it, 落款
// and 成文日期 (arabic numerals, no leading zeros) right-aligned, page numbers "— 1 —" 宋体 四号 on
// the outer edge (odd pages right, even pages left, one character in).

export type GongwenBlock =
  | { type: "heading"; level: 1 | 2 | 3; text: string }
  | { type: "paragraph"; text: string }
  | { type: "table"; header: string[]; rows: (string | number)[][]; caption?: string };

export type Gongwen = {
  /** 发文机关标志, e.g. 重庆市沙坪坝区人民政府办公室 (omitted for a letter-form 告知书 without one). */
  issuer?: string;
  /** 发文字号, e.g. 沙府办发〔2026〕12号 (lib/library/doc-number.ts checks it). */
  docNumber?: string;
  title: string;
  /** 主送机关 or the addressee, written with its colon, e.g. 张三： */
  recipient?: string;
  blocks: GongwenBlock[];
  /** 发文机关署名 (落款). */
  signer: string;
  /** 成文日期 as YYYY-MM-DD (China time). */
  date: string;
  /** 附注, e.g. （此件公开发布）. */
  note?: string;
};

const FANGSONG = "仿宋_GB2312";
const XIAOBIAOSONG = "方正小标宋简体";
const HEITI = "黑体";
const KAITI = "楷体_GB2312";
const SONG = "宋体";
/** 三号 = 16 pt, in docx's half-points. */
const SIZE_3 = 32;
/** 二号 = 22 pt. */
const SIZE_2 = 44;
/** 四号 = 14 pt, for page numbers and table cells. */
const SIZE_4 = 28;
/** 28.95 pt in twips: 22 lines on the 225 mm type area. */
const LINE = 579;
/** Two characters of 三号 (2 × 16 pt) in twips: the first-line indent of a paragraph. */
const INDENT = 640;
const RED = "FF0000";

/** "2026-12-06" → "2026年12月6日": GB/T 9704-2012 §7.3.5.3, arabic numerals without 虚位. */
export function gongwenDate(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) throw new Error(`成文日期格式应为 YYYY-MM-DD：${day}`);
  return `${match[1]}年${Number(match[2])}月${Number(match[3])}日`;
}

const run = (text: string, font = FANGSONG, options: { size?: number; bold?: boolean; color?: string } = {}) =>
  new TextRun({ text, font: { eastAsia: font, ascii: font, hAnsi: font }, size: options.size ?? SIZE_3, ...options });

const line = { line: LINE, lineRule: LineRuleType.EXACT };

function blockParagraphs(block: GongwenBlock): (Paragraph | Table)[] {
  if (block.type === "heading") {
    const font = block.level === 1 ? HEITI : block.level === 2 ? KAITI : FANGSONG;
    return [
      new Paragraph({
        spacing: line,
        indent: { firstLine: INDENT },
        children: [run(block.text, font, { bold: block.level === 3 })],
      }),
    ];
  }
  if (block.type === "paragraph")
    return [new Paragraph({ spacing: line, indent: { firstLine: INDENT }, children: [run(block.text)] })];
  const cell = (text: string | number, bold = false) =>
    new TableCell({
      children: [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [run(String(text), FANGSONG, { size: SIZE_4, bold })],
        }),
      ],
    });
  const table = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: block.header.map((text) => cell(text, true)) }),
      ...block.rows.map((row) => new TableRow({ children: row.map((text) => cell(text)) })),
    ],
  });
  const caption = block.caption
    ? [new Paragraph({ alignment: AlignmentType.CENTER, spacing: line, children: [run(block.caption, HEITI)] })]
    : [];
  return [...caption, table, new Paragraph({ spacing: line, children: [] })];
}

function pageNumberFooter(alignment: "left" | "right") {
  return new Footer({
    children: [
      new Paragraph({
        alignment: alignment === "right" ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: alignment === "right" ? { right: SIZE_4 * 10 } : { left: SIZE_4 * 10 },
        children: [new TextRun({ children: ["— ", PageNumber.CURRENT, " —"], font: SONG, size: SIZE_4 })],
      }),
    ],
  });
}

/** The document's paragraphs in order: head (版头), body (主体) and the signature block. */
function gongwenChildren(doc: Gongwen): (Paragraph | Table)[] {
  const head: Paragraph[] = [];
  if (doc.issuer)
    head.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { after: 240 },
        children: [run(doc.issuer, XIAOBIAOSONG, { size: 60, color: RED })],
      }),
    );
  if (doc.docNumber)
    head.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: line, children: [run(doc.docNumber)] }));
  if (doc.issuer)
    head.push(
      new Paragraph({
        spacing: { after: 480 },
        border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: RED, space: 1 } },
        children: [],
      }),
    );
  const title = new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { ...line, after: LINE },
    children: [run(doc.title, XIAOBIAOSONG, { size: SIZE_2 })],
  });
  const recipient = doc.recipient ? [new Paragraph({ spacing: line, children: [run(doc.recipient)] })] : [];
  // 落款 and 成文日期 right-aligned, four characters in from the right margin (§7.3.5.1).
  const signature = [doc.signer, gongwenDate(doc.date)].map(
    (text, index) =>
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        indent: { right: INDENT * 2 },
        spacing: index === 0 ? { ...line, before: LINE * 2 } : line,
        children: [run(text)],
      }),
  );
  const note = doc.note
    ? [new Paragraph({ spacing: line, indent: { firstLine: INDENT }, children: [run(doc.note)] })]
    : [];
  return [...head, title, ...recipient, ...doc.blocks.flatMap(blockParagraphs), ...signature, ...note];
}

/** The document as .docx bytes. */
export async function gongwenDocx(doc: Gongwen): Promise<Buffer> {
  const document = new Document({
    evenAndOddHeaderAndFooters: true,
    styles: { default: { document: { run: { font: FANGSONG, size: SIZE_3 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: convertMillimetersToTwip(210), height: convertMillimetersToTwip(297) },
            margin: {
              top: convertMillimetersToTwip(37),
              bottom: convertMillimetersToTwip(35),
              left: convertMillimetersToTwip(28),
              right: convertMillimetersToTwip(26),
            },
          },
        },
        footers: { default: pageNumberFooter("right"), even: pageNumberFooter("left") },
        children: gongwenChildren(doc),
      },
    ],
  });
  return Packer.toBuffer(document);
}

type RichNode = { type?: string; text?: string; attrs?: Record<string, unknown>; content?: RichNode[] };

const textOf = (node: RichNode): string =>
  node.type === "text"
    ? (node.text ?? "")
    : node.type === "hardBreak"
      ? "\n"
      : (node.content ?? []).map(textOf).join("");

/**
 * A library body (Tiptap JSON) as 公文 blocks: headings by level (h2 → 一、, h3 → （一）, deeper
 * → 1.), paragraphs, list items as paragraphs, tables with their first row as header. Images and
 * other embeds are left out (a 公文 carries them as attachments).
 */
export function richTextToGongwenBlocks(doc: unknown): GongwenBlock[] {
  const blocks: GongwenBlock[] = [];
  const visit = (node: RichNode) => {
    switch (node.type) {
      case "heading": {
        const level = Number(node.attrs?.level ?? 2);
        blocks.push({ type: "heading", level: level <= 2 ? 1 : level === 3 ? 2 : 3, text: textOf(node) });
        return;
      }
      case "paragraph": {
        const text = textOf(node).trim();
        if (text) blocks.push({ type: "paragraph", text });
        return;
      }
      case "table": {
        const rows = (node.content ?? []).map((row) => (row.content ?? []).map((cell) => textOf(cell).trim()));
        if (rows.length) blocks.push({ type: "table", header: rows[0]!, rows: rows.slice(1) });
        return;
      }
      default:
        for (const child of node.content ?? []) visit(child);
    }
  };
  if (doc && typeof doc === "object") visit(doc as RichNode);
  return blocks;
}

import type { JSONContent } from "@tiptap/core";

// 一键排版: Chinese government text conventions applied to a Tiptap document.
// - half-width punctuation in Chinese text becomes full-width (，。；：？！（）), full-width digits
//   and Latin letters become half-width; URLs, e-mail addresses, numbers such as 3.5 or 10:30 and
//   text without Chinese around it (English sentences, code) are left as written;
// - no stray spaces between Chinese characters or before punctuation, none at paragraph ends
//   (manual indents of spaces or full-width spaces are removed: indentation is a paragraph attribute);
// - every body paragraph gets the two-character first-line indent, except in tables, lists,
//   headings, notes and centred or right-aligned lines (titles, signatures);
// - empty paragraphs go; marks other than bold/italic/underline/link (Office leftovers) go.

const HAN = "\\p{Script=Han}";
const CHINESE_MARKS = "，。；：？！、（）“”《》";
const FULL_WIDTH: Record<string, string> = {
  ",": "，",
  ".": "。",
  ";": "；",
  ":": "：",
  "?": "？",
  "!": "！",
  "(": "（",
  ")": "）",
};
const KEPT_MARKS = new Set(["bold", "italic", "underline", "link", "strike"]);
// Addresses keep their ASCII punctuation; a sentence mark right after one is not part of it.
const PROTECTED = /(?:https?:\/\/|www\.)[\w\-.~:/?#[\]@!$&'*+,;=%]+[\w/#=&-]|[\w.+-]+@[\w-]+(?:\.[\w-]+)+/giu;

function normalizeSegment(text: string): string {
  return (
    text
      // Full-width digits and Latin letters (２０２６, ＧＤＰ) are written half-width.
      .replace(/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/gu, (char) =>
        String.fromCharCode(char.charCodeAt(0) - 0xfee0),
      )
      // …and so are the marks inside numbers: 3．5 → 3.5, 10：30 → 10:30.
      .replace(/(?<=\d)([．：])(?=\d)/gu, (mark: string) => (mark === "．" ? "." : ":"))
      // Spaces (including full-width and no-break) between two Chinese characters or marks.
      .replace(new RegExp(`(?<=[${HAN}${CHINESE_MARKS}])[ \\u00a0\\u3000]+(?=[${HAN}${CHINESE_MARKS}])`, "gu"), "")
      // Half-width punctuation after Chinese text (not inside numbers like 3.14 or times 10:30)…
      .replace(
        new RegExp(`(?<=[${HAN}”》）])[ \\u00a0]*([,;:?!])(?!\\d)`, "gu"),
        (_, mark: string) => FULL_WIDTH[mark]!,
      )
      .replace(new RegExp(`(?<=[${HAN}”》）])[ \\u00a0]*\\.(?!\\d)(?=\\s*$|\\s*[${HAN}“《（])`, "gu"), "。")
      // …or before it (“Smart City, 详见附件”).
      .replace(
        new RegExp(`[ \\u00a0]*([,;:?!])[ \\u00a0]*(?=[${HAN}“《])`, "gu"),
        (_, mark: string) => FULL_WIDTH[mark]!,
      )
      // Brackets that enclose Chinese text or stand in it: (一), 第(1)项.
      .replace(new RegExp(`\\(([^()]*[${HAN}][^()]*)\\)`, "gu"), "（$1）")
      .replace(
        new RegExp(`(?<=[${HAN}])\\(([^()]{1,20})\\)|\\(([^()]{1,20})\\)(?=[${HAN}])`, "gu"),
        (_, a?: string, b?: string) => `（${a ?? b}）`,
      )
      // No space before a Chinese mark, none after one.
      .replace(new RegExp(`[ \\u00a0\\u3000]+(?=[，。；：？！、）》”])`, "gu"), "")
      .replace(new RegExp(`(?<=[，。；：？！、（《“])[ \\u00a0]+`, "gu"), "")
  );
}

export function normalizeChineseText(text: string): string {
  let result = "";
  let last = 0;
  for (const match of text.matchAll(PROTECTED)) {
    result += normalizeSegment(text.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return result + normalizeSegment(text.slice(last));
}

function textOf(node: JSONContent): string {
  return node.text ?? (node.content ?? []).map(textOf).join("");
}

function cleanInline(nodes: JSONContent[] | undefined): JSONContent[] {
  const cleaned = (nodes ?? [])
    .map((node) => {
      if (node.type !== "text") return node;
      const marks = node.marks?.filter((mark) => KEPT_MARKS.has(mark.type));
      return {
        ...node,
        text: normalizeChineseText(node.text ?? ""),
        ...(marks?.length ? { marks } : { marks: undefined }),
      };
    })
    .filter((node) => node.type !== "text" || node.text !== "");
  // Leading and trailing blanks of the paragraph (manual indentation).
  const first = cleaned[0];
  if (first?.type === "text") first.text = first.text!.replace(/^[\s\u3000]+/, "");
  const last = cleaned[cleaned.length - 1];
  if (last?.type === "text") last.text = last.text!.replace(/[\s\u3000]+$/, "");
  return cleaned
    .filter((node) => node.type !== "text" || node.text !== "")
    .map((node) => (node.marks === undefined ? omitMarks(node) : node));
}

function omitMarks(node: JSONContent): JSONContent {
  const { marks: _marks, ...rest } = node;
  return rest;
}

function layoutBlock(node: JSONContent, inBody: boolean): JSONContent | null {
  if (node.type === "paragraph") {
    const content = cleanInline(node.content);
    // A paragraph of only a footnote reference or an image is not empty.
    const hasAtom = content.some((child) => child.type !== "text" && child.type !== "hardBreak");
    if (!hasAtom && textOf({ content }).trim() === "") return null;
    const align = node.attrs?.textAlign as string | undefined;
    const indent = inBody && align !== "center" && align !== "right";
    return { ...node, attrs: { ...node.attrs, indent }, content };
  }
  if (node.type === "heading" || node.type === "footnote") return { ...node, content: cleanInline(node.content) };
  if (node.type === "text" || node.type === "image" || node.type === "hardBreak") return node;
  // Containers: lists and tables hold paragraphs that are not body paragraphs.
  const childInBody = node.type === "doc" || node.type === "blockquote" ? inBody : false;
  const content = (node.content ?? []).map((child) => layoutBlock(child, childInBody));
  const kept = content.filter((child): child is JSONContent => child !== null);
  // Table cells and list items must keep at least one paragraph.
  if (kept.length === 0 && (node.type === "tableCell" || node.type === "tableHeader" || node.type === "listItem")) {
    return { ...node, content: [{ type: "paragraph" }] };
  }
  return { ...node, content: kept };
}

export function applyGovernmentLayout(doc: JSONContent): JSONContent {
  const result = layoutBlock(doc, true) ?? { type: "doc", content: [] };
  if (!result.content?.length) result.content = [{ type: "paragraph" }];
  return result;
}

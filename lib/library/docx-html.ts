import mammoth from "mammoth";
import { DomUtils, parseDocument } from "htmlparser2";
import { Element, Text, isTag, isText, type AnyNode, type ParentNode } from "domhandler";
import { invalid } from "@/lib/errors";
import { translateDocxMessages } from "@/lib/library/docx-warnings";

// Reads a Word document (.docx) into HTML the body schema (lib/library/extensions.ts) parses.
// mammoth, a well-kept .docx reader, maps Word's semantic styles (headings, lists, tables,
// footnotes) to HTML; what it leaves out is added here:
// - alignment: mammoth drops it, so centred and right-aligned paragraphs (落款, centred pictures)
//   are marked in its document model and turned into attributes afterwards;
// - headings: the article title is the page's h1, so body headings start at h2 and keep their
//   distance: the shallowest level used in the body (usually Heading 1) → h2, the next → h3, the
//   rest → h4, the deepest level the schema has (deeper ones merge into it, with a warning);
// - footnotes and endnotes: one numbered list at the end, each note linked both ways;
// - images: collected with their bytes and stored by the caller (placeholders `docx-image:N`).

const STYLE_MAP = [
  "p[style-name='Title'] => h1.docx-title:fresh",
  "p[style-name='标题'] => h1.docx-title:fresh",
  "p[style-name='Subtitle'] => h2.docx-subtitle:fresh",
  "p[style-name='副标题'] => h2.docx-subtitle:fresh",
  // Body and note styles of LibreOffice and WPS are plain paragraphs, not unknown styles.
  "p[style-name='Text Body'] => p:fresh",
  "p[style-name='Body Text'] => p:fresh",
  "p[style-name='正文文本'] => p:fresh",
  "p[style-name='Table Contents'] => p:fresh",
  "p[style-name='Footnote'] => p:fresh",
  "p[style-name='Endnote'] => p:fresh",
  "p[style-name='footnote text'] => p:fresh",
  "p[style-name='endnote text'] => p:fresh",
  "r[style-name='Footnote Characters'] =>",
  "r[style-name='Endnote Characters'] =>",
  "r[style-name='Footnote Anchor'] =>",
  "r[style-name='Endnote Anchor'] =>",
];

export const DOCX_IMAGE_PREFIX = "docx-image:";
const ALIGN_MARK = /\uE000(center|right)\uE001/g;
const DEEPEST_HEADING = 4;

export type DocxImage = { index: number; contentType: string; bytes: Uint8Array; altText: string };
export type DocxContent = { title: string; html: string; images: DocxImage[]; warnings: string[] };

type WordElement = { type: string; alignment?: string | null; children?: WordElement[] };

/** Prefixes centred and right-aligned paragraphs with a private-use mark mammoth passes through. */
function markAlignment(element: WordElement): WordElement {
  const children = element.children?.map(markAlignment);
  const marked = children ? { ...element, children } : element;
  if (marked.type !== "paragraph" || !children?.length) return marked;
  const align =
    marked.alignment === "center" ? "center" : ["right", "end"].includes(marked.alignment ?? "") ? "right" : null;
  if (!align) return marked;
  const run = {
    type: "run",
    children: [{ type: "text", value: `\uE000${align}\uE001` }],
    styleId: null,
    styleName: null,
    isBold: false,
    isUnderline: false,
    isItalic: false,
    isStrikethrough: false,
    isAllCaps: false,
    isSmallCaps: false,
    verticalAlignment: "baseline",
    font: null,
    fontSize: null,
    highlight: null,
  };
  return { ...marked, children: [run as WordElement, ...children] };
}

const BLOCKS = new Set(["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th"]);

/** The marks become `text-align` on their paragraph or heading, and `data-align` on its images. */
function applyAlignment(root: ParentNode) {
  const texts = DomUtils.filter((node) => isText(node) && node.data.includes("\uE000"), root.children, true);
  for (const text of texts as Text[]) {
    const align = /\uE000(center|right)\uE001/.exec(text.data)?.[1];
    text.data = text.data.replace(ALIGN_MARK, "");
    let block = text.parent;
    while (block && isTag(block) && !BLOCKS.has(block.name)) block = block.parent;
    if (!align || !block || !isTag(block) || !/^(p|h\d)$/.test(block.name)) continue;
    block.attribs.style = `text-align: ${align}`;
    for (const image of DomUtils.getElementsByTagName("img", block)) image.attribs["data-align"] = align;
  }
}

function headingLevel(element: Element): number {
  return Number(element.name.slice(1));
}

/** Takes out the title (Title style, else the first heading, else the first paragraph). */
function takeTitle(root: ParentNode): string {
  const headings = DomUtils.getElementsByTagName((name) => /^h[1-6]$/.test(name), root.children);
  const title =
    headings.find((element) => element.attribs.class === "docx-title") ??
    headings.find((element) => element.attribs.class !== "docx-subtitle") ??
    DomUtils.getElementsByTagName("p", root.children).find((element) => DomUtils.textContent(element).trim() !== "");
  if (!title) return "";
  DomUtils.removeElement(title);
  return DomUtils.textContent(title).replace(/\s+/g, " ").trim().slice(0, 200);
}

/** Body headings from h2 down, their distances kept (see the module comment). */
function shiftHeadings(root: ParentNode, warnings: string[]) {
  const headings = DomUtils.getElementsByTagName((name) => /^h[1-6]$/.test(name), root.children);
  const body = headings.filter((element) => !element.attribs.class?.startsWith("docx-"));
  const shallowest = Math.min(...body.map(headingLevel));
  let merged = false;
  for (const element of body) {
    const level = headingLevel(element) - shallowest + 2;
    merged ||= level > DEEPEST_HEADING;
    element.name = `h${Math.min(level, DEEPEST_HEADING)}`;
  }
  for (const element of headings) delete element.attribs.class;
  if (merged) warnings.push("文档的标题超过三级：第四级及更深的标题已按第三级小标题导入，请核对。");
}

const NOTE_REFERENCE = /^#((?:footnote|endnote)-[\w-]+)$/;
const NOTE_BACK_LINK = /^#(?:footnote|endnote)-ref-/;

/** mammoth's note references and its list of notes become the body's footnote nodes. */
function convertNotes(root: ParentNode) {
  const numbers = new Map<string, number>();
  for (const link of DomUtils.getElementsByTagName("a", root.children)) {
    const id = NOTE_REFERENCE.exec(link.attribs.href ?? "")?.[1];
    const sup = link.parent;
    if (!id || !sup || !isTag(sup) || sup.name !== "sup") continue;
    const number = numbers.get(id) ?? numbers.size + 1;
    numbers.set(id, number);
    DomUtils.replaceElement(sup, new Element("sup", { "data-footnote-ref": String(number) }));
  }
  if (numbers.size === 0) return;
  const notes = DomUtils.getElementsByTagName("li", root.children).filter((item) => numbers.has(item.attribs.id ?? ""));
  const list = new Element("ol", { "data-footnotes": "" });
  for (const item of notes.sort((a, b) => numbers.get(a.attribs.id!)! - numbers.get(b.attribs.id!)!)) {
    for (const back of DomUtils.getElementsByTagName("a", item)) {
      if (NOTE_BACK_LINK.test(back.attribs.href ?? "")) DomUtils.removeElement(back);
    }
    // A note's paragraphs become one line each; the note itself holds inline content only.
    const span = new Element("span", { class: "footnote-text" });
    const paragraphs = item.children.filter((child) => DomUtils.textContent(child).trim() !== "");
    paragraphs.forEach((paragraph, index) => {
      if (index > 0) DomUtils.appendChild(span, new Element("br", {}));
      const inline = isTag(paragraph) && paragraph.name === "p" ? [...paragraph.children] : [paragraph];
      for (const child of inline) DomUtils.appendChild(span, child);
    });
    const last = span.children[span.children.length - 1];
    if (last && isText(last)) last.data = last.data.trimEnd();
    const note = new Element("li", { "data-footnote": String(numbers.get(item.attribs.id!)) });
    DomUtils.appendChild(note, span);
    DomUtils.appendChild(list, note);
    const oldList = item.parent;
    DomUtils.removeElement(item);
    if (oldList && isTag(oldList) && oldList.children.every((child) => isText(child) && !child.data.trim()))
      DomUtils.removeElement(oldList);
  }
  if (list.children.length) DomUtils.appendChild(root as Element, list);
}

/** Reads the document; nothing is stored. Unreadable files are refused in Chinese. */
export async function readDocx(bytes: Uint8Array): Promise<DocxContent> {
  const images: DocxImage[] = [];
  let result: Awaited<ReturnType<typeof mammoth.convertToHtml>>;
  try {
    result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes) },
      {
        styleMap: STYLE_MAP,
        transformDocument: markAlignment,
        convertImage: mammoth.images.imgElement(async (image) => {
          const index = images.length + 1;
          // Word and WPS keep the description in descr (else title); LibreOffice writes both empty.
          const altText = ((image as typeof image & { altText?: string }).altText ?? "").trim();
          images.push({
            index,
            contentType: image.contentType,
            bytes: new Uint8Array(await image.readAsBuffer()),
            altText,
          });
          return { src: `${DOCX_IMAGE_PREFIX}${index}`, alt: altText };
        }),
      },
    );
  } catch {
    throw invalid(
      "无法读取这个 Word 文档：文件可能已损坏，或不是 .docx 格式。请在 Word/WPS 中重新另存为 .docx 后再导入。",
    );
  }
  const warnings: string[] = [];
  const document = parseDocument(result.value);
  applyAlignment(document);
  const title = takeTitle(document);
  shiftHeadings(document, warnings);
  convertNotes(document);
  return {
    title,
    html: DomUtils.getOuterHTML(document.children as AnyNode[], { encodeEntities: "utf8" }),
    images,
    warnings: [...translateDocxMessages(result.messages), ...warnings],
  };
}

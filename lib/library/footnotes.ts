import { Node } from "@tiptap/core";

// Footnotes and endnotes (注释) of a revision body: a superscript reference in the text links to
// its note in one numbered list at the end of the body, and each note links back. Word imports
// produce them (lib/library/docx-html.ts); the numbers are stored, so the rendered list shows
// the same number as the reference even after a note in between was removed.

const noteNumber = (element: HTMLElement, attribute: string) => {
  const value = Number(element.getAttribute(attribute));
  return Number.isInteger(value) && value > 0 ? value : 1;
};

/** The reference in the text: `<sup><a href="#fn-1" id="fnref-1">[1]</a></sup>`. */
export const FootnoteReference = Node.create({
  name: "footnoteReference",
  group: "inline",
  inline: true,
  atom: true,
  selectable: true,
  addAttributes() {
    return {
      number: {
        default: 1,
        rendered: false,
        parseHTML: (element) => noteNumber(element, "data-footnote-ref"),
      },
    };
  },
  parseHTML() {
    return [{ tag: "sup[data-footnote-ref]", priority: 100 }];
  },
  renderHTML({ node }) {
    const number = node.attrs.number as number;
    return [
      "sup",
      { class: "footnote-ref", "data-footnote-ref": String(number) },
      ["a", { href: `#fn-${number}`, id: `fnref-${number}` }, `[${number}]`],
    ];
  },
  renderText({ node }) {
    return `[${node.attrs.number as number}]`;
  },
});

/** The list of notes at the end of the body. */
export const Footnotes = Node.create({
  name: "footnotes",
  group: "block",
  content: "footnote+",
  defining: true,
  isolating: true,
  parseHTML() {
    return [{ tag: "ol[data-footnotes]", priority: 100 }];
  },
  renderHTML() {
    return ["ol", { class: "footnotes", "data-footnotes": "" }, 0];
  },
});

/** One note: its text, then a link back to the reference. */
export const Footnote = Node.create({
  name: "footnote",
  content: "inline*",
  defining: true,
  addAttributes() {
    return {
      number: {
        default: 1,
        rendered: false,
        parseHTML: (element) => noteNumber(element, "data-footnote"),
      },
    };
  },
  parseHTML() {
    return [{ tag: "li[data-footnote]", contentElement: "span.footnote-text", priority: 100 }];
  },
  renderHTML({ node }) {
    const number = node.attrs.number as number;
    return [
      "li",
      { id: `fn-${number}`, value: String(number), "data-footnote": String(number) },
      ["span", { class: "footnote-text" }, 0],
      " ",
      [
        "a",
        { href: `#fnref-${number}`, class: "footnote-back", "aria-label": "返回正文", contenteditable: "false" },
        "↩",
      ],
    ];
  },
});

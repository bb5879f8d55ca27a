import { Extension } from "@tiptap/core";
import StarterKit from "@tiptap/starter-kit";
import { TableKit } from "@tiptap/extension-table";
import Image from "@tiptap/extension-image";
import TextAlign from "@tiptap/extension-text-align";
import { isBodyHref } from "@/lib/validation/url";
import { Footnote, FootnoteReference, Footnotes } from "@/lib/library/footnotes";

// The one extension list of revision bodies: the editor in the browser and the HTML renderer
// on the server use the same schema, so what an editor sees is what the portal shows.

/** 首行缩进: Chinese body paragraphs are indented by two characters. */
export const FirstLineIndent = Extension.create({
  name: "firstLineIndent",
  addGlobalAttributes() {
    return [
      {
        types: ["paragraph"],
        attributes: {
          indent: {
            default: false,
            parseHTML: (element) => Boolean(element.style?.textIndent && element.style.textIndent !== "0px"),
            renderHTML: (attributes) => (attributes.indent ? { style: "text-indent: 2em" } : {}),
          },
        },
      },
    ];
  },
});

export const IMAGE_ALIGNMENTS = ["center", "right"] as const;
export type ImageAlign = (typeof IMAGE_ALIGNMENTS)[number];
const IMAGE_ALIGN_STYLE: Record<ImageAlign, string> = {
  center: "display: block; margin-left: auto; margin-right: auto",
  right: "display: block; margin-left: auto; margin-right: 0",
};

/** Images are blocks; a centred or right-aligned one (Word's centred pictures) keeps its place. */
export const BodyImage = Image.extend({
  addAttributes() {
    return {
      ...this.parent?.(),
      align: {
        default: null,
        parseHTML: (element) => {
          const align = element.getAttribute("data-align");
          return IMAGE_ALIGNMENTS.find((known) => known === align) ?? null;
        },
        renderHTML: (attributes) => {
          const align = IMAGE_ALIGNMENTS.find((known) => known === attributes.align);
          return align ? { "data-align": align, style: IMAGE_ALIGN_STYLE[align] } : {};
        },
      },
    };
  },
}).configure({ inline: false });

export const bodyExtensions = [
  StarterKit.configure({
    heading: { levels: [2, 3, 4] },
    code: false,
    codeBlock: false,
    // Links may point only where isBodyHref allows (http(s), mailto, tel, a local path); any
    // other href renders empty. rel is not an attribute an author can set.
    link: {
      openOnClick: false,
      autolink: true,
      protocols: ["http", "https", "mailto", "tel"],
      HTMLAttributes: { rel: "noopener noreferrer" },
      isAllowedUri: (url) => isBodyHref(url),
    },
  }),
  TableKit.configure({ table: { resizable: false } }),
  BodyImage,
  TextAlign.configure({ types: ["heading", "paragraph"], alignments: ["left", "center", "right", "justify"] }),
  FirstLineIndent,
  FootnoteReference,
  Footnotes,
  Footnote,
];

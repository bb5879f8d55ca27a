import { Extension } from "@tiptap/core";
import StarterKit from "@tiptap/starter-kit";
import { TableKit } from "@tiptap/extension-table";
import Image from "@tiptap/extension-image";
import TextAlign from "@tiptap/extension-text-align";
import { isBodyHref } from "@/lib/validation/url";

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
  Image.configure({ inline: false }),
  TextAlign.configure({ types: ["heading", "paragraph"], alignments: ["left", "center", "right", "justify"] }),
  FirstLineIndent,
];
